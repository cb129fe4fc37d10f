/**
 * The robust deployment: the BFF behind the cooperative's own web server under `/strefa/`, so the
 * widgets, the API and the session cookie share the website's address (deploy/nginx/
 * strefa-same-origin.conf, run as shipped with ports, paths and the certificate substituted).
 *
 * Debian's nginx serves a static "CMS" page over TLS, the BFF (TRUST_PROXY=on) sits behind it under
 * /strefa/ with the prefix stripped, and Chromium walks a resident's journey on the CMS page whose
 * only Strefa markup is the two-line snippet: the widgets find `/strefa` from their own script's
 * address, every API call stays on the site's origin, the cookie is Secure and limited to
 * /strefa/, and nothing red appears in the console.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_RESIDENT,
  ensureWidgetsBuilt,
  freePort,
  repositoryRoot,
  startBff,
  type RunningBff,
} from './support/bff.ts';
import { launchChromium, watchProblems, widgetsSettled } from './support/browser.ts';
import { httpsRequest, runNginx, type RunningNginx } from './support/nginx.ts';

const EXAMPLE = join(repositoryRoot, 'deploy/nginx/strefa-same-origin.conf');

/** The CMS page a web editor made: the guide's snippet with a same-site script address. */
const CMS_PAGE = `<!doctype html>
<html lang="pl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Strefa Mieszkańca – Spółdzielnia Mieszkaniowa „Przykładowa”</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <header><a href="/">Spółdzielnia Mieszkaniowa „Przykładowa”</a></header>
    <main>
      <h1>Strefa Mieszkańca</h1>
      <script type="module" src="/strefa/widgets/strefa.js"></script>
      <resident-portal></resident-portal>
    </main>
  </body>
</html>
`;

/** The shipped example with the test's port, upstream, website folder and certificate. */
function siteForTest(
  example: string,
  port: number,
  upstream: string,
  root: string,
  cert: string,
  key: string,
) {
  const site = example
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port} ssl http2;`)
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`)
    .replace(/root \/var\/www\/spoldzielnia;/, `root ${root};`)
    .replace(/(upstream strefa_bff \{[\s\S]*?)\n\s*server [^\n]+\n/, `$1\n    server ${upstream};\n`);
  for (const changed of [`127.0.0.1:${port}`, cert, root, upstream]) {
    if (!site.includes(changed)) throw new Error(`the example no longer has the line for ${changed}`);
  }
  return site;
}

describe('the BFF under /strefa/ on the website’s own address (nginx)', () => {
  let bff: RunningBff;
  let nginx: RunningNginx;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    await ensureWidgetsBuilt();
    const port = await freePort();
    origin = `https://localhost:${port}`;
    [bff, browser] = await Promise.all([
      startBff({
        env: {
          TRUST_PROXY: 'on',
          STREFA_ALLOWED_ORIGINS: origin,
          STREFA_DEMO_UNITS: '30',
          STREFA_DEMO_YEARS: '2',
        },
      }),
      launchChromium(),
    ]);
    nginx = await runNginx((cert, key, dir) => {
      // nginx's workers run as an unprivileged user: they must be able to pass through the temp
      // folder (not list it) to read the website's files.
      chmodSync(dir, 0o711);
      const root = join(dir, 'www');
      mkdirSync(join(root, 'strefa-mieszkanca'), { recursive: true });
      writeFileSync(
        join(root, 'index.html'),
        '<!doctype html><title>Spółdzielnia</title><h1>Aktualności</h1>',
      );
      writeFileSync(join(root, 'strefa-mieszkanca', 'index.html'), CMS_PAGE);
      return siteForTest(readFileSync(EXAMPLE, 'utf8'), port, `127.0.0.1:${bff.port}`, root, cert, key);
    }, port);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await bff?.stop();
  });

  it('strips the prefix: /strefa/healthz is the BFF’s, the website keeps its own pages', async () => {
    const health = await httpsRequest(`${origin}/strefa/healthz`, { ca: nginx.certificate });
    expect(health.status).toBe(200);
    const home = await httpsRequest(`${origin}/`, { ca: nginx.certificate });
    expect(String(home.body)).toContain('Aktualności');
    const script = await httpsRequest(`${origin}/strefa/widgets/strefa.js`, { ca: nginx.certificate });
    expect(script.status).toBe(200);
    expect(String(script.headers['content-type'])).toMatch(/javascript/);
  });

  it('a resident logs in, reads the fees, reloads and logs out on the CMS page', async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'pl-PL',
      timezoneId: 'Europe/Warsaw',
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`${origin}/strefa-mieszkanca/`);
      await widgetsSettled(page);

      const form = page.locator('resident-portal resident-login form');
      await form.waitFor({ state: 'visible', timeout: 15_000 });
      await form.locator('input[autocomplete="username"]').fill(DEMO_RESIDENT.login);
      await form.locator('input[autocomplete="current-password"]').fill(DEMO_RESIDENT.password);
      await form.getByRole('button', { name: 'Zaloguj' }).click();

      await page.getByRole('tab', { name: 'Czynsz' }).click({ timeout: 15_000 });
      await page.locator('resident-portal rent-components table').first().waitFor({ timeout: 15_000 });

      // Every request stayed on the website's origin, the API under /strefa/api/.
      const api = requests.filter((url) => url.includes('/api/v1/'));
      expect(api.length).toBeGreaterThan(3);
      for (const url of requests) expect(new URL(url).origin).toBe(origin);
      for (const url of api) expect(new URL(url).pathname.startsWith('/strefa/api/v1/')).toBe(true);

      // The cookie: Secure (TLS ended at nginx, TRUST_PROXY believed it), HttpOnly, only /strefa/.
      const cookies = await context.cookies(`${origin}/strefa/api/v1/session`);
      const session = cookies.find((cookie) => cookie.name === 'strefa_session');
      expect(session).toMatchObject({ path: '/strefa/', secure: true, httpOnly: true, sameSite: 'Lax' });
      expect((await context.cookies(`${origin}/`)).some((c) => c.name.startsWith('strefa_'))).toBe(false);

      // The BFF saw the address nginx saw (the forwarded one), in the resident's own login list.
      const logins = await page.evaluate(async () => {
        const answer = await fetch('/strefa/api/v1/session/logins', { credentials: 'include' });
        return ((await answer.json()) as { events: { ip: string | null }[] }).events;
      });
      expect(logins[0]?.ip).toBe('127.0.0.1');

      await page.reload();
      await page.getByRole('tab', { name: 'Czynsz' }).waitFor({ timeout: 15_000 });
      await page.locator('resident-portal').getByRole('button', { name: 'Wyloguj' }).click();
      await form.waitFor({ state: 'visible', timeout: 15_000 });
      expect(problems.list, problems.list.join('\n')).toEqual([]);
      expect(nginx.errorLog()).not.toMatch(/\[(error|crit|emerg)\]/);
    } finally {
      await context.close();
    }
  });
});
