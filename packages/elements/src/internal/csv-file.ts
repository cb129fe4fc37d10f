/**
 * The CSV file itself (see csv.ts for its rules): the text, its name and the browser's download.
 * `csvButton` (csv.ts) imports this module on the first click.
 */
import type { Address } from '@strefa/api-types';
import type { ResourceClient } from './resource-client.ts';

/** A number cell: already in the file's form (decimal comma). Made by `csvNumber`. */
export interface CsvNumber {
  readonly csvNumber: string;
}

/** A cell: text (guarded against formulas), a number, or empty. */
export type CsvCell = string | number | CsvNumber | null | undefined;

export interface CsvTable {
  /** The header row, in the widget's language. */
  columns: string[];
  rows: CsvCell[][];
}

/** What the button needs of its widget (a `DataWidget` has both). */
export interface CsvHost {
  readonly api: ResourceClient;
  readonly effectiveUnitId: number | null;
}

export interface CsvButtonSpec {
  /** The table's caption: the button's accessible name is "Pobierz CSV – <label>". */
  label: string;
  /** The view's part of the file name (`czynsz`, `ksiegowosc`, `odczyty`…). */
  view: string;
  /** The period's part of the file name (`2026-01`, `2026`). */
  period: string;
  /** The table, made at the click (in the widget's language). */
  table: () => CsvTable;
}

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let text: string;
  if (typeof cell === 'object') text = cell.csvNumber;
  else if (typeof cell === 'number') text = String(cell).replace('.', ',');
  else text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[";\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file's text: BOM, header row, rows, CRLF after each line. */
export function toCsv(table: CsvTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(field).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Lower-case ASCII words joined by `-`: `"Piłsudskiego 12 m. 4"` → `"pilsudskiego-12-m-4"`. */
export function slug(text: string): string {
  return text
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The unit's part of a file name: `zamkowa-4-m-1`. */
export function addressSlug(address: Address): string {
  return slug(`${address.street} ${address.building}${address.number ? ` m ${address.number}` : ''}`);
}

/** `view_unit_period.csv`, every part made safe for any file system. */
export function csvFileName(view: string, unit: string, period: string): string {
  return `${[view, unit, period].map(slug).filter(Boolean).join('_')}.csv`;
}

/** Saves text as a file through the browser's download (a blob URL and `<a download>`). */
export function saveCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to have started the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The unit's slug for file names: its address from `/me`, else `lokal-<id>`. Asked at each
 * click rather than kept: a shared computer's next resident must never get the previous one's
 * addresses, and one small request per download costs nothing.
 */
export async function unitSlug(host: CsvHost): Promise<string> {
  const id = host.effectiveUnitId;
  if (id === null) return '';
  const me = await host.api.me().catch(() => null);
  const unit = me?.assignments.find((a) => a.unit.id === id)?.unit;
  return unit ? addressSlug(unit.address) : `lokal-${id}`;
}

/** Builds the file for `spec` and saves it. */
export async function downloadCsv(host: CsvHost, spec: CsvButtonSpec): Promise<void> {
  const text = toCsv(spec.table());
  saveCsv(csvFileName(spec.view, await unitSlug(host), spec.period), text);
}
