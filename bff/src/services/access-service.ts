/**
 * Object-level authorisation of the resident's data: the one home of the rule "a person sees a
 * unit's data only while assigned to it". Every unit-scoped service first asks `unitAccess()`,
 * which answers the person's visibility windows on that unit (one query) or 404 `not_found` —
 * the same answer whether the unit is someone else's or does not exist, so ids cannot be probed.
 *
 * A window is a closed range of calendar dates [from, to] (`to` null: still assigned). Several
 * assignments of one person to one unit (member, later co-owner…) are merged into as few
 * windows as possible. Dates are compared as half-open ranges [from, day after to), so an Oracle
 * DATE that carries a time of day still falls on its calendar day.
 */
import type { Knex } from 'knex';
import { billing } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { toIsoDate } from '../models/base-model.ts';
import type { ServiceContext } from './index.ts';

/** A closed range of calendar dates, `YYYY-MM-DD`; `to` null means open-ended. */
export interface DateWindow {
  from: string;
  to: string | null;
}

/** A closed range within one year: both ends known. */
export interface DateRange {
  from: string;
  to: string;
}

export interface UnitAccess {
  personId: number;
  unitId: number;
  /** Merged, sorted, non-overlapping windows of the person's assignments to the unit. */
  windows: DateWindow[];
}

/** The answer for a unit that is not this person's: identical to a unit that does not exist. */
export const unitNotFound = () => notFound('Nie znaleziono lokalu.');

/** The calendar day after `iso` (UTC arithmetic on a date has no daylight-saving pitfalls). */
export function nextDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The calendar day before `iso`. */
export function previousDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * A whole number from the driver as a bigint: SQLite gives numbers, Oracle NUMBER may arrive as
 * a number or (with fetchAsString) text; null (a missing row or an empty SUM) is zero.
 */
export function dbInteger(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  const text = String(value).replace(/\.0+$/, '');
  if (!/^-?\d+$/.test(text)) throw new TypeError(`not a whole number from the database: ${text}`);
  return BigInt(text);
}

/** A date column's value as `YYYY-MM-DD`, or null. */
export function isoDateOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(toIsoDate(value));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the first day of a month. */
export function firstDayOfMonth(year: number, month: number): string {
  return `${year}-${pad2(month)}-01`;
}

/** Merges overlapping or adjacent windows (an assignment ending on D−1 and one starting on D). */
export function mergeWindows(windows: DateWindow[]): DateWindow[] {
  const sorted = [...windows].sort((a, b) => a.from.localeCompare(b.from));
  const merged: DateWindow[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || nextDay(last.to) >= window.from)) {
      if (last.to !== null && (window.to === null || window.to > last.to)) last.to = window.to;
      continue;
    }
    merged.push({ ...window });
  }
  return merged;
}

/** The parts of the windows that fall within one calendar year, in date order. */
export function clipToYear(windows: DateWindow[], year: number): DateRange[] {
  const yearFrom = `${year}-01-01`;
  const yearTo = `${year}-12-31`;
  const ranges: DateRange[] = [];
  for (const window of windows) {
    const from = window.from > yearFrom ? window.from : yearFrom;
    const to = window.to !== null && window.to < yearTo ? window.to : yearTo;
    if (from <= to) ranges.push({ from, to });
  }
  return ranges;
}

/** Whether a date lies within any window. */
export function isVisibleDate(windows: DateWindow[], iso: string): boolean {
  return windows.some((w) => w.from <= iso && (w.to === null || iso <= w.to));
}

/** Whether a period [from, to] (to null: open) overlaps any of the windows. */
export function overlapsWindows(windows: DateWindow[], from: string, to: string | null): boolean {
  return windows.some((w) => (to === null || w.from <= to) && (w.to === null || from <= w.to));
}

/**
 * Whether a month's fee components are visible: the month is charged on its first day (the EKS
 * charge document is dated the 1st), so the month belongs to whoever was assigned on that day.
 * This keeps the Czynsz tab in step with the ledger: the new owner of a flat handed over on the
 * 15th sees fees from the next month on, the previous owner sees the month of the handover.
 */
export function isMonthVisible(windows: DateWindow[], year: number, month: number): boolean {
  return isVisibleDate(windows, firstDayOfMonth(year, month));
}

/**
 * The (year × 100 + month) ranges whose first day lies in a window, for filtering fee
 * components in SQL: [first month starting in the window, last month starting in it].
 */
export function monthKeyRanges(windows: DateWindow[]): { from: number; to: number | null }[] {
  const ranges: { from: number; to: number | null }[] = [];
  for (const window of windows) {
    const [fy, fm, fd] = window.from.split('-').map(Number) as [number, number, number];
    let from = fy * 100 + fm;
    if (fd !== 1) from = fm === 12 ? (fy + 1) * 100 + 1 : from + 1;
    let to: number | null = null;
    if (window.to !== null) {
      const [ty, tm] = window.to.split('-').map(Number) as [number, number];
      to = ty * 100 + tm;
      if (to < from) continue;
    }
    ranges.push({ from, to });
  }
  return ranges;
}

export class AccessService {
  constructor(readonly context: ServiceContext) {}

  /**
   * The person's visibility windows on the unit, or 404 when the person has never been
   * assigned to it (or it does not exist): one indexed query on assignments(person_id, unit_id).
   */
  async unitAccess(personId: number, unitId: number): Promise<UnitAccess> {
    const rows: { dateFrom: unknown; dateTo: unknown }[] = await this.context
      .knex(billing('assignments'))
      .select('dateFrom', 'dateTo')
      .where({ personId, unitId });
    if (rows.length === 0) throw unitNotFound();
    const windows = mergeWindows(
      rows.map((row) => ({
        from: String(toIsoDate(row.dateFrom)),
        to: row.dateTo === null || row.dateTo === undefined ? null : String(toIsoDate(row.dateTo)),
      })),
    );
    return { personId, unitId, windows };
  }

  /**
   * A date value for a comparison in SQL: a bound `TO_DATE(?, 'YYYY-MM-DD')` on Oracle (a bare
   * string would depend on the session's NLS_DATE_FORMAT), the text itself on SQLite, where
   * dates are stored as `YYYY-MM-DD` text and compare correctly as strings.
   */
  dateValue(iso: string): string | Knex.Raw {
    const knex = this.context.knex;
    if (knex.client.config.client === 'oracledb') return knex.raw(`TO_DATE(?, 'YYYY-MM-DD')`, [iso]);
    return iso;
  }

  /** Restricts `column` to the date ranges (closed, calendar days); no ranges matches nothing. */
  whereInRanges(query: Knex.QueryBuilder, column: string, ranges: DateRange[]): Knex.QueryBuilder {
    if (ranges.length === 0) return query.whereRaw('1 = 0');
    return query.where((outer) => {
      for (const range of ranges) {
        outer.orWhere((inner) => {
          inner.where(column, '>=', this.dateValue(range.from));
          inner.where(column, '<', this.dateValue(nextDay(range.to)));
        });
      }
    });
  }

  /** Restricts `column` to the windows (open-ended ones included). */
  whereInWindows(query: Knex.QueryBuilder, column: string, windows: DateWindow[]): Knex.QueryBuilder {
    if (windows.length === 0) return query.whereRaw('1 = 0');
    return query.where((outer) => {
      for (const window of windows) {
        outer.orWhere((inner) => {
          inner.where(column, '>=', this.dateValue(window.from));
          if (window.to !== null) inner.where(column, '<', this.dateValue(nextDay(window.to)));
        });
      }
    });
  }
}
