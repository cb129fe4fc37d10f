/**
 * "Pobierz CSV" of every table, end to end in Chromium against the real BFF: the button's file
 * is caught as the browser would save it (the blob behind `<a download>`), its bytes checked
 * (UTF-8 BOM, CRLF), parsed with a CSV library (csv-parse), and every cell compared to the API's
 * answer for the same view. Plus the helper's own rules (quoting, formulas, numbers).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { parse } from 'csv-parse/browser/esm/sync';
import type {
  AccountsResponse,
  ChargeHistoryResponse,
  ChargesResponse,
  DocumentsResponse,
  MeResponse,
  ReadingsComparisonResponse,
  ReadingsResponse,
  RecentLoginsResponse,
  SettlementHistoryResponse,
  SettlementsResponse,
} from '@strefa/api-types';
import {
  $,
  $$,
  get,
  loginResident,
  logoutEverywhere,
  restorePolish,
  store,
  text,
  unitsWithFilters,
  until,
} from './data-test-support.ts';
import { csvDate, csvNumber } from './csv.ts';
import { addressSlug, csvFileName, slug, toCsv } from './csv-file.ts';
import type { AdminPeopleResponse, AuditResponse } from '@strefa/api-types';
import '../clerk-admin/clerk-admin.ts';
import '../ledger-accounts/ledger-accounts.ts';
import '../media-readings/media-readings.ts';
import '../media-settlements/media-settlements.ts';
import '../rent-components/rent-components.ts';
import '../resident-profile/resident-profile.ts';

interface Download {
  name: string;
  bytes: Uint8Array;
  rows: string[][];
}

/** Clicks `button` and returns the file the browser was asked to save, parsed. */
async function download(button: HTMLElement | null): Promise<Download> {
  expect(button, 'a Pobierz CSV button').not.to.equal(null);
  const original = HTMLAnchorElement.prototype.click;
  let caught: { href: string; name: string } | null = null;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) caught = { href: this.href, name: this.download };
    else original.call(this);
  };
  try {
    button!.click();
    await until(() => caught, 'the download');
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  const { href, name } = caught!;
  const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  expect([...bytes.slice(0, 3)], 'UTF-8 BOM').to.deep.equal([0xef, 0xbb, 0xbf]);
  expect(text.endsWith('\r\n'), 'CRLF line ends').to.equal(true);
  expect(text.replace(/\r\n/g, '').includes('\n'), 'no bare LF outside quotes').to.equal(false);
  const rows = parse(text, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
  return { name, bytes, rows };
}

/** The file's form of an API decimal: a decimal comma, no grouping, no currency. */
const num = (value: string | null | undefined) => (value == null ? '' : value.replace('.', ','));
/** dd.mm.rrrr of an API date. */
const date = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '');

async function unitSlugOf(unit: number): Promise<string> {
  const me = await get<MeResponse>('/me');
  return addressSlug(me.assignments.find((a) => a.unit.id === unit)!.unit.address);
}

describe('csv helper', () => {
  it('writes a BOM, `;`, CRLF, decimal commas, and quotes what needs quoting', () => {
    const text = toCsv({
      columns: ['Nazwa', 'Kwota (zł)'],
      rows: [
        ['Woda; ciepła', csvNumber('-1234.50')],
        ['Cytat "x"', csvNumber('0.085')],
        ['=SUM(A1)', 12.5],
        [null, csvNumber(null)],
      ],
    });
    expect(text).to.equal(
      '\uFEFFNazwa;Kwota (zł)\r\n"Woda; ciepła";-1234,50\r\n"Cytat ""x""";0,085\r\n\'=SUM(A1);12,5\r\n;\r\n',
    );
  });

  it('names files by view, unit and period in safe ASCII', () => {
    expect(slug('Piłsudskiego 12 m. 4')).to.equal('pilsudskiego-12-m-4');
    expect(slug('ŻÓŁTA Ćma')).to.equal('zolta-cma');
    expect(csvFileName('czynsz', 'zamkowa-4-m-1', '2026-01')).to.equal('czynsz_zamkowa-4-m-1_2026-01.csv');
    expect(csvDate('2026-01-05')).to.equal('05.01.2026');
  });
});

describe('Pobierz CSV in every widget', () => {
  afterEach(restorePolish);
  before(loginResident);

  it('<rent-components>: the month’s components and the 24-month chart', async () => {
    const { units } = await unitsWithFilters();
    const { unit, filters } = units[0]!;
    const { year, month } = filters.latest!;
    const charges = await get<ChargesResponse>(`/units/${unit}/charges?year=${year}&month=${month}`);
    const el = await fixture(html`<rent-components unit-id=${unit}></rent-components>`);
    await until(() => $(el, '[part="table"]'), 'the components');
    const file = await download(
      $(el, '[part="table"]')!.closest('.table-wrap')!.nextElementSibling as HTMLElement,
    );
    const mm = String(month).padStart(2, '0');
    expect(file.name).to.equal(`czynsz_${await unitSlugOf(unit)}_${year}-${mm}.csv`);
    const basis = { m2: 'm²', m3: 'm³', person: 'osoba', unit: 'lokal' };
    expect(file.rows).to.deep.equal([
      ['Składnik', 'Podstawa', 'Ilość', 'Stawka (zł)', 'Kwota (zł)'],
      ...charges.components.map((c) => [c.name, basis[c.basis], num(c.quantity), num(c.rate), num(c.amount)]),
      ['Razem', '', '', '', num(charges.total)],
    ]);

    const history = await get<ChargeHistoryResponse>(
      `/units/${unit}/charges/history?year=${year}&month=${month}`,
    );
    await until(() => $(el, '[part="chart-table"]'), 'the chart’s table');
    const chart = await download($(el, '.chart-data button[part="csv"]'));
    expect(chart.name).to.equal(`czynsz-24-miesiace_${await unitSlugOf(unit)}_${year}-${mm}.csv`);
    const shown = history.months.filter((m) => m.total !== null);
    expect(chart.rows.slice(1).map((r) => [r[0], r[1]])).to.deep.equal(
      shown.map((m) => [`${String(m.month).padStart(2, '0')}.${m.year}`, num(m.total)]),
    );
    expect(chart.rows[0]).to.deep.equal(['Miesiąc', 'Opłata (zł)', 'Zmiany']);
  });

  it('writes the header row in the widget’s language, the figures in the file’s form', async () => {
    const { units } = await unitsWithFilters();
    const { unit, filters } = units[0]!;
    const { year, month } = filters.latest!;
    const charges = await get<ChargesResponse>(`/units/${unit}/charges?year=${year}&month=${month}`);
    const el = await fixture(html`<rent-components lang="en" unit-id=${unit}></rent-components>`);
    await until(
      () => $(el, '[part="table"]') && text($(el, 'button[type="submit"]')) === 'Send',
      'the English table',
    );
    const button = $(el, '[part="table"]')!.closest('.table-wrap')!.nextElementSibling as HTMLElement;
    expect(text(button)).to.equal('Download CSV');
    const file = await download(button);
    expect(file.rows[0]).to.deep.equal(['Component', 'Basis', 'Quantity', 'Rate (PLN)', 'Amount (PLN)']);
    // Decimal commas and dd.mm.rrrr whatever the language: the file is for a Polish spreadsheet.
    expect(file.rows.at(-1)).to.deep.equal(['Total', '', '', '', num(charges.total)]);
  });

  it('<ledger-accounts>: the accounts, and an account’s documents', async () => {
    const { units } = await unitsWithFilters();
    const { unit, filters } = units[0]!;
    const year = filters.years[0]!;
    const accounts = await get<AccountsResponse>(`/units/${unit}/accounts?year=${year}`);
    const el = await fixture(html`<ledger-accounts unit-id=${unit}></ledger-accounts>`);
    await until(() => $(el, 'table[part="table"]'), 'the accounts');
    const file = await download(
      $(el, 'table[part="table"]')!.closest('.table-wrap')!.nextElementSibling as HTMLElement,
    );
    expect(file.name).to.equal(`ksiegowosc_${await unitSlugOf(unit)}_${year}.csv`);
    expect(file.rows).to.deep.equal([
      ['Konto', 'Bilans otwarcia (zł)', 'Obroty Wn (zł)', 'Obroty Ma (zł)', 'Saldo (zł)'],
      ...accounts.accounts.map((a) => [
        a.name,
        num(a.openingBalance),
        num(a.debit),
        num(a.credit),
        num(a.balance),
      ]),
    ]);

    const account = accounts.accounts[0]!;
    const documents = await get<DocumentsResponse>(
      `/units/${unit}/accounts/${account.id}/documents?year=${year}`,
    );
    $<HTMLButtonElement>(el, `button.details-button[data-account="${account.id}"]`)!.click();
    await until(() => $(el, 'table[part="documents-table"]'), 'the documents');
    const docs = await download($(el, '[part="details"] button[part="csv"]'));
    expect(docs.name).to.equal(`dokumenty_${await unitSlugOf(unit)}_${slug(`${year}-${account.name}`)}.csv`);
    const kinds = {
      charge: 'naliczenie',
      payment: 'wpłata',
      interest: 'nota odsetkowa',
      correction: 'korekta',
      settlement: 'rozliczenie',
    };
    expect(docs.rows).to.deep.equal([
      ['Data', 'Numer', 'Rodzaj', 'Opis', 'Wn (zł)', 'Ma (zł)'],
      ...documents.documents.map((d) => [
        date(d.date),
        d.number,
        kinds[d.kind],
        d.description,
        num(d.debit),
        num(d.credit),
      ]),
    ]);
    expect(docs.rows.length).to.be.greaterThan(1);
  });

  it('<media-readings>: the readings and the consumption chart', async () => {
    const { units } = await unitsWithFilters();
    const { unit, filters } = units.find((u) => u.filters.media.length)!;
    const year = filters.years[0]!;
    const medium = filters.media[0]!;
    const readings = await get<ReadingsResponse>(
      `/units/${unit}/readings?year=${year}&medium=${medium.code}`,
    );
    const el = await fixture(html`<media-readings unit-id=${unit}></media-readings>`);
    await until(() => $(el, '[part="table"]'), 'the readings');
    const file = await download(
      $(el, '[part="table"]')!.closest('.table-wrap')!.nextElementSibling as HTMLElement,
    );
    expect(file.name).to.equal(`odczyty_${await unitSlugOf(unit)}_${slug(`${year}-${medium.code}`)}.csv`);
    const kinds = { actual: 'rzeczywisty', estimated: 'szacunkowy', remote: 'radiowy' };
    const u = medium.unit;
    expect(file.rows).to.deep.equal([
      ['Licznik', 'Miejsce', 'Data odczytu', 'Rodzaj odczytu', `Stan licznika (${u})`, `Zużycie (${u})`],
      ...readings.readings.map((r) => [
        r.meter.number,
        r.meter.location,
        date(r.date),
        kinds[r.kind],
        num(r.value),
        num(r.consumption),
      ]),
    ]);

    const comparison = await get<ReadingsComparisonResponse>(
      `/units/${unit}/readings/comparison?year=${year}&medium=${medium.code}`,
    );
    await until(() => $(el, '[part="chart-table"]'), 'the chart’s table');
    const chart = await download($(el, '.chart-data button[part="csv"]'));
    const half = (h: 1 | 2) => (h === 1 ? 'I półrocze' : 'II półrocze');
    expect(chart.rows.slice(1)).to.deep.equal(
      comparison.periods.map((p) => [
        `${half(p.half)} ${p.year}`,
        num(p.consumption),
        num(p.perBasis),
        num(p.building?.average ?? null),
      ]),
    );
  });

  it('<media-settlements>: the year’s settlements and the ten-year chart', async () => {
    const { units } = await unitsWithFilters();
    const { unit, filters } = units.find((u) => u.filters.settlementAccounts.length)!;
    const year = filters.years[0]!;
    const account = filters.settlementAccounts[0]!;
    const settlements = await get<SettlementsResponse>(
      `/units/${unit}/settlements?year=${year}&account=${account.id}`,
    );
    const el = await fixture(html`<media-settlements unit-id=${unit}></media-settlements>`);
    await until(() => $(el, '[part="settlements"]') || $(el, '[part="empty"]'), 'the settlements');
    if (settlements.settlements.length) {
      const file = await download($(el, '[part="settlements"]')!.nextElementSibling as HTMLElement);
      expect(file.name).to.equal(
        `rozliczenia_${await unitSlugOf(unit)}_${slug(`${year}-${account.name}`)}.csv`,
      );
      expect(file.rows.slice(1)).to.deep.equal(
        settlements.settlements.map((s) => [
          s.documentNumber,
          s.name,
          date(s.date),
          date(s.periodFrom),
          date(s.periodTo),
          num(s.consumption),
          s.consumptionUnit,
          num(s.unitPrice),
          num(s.cost),
          num(s.advances),
          num(s.balance),
          date(s.dueDate),
        ]),
      );
    }
    const history = await get<SettlementHistoryResponse>(
      `/units/${unit}/settlements/history?year=${year}&account=${account.id}`,
    );
    expect(history.settlements.length).to.be.greaterThan(0);
    await until(() => $(el, '[part="chart-table"]'), 'the chart’s table');
    const chart = await download($(el, '.chart-data button[part="csv"]'));
    expect(chart.name).to.equal(
      `rozliczenia-wykres_${await unitSlugOf(unit)}_${history.fromYear}-${history.toYear}.csv`,
    );
    expect(chart.rows).to.deep.equal([
      ['Okres od', 'Okres do', 'Rozliczenie', 'Koszt (zł)', 'Zaliczki (zł)', 'Różnica (zł)'],
      ...history.settlements.map((s) => [
        date(s.periodFrom),
        date(s.periodTo),
        s.name,
        num(s.cost),
        num(s.advances),
        num(s.balance),
      ]),
    ]);
  });

  it('<resident-profile>: the assignments and the recent logins', async () => {
    const me = await get<MeResponse>('/me');
    const logins = await get<RecentLoginsResponse>('/session/logins');
    const el = await fixture(html`<resident-profile></resident-profile>`);
    await until(() => $(el, '[part="logins-table"]'), 'the logins');
    const buttons = $$(el, 'button[part="csv"]');
    expect(buttons).to.have.length(2);
    const assignments = await download(buttons[0]!);
    expect(assignments.name).to.match(
      new RegExp(
        `^przydzialy_${me.assignments[0] ? addressSlug(me.assignments[0].unit.address) : ''}_\\d{4}-\\d{2}-\\d{2}\\.csv$`,
      ),
    );
    expect(
      assignments.rows.slice(1).map((r) => [r[1], r[3], r[4], r[7], r[8], r[9], r[10]!.replace(/ /g, '')]),
    ).to.deep.equal(
      me.assignments.map((a) => [
        a.unit.address.text,
        num(a.unit.area),
        String(a.unit.persons),
        a.share,
        date(a.from),
        date(a.to),
        a.unit.bankAccount,
      ]),
    );
    const file = await download(buttons[1]!);
    expect(file.rows[0]).to.deep.equal(['Czas', 'Wynik', 'Adres IP']);
    expect(file.rows.slice(1).map((r) => [r[1], r[2]])).to.deep.equal(
      logins.events.map((e) => [e.action === 'login_success' ? 'udane' : 'nieudane', e.ip ?? '']),
    );
    for (const [i, row] of file.rows.slice(1).entries()) {
      expect(row[0], 'dd.mm.rrrr gg:mm').to.match(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
      // The same minute as the API's instant, in Warsaw time.
      const at = new Date(logins.events[i]!.at);
      const warsaw = new Intl.DateTimeFormat('pl-PL', {
        timeZone: 'Europe/Warsaw',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .format(at)
        .replace(',', '');
      expect(row[0]).to.equal(warsaw);
    }
  });
});

describe('Pobierz CSV for clerks', () => {
  before(async () => {
    await logoutEverywhere();
    await store().login('demo-clerk', 'demo-clerk-password');
  });
  after(logoutEverywhere);

  const warsaw = (value: string | null | undefined) =>
    value
      ? new Intl.DateTimeFormat('pl-PL', {
          timeZone: 'Europe/Warsaw',
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .format(new Date(value))
          .replace(',', '')
      : '';

  it('<clerk-admin>: the people found and a login’s history', async () => {
    const q = 'Wiśniewska';
    const { people } = await get<AdminPeopleResponse>(`/admin/people?q=${encodeURIComponent(q)}`);
    expect(people.length).to.be.greaterThan(0);
    const el = await fixture(html`<clerk-admin></clerk-admin>`);
    const input = await until(() => $<HTMLInputElement>(el, '#q'), 'the search form');
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    $<HTMLFormElement>(el, 'form[role="search"]')!.requestSubmit();
    const table = await until(() => $(el, '.admin__results table'), 'the people');
    const file = await download(table.nextElementSibling as HTMLElement);
    expect(file.name).to.match(/^osoby_wisniewska-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.rows).to.deep.equal([
      ['Osoba', 'Nr członkowski', 'Lokale', 'Identyfikator', 'Ostatnie logowanie'],
      ...people.map((p) => [
        p.displayName,
        p.memberNumber ?? '',
        p.units.map((u) => u.address).join(', '),
        p.login ?? '',
        warsaw(p.lastLoginAt),
      ]),
    ]);

    const { events } = await get<AuditResponse>('/admin/audit?login=demo-resident');
    const history = await until(
      () => $<HTMLButtonElement>(el, 'button[data-action="audit"]'),
      'a history button',
    );
    history.click();
    const audit = await until(() => $(el, '[part="audit"] table'), 'the history');
    const auditFile = await download(audit.nextElementSibling as HTMLElement);
    expect(auditFile.rows[0]).to.deep.equal(['Czas', 'Zdarzenie', 'Wykonał(a)', 'Dotyczy', 'Adres IP']);
    expect(auditFile.rows.slice(1).map((r) => [r[0], r[2], r[3], r[4]])).to.deep.equal(
      events.map((e) => [warsaw(e.at), e.actor ?? '', e.target ?? '', e.ip ?? '']),
    );
  });
});
