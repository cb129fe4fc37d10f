/**
 * The WordPress plugin in a real WordPress (Debian's wordpress, MariaDB, php-fpm and nginx, site
 * language Polish; see support.ts), with the real BFF beside it on another port of 127.0.0.1 (the
 * same site, so the session cookie works):
 *
 * - the administrator sets the portal's address in Ustawienia → Strefa Mieszkańca, which checks
 *   it (a wrong address first, then the right one) and chooses the clerks' page;
 * - an **Author** (no `unfiltered_html`) publishes a post with the portal block through the REST
 *   API: the block survives kses, while the same widget pasted as HTML does not (which is why the
 *   plugin exists); shortcodes work too; the clerks' block shows nothing outside the clerks' page;
 * - a resident uses the portal on that post in Chromium (one module script, Polish, wide
 *   alignment, nothing red in the console);
 * - the clerks' page is `noindex`, and a clerk issues a start password through it.
 *
 * Screenshots for docs/web-editors.md are taken along the way (into docs/images/ with
 * UPDATE_DOCS_SCREENSHOTS=1, else into test-results/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPerson, IssuedCredentials } from '@strefa/api-types';
import {
  DEMO_CLERK,
  DEMO_RESIDENT,
  ensureWidgetsBuilt,
  freePort,
  repositoryRoot,
  startBff,
  type RunningBff,
} from '../support/bff.ts';
import { launchChromium, sessionCheckStarters, watchProblems, widgetsSettled } from '../support/browser.ts';
import { startWordPress, type RunningWordPress } from './support.ts';

let wp: RunningWordPress;
let bff: RunningBff;
let browser: Browser;
const contexts: BrowserContext[] = [];
let portalPost: { id: number; link: string };
let clerkPage: { id: number; link: string };

const screenshots = process.env.UPDATE_DOCS_SCREENSHOTS
  ? join(repositoryRoot, 'docs/images')
  : join(repositoryRoot, 'test-results/wordpress');

async function newPage(options: { width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'pl-PL',
    timezoneId: 'Europe/Warsaw',
    viewport: { width: options.width ?? 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  contexts.push(context);
  return context.newPage();
}

async function logInToWordPress(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${wp.url}/wp-login.php`);
  await page.locator('#user_login').fill(login);
  await page.locator('#user_pass').fill(password);
  await Promise.all([page.waitForURL(/wp-admin/, { timeout: 30_000 }), page.locator('#wp-submit').click()]);
}

/** A person without a login yet, found through the clerks' API as the demo clerk. */
async function personWithoutLogin(): Promise<AdminPerson> {
  const headers = { 'Content-Type': 'application/json', Origin: wp.url };
  const login = await fetch(`${bff.url}/api/v1/session`, {
    method: 'POST',
    headers,
    body: JSON.stringify(DEMO_CLERK),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  for (const street of ['Zamkowa', 'Łaska', 'Partyzancka', 'Kilińskiego']) {
    const found = await fetch(`${bff.url}/api/v1/admin/people?q=${encodeURIComponent(street)}`, {
      headers: { Cookie: cookie },
    });
    const people = ((await found.json()) as { people: AdminPerson[] }).people;
    const person = people.find((candidate) => !candidate.login);
    if (person) return person;
  }
  throw new Error('no person without a login in the demo data');
}

beforeAll(async () => {
  await ensureWidgetsBuilt();
  mkdirSync(screenshots, { recursive: true });
  wp = await startWordPress();
  [bff, browser] = await Promise.all([
    startBff({ env: { STREFA_ALLOWED_ORIGINS: wp.url, STREFA_DEMO_UNITS: '40', STREFA_DEMO_YEARS: '2' } }),
    launchChromium(),
  ]);
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bff?.stop();
  await wp?.stop();
});

describe('the Strefa Mieszkańca plugin in WordPress', () => {
  it('the administrator sets the portal address, which the settings page checks, and the clerks’ page', async () => {
    const created = await wp.rest(wp.admin, 'POST', '/wp/v2/pages', {
      title: 'Pracownicy BOM',
      content: '<!-- wp:strefa/panel-bom {"align":"wide"} /-->',
      status: 'publish',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    clerkPage = { id: created.body.id, link: created.body.link };

    const page = await newPage();
    await logInToWordPress(page, wp.admin.login, wp.admin.password);
    await page.goto(`${wp.url}/wp-admin/options-general.php?page=strefa`);
    // Polish by default: the site's language is Polish, the plugin ships pl_PL.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Strefa Mieszkańca');
    await expect(page.locator('label[for="strefa_portal_url"]').textContent()).resolves.toBe('Adres portalu');

    // A wrong address: the check says so.
    await page.locator('#strefa_portal_url').fill(`http://127.0.0.1:${await freePort()}`);
    await page.locator('#submit').click();
    await page.locator('.strefa-check').waitFor({ timeout: 30_000 });
    expect(await page.locator('.strefa-check').textContent()).toContain('Portal nie odpowiada');

    // The right one (pasted as the script's address, as editors do): checked and answered.
    await page.locator('#strefa_portal_url').fill(`${bff.url}/widgets/strefa.js`);
    await page.locator('#strefa_clerk_page').selectOption(String(clerkPage.id));
    await page.locator('#submit').click();
    await page.locator('.strefa-check.notice-success').waitFor({ timeout: 30_000 });
    expect(await page.locator('.strefa-check').textContent()).toContain(
      'Portal odpowiada, a jego baza danych jest gotowa.',
    );
    expect(await page.locator('#strefa_portal_url').inputValue()).toBe(bff.url);
    expect(await page.locator('body').textContent()).toContain(wp.url);
    await page.screenshot({ path: join(screenshots, 'wordpress-ustawienia.png'), fullPage: true });

    // Nothing stored but the settings (the language stays unstored while it is the default).
    const options = wp.php(
      `global $wpdb; echo json_encode($wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%strefa%'"));`,
    );
    const stored = JSON.parse(options.trim().split('\n').pop()!) as string[];
    expect(stored).toContain('strefa_portal_url');
    expect(stored).toContain('strefa_clerk_page');
    for (const name of stored)
      expect(['strefa_portal_url', 'strefa_language', 'strefa_clerk_page']).toContain(name);
  });

  it('an Author publishes the portal block; kses keeps it, while pasted widget HTML is stripped', async () => {
    const published = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Strefa Mieszkańca',
      content: [
        '<!-- wp:paragraph --><p>Zaloguj się, aby zobaczyć opłaty i rozliczenia.</p><!-- /wp:paragraph -->',
        '<!-- wp:strefa/portal {"align":"wide"} /-->',
        // An Author cannot place the clerks' tool on an ordinary post.
        '<!-- wp:strefa/panel-bom /-->',
      ].join('\n'),
      status: 'publish',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    portalPost = { id: published.body.id, link: published.body.link };
    expect(published.body.content.raw).toContain('<!-- wp:strefa/portal {"align":"wide"} /-->');

    // The same widget as HTML (the guide's snippet in a Custom HTML block) does not survive the
    // Author's save: this is what the plugin is for.
    const pasted = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Wklejony kod',
      content: `<!-- wp:html --><script type="module" src="${bff.url}/widgets/strefa.js"></script><resident-portal></resident-portal><!-- /wp:html -->`,
      status: 'publish',
    });
    expect(pasted.status).toBe(201);
    expect(pasted.body.content.raw).not.toContain('<script');
    expect(pasted.body.content.raw).not.toContain('<resident-portal');

    const html = await (await fetch(portalPost.link)).text();
    const scripts = html.match(/<script[^>]*strefa\.js[^>]*>/g) ?? [];
    expect(scripts).toEqual([
      `<script type="module" src="${bff.url}/widgets/strefa.js" id="strefa-widgets-js">`,
    ]);
    expect(html).toMatch(
      /<div[^>]*class="[^"]*alignwide[^"]*"[^>]*><resident-portal lang="pl"><\/resident-portal><\/div>/,
    );
    expect(html).not.toContain('<clerk-admin');
    expect(html).not.toMatch(/<meta name=['"]robots['"][^>]*noindex/);
    // The script starts loading from the head, not when the browser reaches the footer's tag, and
    // the portal's origin (another port here, another host in production) is connected early.
    const head = (page: string) => page.slice(0, page.indexOf('</head>'));
    const portalOrigin = new URL(bff.url).origin;
    expect(head(html)).toContain(`<link rel="modulepreload" href="${bff.url}/widgets/strefa.js">`);
    expect(head(html)).toContain(`<link rel="preconnect" href="${portalOrigin}" crossorigin>`);
    expect(head(html)).toContain(`<link rel="preconnect" href="${portalOrigin}">`);
    // The widgets' session check starts with the page, with /me for the portal.
    expect(head(html)).toContain(
      `<link rel="preload" as="fetch" href="${bff.url}/api/v1/session?include=me" crossorigin="use-credentials">`,
    );

    // Shortcodes for the classic editor: one script for three widgets, settings as attributes.
    const classic = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Opłaty',
      content:
        '[strefa_logowanie heading_level="3"]\n\n[strefa_czynsz url_state="1"]\n\n[strefa_ksiegowosc unit_id="5" lang="en"]',
      status: 'publish',
    });
    expect(classic.status).toBe(201);
    const classicHtml = await (await fetch(classic.body.link)).text();
    expect(classicHtml.match(/<script[^>]*strefa\.js/g)).toHaveLength(1);
    expect(classicHtml).toContain('<resident-login lang="pl" heading-level="3"></resident-login>');
    expect(classicHtml).toContain('<rent-components lang="pl" url-state></rent-components>');
    expect(classicHtml).toContain('<ledger-accounts lang="en" unit-id="5"></ledger-accounts>');
    expect(head(classicHtml)).toContain(`<link rel="modulepreload" href="${bff.url}/widgets/strefa.js">`);
    // The stripped paste shows no widget: no hints either.
    expect(await (await fetch(pasted.body.link)).text()).not.toContain('modulepreload');
    // A password-protected post shows its password form, not the widget: no hint for a script it never loads.
    const guarded = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Strefa dla zarządu',
      content: '<!-- wp:strefa/czynsz /-->',
      password: 'zarzad-2026',
      status: 'publish',
    });
    expect(guarded.status).toBe(201);
    const guardedHtml = await (await fetch(guarded.body.link)).text();
    expect(guardedHtml).not.toContain('<rent-components');
    expect(guardedHtml).not.toContain('modulepreload');

    // A widget kept in a synced pattern (reusable block), placed on a post: shown, and hinted.
    const pattern = await wp.rest(wp.author, 'POST', '/wp/v2/blocks', {
      title: 'Czynsz – wzorzec',
      content: '<!-- wp:strefa/czynsz /-->',
      status: 'publish',
    });
    expect(pattern.status, JSON.stringify(pattern.body)).toBe(201);
    const usesPattern = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Opłaty ze wzorca',
      content: `<!-- wp:paragraph --><p>Twoje opłaty:</p><!-- /wp:paragraph -->\n<!-- wp:block {"ref":${pattern.body.id}} /-->`,
      status: 'publish',
    });
    expect(usesPattern.status).toBe(201);
    const patternHtml = await (await fetch(usesPattern.body.link)).text();
    expect(patternHtml).toContain('<rent-components lang="pl"></rent-components>');
    expect(head(patternHtml)).toContain(`<link rel="modulepreload" href="${bff.url}/widgets/strefa.js">`);

    // A password-protected pattern is not shown (WordPress's own rule for synced patterns): no hints.
    const guardedPattern = await wp.rest(wp.author, 'POST', '/wp/v2/blocks', {
      title: 'Czynsz – wzorzec chroniony',
      content: '<!-- wp:strefa/czynsz /-->',
      password: 'zarzad-2026',
      status: 'publish',
    });
    expect(guardedPattern.status, JSON.stringify(guardedPattern.body)).toBe(201);
    const usesGuarded = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Opłaty ze wzorca chronionego',
      content: `<!-- wp:block {"ref":${guardedPattern.body.id}} /-->`,
      status: 'publish',
    });
    const guardedPatternHtml = await (await fetch(usesGuarded.body.link)).text();
    expect(guardedPatternHtml).not.toContain('<rent-components');
    expect(guardedPatternHtml).not.toContain('modulepreload');

    // The login box alone: its session check without /me.
    const loginOnly = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
      title: 'Logowanie',
      content: '[strefa_logowanie]',
      status: 'publish',
    });
    const loginHtml = await (await fetch(loginOnly.body.link)).text();
    expect(head(loginHtml)).toContain(`href="${bff.url}/api/v1/session" crossorigin="use-credentials">`);

    // A page without a widget loads no script from the portal.
    const plain = await (await fetch(`${wp.url}/`)).text();
    expect(plain).not.toContain('strefa.js');
  });

  it('the block editor offers the block with its settings (for the guide’s screenshot)', async () => {
    const page = await newPage();
    await logInToWordPress(page, wp.author.login, wp.author.password);
    await page.goto(`${wp.url}/wp-admin/post.php?post=${portalPost.id}&action=edit`);
    // WordPress's welcome guide, shown once per user.
    const guide = page.getByRole('dialog');
    await guide
      .getByRole('button', { name: /Zamknij|Close/ })
      .click({ timeout: 30_000 })
      .catch(() => undefined);
    const placeholder = page.locator('.wp-block-strefa-portal').first();
    await placeholder.waitFor({ timeout: 60_000 });
    expect(await placeholder.textContent()).toContain('Strefa: portal');
    await placeholder.click();
    await page.screenshot({ path: join(screenshots, 'wordpress-blok.png') });
  });

  it('a resident logs in and reads the fees on the Author’s post', async () => {
    const page = await newPage();
    const problems = watchProblems(page);
    await page.goto(portalPost.link);
    await widgetsSettled(page);
    const portal = page.locator('resident-portal');
    const form = portal.locator('resident-login form');
    await form.waitFor({ state: 'visible', timeout: 20_000 });
    // The head's modulepreload and the footer's script are one request, the hint's: the tag took
    // the module the hint had fetched (a mismatch would fetch it twice).
    const entryFetches = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('/widgets/strefa.js'))
        .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
    );
    // One fetch, and not the footer tag's ('script'): Chromium reports a modulepreload's as 'other'.
    expect(entryFetches).toHaveLength(1);
    expect(entryFetches[0]).not.toBe('script');
    // The wide alignment gives the portal more than the theme's 650 px text column.
    expect((await portal.boundingBox())!.width).toBeGreaterThan(700);

    await form.locator('input[autocomplete="username"]').fill(DEMO_RESIDENT.login);
    await form.locator('input[autocomplete="current-password"]').fill(DEMO_RESIDENT.password);
    await form.getByRole('button', { name: 'Zaloguj' }).click();
    await portal.getByRole('tab', { name: 'Czynsz' }).click({ timeout: 20_000 });
    await portal.locator('rent-components table').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(screenshots, 'wordpress-portal.png'), fullPage: false });

    await page.reload();
    await portal.getByRole('tab', { name: 'Czynsz' }).waitFor({ timeout: 20_000 });
    // Signed in, the portal's one session check is the head's preload (from another origin, with
    // the cookie): the widgets took its answer instead of asking again.
    expect(await sessionCheckStarters(page)).toEqual(['link']);
    await portal.getByRole('button', { name: 'Wyloguj' }).click();
    await form.waitFor({ state: 'visible', timeout: 20_000 });
    expect(problems.list, problems.list.join('\n')).toEqual([]);
  });

  for (const width of [1280, 360]) {
    it(`in the theme's 650 px text column ${width === 360 ? 'on a phone' : 'on a laptop'}, tables turn into cards with full-width captions`, async () => {
      const narrow = await wp.rest(wp.author, 'POST', '/wp/v2/posts', {
        title: `Strefa w kolumnie tekstu (${width})`,
        content: '<!-- wp:strefa/portal /-->',
        status: 'publish',
      });
      expect(narrow.status).toBe(201);
      const page = await newPage({ width });
      const problems = watchProblems(page);
      await page.goto(narrow.body.link);
      const portal = page.locator('resident-portal');
      const form = portal.locator('resident-login form');
      await form.waitFor({ state: 'visible', timeout: 20_000 });
      expect((await portal.boundingBox())!.width).toBeLessThanOrEqual(650);
      await form.locator('input[autocomplete="username"]').fill(DEMO_RESIDENT.login);
      await form.locator('input[autocomplete="current-password"]').fill(DEMO_RESIDENT.password);
      await form.getByRole('button', { name: 'Zaloguj' }).click();
      await portal.getByRole('tab', { name: 'Księgowość' }).click({ timeout: 20_000 });
      const table = portal.locator('ledger-accounts table[part="table"]');
      await table.waitFor({ timeout: 20_000 });
      const sizes = await table.evaluate((element) => {
        const caption = element.querySelector('caption')!;
        return {
          cell: getComputedStyle(element.querySelector('tbody td')!).display,
          table: element.getBoundingClientRect().width,
          caption: caption.getBoundingClientRect().width,
          captionHeight: caption.getBoundingClientRect().height,
          line: parseFloat(getComputedStyle(caption).lineHeight),
        };
      });
      expect(sizes.cell, 'card mode').not.toBe('table-cell');
      expect(sizes.caption).toBeGreaterThan(sizes.table * 0.9);
      expect(sizes.captionHeight).toBeLessThan(sizes.line * 3);
      if (width === 360) {
        await portal
          .locator('ledger-accounts')
          .screenshot({ path: join(screenshots, 'wordpress-telefon.png') });
      }
      await portal.getByRole('button', { name: 'Wyloguj' }).click();
      await form.waitFor({ state: 'visible', timeout: 20_000 });
      expect(problems.list, problems.list.join('\n')).toEqual([]);
    });
  }

  it('the clerks’ page is noindex, and a clerk issues a start password through it', async () => {
    const html = await (await fetch(clerkPage.link)).text();
    expect(html).toMatch(/<meta name=['"]robots['"] content=['"][^'"]*noindex, nofollow/);
    expect(html).toContain('<clerk-admin lang="pl"></clerk-admin>');

    const person = await personWithoutLogin();
    const lastName = person.displayName.split(' ').pop()!;
    const page = await newPage();
    const problems = watchProblems(page);
    await page.goto(clerkPage.link);
    const admin = page.locator('clerk-admin');
    await admin.getByLabel('Identyfikator').fill(DEMO_CLERK.login);
    await admin.getByLabel('Hasło', { exact: true }).fill(DEMO_CLERK.password);
    await admin.getByRole('button', { name: 'Zaloguj' }).click();
    const query = admin.getByRole('searchbox', { name: 'Szukaj mieszkańca' });
    await query.waitFor({ timeout: 20_000 });
    await query.fill(lastName);
    await admin.getByRole('button', { name: 'Szukaj', exact: true }).click();
    const row = admin
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: person.displayName, exact: true }) });
    await row.first().waitFor({ timeout: 20_000 });
    const [response] = await Promise.all([
      page.waitForResponse(
        (answer) =>
          answer.url().endsWith('/api/v1/admin/credentials') && answer.request().method() === 'POST',
      ),
      row
        .first()
        .getByRole('button', { name: /^Wydaj dostęp/ })
        .click(),
    ]);
    expect(response.status()).toBe(201);
    const credentials = (await response.json()) as IssuedCredentials;
    const shown = admin.getByRole('region', { name: `Wydano dostęp: ${person.displayName}` });
    await shown.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => shown.locator('[data-field="password"]').textContent())
      .toBe(credentials.oneTimePassword);
    expect(problems.list, problems.list.join('\n')).toEqual([]);
  });

  it('logged no PHP error or warning from the plugin', () => {
    const pluginLines = wp
      .logs()
      .split('\n')
      .filter((line) => /plugins\/strefa\//.test(line));
    expect(pluginLines).toEqual([]);
  });
});
