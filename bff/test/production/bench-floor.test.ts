/**
 * The browser measure's same-run reference (bench-instruments.ts): the demo's zone page with the
 * zone taken out and its table written in. The bench subtracts it from the zone's time, so it must
 * stay the same host page (styles, logo, icon, text) and hold no widget code, and it must fail
 * loudly when the zone page changes shape instead of quietly timing something else.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repositoryRoot } from '../../src/config.ts';
import { hostFloorPage } from '../../src/middleware/bench-instruments.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const zonePage = readFileSync(resolve(repositoryRoot, 'demo/strefa-mieszkanca.html'), 'utf8');

describe('hostFloorPage', () => {
  const floor = hostFloorPage(zonePage);

  it('keeps the host page and drops the zone: no script, no portal, the table in the HTML', () => {
    expect(floor).not.toMatch(/<script\b/i);
    expect(floor).not.toContain('<resident-portal');
    // Nor the session check the zone page preloads for its widgets (the floor would fetch it for nothing).
    expect(zonePage).toContain('<link rel="preload" as="fetch" href="/api/v1/session?include=me"');
    expect(floor).not.toContain('/api/');
    // What the bench looks for: a <rent-components> with a table row holding an amount.
    expect(floor).toMatch(/<rent-components>[\s\S]*<tbody>[\s\S]*\d,\d\d zł[\s\S]*<\/rent-components>/);
    for (const kept of [
      '<link rel="stylesheet" href="/styles.css" />',
      '<link rel="icon"',
      'src="/logo.svg"',
    ]) {
      expect(floor).toContain(kept);
    }
    // Everything before the zone and after it is the zone page's own text.
    const [before] = zonePage.split('<script');
    expect(floor.startsWith(before!)).toBe(true);
    expect(
      floor.endsWith(zonePage.slice(zonePage.indexOf('</resident-portal>') + '</resident-portal>'.length)),
    ).toBe(true);
  });

  it('refuses a page without a module script or without the portal', () => {
    expect(() => hostFloorPage(zonePage.replace(/<script\b[^>]*><\/script>/g, ''))).toThrow(/module script/);
    expect(() =>
      hostFloorPage(zonePage.replace(/<resident-portal\b[\s\S]*?<\/resident-portal>/, '')),
    ).toThrow(/resident-portal/);
  });
});

describe('GET /bench/host-floor.html', () => {
  let ctx: TestContext | undefined;
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
    vi.unstubAllEnvs();
  });

  it("answers the floor page, uncached and with the site's headers, when the bench asks for it", async () => {
    vi.stubEnv('STREFA_BENCH_REFERENCE', 'on');
    ctx = await createTestContext();
    const response = await ctx.client().get('/bench/host-floor.html', { Accept: 'text/html' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.body).toBe(hostFloorPage(zonePage));
  });

  it('does not exist without STREFA_BENCH_REFERENCE, like the other instruments', async () => {
    vi.stubEnv('STREFA_BENCH_REFERENCE', '');
    ctx = await createTestContext();
    for (const path of ['/bench/host-floor.html', '/bench/reference?bytes=100']) {
      const response = await ctx.client().get(path, { Accept: 'text/html' });
      expect(response.status, path).toBe(404);
      expect(JSON.stringify(response.body), path).not.toContain('<rent-components>');
    }
  });
});
