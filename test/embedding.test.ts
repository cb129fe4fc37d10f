/**
 * The web editor's snippet on a CMS of another host, exactly as docs/web-editors.md §1 gives it:
 * one script tag loaded from the BFF and one element, no `api-base`, no meta tag. The widgets
 * find their API at the address their own script came from.
 *
 * And the two ways it goes wrong, in real Chromium, with what each tells the resident and the
 * editor:
 * - the page is another *site* than the BFF (`localhost` vs `127.0.0.1`): the login answers 200,
 *   but Chromium refuses a SameSite=Lax cookie set by a cross-site fetch, so the next call is
 *   anonymous. The widget says the browser blocked the login; the console says what to change.
 * - the page's origin is not in `STREFA_ALLOWED_ORIGINS`: the browser hides every answer from
 *   it. The widget says the page may not use the portal; the console names the setting.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT, ensureWidgetsBuilt, freePort, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext, watchProblems, widgetsSettled } from './support/browser.ts';

let bff: RunningBff;
let browser: Browser;
const servers: Server[] = [];
/** Same site as the BFF (127.0.0.1, another port) and allowed. */
let sameSite: string;
/** Another site (localhost), allowed: the cookie is a third-party one there. */
let otherSite: string;
/** Same site, not in STREFA_ALLOWED_ORIGINS. */
let stranger: string;
/** Nobody listens here. */
let downUrl: string;

/** The guide's first snippet, on an otherwise plain CMS article. */
function snippetPage(bffUrl: string, body: string): string {
  return `<!doctype html>
<html lang="pl">
  <head>
    <meta charset="utf-8" />
    <title>Strefa Mieszkańca – Spółdzielnia Mieszkaniowa</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <main>
      <h1>Strefa Mieszkańca</h1>
      <script type="module" src="${bffUrl}/widgets/strefa.js"></script>
      ${body}
    </main>
  </body>
</html>`;
}

/**
 * A CMS on its own port: `/` is the portal snippet, `/login.html` a login with a fee table,
 * `/down.html` a login pointed at a port where nothing listens.
 */
async function startCms(bffUrl: string, hostName: string): Promise<string> {
  const server = createServer((req, res) => {
    const body =
      req.url === '/'
        ? '<resident-portal></resident-portal>'
        : req.url === '/login.html'
          ? '<resident-login></resident-login>\n<rent-components></rent-components>'
          : req.url === '/down.html'
            ? `<resident-login api-base="${downUrl}"></resident-login>`
            : null;
    if (body === null) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(snippetPage(bffUrl, body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  return `http://${hostName}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  await ensureWidgetsBuilt();
  const bffPort = await freePort();
  const bffUrl = `http://127.0.0.1:${bffPort}`;
  downUrl = `http://127.0.0.1:${await freePort()}`;
  sameSite = await startCms(bffUrl, '127.0.0.1');
  otherSite = await startCms(bffUrl, 'localhost');
  stranger = await startCms(bffUrl, '127.0.0.1');
  [bff, browser] = await Promise.all([
    startBff({ port: bffPort, env: { STREFA_ALLOWED_ORIGINS: `${sameSite},${otherSite}` } }),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bff?.stop();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

/** Console errors the widgets wrote for the editor (`Strefa Mieszkańca: …`). */
function editorNotes(page: Page): string[] {
  const notes: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && message.text().startsWith('Strefa Mieszkańca:')) {
      notes.push(message.text());
    }
  });
  return notes;
}

async function logIn(page: Page, scope: string) {
  const form = page.locator(`${scope} form`).first();
  await form.locator('input[autocomplete="username"]').fill(DEMO_RESIDENT.login);
  await form.locator('input[autocomplete="current-password"]').fill(DEMO_RESIDENT.password);
  await form.getByRole('button', { name: 'Zaloguj' }).click();
}

describe('the one-tag snippet on a CMS of another host', () => {
  it('talks to the BFF its script came from, and an anonymous visit logs nothing red', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      const apiCalls: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
      });
      await page.goto(`${sameSite}/`);
      await widgetsSettled(page);
      await page
        .locator('resident-portal resident-login form')
        .waitFor({ state: 'visible', timeout: 15_000 });
      // The anonymous session check (asking for `/me` too, for the portal) answered 200
      // {user: null}: one request, nothing for the console.
      expect(problems.list).toEqual([]);
      expect(apiCalls).toEqual([`${bff.url}/api/v1/session?include=me`]);

      await logIn(page, 'resident-portal resident-login');
      await page.getByRole('tab', { name: 'Czynsz' }).waitFor({ state: 'visible', timeout: 15_000 });
      expect(apiCalls.length).toBeGreaterThan(2);
      for (const url of apiCalls) expect(new URL(url).origin).toBe(bff.url);
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('what goes wrong, said plainly', () => {
  it('a page on another site: the login succeeds, Chromium drops the cookie, the widget says so', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const notes = editorNotes(page);
      const logins: number[] = [];
      page.on('response', (response) => {
        if (response.request().method() === 'POST' && response.url().endsWith('/api/v1/session')) {
          logins.push(response.status());
        }
      });
      await page.goto(`${otherSite}/login.html`);
      await widgetsSettled(page);
      await logIn(page, 'main > resident-login');
      const alert = page.locator('main > resident-login [role="alert"]');
      await alert.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await alert.textContent()).toContain('Twoja przeglądarka zablokowała logowanie na tej stronie');
      // What really happened: the server accepted the login; the browser kept no cookie from it.
      expect(logins).toEqual([200]);
      expect(await context.cookies(bff.url)).toEqual([]);
      // The editor's note comes from a chunk loaded on demand, so it may follow the alert.
      await expect
        .poll(() => notes.some((note) => /third-party cookie/.test(note) && /\/strefa\//.test(note)))
        .toBe(true);
      // The fee table does not show a second form: it points to the page's login.
      await expect.poll(() => page.locator('rent-components resident-login form').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a page whose origin is not allowed: the widget says the page may not use the portal', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const notes = editorNotes(page);
      await page.goto(`${stranger}/`);
      await widgetsSettled(page);
      const alert = page.locator('resident-portal [role="alert"]');
      await alert.waitFor({ state: 'visible', timeout: 15_000 });
      const text = await alert.textContent();
      expect(text).toContain('Ta strona nie może korzystać ze Strefy Mieszkańca');
      expect(text).not.toContain('Brak połączenia');
      expect(notes.some((note) => note.includes('STREFA_ALLOWED_ORIGINS') && note.includes(stranger))).toBe(
        true,
      );
    } finally {
      await context.close();
    }
  });

  it('a BFF that is down is still "no connection", not "not allowed"', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${sameSite}/down.html`);
      const alert = page.locator('resident-login [role="alert"]');
      await alert.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await alert.textContent()).toContain('Brak połączenia z serwerem');
    } finally {
      await context.close();
    }
  });
});
