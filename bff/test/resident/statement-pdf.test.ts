/**
 * `GET /api/v1/units/:unitId/statement?year` over the wire, on the generated database: the PDF's
 * text, extracted with poppler's `pdftotext` as a person's viewer would read it, holds every
 * figure that the JSON endpoints answer for the same unit and year (fee components and totals,
 * account states, documents, readings, settlements), on A4 pages with embedded fonts, Polish
 * letters intact; the same answers as the other unit endpoints for another person's unit, a
 * malformed year and a year outside the assignment; the headers of a private download; and the
 * limit on statements made at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AccountsResponse,
  ChargesResponse,
  DocumentsResponse,
  FiltersResponse,
  ReadingsResponse,
  SettlementsResponse,
} from '@strefa/api-types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { billing } from '../../src/db/tables.ts';
import { ownerChangeDate } from '../../src/db/demo-data/generate.ts';
import {
  createTestContext,
  DEFAULT_TEST_DATA,
  type TestClient,
  type TestContext,
} from '../support/test-app.ts';
import { loginAsPerson } from '../support/residents.ts';

const A = KNOWN_PEOPLE.demoResident;
const B = KNOWN_PEOPLE.twoUnits;
const MISSING_UNIT = 2_000_000_000;

let ctx: TestContext;
let alice: TestClient;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  alice = await loginAsPerson(ctx, A.personId);
  dir = mkdtempSync(join(tmpdir(), 'strefa-statement-'));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The raw answer: status, headers and bytes. */
async function download(client: TestClient, path: string) {
  const response = await fetch(client.base + path, { headers: { Cookie: client.cookieHeader() } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

let files = 0;
/** What poppler reads from a PDF: the text laid out as on the page, the page count and size, the fonts. */
function readPdf(bytes: Buffer) {
  const file = join(dir, `statement-${++files}.pdf`);
  writeFileSync(file, bytes);
  const run = (tool: string, args: string[]) =>
    execFileSync(tool, args, { encoding: 'utf8', timeout: 20_000 });
  const info = run('pdfinfo', [file]);
  return {
    // No-break spaces group thousands; a viewer's search treats them as spaces.
    text: run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).replace(/\u00a0/g, ' '),
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    tagged: /^Tagged:\s+yes/m.test(info),
    /** The structure tree with its text, as a screen reader walks it. */
    structure: run('pdfinfo', ['-struct-text', file]),
    pageSize: /^Page size:\s+(.*)$/m.exec(info)?.[1],
    fonts: run('pdffonts', [file]).split('\n').slice(2).filter(Boolean),
  };
}

// Polish forms of the API's figures, written here independently of the server's formatter.
const group = (whole: string) => (whole.length < 5 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, ' '));
function pl(decimal: string): string {
  const [, sign = '', whole = '', fraction] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal)!;
  return `${sign}${group(whole)}${fraction ? `,${fraction}` : ''}`;
}
const plDate = (iso: string) => iso.split('-').reverse().join('.');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether one line of the text holds the cells in this order, each whole, `…` anything between. */
function hasRow(text: string, cells: string[]): boolean {
  const pattern = cells.map((cell) => (cell === '…' ? '.*' : escape(cell))).join('\\s+');
  return new RegExp(`(^|\\s)${pattern}(\\s|$)`, 'm').test(text);
}

interface StructureNode {
  tag: string;
  text: string[];
  children: StructureNode[];
}

/** The tree `pdfinfo -struct-text` prints: two spaces of indent per level, text in quotes. */
function parseStructure(output: string): StructureNode[] {
  const roots: StructureNode[] = [];
  const stack: { depth: number; node: StructureNode }[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    const content = line.trim();
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    if (content.startsWith('"')) {
      parent?.text.push(content.slice(1, -1));
      continue;
    }
    const node: StructureNode = { tag: content.split(' ')[0]!, text: [], children: [] };
    (parent ? parent.children : roots).push(node);
    stack.push({ depth, node });
  }
  return roots;
}

const BASIS: Record<string, string> = { m2: 'm²', m3: 'm³', person: 'osoba', unit: 'lokal' };
const DOCUMENT_KIND: Record<string, string> = {
  charge: 'naliczenie',
  payment: 'wpłata',
  interest: 'nota odsetkowa',
  correction: 'korekta',
  settlement: 'rozliczenie',
};
const READING_KIND: Record<string, string> = {
  actual: 'rzeczywisty',
  estimated: 'szacunkowy',
  remote: 'radiowy',
};
const MONTHS = [
  'styczeń',
  'luty',
  'marzec',
  'kwiecień',
  'maj',
  'czerwiec',
  'lipiec',
  'sierpień',
  'wrzesień',
  'październik',
  'listopad',
  'grudzień',
];

/** Every figure the JSON endpoints answer for the unit and year, as rows the PDF must show. */
async function expectedRows(client: TestClient, unitId: number, year: number) {
  const base = `/api/v1/units/${unitId}`;
  const filters = (await client.get<FiltersResponse>(`${base}/filters`)).body;
  const rows: { what: string; cells: string[] }[] = [];
  for (let month = 1; month <= 12; month++) {
    const charges = (await client.get<ChargesResponse>(`${base}/charges?year=${year}&month=${month}`)).body;
    if (!charges.components.length) continue;
    rows.push({ what: `fee total ${month}`, cells: [`${MONTHS[month - 1]} ${year}`, pl(charges.total)] });
    for (const c of charges.components) {
      rows.push({
        what: `fee component ${month} ${c.name}`,
        cells: [c.name, BASIS[c.basis]!, pl(c.quantity), pl(c.rate), pl(c.amount)],
      });
    }
  }
  const { accounts } = (await client.get<AccountsResponse>(`${base}/accounts?year=${year}`)).body;
  for (const account of accounts) {
    rows.push({
      what: `account ${account.name}`,
      cells: [
        account.name,
        pl(account.openingBalance),
        pl(account.debit),
        pl(account.credit),
        pl(account.balance),
      ],
    });
    const { documents } = (
      await client.get<DocumentsResponse>(`${base}/accounts/${account.id}/documents?year=${year}`)
    ).body;
    rows.push(
      documents.length
        ? { what: `documents' sums ${account.name}`, cells: ['Razem', pl(account.debit), pl(account.credit)] }
        : { what: `no documents ${account.name}`, cells: ['Brak dokumentów w tym roku.'] },
    );
    for (const d of documents) {
      rows.push({
        what: `document ${d.number}`,
        cells: [plDate(d.date), d.number, DOCUMENT_KIND[d.kind]!, '…', pl(d.debit), pl(d.credit)],
      });
    }
  }
  for (const medium of filters.media) {
    const answer = (await client.get<ReadingsResponse>(`${base}/readings?year=${year}&medium=${medium.code}`))
      .body;
    for (const r of answer.readings) {
      rows.push({
        what: `reading ${medium.code} ${r.date} ${r.meter.number}`,
        cells: [
          plDate(r.date),
          r.meter.number,
          r.meter.location,
          READING_KIND[r.kind]!,
          pl(r.value),
          pl(r.consumption),
        ],
      });
    }
  }
  for (const account of filters.settlementAccounts) {
    const answer = (
      await client.get<SettlementsResponse>(`${base}/settlements?year=${year}&account=${account.id}`)
    ).body;
    for (const s of answer.settlements) {
      rows.push({
        what: `settlement ${s.documentNumber}`,
        cells: [
          plDate(s.date),
          `${plDate(s.periodFrom)}–`,
          '…',
          pl(s.consumption),
          s.consumptionUnit,
          pl(s.unitPrice),
          pl(s.cost),
          pl(s.advances),
          pl(s.balance),
          s.dueDate ? plDate(s.dueDate) : '—',
        ],
      });
      rows.push({ what: `settlement ${s.documentNumber} period end`, cells: [plDate(s.periodTo)] });
    }
  }
  return { filters, rows };
}

describe('the PDF holds every figure of the JSON answers', () => {
  for (const [label, unitId] of [
    ['the flat', A.flatUnitId],
    ['the garage', A.garageUnitId],
  ] as const) {
    it(`${label}: every year with data`, async () => {
      const { years } = (await alice.get<FiltersResponse>(`/api/v1/units/${unitId}/filters`)).body;
      expect(years.length).toBeGreaterThan(0);
      for (const year of years) {
        const { rows } = await expectedRows(alice, unitId, year);
        expect(rows.length).toBeGreaterThan(0);
        const answer = await download(alice, `/api/v1/units/${unitId}/statement?year=${year}`);
        expect(answer.status).toBe(200);
        const pdf = readPdf(answer.bytes);
        const missing = rows.filter((row) => !hasRow(pdf.text, row.cells)).map((row) => row.what);
        if (missing.length && process.env.SHOW_TEXT) console.log(pdf.text);
        expect({ year, missing }).toEqual({ year, missing: [] });
        expect(pdf.text).toContain(`Zestawienie roczne za ${year} r.`);
        // A4, every page numbered, a sensible length for the rows it holds.
        expect(pdf.pageSize).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
        for (let page = 1; page <= pdf.pages; page++)
          expect(pdf.text).toContain(`Strona ${page} z ${pdf.pages}`);
        expect(pdf.pages).toBeGreaterThanOrEqual(1);
        expect(pdf.pages).toBeLessThanOrEqual(2 + Math.ceil(rows.length / 25));
      }
    }, 120_000);
  }

  it('shows the cooperative, the resident, the unit and "stan na dzień"', async () => {
    const year = 2025;
    const pdf = readPdf(
      (await download(alice, `/api/v1/units/${A.flatUnitId}/statement?year=${year}`)).bytes,
    );
    const me = (await alice.get('/api/v1/me')).body;
    const flat = me.assignments.find((a: { unit: { id: number } }) => a.unit.id === A.flatUnitId).unit;
    expect(pdf.text).toContain('Pabianicka Spółdzielnia Mieszkaniowa');
    expect(pdf.text).toContain('ul. Zamkowa 42, 95-200 Pabianice');
    expect(pdf.text).toContain(`${A.firstName} ${A.lastName}, nr członkowski ${A.memberNumber}`);
    expect(pdf.text).toContain(flat.address.text);
    expect(hasRow(pdf.text, ['Stan na dzień', '31.12.2025'])).toBe(true);
    expect(hasRow(pdf.text, ['Okres zestawienia', '01.01.2025 – 31.12.2025'])).toBe(true);
  });

  it('is tagged for screen readers: headings, paragraphs, tables with header cells; no page furniture', async () => {
    const pdf = readPdf((await download(alice, `/api/v1/units/${A.flatUnitId}/statement?year=2025`)).bytes);
    expect(pdf.tagged).toBe(true);
    const tree = parseStructure(pdf.structure);
    expect(tree.map((node) => node.tag)).toEqual(['Document']);
    const blocks = tree[0]!.children;
    const tags = blocks.map((node) => node.tag);
    expect(new Set(tags)).toEqual(new Set(['P', 'H1', 'H2', 'H3', 'Table']));
    // Reading order: the title, then the sections in their order.
    const headings = blocks.filter((node) => /^H\d$/.test(node.tag)).map((node) => node.text.join(' '));
    expect(headings[0]).toBe('Zestawienie roczne za 2025 r.');
    expect(headings.filter((h) => /^\d\. /.test(h))).toEqual(
      [...headings.filter((h) => /^\d\. /.test(h))].sort(),
    );
    // Every table: one header row of TH cells first, then rows of TD cells only, each row as wide
    // as its header. A header repeated on a following page is not read a second time.
    const tables = blocks.filter((node) => node.tag === 'Table');
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      const [head, ...rows] = table.children;
      expect(head!.children.map((cell) => cell.tag).every((tag) => tag === 'TH')).toBe(true);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.tag).toBe('TR');
        expect(row.children.map((cell) => cell.tag)).toEqual(head!.children.map(() => 'TD'));
      }
    }
    // At least one table crosses a page here: its header is printed again there, and read once.
    const printedMoreThanRead = tables.some((table) => {
      const header = table.children[0]!.children.map((cell) => cell.text.join('')).filter(Boolean);
      const printed = pdf.text.split('\n').filter((line) => hasRow(line, header)).length;
      const read = tables.filter(
        (t) => t.children[0]!.children.map((cell) => cell.text.join('')).join('|') === header.join('|'),
      ).length;
      return printed > read;
    });
    expect(printedMoreThanRead).toBe(true);
    // The monthly charges: twelve months and the year's total, as the JSON has them.
    const months = tables[0]!.children.slice(1).map((row) => row.children[0]!.text.join(''));
    expect(months).toHaveLength(13);
    expect(months[0]).toBe('styczeń 2025');
    expect(months[12]).toBe('Razem za 2025 r.');
    // Page numbers and the footer are artifacts: on the page, not in what is read.
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.text).toContain(`Strona 1 z ${pdf.pages}`);
    expect(pdf.structure).not.toContain('Strona 1 z');
  });

  it('embeds its fonts, with a Unicode map, and keeps every Polish letter', async () => {
    const letters = 'ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ';
    // Billing data may hold any Polish letter: one document's description says so.
    const { accounts } = (
      await alice.get<AccountsResponse>(`/api/v1/units/${A.flatUnitId}/accounts?year=2025`)
    ).body;
    const { documents } = (
      await alice.get<DocumentsResponse>(
        `/api/v1/units/${A.flatUnitId}/accounts/${accounts[0]!.id}/documents?year=2025`,
      )
    ).body;
    await ctx
      .knex(billing('documents'))
      .where({ id: documents[0]!.id })
      .update({ description: `Korekta ${letters}` });
    const pdf = readPdf((await download(alice, `/api/v1/units/${A.flatUnitId}/statement?year=2025`)).bytes);
    expect(pdf.text).toContain(`Korekta ${letters}`);
    expect(pdf.text).toContain('Księgowość – stan kont');
    expect(pdf.fonts.length).toBeGreaterThan(0);
    for (const font of pdf.fonts) {
      // name, type, encoding, emb, sub, uni, object, id
      expect(font).toMatch(/DejaVuSansCondensed.*\byes\s+yes\s+yes\b/);
    }
  });
});

describe('the answer', () => {
  it('is a private PDF download with a Polish-safe file name', async () => {
    const answer = await download(alice, `/api/v1/units/${A.flatUnitId}/statement?year=2025`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="zestawienie-roczne_[a-z0-9-]+_2025\.pdf"; filename\*=UTF-8''zestawienie-roczne_[A-Za-z0-9%-]+_2025\.pdf$/,
    );
    expect(answer.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(answer.bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    // A widget on the cooperative's own site (an allowed origin) may read the file's name.
    const cors = await fetch(`${alice.base}/api/v1/units/${A.flatUnitId}/statement?year=2025`, {
      headers: { Cookie: alice.cookieHeader(), Origin: ctx.config.allowedOrigins[0]! },
    });
    expect(cors.headers.get('access-control-allow-origin')).toBe(ctx.config.allowedOrigins[0]);
    expect(cors.headers.get('access-control-expose-headers')).toMatch(/\bContent-Disposition\b/i);
    await cors.arrayBuffer();
  });

  it('names the file after the unit, Polish letters kept in filename*', async () => {
    // Give the flat's building a street with Polish letters for this test's copy of the data.
    const unit = await ctx.knex(billing('units')).where({ id: A.flatUnitId }).first();
    await ctx.knex(billing('buildings')).where({ id: unit.buildingId }).update({ street: 'Łaska' });
    const answer = await download(alice, `/api/v1/units/${A.flatUnitId}/statement?year=2025`);
    const disposition = answer.headers.get('content-disposition')!;
    expect(disposition).toMatch(/filename="zestawienie-roczne_laska-[0-9a-z-]+_2025\.pdf"/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
    expect(decodeURIComponent(encoded)).toMatch(/^zestawienie-roczne_łaska-[0-9a-z-]+_2025\.pdf$/);
  });

  it("refuses another person's unit exactly like a unit that does not exist, and like the other endpoints", async () => {
    const theirs = await download(alice, `/api/v1/units/${B.unitIds[0]}/statement?year=2025`);
    const missing = await download(alice, `/api/v1/units/${MISSING_UNIT}/statement?year=2025`);
    const accounts = await download(alice, `/api/v1/units/${B.unitIds[0]}/accounts?year=2025`);
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get('content-type')).toMatch(/^application\/json/);
    expect(theirs.bytes.toString()).toBe(missing.bytes.toString());
    expect(theirs.bytes.toString()).toBe(accounts.bytes.toString());
    expect(JSON.parse(theirs.bytes.toString()).error.code).toBe('not_found');
  });

  it('answers a malformed or missing year 400 invalid_parameter naming the field', async () => {
    for (const query of [
      '',
      '?year=',
      '?year=20x5',
      '?year=1999',
      '?year=2101',
      '?year=2025.0',
      '?year=2025&year=2024',
      '?year=%32%30%32%35%00',
    ]) {
      const answer = await alice.get(`/api/v1/units/${A.flatUnitId}/statement${query}`);
      const accounts = await alice.get(`/api/v1/units/${A.flatUnitId}/accounts${query}`);
      expect({ query, status: answer.status, body: answer.body }).toEqual({
        query,
        status: 400,
        body: { error: { code: 'invalid_parameter', message: expect.any(String), field: 'year' } },
      });
      expect(answer.body).toEqual(accounts.body);
    }
    expect((await alice.get(`/api/v1/units/abc/statement?year=2025`)).body.error.field).toBe('unitId');
  });

  it('answers a year outside the assignment as the other endpoints do: a statement without data', async () => {
    // The new owner of a flat that changed hands in the middle of the generated history: the
    // year before the change has the previous owner's data, none of it his.
    const { unitId, newOwnerPersonId } = KNOWN_PEOPLE.changedHands;
    const owner = await loginAsPerson(ctx, newOwnerPersonId);
    const from = ownerChangeDate(DEFAULT_TEST_DATA)!;
    const year = Number(from.slice(0, 4)) - 1;
    const base = `/api/v1/units/${unitId}`;
    expect((await owner.get(`${base}/accounts?year=${year}`)).body).toMatchObject({ year, accounts: [] });
    expect((await owner.get(`${base}/charges?year=${year}&month=6`)).body.components).toEqual([]);
    // The unit does have data that year: its previous owner's.
    const previous = await loginAsPerson(ctx, KNOWN_PEOPLE.changedHands.previousOwnerPersonId);
    expect((await previous.get(`${base}/accounts?year=${year}`)).body.accounts.length).toBeGreaterThan(0);
    const answer = await download(owner, `${base}/statement?year=${year}`);
    expect(answer.status).toBe(200);
    const pdf = readPdf(answer.bytes);
    expect(pdf.pages).toBe(1);
    expect(hasRow(pdf.text, ['Okres zestawienia', `brak przydziału do lokalu w ${year} r.`])).toBe(true);
    for (const none of [
      'Brak naliczeń opłat',
      'Brak kont rozrachunkowych',
      'Brak odczytów',
      'Brak rozliczeń mediów',
    ]) {
      expect(pdf.text).toContain(none);
    }
  });

  it('needs a resident session', async () => {
    const anonymous = ctx.client();
    const answer = await anonymous.get(`/api/v1/units/${A.flatUnitId}/statement?year=2025`);
    expect([answer.status, answer.body.error.code]).toEqual([401, 'unauthenticated']);
  });
});

describe('statements made at once', () => {
  let limited: TestContext;
  let client: TestClient;
  beforeAll(async () => {
    limited = await createTestContext({ env: { STATEMENT_CONCURRENCY: '1' } });
    client = await loginAsPerson(limited, A.personId);
  }, 120_000);
  afterAll(async () => {
    await limited?.close();
  });

  it('beyond the slots and their short line: 429 too_many_requests with Retry-After, then served again', async () => {
    const path = `/api/v1/units/${A.flatUnitId}/statement?year=2025`;
    // One slot and two places in line: a burst of 12 must refuse some at once.
    const answers = await Promise.all(Array.from({ length: 12 }, () => download(client, path)));
    const refused = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    expect(refused.length + served.length).toBe(12);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(3);
    for (const answer of refused) {
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(JSON.parse(answer.bytes.toString()).error).toMatchObject({ code: 'too_many_requests' });
    }
    for (const answer of served) expect(answer.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Failures release their slot too: a run of 404s, then a statement is made again.
    for (let i = 0; i < 5; i++) {
      expect((await download(client, `/api/v1/units/${MISSING_UNIT}/statement?year=2025`)).status).toBe(404);
    }
    expect((await download(client, path)).status).toBe(200);
  }, 60_000);

  it('a client that goes away mid-download frees its slot, and the server prints no error', async () => {
    const path = `/api/v1/units/${A.flatUnitId}/statement?year=2025`;
    // Koa prints an error it is not told how to log (EPIPE, "Premature close") with console.error.
    const printed = vi.spyOn(console, 'error');
    for (let i = 0; i < 3; i++) {
      const controller = new AbortController();
      const response = await fetch(client.base + path, {
        headers: { Cookie: client.cookieHeader() },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      await reader.read(); // the first bytes, then the browser tab is closed
      controller.abort();
      await reader.read().catch(() => undefined);
    }
    // With one slot and two places in line, three at once are all served once every slot is
    // free; a slot kept by a client that left would refuse one of them for ever. (An aborted
    // statement still finishes drawing, a moment, before its slot is released.)
    let statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      const answers = await Promise.all([
        download(client, path),
        download(client, path),
        download(client, path),
      ]);
      statuses = answers.map((a) => a.status);
      if (statuses.every((status) => status === 200)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  }, 60_000);
});
