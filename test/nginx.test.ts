/**
 * Strefa behind Debian's nginx with the repository's example site (deploy/nginx/strefa.conf):
 * TLS ends at nginx with a certificate made at test time, two BFF instances with TRUST_PROXY=on
 * behind it. A login over HTTPS gets a Secure cookie and HSTS; the security headers arrive
 * through the proxy; the client cannot forge its address; Chromium shows the demo site through
 * the proxy without a single Content-Security-Policy violation. Without TRUST_PROXY the same
 * setup gets no Secure cookie: the BFF cannot know that the browser used HTTPS.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CLERK,
  DEMO_RESIDENT,
  ensureWidgetsBuilt,
  freePort,
  startBff,
  type RunningBff,
  repositoryRoot,
} from './support/bff.ts';
import { launchChromium, loginViaApi, widgetsSettled } from './support/browser.ts';
import { httpsRequest, startNginx, type HttpsResponse, type RunningNginx } from './support/nginx.ts';

const header = (response: HttpsResponse, name: string) => {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

const cookieOf = (response: HttpsResponse) => {
  const line = response.setCookies.find((c) => c.startsWith('strefa_session='));
  expect(line, 'a session cookie').toBeDefined();
  return line!;
};

/** The Cookie header a browser would send back: every name=value pair it was given. */
const cookieHeader = (response: HttpsResponse) => response.setCookies.map((c) => c.split(';')[0]).join('; ');

describe('behind nginx with TRUST_PROXY=on', () => {
  let nginx: RunningNginx;
  let instances: RunningBff[] = [];
  let origin: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await ensureWidgetsBuilt();
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    origin = `https://localhost:${httpsPort}`;
    const env = {
      TRUST_PROXY: 'on',
      STREFA_ALLOWED_ORIGINS: origin,
      STREFA_DEMO_UNITS: '30',
      STREFA_DEMO_YEARS: '2',
    };
    // Two instances on one database, as in production (the second finds it prepared).
    const first = await startBff({ env });
    const second = await startBff({ env: { ...env, DATABASE_URL: `sqlite:${first.databaseFile}` } });
    instances = [second, first]; // stopped in this order: the first owns the database file
    nginx = await startNginx({
      httpsPort,
      httpPort,
      upstreams: instances.map((bff) => `127.0.0.1:${bff.port}`),
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    for (const bff of instances) await bff.stop();
  });

  const request = (
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) => httpsRequest(origin + path, { ...options, ca: nginx.certificate });

  it('logs in over HTTPS and gets a Secure, HttpOnly, SameSite=Lax cookie and HSTS', async () => {
    const login = await request('/api/v1/session', {
      method: 'POST',
      headers: { Origin: origin },
      body: DEMO_RESIDENT,
    });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    expect(cookie).toMatch(/;\s*secure/i);
    expect(cookie).toMatch(/;\s*httponly/i);
    expect(cookie).toMatch(/;\s*samesite=lax/i);
    expect(header(login, 'Strict-Transport-Security')).toMatch(/max-age=\d{7,}/);

    // The cookie works through the proxy, whichever instance answers.
    for (let i = 0; i < 4; i++) {
      const session = await request('/api/v1/session', { headers: { Cookie: cookieHeader(login) } });
      expect(session.status).toBe(200);
      expect(session.body.user.login).toBe(DEMO_RESIDENT.login);
    }
  });

  it('passes the security headers through, once each', async () => {
    const page = await request('/', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    const csp = header(page, 'Content-Security-Policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(header(page, 'X-Content-Type-Options')).toBe('nosniff');
    expect(header(page, 'Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(header(page, 'Permissions-Policy')).toContain('camera=()');
    expect(header(page, 'Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(header(page, 'Strict-Transport-Security')).toBe('max-age=31536000');
    expect(header(page, 'Server')).toBe('nginx'); // server_tokens off: no version
    // nginx's request id reaches the BFF (and comes back), so both logs can be joined.
    expect(header(page, 'X-Request-Id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('redirects plain HTTP to HTTPS', async () => {
    const httpPort = Number(/listen 127\.0\.0\.1:(\d+);/.exec(nginx.site)![1]);
    const response = await fetch(`http://127.0.0.1:${httpPort}/strefa-mieszkanca.html`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toMatch(/^https:\/\/[^/]+\/strefa-mieszkanca\.html$/);
  });

  it('records the address nginx saw, not one the client claims', async () => {
    const login = await request('/api/v1/session', {
      method: 'POST',
      headers: { Origin: origin, 'X-Forwarded-For': '203.0.113.66' },
      body: DEMO_CLERK,
    });
    expect(login.status).toBe(200);
    const audit = await request(`/api/v1/admin/audit?login=${DEMO_CLERK.login}`, {
      headers: { Cookie: cookieHeader(login) },
    });
    expect(audit.status).toBe(200);
    const ips = (audit.body.events as { ip: string | null; action: string }[]).map((event) => event.ip);
    expect(ips).toContain('127.0.0.1');
    expect(ips).not.toContain('203.0.113.66');
  });

  it('refuses a cross-site request through the proxy (origin check with the forwarded host)', async () => {
    const forged = await request('/api/v1/session', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: DEMO_RESIDENT,
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf');
  });

  it('shows the demo site in Chromium through the proxy with no CSP violation', async () => {
    browser = await launchChromium();
    const pages = [
      '/',
      ...readdirSync(join(repositoryRoot, 'demo'))
        .filter((file) => file.endsWith('.html'))
        .map((f) => `/${f}`),
    ];
    expect(pages.length).toBeGreaterThan(3);

    /** A fresh profile whose CSP reports (console and securitypolicyviolation) are collected. */
    const open = async () => {
      const context = await browser!.newContext({
        ignoreHTTPSErrors: true,
        locale: 'pl-PL',
        baseURL: origin,
      });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      return { context, page, violations };
    };
    const visitAll = async (page: Page) => {
      for (const path of pages) {
        await page.goto(path, { waitUntil: 'networkidle' });
        await widgetsSettled(page);
        expect(await page.evaluate(() => document.querySelectorAll(':not(:defined)').length), path).toBe(0);
      }
    };

    // A visitor, then the demo resident (data widgets with tables and charts), then the clerk.
    const visitor = await open();
    await visitAll(visitor.page);
    expect(visitor.violations).toEqual([]);

    const resident = await open();
    await resident.page.goto('/strefa-mieszkanca.html', { waitUntil: 'networkidle' });
    await loginViaApi(resident.page, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    await visitAll(resident.page);
    await resident.page.goto('/strefa-mieszkanca.html', { waitUntil: 'networkidle' });
    await widgetsSettled(resident.page);
    expect(await resident.page.locator('resident-portal [role="tab"]').count()).toBeGreaterThan(0);
    expect(resident.violations).toEqual([]);

    const clerk = await open();
    await clerk.page.goto('/pracownicy.html', { waitUntil: 'networkidle' });
    await loginViaApi(clerk.page, DEMO_CLERK.login, DEMO_CLERK.password);
    await clerk.page.reload({ waitUntil: 'networkidle' });
    await widgetsSettled(clerk.page);
    expect(clerk.violations).toEqual([]);

    // The control: an inline script, as an injected one would be, is refused and reported.
    const ran = await resident.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => resident.violations.length).toBeGreaterThan(0);
    expect(resident.violations.join('\n')).toMatch(/script-src/);
    for (const { context } of [visitor, resident, clerk]) await context.close();
  }, 120_000);
});

describe('behind nginx without TRUST_PROXY', () => {
  let nginx: RunningNginx;
  let bff: RunningBff;
  let origin: string;

  beforeAll(async () => {
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    origin = `https://localhost:${httpsPort}`;
    bff = await startBff({
      env: { STREFA_ALLOWED_ORIGINS: origin, STREFA_DEMO_UNITS: '30', STREFA_DEMO_YEARS: '2' },
    });
    nginx = await startNginx({ httpsPort, httpPort, upstreams: [`127.0.0.1:${bff.port}`] });
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop();
    await bff?.stop();
  });

  it('the cookie is not Secure and there is no HSTS: the BFF saw plain HTTP', async () => {
    const login = await httpsRequest(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { Origin: origin },
      body: DEMO_RESIDENT,
      ca: nginx.certificate,
    });
    expect(login.status).toBe(200);
    expect(cookieOf(login)).not.toMatch(/;\s*secure/i);
    expect(header(login, 'Strict-Transport-Security')).toBeUndefined();
  });
});
