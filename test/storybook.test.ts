/**
 * Storybook stays buildable and complete: a static build (`storybook build --test`, ~20 s), whose
 * story index must hold every element in every state (data, loading, empty, error, logged out,
 * locked, must-change-password, phone), and every story must render in Chromium with the mocked
 * API (Mock Service Worker) without an uncaught error, a failed play function or an unexpected
 * console error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './support/bff.ts';
import { launchChromium, newContext } from './support/browser.ts';
import { serveFolder, type StaticServer } from './support/static-server.ts';

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

let outDir: string;
let entries: IndexEntry[];
let server: StaticServer;
let browser: Browser;

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')}:\n${log}`)),
    );
  });
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'strefa-storybook-'));
  await run('npm', ['run', 'manifest', '-w', '@strefa/elements'], repositoryRoot);
  await run(
    'npx',
    ['storybook', 'build', '--test', '--quiet', '--disable-telemetry', '-o', outDir],
    join(repositoryRoot, 'storybook'),
  );
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as {
    entries: Record<string, IndexEntry>;
  };
  entries = Object.values(index.entries).filter((e) => e.type === 'story');
  [server, browser] = await Promise.all([serveFolder(outDir), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const ELEMENTS = [
  'resident-login',
  'clerk-admin',
  'resident-profile',
  'rent-components',
  'ledger-accounts',
  'media-readings',
  'media-settlements',
  'resident-portal',
  'payment-info',
];

/** The states every element shows in Storybook (story ids are `<tag>--<state>`). */
const REQUIRED: Record<string, string[]> = {
  'resident-login': [
    'checking',
    'login-form',
    'locked',
    'must-change-password',
    'logged-in',
    'server-error',
    'phone',
  ],
  'clerk-admin': [
    'results',
    'empty',
    'loading',
    'server-error',
    'logged-out',
    'locked',
    'must-change-password',
    'phone',
  ],
  'payment-info': [
    'data',
    'loading',
    'no-fee-account',
    'server-error',
    'logged-out',
    'locked',
    'must-change-password',
    'phone',
    'english',
    'overdue',
    'overpaid',
    'nothing-due',
    'former-owner',
    'invalid-account-number',
    'recipient-not-configured',
    'stale-data',
  ],
};
const DATA_STATES = [
  'data',
  'loading',
  'empty',
  'server-error',
  'logged-out',
  'locked',
  'must-change-password',
  'phone',
];

/** States beyond the data widgets' common ones. */
const EXTRA_STATES: Record<string, string[]> = {
  'ledger-accounts': ['details', 'balance-history', 'statement-preparing', 'statement-refused'],
};

describe('Storybook', () => {
  it('indexes every element in every state', () => {
    const ids = new Set(entries.map((e) => e.id));
    for (const tag of ELEMENTS) {
      const states = [...(REQUIRED[tag] ?? DATA_STATES), ...(EXTRA_STATES[tag] ?? [])];
      for (const state of states) expect(ids, `${tag}--${state}`).toContain(`${tag}--${state}`);
    }
  });

  it('reads the elements manifest (custom-elements.json) for its controls', () => {
    const manifest = JSON.parse(
      readFileSync(join(repositoryRoot, 'packages/elements/custom-elements.json'), 'utf8'),
    );
    const tags = manifest.modules.flatMap((m: any) => m.declarations ?? []).map((d: any) => d.tagName);
    for (const tag of ELEMENTS) expect(tags).toContain(tag);
  });

  it('renders every story in Chromium without errors', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    let problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // The mocked API answers 401/422/423/503 on purpose in some states; the browser logs those.
      if (
        /Failed to load resource: the server responded with a status of (400|401|403|422|423|503)/.test(
          message.text(),
        )
      ) {
        return;
      }
      problems.push(`console.error ${message.text().slice(0, 300)} ${message.location().url}`);
    });
    const failures: string[] = [];
    try {
      // One page for all stories, switched the way Storybook's UI does it (no reload per story:
      // loading the preview and starting the service worker once is what takes the time).
      await page.goto(`${server.url}/iframe.html?id=${entries[0]!.id}&viewMode=story`);
      for (const entry of entries) {
        problems = [];
        const phone = entry.id.includes('phone');
        await page.setViewportSize(phone ? { width: 360, height: 740 } : { width: 1280, height: 900 });
        const phase = await page.evaluate(async (id) => {
          const preview = (window as any).__STORYBOOK_PREVIEW__;
          for (let i = 0; i < 200 && !preview?.channel; i++) await new Promise((r) => setTimeout(r, 50));
          preview.channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
          for (let i = 0; i < 300; i++) {
            const render = preview.currentRender;
            if (render?.id === id && ['finished', 'errored', 'aborted'].includes(render.phase))
              return render.phase;
            await new Promise((r) => setTimeout(r, 50));
          }
          return `still ${preview.currentRender?.phase} after 15 s`;
        }, entry.id);
        if (phase !== 'finished') problems.push(`story phase: ${phase}`);
        const tag = entry.id.split('--')[0]!;
        // Give the mocked API a moment to answer, so late errors are caught with their story.
        await page.waitForTimeout(150);
        const rendered = await page.evaluate((tag) => {
          const el = document.querySelector(tag);
          return !!el && ((el.shadowRoot?.childNodes.length ?? 0) > 0 || el.childNodes.length > 0);
        }, tag);
        if (!rendered) problems.push(`<${tag}> rendered nothing`);
        if (phone) {
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          if (overflow > 0) problems.push(`${overflow}px wider than a 360px phone`);
        }
        if (problems.length) failures.push(`${entry.id}:\n  ${problems.join('\n  ')}`);
      }
    } finally {
      await context.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 240_000);
});
