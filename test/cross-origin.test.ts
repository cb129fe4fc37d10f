/**
 * The widgets on a CMS page of another origin: the cooperative's website on one server, the BFF
 * (API and /widgets/) on another, `STREFA_ALLOWED_ORIGINS` naming the website. The page loads the
 * script from the BFF, points the widgets at it with `<meta name="strefa-api-base">` or the
 * `api-base` attribute, and logs in and reads data with credentials through CORS. A website the
 * BFF does not list gets nothing.
 *
 * Both servers are on 127.0.0.1 with different ports: different origins but one site, like
 * `www.psm.pl` and `strefa.psm.pl`, so the SameSite=Lax session cookie travels (see
 * docs/web-editors.md for why the BFF must share the website's registrable domain).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT, ensureWidgetsBuilt, freePort, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext, watchProblems, widgetsSettled } from './support/browser.ts';

let bff: RunningBff;
let browser: Browser;
let cms: Server;
let stranger: Server;
let cmsOrigin: string;
let strangerOrigin: string;

/** A CMS article page embedding the widgets from the BFF, as a web editor would paste them. */
function cmsPage(apiBase: string, how: 'meta' | 'attribute'): string {
  const meta = how === 'meta' ? `<meta name="strefa-api-base" content="${apiBase}" />` : '';
  const attr = how === 'attribute' ? ` api-base="${apiBase}"` : '';
  return `<!doctype html>
<html lang="pl">
  <head>
    <meta charset="utf-8" />
    <title>Aktualności – Pabianicka Spółdzielnia Mieszkaniowa</title>
    <link rel="icon" href="data:," />
    ${meta}
    <script type="module" src="${apiBase}/widgets/strefa.js"></script>
  </head>
  <body>
    <main>
      <h1>Twoje opłaty</h1>
      <resident-login${attr}></resident-login>
      <rent-components${attr}></rent-components>
    </main>
  </body>
</html>`;
}

/** A minimal web server for the CMS pages (`/meta.html`, `/attribute.html`). */
async function startCms(apiBase: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const how = req.url === '/attribute.html' ? 'attribute' : req.url === '/meta.html' ? 'meta' : null;
    if (!how) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(cmsPage(apiBase, how));
  });
  // Port 0: the OS picks one while the server binds it. A port from freePort() could be the BFF's
  // own, reserved above but not yet bound (the OS may hand out a just-released port again).
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port: actual } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${actual}` };
}

beforeAll(async () => {
  await ensureWidgetsBuilt();
  const bffPort = await freePort();
  const apiBase = `http://127.0.0.1:${bffPort}`;
  ({ server: cms, origin: cmsOrigin } = await startCms(apiBase));
  ({ server: stranger, origin: strangerOrigin } = await startCms(apiBase));
  [bff, browser] = await Promise.all([
    startBff({ port: bffPort, env: { STREFA_ALLOWED_ORIGINS: cmsOrigin } }),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bff?.stop();
  await new Promise((done) => cms?.close(done));
  await new Promise((done) => stranger?.close(done));
});

async function logIn(page: Page) {
  const form = page.locator('main > resident-login form');
  await form.locator('input[autocomplete="username"]').fill(DEMO_RESIDENT.login);
  await form.locator('input[autocomplete="current-password"]').fill(DEMO_RESIDENT.password);
  await form.getByRole('button', { name: 'Zaloguj' }).click();
}

describe('widgets on another origin (api-base)', () => {
  for (const how of ['meta', 'attribute'] as const) {
    it(`logs in and reads data through CORS with credentials (${how === 'meta' ? '<meta name="strefa-api-base">' : 'api-base attribute'})`, async () => {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        const problems = watchProblems(page);
        const apiCalls: string[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
        });
        await page.goto(`${cmsOrigin}/${how}.html`);
        expect(new URL(page.url()).origin).toBe(cmsOrigin);
        await widgetsSettled(page);
        await logIn(page);
        await page.locator('rent-components table').first().waitFor({ state: 'visible', timeout: 15_000 });
        expect(apiCalls.length).toBeGreaterThan(2);
        for (const url of apiCalls) expect(new URL(url).origin).toBe(bff.url);

        // The session cookie belongs to the BFF, not to the CMS page.
        const cookies = await context.cookies(bff.url);
        expect(cookies.length).toBeGreaterThan(0);
        expect(cookies.every((c) => c.httpOnly && c.sameSite === 'Lax')).toBe(true);
        expect(await page.evaluate(() => document.cookie)).toBe('');

        // A reload stays logged in; "Wyloguj" ends the session on the BFF.
        await page.reload();
        await page.locator('rent-components table').first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.locator('main > resident-login .strefa-login__logout').click();
        // One login form per page: the fee table points to the login box again.
        await page.locator('rent-components [part="login-pointer"]').waitFor({ state: 'visible' });
        expect(problems.list).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('a website the BFF does not list cannot log in or read data', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${strangerOrigin}/meta.html`);
      await widgetsSettled(page);
      // The widgets still load (they are public code), but the API does not answer this origin.
      await page.locator('main > resident-login').waitFor({ state: 'attached' });
      const status = await page.evaluate(async (api) => {
        try {
          const response = await fetch(`${api}/api/v1/session`, {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ login: 'demo-resident', password: 'demo-resident-password' }),
          });
          return response.status;
        } catch {
          return 'blocked by CORS';
        }
      }, bff.url);
      expect(status).toBe('blocked by CORS');
      const cookies = await context.cookies(bff.url);
      expect(cookies).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
