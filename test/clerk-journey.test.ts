/**
 * A clerk gives a resident access, end to end: on the internal page /pracownicy.html the clerk
 * logs in to `<clerk-admin>`, searches a person, issues credentials and reads the one-time
 * password on screen; then, in a separate browser profile, that resident logs in on the demo site
 * with it, is made to choose their own password, and sees their data.
 *
 * The real BFF (child process, fresh generated database), the built widgets, Debian's Chromium.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCredentials, MeResponse } from '@strefa/api-types';
import { loadConfig } from '../bff/src/config.ts';
import { openDatabase } from '../bff/src/db/connection.ts';
import { KNOWN_PEOPLE } from '../bff/src/db/demo-data/known-people.ts';
import { billing } from '../bff/src/db/tables.ts';
import { DEMO_CLERK, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext, watchProblems } from './support/browser.ts';

/** The resident the clerk gives access to: a member with two flats, who has no login yet. */
const PERSON_ID = KNOWN_PEOPLE.twoUnits.personId;
const NEW_PASSWORD = 'Jesienne liście na Zamkowej 2026!';

let bff: RunningBff;
let browser: Browser;
const contexts: BrowserContext[] = [];

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

async function visible(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** The person's name as the billing database holds it (the clerk searches by it). */
async function personName(): Promise<{ firstName: string; lastName: string }> {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${bff.databaseFile}`,
    SESSION_SECRET: 'e2e-tests-session-secret-0123456789abcdef',
    STREFA_DEMO: 'off',
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  try {
    const row = await knex(billing('persons')).where({ id: PERSON_ID }).first('firstName', 'lastName');
    if (!row) throw new Error(`person ${PERSON_ID} is not in the generated database`);
    return row as { firstName: string; lastName: string };
  } finally {
    await knex.destroy();
  }
}

async function page(): Promise<Page> {
  const context = await newContext(browser, { baseURL: bff.url });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  await ensureWidgetsBuilt();
  bff = await startBff();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bff?.stop();
});

describe('a clerk gives a resident access', () => {
  it(
    'issues credentials that the resident uses, changes, and sees data with',
    { timeout: 180_000 },
    async () => {
      const { firstName, lastName } = await personName();

      // ---- the clerk logs in and searches the person by last name
      const clerkPage = await page();
      const clerkProblems = watchProblems(clerkPage);
      await clerkPage.goto('/pracownicy.html');
      const admin = clerkPage.locator('clerk-admin');
      await admin.getByLabel('Identyfikator').fill(DEMO_CLERK.login);
      await admin.getByLabel('Hasło', { exact: true }).fill(DEMO_CLERK.password);
      await admin.getByRole('button', { name: 'Zaloguj' }).click();
      const query = admin.getByRole('searchbox', { name: 'Szukaj mieszkańca' });
      await visible(query);
      await query.fill(lastName);
      await admin.getByRole('button', { name: 'Szukaj', exact: true }).click();
      const name = `${firstName} ${lastName}`;
      const row = admin
        .getByRole('row')
        .filter({ has: clerkPage.getByRole('rowheader', { name, exact: true }) });
      await visible(row);

      // ---- issue credentials: the one-time password is shown once, exactly as the server made it
      const [response] = await Promise.all([
        clerkPage.waitForResponse(
          (answer) =>
            answer.url().endsWith('/api/v1/admin/credentials') && answer.request().method() === 'POST',
        ),
        row.getByRole('button', { name: `Wydaj dostęp: ${name}`, exact: true }).click(),
      ]);
      expect(response.status()).toBe(201);
      const credentials = (await response.json()) as IssuedCredentials;
      expect(credentials.oneTimePassword.length).toBeGreaterThanOrEqual(10);
      const shown = admin.getByRole('region', { name: `Wydano dostęp: ${name}` });
      await visible(shown);
      await poll(() => textOf(shown.locator('[data-field="login"]'))).toBe(credentials.login);
      await poll(() => textOf(shown.locator('[data-field="password"]'))).toBe(credentials.oneTimePassword);
      expect(clerkProblems.list, clerkProblems.list.join('\n')).toEqual([]);

      // ---- the resident, in a browser profile of their own, logs in with the start password
      const residentPage = await page();
      const residentProblems = watchProblems(residentPage);
      // The forced change is how the API answers until the new password is set: expected here.
      residentProblems.allow((_url, status) => status === 403);
      await residentPage.goto('/strefa-mieszkanca.html');
      const portal = residentPage.locator('resident-portal');
      await portal.getByLabel('Identyfikator').fill(credentials.login);
      await portal.getByLabel('Hasło', { exact: true }).fill(credentials.oneTimePassword);
      await portal.getByRole('button', { name: 'Zaloguj' }).click();

      // ---- forced to choose a new password before any data
      const newPassword = portal.getByLabel('Nowe hasło', { exact: true });
      await visible(newPassword);
      expect(await portal.getByRole('tab').count()).toBe(0);
      const current = portal.getByLabel('Hasło startowe', { exact: true });
      if (!(await current.inputValue())) await current.fill(credentials.oneTimePassword);
      await newPassword.fill(NEW_PASSWORD);
      await portal.getByLabel('Powtórz nowe hasło', { exact: true }).fill(NEW_PASSWORD);
      await portal.getByRole('button', { name: 'Zmień hasło', exact: true }).click();

      // ---- and now sees their own data: the tabs, their name, both flats
      await visible(portal.getByRole('tab', { name: 'Dane osobowe', exact: true }));
      await portal.getByRole('tab', { name: 'Dane osobowe', exact: true }).click();
      await visible(portal.getByRole('tabpanel').getByText(name).first());
      const me = (await (
        await residentPage.context().request.get(`${bff.url}/api/v1/me`)
      ).json()) as MeResponse;
      expect(me.person.lastName).toBe(lastName);
      expect(me.assignments.map((a) => a.unit.id).sort()).toEqual([...KNOWN_PEOPLE.twoUnits.unitIds].sort());
      await portal.getByRole('tab', { name: 'Czynsz', exact: true }).click();
      await visible(portal.getByRole('tabpanel').locator('table'));

      // ---- the start password is spent: it no longer logs in
      const again = await fetch(`${bff.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: bff.url },
        body: JSON.stringify({ login: credentials.login, password: credentials.oneTimePassword }),
      });
      expect(again.status).toBe(401);
      expect(residentProblems.list, residentProblems.list.join('\n')).toEqual([]);
    },
  );
});
