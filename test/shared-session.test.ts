/**
 * Widgets on one page share one session: the demo article page carries `<rent-components>` and
 * `<ledger-accounts>` in the text and a `<resident-login>` beside it. That login box is the page's
 * one login form: the data widgets point to it instead of showing forms of their own. Logging in
 * there shows the data in all of them; "Wyloguj" sends all of them back to the prompt, and the
 * server really ended the session. The page asks the server about the session once, however
 * many widgets it has. Across tabs, "Wyloguj" in one takes the data off the others at once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext, watchProblems, widgetsSettled } from './support/browser.ts';

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

const DATA_WIDGETS = ['rent-components', 'ledger-accounts'] as const;

async function expectLoginPrompts(page: Page) {
  for (const tag of DATA_WIDGETS) {
    await page.locator(`${tag} [part="login-pointer"]`).waitFor({ state: 'visible' });
    expect(await page.locator(`${tag} table`).count(), `${tag} shows no data`).toBe(0);
  }
  await page.locator('aside resident-login input[autocomplete="username"]').waitFor({ state: 'visible' });
  // One login form on the page, however many widgets wait for it.
  expect(await page.locator('input[autocomplete="current-password"]:visible').count()).toBe(1);
}

async function expectData(page: Page) {
  for (const tag of DATA_WIDGETS) {
    await page.locator(`${tag} table`).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator(`${tag} [part="login-pointer"]`).waitFor({ state: 'hidden' });
  }
  await page.locator('aside resident-login .strefa-login__logout').waitFor({ state: 'visible' });
}

async function fillLogin(page: Page, scope: string) {
  const form = page.locator(`${scope} resident-login form`).first();
  await form.locator('input[autocomplete="username"]').fill(DEMO_RESIDENT.login);
  await form.locator('input[autocomplete="current-password"]').fill(DEMO_RESIDENT.password);
  await form.getByRole('button', { name: 'Zaloguj' }).click();
}

/** Who the server says is logged in with this page's cookie (null: nobody). */
async function serverSessionUser(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const answer = await fetch('/api/v1/session', { credentials: 'include' });
    return ((await answer.json()) as { user: { login: string } | null }).user?.login ?? null;
  });
}

describe('two widgets on one page share one session', () => {
  it('log in once: every widget shows data; log out: all point to the one login form', async () => {
    const context = await newContext(browser, { baseURL: bff.url });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      const sessionChecks: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/session') {
          sessionChecks.push(request.url());
        }
      });

      await page.goto('/artykul.html');
      await widgetsSettled(page);
      await expectLoginPrompts(page);
      // Three widgets, one question to the server.
      expect(sessionChecks).toHaveLength(1);

      // "Przejdź do logowania" in <ledger-accounts> puts the cursor into the login box…
      await page.locator('ledger-accounts [part="login-pointer"] button').click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete')))
        .toBe('username');
      expect(await page.evaluate(() => document.activeElement?.closest('aside') !== null)).toBe(true);
      // …where one login fills both data widgets, and the box says who is logged in.
      await fillLogin(page, 'aside');
      await expectData(page);
      await expect.poll(() => page.locator('aside resident-login').innerText()).toContain('Zalogowano');
      expect(await serverSessionUser(page)).toBe(DEMO_RESIDENT.login);

      // "Wyloguj" in the login box: both data widgets go back to the prompt at once.
      await page.locator('aside resident-login .strefa-login__logout').click();
      await expectLoginPrompts(page);
      expect(await serverSessionUser(page)).toBe(null);

      await fillLogin(page, 'aside');
      await expectData(page);

      // A reload keeps the session (the cookie), and still asks the server once.
      sessionChecks.length = 0;
      await page.reload();
      await widgetsSettled(page);
      await expectData(page);
      expect(sessionChecks).toHaveLength(1);

      // Anonymous checks answer 200 {user: null}: nothing red in the console at any point.
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Wyloguj" in one tab takes the data off the other tab at once; a login there brings it back', async () => {
    const context = await newContext(browser, { baseURL: bff.url });
    try {
      const article = await context.newPage();
      const problems = watchProblems(article);
      await article.goto('/artykul.html');
      await fillLogin(article, 'aside');
      await expectData(article);
      const portal = await context.newPage();
      await portal.goto('/strefa-mieszkanca.html');
      await portal.locator('resident-portal [part="logout-button"]').waitFor({ state: 'visible' });

      // The portal's "Wyloguj": the article's widgets, untouched, show the login within moments.
      const seen = { checks: 0 };
      article.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/v1/session') seen.checks += 1;
      });
      // The article's own script hears of it as of a logout elsewhere.
      await article.evaluate(() => {
        const heard: unknown[] = [];
        (window as unknown as { heardLogouts: unknown[] }).heardLogouts = heard;
        document.addEventListener('strefa-logout', (event) => heard.push((event as CustomEvent).detail));
      });
      await portal.locator('resident-portal [part="logout-button"]').click();
      await expectLoginPrompts(article);
      expect(
        await article.evaluate(() => (window as unknown as { heardLogouts: unknown[] }).heardLogouts),
      ).toEqual([{ elsewhere: true }]);
      expect(await article.locator('rent-components').innerText()).not.toContain('zł');
      expect(seen.checks, 'told by the other tab, not by a request').toBe(0);

      // A login in the article's box brings the portal's tabs back, without a reload.
      await fillLogin(article, 'aside');
      await expectData(article);
      await portal.locator('resident-portal [role="tab"]').first().waitFor({ state: 'visible' });
      expect(problems.list).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a session ended elsewhere (another tab logged out) shows the login in every widget', async () => {
    const context = await newContext(browser, { baseURL: bff.url });
    try {
      const page = await context.newPage();
      await page.goto('/artykul.html');
      await fillLogin(page, 'aside');
      await expectData(page);

      // Another tab of the same browser logs out through the portal's API.
      const other = await context.newPage();
      await other.goto('/index.html');
      await other.evaluate(() =>
        fetch('/api/v1/session', {
          method: 'DELETE',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        }),
      );

      // The next "Wyślij" in one widget meets a 401: all widgets of the page show the login.
      await page.locator('rent-components [part~="submit"]').click();
      await expectLoginPrompts(page);
    } finally {
      await context.close();
    }
  });
});
