/**
 * The activation letter fits one A4 page: printed from the real clerks' page (/pracownicy.html,
 * the built widgets, the real BFF) to PDF by Debian's Chromium, at the margins browsers use by
 * default (Chromium's 10 mm; Firefox's 12.7 mm is checked too), for the longest realistic name
 * and address, in Polish and in English; poppler's pdfinfo counts the pages and pdftotext reads
 * the letter back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCredentials } from '@strefa/api-types';
import { loadConfig } from '../bff/src/config.ts';
import { openDatabase } from '../bff/src/db/connection.ts';
import { billing } from '../bff/src/db/tables.ts';
import { DEMO_CLERK, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, loginViaApi, newContext } from './support/browser.ts';

/** As long as Polish names and addresses get (PESEL-register limits: 2 first names, a double surname). */
const LONG = {
  firstName: 'Maria Magdalena',
  lastName: 'Brzęczyszczykiewicz-Szczebrzeszyńska',
  street: 'Generała Władysława Andersa-Zawiszy',
  building: '123A',
  flat: '145',
};

let bff: RunningBff;
let browser: Browser;
let dir: string;
const contexts: BrowserContext[] = [];

/** Adds the long-named person with a flat at the long address to the BFF's database. */
async function addLongPerson(): Promise<void> {
  const knex = openDatabase(
    loadConfig({
      DATABASE_URL: `sqlite:${bff.databaseFile}`,
      SESSION_SECRET: 'e2e-tests-session-secret-0123456789abcdef',
      STREFA_DEMO: 'off',
      LOG_LEVEL: 'silent',
    }),
  );
  try {
    const next = async (table: string) => Number((await knex(table).max({ top: 'id' }).first())?.top) + 1;
    const [person, building, unit, assignment] = [
      await next(billing('persons')),
      await next(billing('buildings')),
      await next(billing('units')),
      await next(billing('assignments')),
    ];
    await knex(billing('persons')).insert({ id: person, firstName: LONG.firstName, lastName: LONG.lastName });
    await knex(billing('buildings')).insert({
      id: building,
      estate: 'Osiedle Centrum',
      street: LONG.street,
      number: LONG.building,
      postalCode: '95-200',
      city: 'Pabianice',
      floors: 11,
      hasLift: 1,
    });
    await knex(billing('units')).insert({
      id: unit,
      buildingId: building,
      kind: 'flat',
      number: LONG.flat,
      areaE2: 6210,
      persons: 4,
      legalTitle: 'separate_ownership',
      bankAccount: '99124030312000000000099999',
    });
    await knex(billing('assignments')).insert({
      id: assignment,
      personId: person,
      unitId: unit,
      role: 'member',
      share: '1/1',
      dateFrom: '2020-01-01',
    });
  } finally {
    await knex.destroy();
  }
}

async function clerkPage(): Promise<Page> {
  const context = await newContext(browser, { baseURL: bff.url });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/pracownicy.html');
  await loginViaApi(page, DEMO_CLERK.login, DEMO_CLERK.password);
  await page.reload();
  return page;
}

/** Issues (or, the second time, resets) the long-named person's access; the credentials. */
async function credentialsFor(page: Page): Promise<IssuedCredentials> {
  const admin = page.locator('clerk-admin');
  const query = admin.getByRole('searchbox', { name: 'Szukaj mieszkańca' });
  await query.waitFor({ timeout: 20_000 });
  await query.fill(LONG.lastName);
  await admin.getByRole('button', { name: 'Szukaj', exact: true }).click();
  const name = `${LONG.firstName} ${LONG.lastName}`;
  const issue = admin.getByRole('button', { name: `Wydaj dostęp: ${name}`, exact: true });
  const reset = admin.getByRole('button', { name: `Nowe hasło startowe: ${name}`, exact: true });
  await issue.or(reset).first().waitFor({ timeout: 20_000 });
  const isNew = await issue.isVisible();
  const [response] = await Promise.all([
    page.waitForResponse((answer) => /\/api\/v1\/admin\/credentials/.test(answer.url())),
    isNew
      ? issue.click()
      : reset.click().then(() => admin.getByRole('button', { name: 'Wygeneruj nowe hasło' }).click()),
  ]);
  expect(response.ok()).toBe(true);
  return (await response.json()) as IssuedCredentials;
}

async function printToPdf(
  page: Page,
  margin: string,
  file: string,
): Promise<{ pages: number; text: string }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({
    format: 'A4',
    margin: { top: margin, bottom: margin, left: margin, right: margin },
  });
  await page.emulateMedia({ media: 'screen' });
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { pages, text };
}

beforeAll(async () => {
  await ensureWidgetsBuilt();
  bff = await startBff();
  await addLongPerson();
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'strefa-letter-'));
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await bff?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the activation letter', () => {
  it.each(['pl', 'en'] as const)(
    'fits one A4 page in %s, with the longest name and address',
    async (lang) => {
      const page = await clerkPage();
      const credentials = await credentialsFor(page);
      const admin = page.locator('clerk-admin');
      await admin.getByLabel('Język listu').selectOption(lang);
      // The print dialog is the browser's; the PDF below is what it would print.
      await page.evaluate(() => {
        window.print = () => undefined;
      });
      for (const margin of ['10mm', '12.7mm']) {
        // Printing (here: to PDF) removes the letter afterwards, so each print starts anew.
        await admin.getByRole('button', { name: 'Drukuj list aktywacyjny' }).click();
        await page.locator('body > .strefa-print-root').waitFor({ state: 'attached' });
        const { pages, text } = await printToPdf(page, margin, join(dir, `letter-${lang}-${margin}.pdf`));
        expect(pages, `${lang}, margins ${margin}`).toBe(1);
        // pdftotext keeps a line break after a hyphen ("Brzęczyszczykiewicz-⏎Szczebrzeszyńska").
        const flat = text.replace(/\s+/g, ' ').replace(/- /g, '-');
        if (process.env.SHOW_LETTER) console.log(margin, pages, flat);
        for (const part of [
          credentials.login,
          credentials.oneTimePassword,
          LONG.lastName,
          `${LONG.street} ${LONG.building}`,
          lang === 'pl' ? 'czas polski' : 'Polish time',
          lang === 'pl' ? 'Jak się zalogować' : 'How to log in',
        ]) {
          expect(flat, `${lang}: ${part}`).toContain(part);
        }
      }
    },
  );
});
