/**
 * The printed forms of the statement's values: money and decimals regrouped as text (never a
 * float), dates, bank account numbers and file names; and the page layout of a long table (its
 * header on every page, "Strona n z N" right on every page, a heading never alone at a foot).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import {
  defaultFont,
  DOCUMENT_MARGINS,
  registerFonts,
  renderBlocks,
  type Block,
} from '../../src/pdf/pdf-layout.ts';
import {
  fileSlug,
  formatNrb,
  NBSP,
  polishDate,
  polishDecimal,
  polishMoney,
} from '../../src/pdf/polish-format.ts';

describe('Polish forms', () => {
  it('money: a comma, two places, thousands grouped from five digits on, exact beyond 2^53', () => {
    expect(polishMoney('0.00')).toBe('0,00');
    expect(polishMoney('-12.3')).toBe('-12,30');
    expect(polishMoney('1234.50')).toBe('1234,50');
    expect(polishMoney('12345.50')).toBe(`12${NBSP}345,50`);
    expect(polishMoney('-1234567.01')).toBe(`-1${NBSP}234${NBSP}567,01`);
    expect(polishMoney('90071992547409931.99')).toBe(
      `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409${NBSP}931,99`,
    );
    expect(polishMoney('-0.00')).toBe('0,00');
  });

  it('decimals keep the places they came with', () => {
    expect(polishDecimal('48.6')).toBe('48,6');
    expect(polishDecimal('0.085')).toBe('0,085');
    expect(polishDecimal('2')).toBe('2');
    expect(polishDecimal('12345.125')).toBe(`12${NBSP}345,125`);
    expect(polishDecimal('n/a')).toBe('n/a');
  });

  it('dates, account numbers, file names', () => {
    expect(polishDate('2025-03-15')).toBe('15.03.2025');
    expect(formatNrb('12345678901234567890123456')).toBe('12 3456 7890 1234 5678 9012 3456');
    expect(fileSlug('ul. Łaska 3 m. 12', true)).toBe('laska-3-m-12');
    expect(fileSlug('ul. Łaska 3 m. 12', false)).toBe('łaska-3-m-12');
    expect(fileSlug('al. Piłsudskiego 7 garaż 4', true)).toBe('pilsudskiego-7-garaz-4');
    expect(fileSlug('Żółkiewskiego "12"/a; rm -rf', true)).toBe('zolkiewskiego-12-a-rm-rf');
  });
});

describe('the page layout', () => {
  it('breaks a long table over A4 pages with its header on each, and numbers every page', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ cells: [`Wiersz ${i + 1}`, `${i + 1},00`] }));
    const blocks: Block[] = [
      { type: 'heading', level: 1, text: 'Próba układu' },
      {
        type: 'table',
        columns: [
          { header: 'Pozycja', width: 0.7 },
          { header: 'Kwota (zł)', width: 0.3, align: 'right' },
        ],
        rows,
      },
    ];
    const doc = new PDFDocument({ autoFirstPage: false, font: defaultFont(), margins: DOCUMENT_MARGINS });
    registerFonts(doc);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    const pages = await renderBlocks(doc, blocks, {
      footer: 'Stopka',
      pageLabel: (page, total) => `Strona ${page} z ${total}`,
    });
    await ended;
    expect(pages).toBeGreaterThan(1);
    const dir = mkdtempSync(join(tmpdir(), 'strefa-layout-'));
    try {
      const file = join(dir, 'layout.pdf');
      writeFileSync(file, Buffer.concat(chunks));
      for (let page = 1; page <= pages; page++) {
        const text = execFileSync(
          'pdftotext',
          ['-f', String(page), '-l', String(page), '-layout', file, '-'],
          {
            encoding: 'utf8',
          },
        );
        expect(text).toMatch(/Pozycja\s+Kwota \(zł\)/);
        expect(text).toContain(`Strona ${page} z ${pages}`);
      }
      const all = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const row of rows) expect(all).toMatch(new RegExp(`${row.cells[0]}\\s+${row.cells[1]}\\n`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
