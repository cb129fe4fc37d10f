/**
 * Zestawienie roczne as a PDF: the statement's data (services/statement-service.ts, the API's own
 * decimal strings) laid out as blocks (pdf-layout.ts) and drawn into a PDFKit document that is
 * itself the readable stream sent to the client.
 *
 * Content, in order: the cooperative's header, the unit and the resident, the period and "stan
 * na dzień"; 1. the monthly fee (each month's total, then the components, months with the same
 * components shown once); 2. the ledger: every account's opening balance, turnovers and closing
 * balance, then each account's documents with their sums; 3. meter readings by medium;
 * 4. utility settlements by account; a closing note; on every page a footer with the page number.
 */
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { DocumentKind, FeeBasis, LegalTitle, ReadingKind, UnitKind } from '@strefa/api-types';
import { parseMoney, formatMoney, sumGrosze } from '../lib/money.ts';
import type { StatementData, StatementMonth } from '../services/statement-service.ts';
import {
  defaultFont,
  DOCUMENT_MARGINS,
  registerFonts,
  renderBlocks,
  type Block,
  type Column,
} from './pdf-layout.ts';
import {
  fileSlug,
  formatNrb,
  monthName,
  NBSP,
  polishDate,
  polishDateTime,
  polishDecimal,
  polishMoney,
} from './polish-format.ts';

const UNIT_KINDS: Record<UnitKind, string> = {
  flat: 'lokal mieszkalny',
  commercial: 'lokal użytkowy',
  garage: 'garaż',
  parking_space: 'miejsce postojowe',
  storage: 'komórka lokatorska',
};

const LEGAL_TITLES: Record<LegalTitle, string> = {
  ownership_coop: 'spółdzielcze własnościowe prawo do lokalu',
  tenancy_coop: 'spółdzielcze lokatorskie prawo do lokalu',
  separate_ownership: 'odrębna własność lokalu',
  lease: 'najem',
};

const BASES: Record<FeeBasis, string> = { m2: 'm²', m3: 'm³', person: 'osoba', unit: 'lokal' };

const DOCUMENT_KINDS: Record<DocumentKind, string> = {
  charge: 'naliczenie',
  payment: 'wpłata',
  interest: 'nota odsetkowa',
  correction: 'korekta',
  settlement: 'rozliczenie',
};

const READING_KINDS: Record<ReadingKind, string> = {
  actual: 'rzeczywisty',
  estimated: 'szacunkowy',
  remote: 'radiowy',
};

const label = <K extends string>(labels: Record<K, string>, code: K): string => labels[code] ?? String(code);

/** "2 osoby", "5 osób", "1 osoba". */
function persons(n: number): string {
  if (n === 1) return '1 osoba';
  const tens = n % 100;
  const units = n % 10;
  return `${n} ${units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? 'osoby' : 'osób'}`;
}

/** The file name (RFC 6266): Polish letters in `filename*`, their ASCII forms in `filename`. */
export function statementFileNames(data: StatementData): { ascii: string; utf8: string } {
  const place = data.unit.address.text.split(',')[0] ?? `lokal-${data.unit.id}`;
  const name = (ascii: boolean) =>
    `zestawienie-roczne_${fileSlug(place, ascii) || `lokal-${data.unit.id}`}_${data.year}.pdf`;
  return { ascii: name(true), utf8: name(false) };
}

/** `attachment; filename="…"; filename*=UTF-8''…` */
export function contentDisposition(data: StatementData): string {
  const { ascii, utf8 } = statementFileNames(data);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}

/** Months with the same components, one after another: `styczeń–luty 2025`. */
function monthGroups(months: StatementMonth[]): { label: string; month: StatementMonth }[] {
  const groups: { first: StatementMonth; last: StatementMonth; key: string }[] = [];
  for (const month of months) {
    const key = JSON.stringify(month.components);
    const last = groups[groups.length - 1];
    if (last && last.key === key && last.last.month === month.month - 1) last.last = month;
    else groups.push({ first: month, last: month, key });
  }
  return groups.map(({ first, last }) => ({
    label:
      first.month === last.month
        ? monthName(first.month)
        : `${monthName(first.month)}–${monthName(last.month)}`,
    month: first,
  }));
}

function feeBlocks(data: StatementData): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: '1. Opłaty miesięczne (czynsz)' }];
  if (data.months.length === 0) {
    blocks.push({
      type: 'paragraph',
      text: 'Brak naliczeń opłat w tym roku w okresie przydziału do lokalu.',
    });
    return blocks;
  }
  blocks.push({
    type: 'table',
    columns: [
      { header: 'Miesiąc', width: 0.7 },
      { header: 'Opłata miesięczna (zł)', width: 0.3, align: 'right' },
    ],
    rows: [
      ...data.months.map((month) => ({
        cells: [`${monthName(month.month)} ${data.year}`, polishMoney(month.total)],
      })),
      { cells: [`Razem za ${data.year} r.`, polishMoney(data.feesTotal)], total: true },
    ],
  });
  const columns: Column[] = [
    { header: 'Składnik opłaty', width: 0.43, wrap: true },
    { header: 'Podstawa', width: 0.1 },
    { header: 'Ilość', width: 0.14, align: 'right' },
    { header: 'Stawka (zł)', width: 0.15, align: 'right' },
    { header: 'Kwota (zł)', width: 0.18, align: 'right' },
  ];
  for (const group of monthGroups(data.months)) {
    blocks.push(
      { type: 'heading', level: 3, text: `Składniki opłaty: ${group.label} ${data.year}` },
      {
        type: 'table',
        columns,
        rows: [
          ...group.month.components.map((component) => ({
            cells: [
              component.name,
              label(BASES, component.basis),
              polishDecimal(component.quantity),
              polishDecimal(component.rate),
              polishMoney(component.amount),
            ],
          })),
          { cells: ['Razem miesięcznie', '', '', '', polishMoney(group.month.total)], total: true },
        ],
      },
    );
  }
  return blocks;
}

function ledgerBlocks(data: StatementData): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: '2. Księgowość – stan kont' }];
  if (data.accounts.length === 0) {
    blocks.push({
      type: 'paragraph',
      text: 'Brak kont rozrachunkowych w tym roku w okresie przydziału do lokalu.',
    });
    return blocks;
  }
  const sum = (pick: (a: StatementData['accounts'][number]) => string) =>
    polishMoney(formatMoney(sumGrosze(data.accounts.map((account) => parseMoney(pick(account))))));
  blocks.push({
    type: 'table',
    columns: [
      { header: 'Konto', width: 0.36, wrap: true },
      { header: 'Bilans otwarcia (zł)', width: 0.16, align: 'right' },
      { header: 'Obroty Wn (zł)', width: 0.16, align: 'right' },
      { header: 'Obroty Ma (zł)', width: 0.16, align: 'right' },
      { header: 'Saldo (zł)', width: 0.16, align: 'right' },
    ],
    rows: [
      ...data.accounts.map((account) => ({
        cells: [
          account.name,
          polishMoney(account.openingBalance),
          polishMoney(account.debit),
          polishMoney(account.credit),
          polishMoney(account.balance),
        ],
      })),
      ...(data.accounts.length > 1
        ? [
            {
              cells: [
                'Razem',
                sum((a) => a.openingBalance),
                sum((a) => a.debit),
                sum((a) => a.credit),
                sum((a) => a.balance),
              ],
              total: true,
            },
          ]
        : []),
    ],
  });
  blocks.push({
    type: 'paragraph',
    size: 7.5,
    text: 'Saldo = bilans otwarcia + obroty Wn − obroty Ma; saldo dodatnie oznacza zaległość, ujemne nadpłatę. Kwoty nie obejmują należności z faktur wystawionych przez spółdzielnię.',
  });
  for (const account of data.accounts) {
    blocks.push({ type: 'heading', level: 3, text: `Dokumenty: ${account.name}` });
    if (account.documents.length === 0) {
      blocks.push({ type: 'paragraph', text: 'Brak dokumentów w tym roku.' });
      continue;
    }
    blocks.push({
      type: 'table',
      columns: [
        { header: 'Data', width: 0.11 },
        { header: 'Numer', width: 0.15 },
        { header: 'Rodzaj', width: 0.12 },
        { header: 'Opis', width: 0.38, wrap: true },
        { header: 'Wn (zł)', width: 0.12, align: 'right' },
        { header: 'Ma (zł)', width: 0.12, align: 'right' },
      ],
      rows: [
        ...account.documents.map((document) => ({
          cells: [
            polishDate(document.date),
            document.number,
            label(DOCUMENT_KINDS, document.kind),
            document.description,
            polishMoney(document.debit),
            polishMoney(document.credit),
          ],
        })),
        {
          cells: ['Razem', '', '', '', polishMoney(account.debit), polishMoney(account.credit)],
          total: true,
        },
      ],
    });
  }
  return blocks;
}

function readingBlocks(data: StatementData): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: '3. Media – odczyty' }];
  if (data.media.length === 0) {
    blocks.push({
      type: 'paragraph',
      text: 'Brak odczytów liczników w tym roku w okresie przydziału do lokalu.',
    });
    return blocks;
  }
  for (const { medium, readings } of data.media) {
    blocks.push(
      { type: 'heading', level: 3, text: `${medium.name} (${medium.unit})` },
      {
        type: 'table',
        columns: [
          { header: 'Data odczytu', width: 0.13 },
          { header: 'Licznik', width: 0.2 },
          { header: 'Miejsce', width: 0.2, wrap: true },
          { header: 'Rodzaj odczytu', width: 0.15 },
          { header: `Stan (${medium.unit})`, width: 0.16, align: 'right' },
          { header: `Zużycie (${medium.unit})`, width: 0.16, align: 'right' },
        ],
        rows: readings.map((reading) => ({
          cells: [
            polishDate(reading.date),
            reading.meter.number,
            reading.meter.location,
            label(READING_KINDS, reading.kind),
            polishDecimal(reading.value),
            polishDecimal(reading.consumption),
          ],
        })),
      },
    );
  }
  return blocks;
}

function settlementBlocks(data: StatementData): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: '4. Media – rozliczenia' }];
  if (data.settlementAccounts.length === 0) {
    blocks.push({
      type: 'paragraph',
      text: 'Brak rozliczeń mediów w tym roku w okresie przydziału do lokalu.',
    });
    return blocks;
  }
  for (const { account, settlements } of data.settlementAccounts) {
    blocks.push({ type: 'heading', level: 3, text: account.name });
    if (settlements.length === 0) {
      blocks.push({ type: 'paragraph', text: 'Brak rozliczeń w tym roku.' });
      continue;
    }
    blocks.push({
      type: 'table',
      columns: [
        { header: 'Dokument', width: 0.135, wrap: true },
        { header: 'Data', width: 0.095 },
        { header: 'Okres', width: 0.105, wrap: true },
        { header: 'Nazwa', width: 0.13, wrap: true },
        { header: 'Zużycie', width: 0.09, align: 'right' },
        { header: 'Cena (zł)', width: 0.08, align: 'right' },
        { header: 'Koszt (zł)', width: 0.09, align: 'right' },
        { header: 'Zaliczki (zł)', width: 0.09, align: 'right' },
        { header: 'Saldo (zł)', width: 0.09, align: 'right' },
        { header: 'Termin', width: 0.095 },
      ],
      rows: settlements.map((settlement) => ({
        cells: [
          settlement.documentNumber,
          polishDate(settlement.date),
          `${polishDate(settlement.periodFrom)}–${polishDate(settlement.periodTo)}`,
          settlement.name,
          `${polishDecimal(settlement.consumption)}${NBSP}${settlement.consumptionUnit}`,
          polishDecimal(settlement.unitPrice),
          polishMoney(settlement.cost),
          polishMoney(settlement.advances),
          polishMoney(settlement.balance),
          settlement.dueDate ? polishDate(settlement.dueDate) : '—',
        ],
      })),
    });
  }
  blocks.push({
    type: 'paragraph',
    size: 7.5,
    text: 'Saldo rozliczenia = koszt − zaliczki: dodatnie to niedopłata (do zapłaty w terminie), ujemne to nadpłata (do zwrotu lub zaliczenia).',
  });
  return blocks;
}

/** The statement as layout blocks, first page to last. */
export function statementBlocks(data: StatementData): Block[] {
  const { unit, person } = data;
  const period = data.ranges.length
    ? data.ranges.map((range) => `${polishDate(range.from)} – ${polishDate(range.to)}`).join('; ')
    : `brak przydziału do lokalu w ${data.year} r.`;
  const header: Block[] = data.cooperative
    ? [
        { type: 'paragraph', text: data.cooperative.name, font: 'bold', size: 11, gap: 1 },
        { type: 'paragraph', text: data.cooperative.address, gap: 10 },
      ]
    : [];
  return [
    ...header,
    { type: 'heading', level: 1, text: `Zestawienie roczne za ${data.year} r.` },
    {
      type: 'fields',
      rows: [
        ['Lokal', unit.address.text],
        [
          'Rodzaj lokalu',
          `${label(UNIT_KINDS, unit.kind)}, ${polishDecimal(unit.area)}${NBSP}m², ${persons(unit.persons)}`,
        ],
        ['Osiedle', unit.estate],
        ['Tytuł prawny', label(LEGAL_TITLES, unit.legalTitle)],
        [
          'Mieszkaniec',
          person.memberNumber
            ? `${person.displayName}, nr członkowski ${person.memberNumber}`
            : person.displayName,
        ],
        ['Rachunek do wpłat', formatNrb(unit.bankAccount)],
        ['Okres zestawienia', period],
        ['Stan na dzień', polishDate(data.asOf)],
      ],
    },
    {
      type: 'paragraph',
      size: 7.5,
      gap: 2,
      text: 'Kwoty w złotych (PLN). Zestawienie obejmuje dane z okresu przydziału do lokalu, tak jak prowadzi je program czynszowy spółdzielni.',
    },
    ...feeBlocks(data),
    ...ledgerBlocks(data),
    ...readingBlocks(data),
    ...settlementBlocks(data),
    { type: 'space', height: 10 },
    {
      type: 'paragraph',
      size: 7.5,
      text: `Dokument wygenerowany elektronicznie w Strefie Mieszkańca ${polishDateTime(data.madeAt)}; nie wymaga podpisu. W razie pytań prosimy o kontakt z administracją osiedla.`,
    },
  ];
}

export interface StatementPdf {
  /** The PDF bytes as they are made. */
  stream: Readable;
  /** Resolves with the number of pages when the last byte has been handed to the stream. */
  done: Promise<number>;
}

/**
 * Starts drawing the statement and returns at once with the stream. A failure half-way destroys
 * the stream (the client sees a cut download, never a PDF that looks whole) and rejects `done`.
 */
export function statementPdf(data: StatementData): StatementPdf {
  const title = `Zestawienie roczne ${data.year} – ${data.unit.address.text}`;
  const doc = new PDFDocument({
    autoFirstPage: false,
    font: defaultFont(),
    size: 'A4',
    margins: DOCUMENT_MARGINS,
    lang: 'pl-PL',
    displayTitle: true,
    // A structure tree (headings, paragraphs, tables) for screen readers: pdf-layout.ts.
    tagged: true,
    pdfVersion: '1.7',
    info: {
      Title: title,
      Author: data.cooperative?.name ?? 'Strefa Mieszkańca',
      Subject: `Zestawienie roczne lokalu za ${data.year} r.`,
      Creator: 'Strefa Mieszkańca',
      CreationDate: new Date(data.madeAt),
    },
  });
  registerFonts(doc);
  const done = renderBlocks(doc, statementBlocks(data), {
    footer: `${data.cooperative?.name ?? 'Strefa Mieszkańca'} · Zestawienie roczne ${data.year} · ${data.unit.address.text} · stan na dzień ${polishDate(data.asOf)}`,
    pageLabel: (page, pages) => `Strona ${page} z ${pages}`,
  }).catch((error: unknown) => {
    doc.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  return { stream: doc, done };
}
