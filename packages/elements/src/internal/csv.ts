/**
 * "Pobierz CSV" for every table of the widgets: one helper and one button, so that each table
 * gets the same file. The file opens correctly by a double click in a Polish Excel and in
 * LibreOffice: UTF-8 with a byte order mark (without it Excel reads ANSI and breaks "ż"), `;`
 * between fields (a Polish Excel's list separator, since `,` is its decimal separator), a decimal
 * comma without grouping (so the cell is a number, not text), dates as dd.mm.rrrr, amounts
 * without a currency sign in columns of their own, CRLF line ends, and a header row in the
 * widget's language. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is
 * prefixed with an apostrophe: the data comes from the billing program, but a description is
 * still text typed by somebody.
 *
 * Here: the cells' types and the button. Writing and saving the file (csv-file.ts) is loaded with
 * the first click, so a page whose visitor downloads nothing carries none of it.
 *
 * To add it to a table:
 *
 * ```ts
 * import { csvButton, csvDate, csvNumber } from '../internal/csv.ts';
 * // next to the table (the button carries part="csv"):
 * ${csvButton(this, {
 *   label: caption,                      // the table's caption: names the button for screen readers
 *   view: 'czynsz',                      // the file's view name, e.g. czynsz_zamkowa-4-m-1_2026-01.csv
 *   period: '2026-01',                   // the period shown
 *   table: () => ({
 *     columns: [msg('Składnik'), msg('Kwota (zł)')],
 *     rows: data.map((c) => [c.name, csvNumber(c.amount)]),
 *   }),
 * })}
 * ```
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { IsoDate } from '@strefa/api-types';
import type { CsvButtonSpec, CsvHost, CsvNumber } from './csv-file.ts';

export type { CsvButtonSpec, CsvCell, CsvHost, CsvNumber, CsvTable } from './csv-file.ts';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** An exact decimal from the API (`"-1234.50"`) as a number cell (`-1234,50`); not grouped. */
export function csvNumber(value: string | number | null | undefined): CsvNumber | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim();
  if (!DECIMAL.test(text)) return { csvNumber: text };
  return { csvNumber: text.replace('.', ',') };
}

/** `"2026-11-15"` → `"15.11.2026"`, in every language (the file is for a Polish spreadsheet). */
export function csvDate(value: IsoDate | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match ? `${match[3]}.${match[2]}.${match[1]}` : (value ?? '');
}

/** The "Pobierz CSV" button of a table (`part="csv"`). */
export function csvButton(host: CsvHost, spec: CsvButtonSpec): TemplateResult {
  const text = msg('Pobierz CSV');
  return html`<button
    type="button"
    part="csv"
    class="strefa-button strefa-button--secondary csv"
    aria-label=${`${text} – ${spec.label}`}
    @click=${() => void import('./csv-file.ts').then((file) => file.downloadCsv(host, spec))}
  >
    ${text}
  </button>`;
}
