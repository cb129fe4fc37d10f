/**
 * A resident's whole visit, end to end: the real BFF (child process, fresh generated database),
 * the built widgets on the demo site, Debian's Chromium. The resident logs in on
 * /strefa-mieszkanca.html, visits every tab, changes the year and month and presses "Wyślij",
 * opens "Szczegóły", steps back with the browser's arrow, reloads and lands on the same view, and
 * logs out, after which the old session cookie is refused by the server.
 *
 * Locators are by role and label, as a resident (or a screen reader) finds things; what the page
 * shows is checked against what the API answers for the same session.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountsResponse,
  ChargesResponse,
  FiltersResponse,
  MeResponse,
  PaymentResponse,
} from '@strefa/api-types';
import { DEMO_RESIDENT, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext, watchProblems, type PageProblems } from './support/browser.ts';

const TABS = [
  'Do zapłaty',
  'Dane osobowe',
  'Czynsz',
  'Księgowość',
  'Media odczyty',
  'Media rozliczenia',
] as const;

/** Waits for a value the page reaches asynchronously (vitest's default of 1 s is too short here). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Digits only: "1 234,56 zł" and "1234.56" both become "123456" (the amount to the grosz). */
const digits = (text: string | null) => (text ?? '').replace(/[^\d-]/g, '');

let bff: RunningBff;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

/** GET from the API with the browser's own cookies (the session the page uses). */
async function api<T>(path: string): Promise<T> {
  const response = await context.request.get(bff.url + path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

function portal(): Locator {
  return page.locator('resident-portal');
}

function tab(name: (typeof TABS)[number]): Locator {
  return portal().getByRole('tab', { name, exact: true });
}

/** The visible tab panel (the portal shows one at a time). */
function panel(): Locator {
  return portal().getByRole('tabpanel');
}

async function openTab(name: (typeof TABS)[number]): Promise<void> {
  await tab(name).click();
  await poll(() => tab(name).getAttribute('aria-selected')).toBe('true');
}

/** The first rendered data table of the visible panel (waits for loading to end). */
async function table(within: Locator = panel()): Promise<Locator> {
  const found = within.locator('table').first();
  await found.waitFor({ state: 'visible', timeout: 20_000 });
  return found;
}

/** Playwright's own matchers belong to @playwright/test; with playwright-core we wait explicitly. */
async function visible(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** A table cell or row header of the visible panel holding `text` (not a same-named <option>). */
function cell(text: string): Locator {
  return panel()
    .getByRole('rowheader', { name: text })
    .or(panel().getByRole('cell', { name: text }));
}

function search(): URLSearchParams {
  return new URL(page.url()).searchParams;
}

beforeAll(async () => {
  await ensureWidgetsBuilt();
  bff = await startBff();
  browser = await launchChromium();
  context = await newContext(browser, { baseURL: bff.url });
  page = await context.newPage();
  problems = watchProblems(page);
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bff?.stop();
});

describe('a resident on the demo site', () => {
  it('logs in, uses every tab, steps back and reloads, and logs out', { timeout: 180_000 }, async () => {
    // ---- login
    await page.goto('/strefa-mieszkanca.html');
    await portal().getByLabel('Identyfikator').fill(DEMO_RESIDENT.login);
    await portal().getByLabel('Hasło', { exact: true }).fill(DEMO_RESIDENT.password);
    await portal().getByRole('button', { name: 'Zaloguj' }).click();
    for (const name of TABS) await visible(tab(name));
    await visible(portal().getByRole('button', { name: 'Wyloguj' }));

    const me = await api<MeResponse>('/api/v1/me');
    const unitId = me.assignments.find((a) => a.unit.kind === 'flat')?.unit.id ?? me.assignments[0]!.unit.id;
    const unit = `/api/v1/units/${unitId}`;
    const filters = await api<FiltersResponse>(`${unit}/filters`);
    expect(filters.years.length).toBeGreaterThan(1);

    // ---- Do zapłaty opens first: the amount due and the transfer's account, as the API says.
    await poll(() => tab('Do zapłaty').getAttribute('aria-selected')).toBe('true');
    const firstUnit = me.assignments[0]!.unit.id;
    const payment = await api<PaymentResponse>(`/api/v1/units/${firstUnit}/payment`);
    await visible(panel().locator('payment-info [part~="amount"]'));
    if (payment.transfer) {
      const grouped = payment.transfer.account.replace(
        /^(\d{2})(\d{4})(\d{4})(\d{4})(\d{4})(\d{4})(\d{4})$/,
        '$1 $2 $3 $4 $5 $6 $7',
      );
      await visible(panel().getByText(grouped, { exact: true }));
      await visible(panel().locator('payment-info [part~="qr"] svg'));
    }

    // ---- Dane osobowe: the person and each unit's bank account (formatted in groups of 4)
    await openTab('Dane osobowe');
    await visible(panel().getByText(me.person.displayName).first());
    const nrb = me.assignments[0]!.unit.bankAccount;
    await visible(
      panel()
        .getByText(`${nrb.slice(0, 2)} ${nrb.slice(2, 6)}`)
        .first(),
    );

    // ---- Czynsz: the latest month by default; then another year and month through "Wyślij"
    await openTab('Czynsz');
    const latest = filters.latest!;
    const latestCharges = await api<ChargesResponse>(
      `${unit}/charges?year=${latest.year}&month=${latest.month}`,
    );
    await visible(cell(latestCharges.components[0]!.name));
    const otherYear = filters.years.find((y) => y !== latest.year)!;
    await panel().getByLabel('Rok', { exact: true }).selectOption(String(otherYear));
    await panel().getByLabel('Miesiąc', { exact: true }).selectOption('3');
    await panel().getByRole('button', { name: 'Wyślij' }).click();
    const march = await api<ChargesResponse>(`${unit}/charges?year=${otherYear}&month=3`);
    await poll(() => search().get('strefa-year')).toBe(String(otherYear));
    expect(search().get('strefa-month')).toBe('3');
    const fees = await table();
    await poll(async () => digits(await textOf(fees.locator('tfoot')))).toContain(digits(march.total));
    expect(await fees.locator('tbody tr').count()).toBe(march.components.length);

    // ---- Księgowość: "Wyślij", then "Szczegóły" of the first account
    await openTab('Księgowość');
    await panel().getByLabel('Rok', { exact: true }).selectOption(String(otherYear));
    await panel().getByRole('button', { name: 'Wyślij' }).click();
    await poll(() => search().get('strefa-year')).toBe(String(otherYear));
    const accounts = await api<AccountsResponse>(`${unit}/accounts?year=${otherYear}`);
    expect(accounts.accounts.length).toBeGreaterThan(0);
    await visible(cell(accounts.accounts[0]!.name));
    await visible(panel().getByText(/nie uwzględniają zobowiązań/));
    const accountsUrl = page.url();
    await panel()
      .getByRole('button', { name: /Szczegóły/ })
      .first()
      .click();
    await poll(() => search().get('strefa-details')).not.toBeNull();
    const detailsUrl = page.url();
    const documents = await api<{ documents: Array<{ number: string }> }>(
      `${unit}/accounts/${search().get('strefa-details')}/documents?year=${otherYear}`,
    );
    expect(documents.documents.length).toBeGreaterThan(0);
    await visible(cell(documents.documents[0]!.number));

    // ---- the browser's back arrow closes the details, forward opens them again
    await page.goBack();
    await poll(() => page.url()).toBe(accountsUrl);
    await poll(() => cell(documents.documents[0]!.number).count()).toBe(0);
    await visible(cell(accounts.accounts[0]!.name));
    await page.goForward();
    await poll(() => page.url()).toBe(detailsUrl);
    await visible(cell(documents.documents[0]!.number));

    // ---- a reload lands on exactly the same view: tab, year, opened details
    await page.reload();
    await poll(() => tab('Księgowość').getAttribute('aria-selected')).toBe('true');
    expect(page.url()).toBe(detailsUrl);
    await poll(() => panel().getByLabel('Rok', { exact: true }).inputValue()).toBe(String(otherYear));
    await visible(cell(documents.documents[0]!.number));

    // ---- Media odczyty and Media rozliczenia show their data (or their empty state) for a past year
    await openTab('Media odczyty');
    await panel().getByLabel('Rok', { exact: true }).selectOption(String(otherYear));
    await panel().getByRole('button', { name: 'Wyślij' }).click();
    const medium = search().get('strefa-medium') ?? filters.media[0]!.code;
    const readings = await api<{ readings: Array<{ meter: { number: string } }> }>(
      `${unit}/readings?year=${otherYear}&medium=${encodeURIComponent(medium)}`,
    );
    if (readings.readings.length) {
      await visible(cell(readings.readings[0]!.meter.number));
    }
    await openTab('Media rozliczenia');
    await visible(panel().getByRole('button', { name: 'Wyślij' }));

    // ---- logout: the page shows the login again and the old cookie is dead on the server
    const cookies = await context.cookies(bff.url);
    const sessionCookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect(sessionCookie).toContain('strefa_session=');
    await portal().getByRole('button', { name: 'Wyloguj' }).click();
    await visible(portal().getByRole('button', { name: 'Zaloguj' }));
    const replay = await fetch(`${bff.url}/api/v1/me`, { headers: { Cookie: sessionCookie } });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.code).toBe('unauthenticated');

    expect(problems.list, problems.list.join('\n')).toEqual([]);
  });
});
