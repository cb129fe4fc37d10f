/**
 * "Pobierz zestawienie roczne (PDF)" in Chromium: the resident logs in on the demo site, opens
 * Księgowość and presses the button; the browser receives a download (Playwright's download
 * event) named after the unit and year, whose text (poppler's pdftotext) is the statement of that
 * unit and year with the figures the page shows. The same from the portal's own section for
 * another year.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsResponse, FiltersResponse, MeResponse } from '@strefa/api-types';
import { DEMO_RESIDENT, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext } from './support/browser.ts';

let bff: RunningBff;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dir: string;

beforeAll(async () => {
  await ensureWidgetsBuilt();
  bff = await startBff();
  browser = await launchChromium();
  context = await newContext(browser, { baseURL: bff.url });
  page = await context.newPage();
  dir = mkdtempSync(join(tmpdir(), 'strefa-download-'));
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bff?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const portal = (): Locator => page.locator('resident-portal');

async function api<T>(path: string): Promise<T> {
  const response = await context.request.get(bff.url + path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** Clicks and returns the text of the PDF the browser downloaded, and its suggested name. */
async function download(link: Locator, name: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), link.click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', timeout: 20_000 });
  return { filename: file.suggestedFilename(), text: text.replace(/\u00a0/g, ' ') };
}

describe('the yearly statement in Chromium', () => {
  it('downloads from Księgowość and from the portal, with the session', { timeout: 180_000 }, async () => {
    await page.goto('/strefa-mieszkanca.html');
    await portal().getByLabel('Identyfikator').fill(DEMO_RESIDENT.login);
    await portal().getByLabel('Hasło', { exact: true }).fill(DEMO_RESIDENT.password);
    await portal().getByRole('button', { name: 'Zaloguj' }).click();
    await portal().getByRole('tab', { name: 'Księgowość', exact: true }).click();

    const me = await api<MeResponse>('/api/v1/me');
    const unit = me.assignments[0]!.unit;
    const filters = await api<FiltersResponse>(`/api/v1/units/${unit.id}/filters`);
    const year = filters.years[0]!;
    const accounts = await api<AccountsResponse>(`/api/v1/units/${unit.id}/accounts?year=${year}`);

    const inLedger = portal()
      .getByRole('tabpanel')
      .getByRole('link', { name: `Pobierz zestawienie roczne (PDF) za rok ${year}` });
    await inLedger.waitFor({ state: 'visible', timeout: 20_000 });
    const fromLedger = await download(inLedger, 'ledger.pdf');
    expect(fromLedger.filename).toMatch(new RegExp(`^zestawienie-roczne_[\\p{L}0-9-]+_${year}\\.pdf$`, 'u'));
    expect(fromLedger.text).toContain(`Zestawienie roczne za ${year} r.`);
    expect(fromLedger.text).toContain(unit.address.text);
    expect(fromLedger.text).toContain(me.person.displayName);
    for (const account of accounts.accounts) {
      const amount = account.balance.replace('.', ',');
      expect(fromLedger.text).toMatch(new RegExp(`${account.name}\\s+.*${amount.replace(/[-]/g, '\\-')}`));
    }

    // The portal's own section, on another tab, for the year before.
    await portal().getByRole('tab', { name: 'Czynsz', exact: true }).click();
    const previous = filters.years[1]!;
    await portal().getByLabel('Rok zestawienia').selectOption(String(previous));
    const inPortal = portal().getByRole('link', {
      name: `Pobierz zestawienie roczne (PDF) za rok ${previous}`,
    });
    const fromPortal = await download(inPortal, 'portal.pdf');
    expect(fromPortal.filename).toMatch(new RegExp(`_${previous}\\.pdf$`));
    expect(fromPortal.text).toContain(`Zestawienie roczne za ${previous} r.`);
    // No error was shown beside either link.
    expect(await portal().getByRole('alert').count()).toBe(0);
  });
});
