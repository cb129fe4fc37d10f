/**
 * The security headers on every kind of response, HSTS only over HTTPS (directly or through a
 * trusted proxy), and frame-ancestors from STREFA_FRAME_ANCESTORS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.ts';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('security headers', () => {
  it('are on pages, API answers, errors and health checks alike', async () => {
    ctx = await createTestContext();
    const client = ctx.client();
    for (const path of ['/', '/healthz', '/api/v1/session', '/api/v1/nothing-here']) {
      const response = await client.get(path, { Accept: path === '/' ? 'text/html' : 'application/json' });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy'), path).toMatch(/camera=\(\).*geolocation=\(\)/);
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      // Plain HTTP: no HSTS (a browser would ignore it, and it must not stick to a dev host).
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('send HSTS when a trusted proxy says the request was HTTPS, and only then', async () => {
    ctx = await createTestContext({ env: { TRUST_PROXY: 'on' } });
    const https = await ctx.client().get('/healthz', { 'X-Forwarded-Proto': 'https' });
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const http = await ctx.client().get('/healthz', { 'X-Forwarded-Proto': 'http' });
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });

  it('ignore X-Forwarded-Proto from anyone when no proxy is trusted', async () => {
    ctx = await createTestContext();
    const forged = await ctx.client().get('/healthz', { 'X-Forwarded-Proto': 'https' });
    expect(forged.headers.get('strict-transport-security')).toBeNull();
  });

  it('let the operator choose who may frame the portal', async () => {
    ctx = await createTestContext({
      env: { STREFA_FRAME_ANCESTORS: 'self https://www.spoldzielnia.example.pl' },
    });
    const response = await ctx.client().get('/healthz');
    expect(response.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' https://www.spoldzielnia.example.pl",
    );
    // X-Frame-Options cannot express a list: left out rather than contradicting the CSP.
    expect(response.headers.get('x-frame-options')).toBeNull();
  });
});
