/**
 * Issue 13, item 14: every page logged a `Permissions-Policy` warning ("Unrecognized feature:
 * 'bluetooth'"). The header must name only features the browser knows. Chromium's own console
 * (the DevTools protocol's Log domain, where the browser itself reports header problems, and the
 * page's console) is collected while the real BFF serves a page, the API and a health check.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext } from './support/browser.ts';

let bff: RunningBff;
let browser: Browser;

beforeAll(async () => {
  [bff, browser] = await Promise.all([startBff(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bff?.stop();
});

describe('Permissions-Policy', () => {
  it('is sent, and Chromium reports nothing about it on any kind of page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`console ${message.type()}: ${message.text()}`));
    const cdp = await context.newCDPSession(page);
    cdp.on('Log.entryAdded', ({ entry }) => messages.push(`log ${entry.level}: ${entry.text}`));
    await cdp.send('Log.enable');

    let headers = 0;
    for (const path of ['/', '/strefa-mieszkanca.html', '/healthz', '/api/v1/session']) {
      const response = await page.goto(`${bff.url}${path}`, { waitUntil: 'load' });
      const policy = response?.headers()['permissions-policy'];
      expect(policy, path).toMatch(/camera=\(\)/);
      headers++;
    }
    // The protocol delivers a session's events in order: one more round trip flushes them.
    await cdp.send('Runtime.evaluate', { expression: 'document.readyState' });
    await context.close();

    expect(headers).toBe(4);
    expect(messages.filter((message) => /permissions.policy|feature policy/i.test(message))).toEqual([]);
  });
});
