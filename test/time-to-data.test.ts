/**
 * What the resident zone's page asks for, and in which order, on real page loads in Chromium
 * (issue 12, time to data; the timing itself is measured by `npm run bench`, not here): a
 * visitor's page makes exactly one API request, `GET /session?include=me`, answered 200, and logs
 * nothing red; a signed-in resident gets `/me` with the session check (no request of its own) and
 * the month's fees together with the filters, so the data needs two round trips instead of four;
 * the module graph is two levels deep (every chunk `strefa.js` needs is requested at once).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_RESIDENT,
  ensureWidgetsBuilt,
  repositoryRoot,
  startBff,
  type RunningBff,
} from './support/bff.ts';
import { launchChromium, newContext, watchProblems } from './support/browser.ts';

let bff: RunningBff;
let browser: Browser;

beforeAll(async () => {
  await ensureWidgetsBuilt();
  [bff, browser] = await Promise.all([startBff(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bff?.stop();
});

interface Call {
  path: string;
  /** When the page called fetch(), and when its promise settled (the page's clock). */
  sent: number;
  answered: number | null;
}

/**
 * Records, in the page itself, when each API call was made and when its answer reached the page.
 * (Resource timing's startTime is taken in the network stack and may lag the call on a busy
 * machine; what matters here is whether a call waited for another's answer.)
 */
async function recordCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: Call[] = [];
    (window as unknown as { strefaCalls: Call[] }).strefaCalls = calls;
    const real = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        location.href,
      );
      const call: Call = { path: url.pathname + url.search, sent: performance.now(), answered: null };
      calls.push(call);
      const answer = real(input, init);
      answer.then(
        () => (call.answered = performance.now()),
        () => (call.answered = performance.now()),
      );
      return answer;
    };
  });
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { strefaCalls: Call[] }).strefaCalls);
const one = (list: Call[], test: (path: string) => boolean) => {
  const found = list.filter((call) => test(call.path));
  expect(found, `one call matching ${test}`).toHaveLength(1);
  return found[0]!;
};
/** What the page keeps in the browser's storage (nothing: the session is the cookie alone). */
const stored = (page: Page) => page.evaluate(() => Object.keys(localStorage).length);

describe('the requests of the resident zone page', () => {
  it('a visitor: one API request, the session check answered 200, nothing red, nothing stored', async () => {
    const context = await newContext(browser, { baseURL: bff.url });
    try {
      const page = await context.newPage();
      await recordCalls(page);
      const problems = watchProblems(page);
      const statuses: string[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/api/')) {
          statuses.push(
            `${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`,
          );
        }
      });
      await page.goto('/strefa-mieszkanca.html?strefa-tab=czynsz');
      await page.locator('resident-portal resident-login input[autocomplete="username"]').waitFor();
      await page.waitForLoadState('networkidle');
      expect(statuses).toEqual(['GET /api/v1/session 200']);
      expect((await calls(page)).map((call) => call.path)).toEqual(['/api/v1/session?include=me']);
      expect(await stored(page)).toBe(0);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a resident back on the page: /me in the session check, the fees with the filters', async () => {
    const context = await newContext(browser, { baseURL: bff.url });
    try {
      // Sign in through the portal's own form, as a resident does.
      const first = await context.newPage();
      await first.goto('/strefa-mieszkanca.html');
      const portal = first.locator('resident-portal');
      await portal.getByLabel('Identyfikator').fill(DEMO_RESIDENT.login);
      await portal.getByLabel('Hasło', { exact: true }).fill(DEMO_RESIDENT.password);
      await portal.getByRole('button', { name: 'Zaloguj' }).click();
      await portal.getByRole('tab', { name: 'Czynsz' }).click();
      await first.locator('rent-components table tbody tr').first().waitFor();
      const czynsz = first.url();
      expect(czynsz).toMatch(/strefa-year=\d{4}&strefa-month=\d{1,2}/);
      expect(await stored(first)).toBe(0);
      await first.close();

      // The next page load: a fresh page, the same browser profile (its cookie).
      const page = await context.newPage();
      await recordCalls(page);
      const problems = watchProblems(page);
      await page.goto(czynsz);
      await page.locator('rent-components table tbody tr').first().waitFor();
      await page.waitForLoadState('networkidle');
      const made = await calls(page);
      one(made, (p) => p === '/api/v1/session?include=me');
      expect(made.map((call) => call.path)).not.toContain('/api/v1/me');
      const filters = one(made, (p) => /^\/api\/v1\/units\/\d+\/filters$/.test(p));
      const charges = one(made, (p) => /^\/api\/v1\/units\/\d+\/charges\?/.test(p));
      // Sent before the answer it used to wait for had reached the page.
      expect(charges.sent).toBeLessThan(filters.answered!);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('every entry imports every chunk it needs itself: the browser asks for them all at once', () => {
    const dist = join(repositoryRoot, 'packages/elements/dist');
    const imports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) =>
        resolve(dirname(file), m[1]!),
      );
    const entries = readdirSync(dist).filter((name) => /^[a-z-]+\.js$/.test(name));
    expect(entries).toContain('strefa.js');
    for (const name of entries) {
      const entry = join(dist, name);
      const direct = new Set(imports(entry));
      const needed = new Set<string>();
      const visit = (file: string) => {
        for (const next of imports(file)) {
          if (needed.has(next)) continue;
          needed.add(next);
          visit(next);
        }
      };
      visit(entry);
      // Two levels: nothing the entry needs is discovered only inside another chunk.
      expect(
        [...needed].filter((file) => !direct.has(file)),
        name,
      ).toEqual([]);
    }
  });
});
