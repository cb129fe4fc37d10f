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
import { fixedSelect } from '../db/select-rows.ts';
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
  /** The day after `to`: the exclusive upper bound the SQL compares with. */
  until: string;
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

/**
 * A whole number from the driver as a JS number, for the ids, counts, years and months of a
 * response: a fraction (a view's mistake) is refused like a fractional amount, never passed on
 * as a float in the JSON.
 */
export function dbNumber(value: unknown): number {
  const n = dbInteger(value);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new TypeError(`a whole number beyond 2^53 from the database: ${n}`);
  }
  return Number(n);
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
    if (from <= to) ranges.push({ from, to, until: nextDay(to) });
  }
  return ranges;
}

/** A window as the SQL compares with it: [from, until), `until` (the day after `to`) null when open. */
export interface WindowBounds {
  from: string;
  until: string | null;
}

/** The windows as `whereInWindows` wants them (the parameters of a `fixedSelect`). */
export function windowBounds(windows: readonly DateWindow[]): WindowBounds[] {
  return windows.map(({ from, to }) => ({ from, until: to === null ? null : nextDay(to) }));
}

/** The parts of a range that reach the SQL (`whereInRanges`): [from, until). */
export type RangeBounds = Pick<DateRange, 'from' | 'until'>;

/** The ranges as `whereInRanges` wants them (the parameters of a `fixedSelect`). */
export function rangeBounds(ranges: readonly DateRange[]): RangeBounds[] {
  return ranges.map(({ from, until }) => ({ from, until }));
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

/**
 * The columns of a lookup folded into the access query (`accessUnion`): every branch of the
 * UNION ALL returns them in this order with these SQL types, a typed NULL where it has nothing,
 * so Oracle (which wants matching types per column, ORA-01790) and SQLite read them alike. The
 * money column keeps a `_gr` name, so the Oracle driver still refuses a non-integer amount.
 */
const LOOKUP_COLUMNS = [
  ['id', 'integer'],
  ['position', 'integer'],
  ['name', 'varchar(100)'],
  ['code', 'varchar(30)'],
  ['label', 'varchar(60)'],
  ['dateFrom', 'date'],
  ['dateTo', 'date'],
  ['amountGr', 'integer'],
] as const;

export type LookupColumn = (typeof LOOKUP_COLUMNS)[number][0];

/** A row of a folded lookup, as the driver returns it: `kind` names the branch. */
export interface LookupRow {
  kind: string;
  id: unknown;
  position: unknown;
  name: string | null;
  code: string | null;
  label: string | null;
  dateFrom: unknown;
  dateTo: unknown;
  amountGr: unknown;
}

/** An account row of a lookup: its open period decides its visibility (ledger-service.ts). */
export interface VisibleAccountRow {
  id: number;
  name: string;
  openedOn: unknown;
  closedOn: unknown;
}

/** The `kind` of the assignment rows of `accessUnion`; lookups use other three-letter kinds. */
const ACCESS_KIND = 'asg';

/**
 * A date value for a comparison in SQL: a bound `TO_DATE(?, 'YYYY-MM-DD')` on Oracle (a bare
 * string would depend on the session's NLS_DATE_FORMAT), the text itself on SQLite, where
 * dates are stored as `YYYY-MM-DD` text and compare correctly as strings.
 */
export function dateValue(knex: Knex, iso: string): string | Knex.Raw {
  if (knex.client.config.client === 'oracledb') return knex.raw(`TO_DATE(?, 'YYYY-MM-DD')`, [iso]);
  return iso;
}

/**
 * Restricts `column` to the ranges (closed calendar days, compared as [from, until)); no ranges
 * matches nothing. Only the ranges' `from` and `until` reach the SQL, as bound values.
 */
export function whereInRanges(
  knex: Knex,
  query: Knex.QueryBuilder,
  column: string,
  ranges: readonly RangeBounds[],
): Knex.QueryBuilder {
  if (ranges.length === 0) return query.whereRaw('1 = 0');
  return query.where((outer) => {
    for (const range of ranges) {
      outer.orWhere((inner) => {
        inner.where(column, '>=', dateValue(knex, range.from));
        inner.where(column, '<', dateValue(knex, range.until));
      });
    }
  });
}

/** Restricts `column` to the windows (open-ended ones included); no windows matches nothing. */
export function whereInWindows(
  knex: Knex,
  query: Knex.QueryBuilder,
  column: string,
  windows: readonly WindowBounds[],
): Knex.QueryBuilder {
  if (windows.length === 0) return query.whereRaw('1 = 0');
  return query.where((outer) => {
    for (const window of windows) {
      outer.orWhere((inner) => {
        inner.where(column, '>=', dateValue(knex, window.from));
        if (window.until !== null) inner.where(column, '<', dateValue(knex, window.until));
      });
    }
  });
}

/**
 * The select list of one UNION ALL branch of `accessUnion`: `kind` (a three-letter constant
 * written by the code, never user input) and every lookup column, from `sources` (column
 * references) or a typed NULL. One raw for the whole list, not one per column: knex compiles
 * each raw separately, and nine of them per branch made up a good part of the statement's
 * building time (bench).
 */
export function lookupSelect(
  knex: Knex,
  kind: string,
  sources: Partial<Record<LookupColumn, string>>,
): Knex.Raw[] {
  if (!/^[a-z]{3}$/.test(kind)) throw new Error(`lookup kind must be three lower-case letters: ${kind}`);
  const parts = [`'${kind}' as ??`];
  const identifiers = ['kind'];
  for (const [column, type] of LOOKUP_COLUMNS) {
    const source = sources[column];
    if (source === undefined) {
      parts.push(`cast(null as ${type}) as ??`);
      identifiers.push(column);
    } else {
      parts.push('?? as ??');
      identifiers.push(source, column);
    }
  }
  return [knex.raw(parts.join(', '), identifiers)];
}

/**
 * Restricts a lookup to units the person is assigned to (at any time): `unitColumn` must be
 * the unit id of the row. The JS window rules still decide what is shown; this makes the
 * statement itself return nothing of a unit that is not the person's.
 */
export function whereAssigned(
  knex: Knex,
  query: Knex.QueryBuilder,
  personId: number,
  unitColumn: string,
): Knex.QueryBuilder {
  const a = billing('assignments');
  return query.whereExists(
    knex(a).select(knex.raw('1')).where(`${a}.personId`, personId).where(`${a}.unitId`, knex.ref(unitColumn)),
  );
}

/**
 * The access check and the request's small lookups (the account or medium asked for, the
 * visible accounts…) in ONE statement: the person's assignment rows on the unit and each
 * lookup's rows, as a UNION ALL of `lookupSelect` branches. Saves a round trip per request;
 * `AccessService.splitAccessRows` decides the 404 for a unit that is not the person's exactly
 * as `unitAccess` does, before any lookup row is looked at. Lookups must not carry ORDER BY or
 * LIMIT (a compound statement has one order, the caller sorts); a GROUP BY inside a lookup is
 * fine, as knex compiles each later branch whole.
 */
export function accessUnion(
  knex: Knex,
  personId: number,
  unitId: number,
  lookups: Knex.QueryBuilder[],
): Knex.QueryBuilder {
  let query = knex(billing('assignments'))
    .select(lookupSelect(knex, ACCESS_KIND, { dateFrom: 'dateFrom', dateTo: 'dateTo' }))
    .where({ personId, unitId });
  for (const lookup of lookups) query = query.unionAll(lookup);
  return query;
}

/**
 * The unit's accounts as an `acc` branch of `accessUnion` (nothing when the unit is not the
 * person's): id, name and open period, plus `columns`. Callers narrow it (one account, one
 * purpose) or join to it.
 */
export function accountLookup(
  knex: Knex,
  personId: number,
  unitId: number,
  columns: Partial<Record<LookupColumn, string>> = {},
): Knex.QueryBuilder {
  const a = billing('accounts');
  return whereAssigned(
    knex,
    knex(a)
      .select(
        lookupSelect(knex, 'acc', {
          id: `${a}.id`,
          name: `${a}.name`,
          dateFrom: `${a}.openedOn`,
          dateTo: `${a}.closedOn`,
          ...columns,
        }),
      )
      .where(`${a}.unitId`, unitId),
    personId,
    `${a}.unitId`,
  );
}

/** The access check with the one account asked for (of this unit and purpose), compiled once. */
const accessWithAccount = fixedSelect<
  [personId: number, unitId: number, accountId: number, purpose: string],
  LookupRow
>((knex, personId, unitId, accountId, purpose) => {
  const a = billing('accounts');
  const lookup = accountLookup(knex, personId, unitId)
    .where(`${a}.id`, accountId)
    .where(`${a}.purpose`, purpose);
  return accessUnion(knex, personId, unitId, [lookup]);
});

/** The person's assignment rows on a unit (the access check of `unitAccess`), compiled once. */
const assignmentDates = fixedSelect<
  [personId: number, unitId: number],
  { dateFrom: unknown; dateTo: unknown }
>((knex, personId, unitId) =>
  knex(billing('assignments')).select('dateFrom', 'dateTo').where({ personId, unitId }),
);

export class AccessService {
  constructor(readonly context: ServiceContext) {}

  /** The assignment rows of an `accessUnion` as the access (or 404), and the lookups' rows. */
  splitAccessRows(
    personId: number,
    unitId: number,
    all: LookupRow[],
  ): { access: UnitAccess; rows: LookupRow[] } {
    const assignments = all.filter((row) => row.kind === ACCESS_KIND);
    return {
      access: this.accessFrom(personId, unitId, assignments),
      rows: all.filter((row) => row.kind !== ACCESS_KIND),
    };
  }

  /**
   * The windows of the person's assignment rows, or 404 when there are none. A row that ends
   * before it starts (a data-entry error in the billing program) grants no day at all: without
   * this, the overlap test of accounts would still show such a "window" the unit's open
   * accounts, and the documents endpoint their names.
   */
  private accessFrom(
    personId: number,
    unitId: number,
    rows: { dateFrom: unknown; dateTo: unknown }[],
  ): UnitAccess {
    const windows = mergeWindows(
      rows
        .map((row) => ({ from: String(toIsoDate(row.dateFrom)), to: isoDateOrNull(row.dateTo) }))
        .filter((window) => window.to === null || window.from <= window.to),
    );
    if (windows.length === 0) throw unitNotFound();
    return { personId, unitId, windows };
  }

  /**
   * The person's visibility windows on the unit, or 404 when the person has never been
   * assigned to it (or it does not exist): one indexed query on assignments(person_id, unit_id).
   */
  async unitAccess(personId: number, unitId: number): Promise<UnitAccess> {
    const rows = await assignmentDates(this.context.knex, personId, unitId);
    return this.accessFrom(personId, unitId, rows);
  }

  /**
   * The access check and the one account asked for (of this unit and purpose), in one query
   * compiled once; `account` is undefined when there is no such account. Used by the documents
   * and settlements endpoints.
   */
  async unitAccessWithAccount(
    personId: number,
    unitId: number,
    accountId: number,
    purpose: 'ledger' | 'settlement',
  ): Promise<{ windows: DateWindow[]; account: VisibleAccountRow | undefined }> {
    const all = await accessWithAccount(this.context.knex, personId, unitId, accountId, purpose);
    const { access, rows } = this.splitAccessRows(personId, unitId, all);
    const row = rows[0];
    return {
      windows: access.windows,
      account: row && {
        id: dbNumber(row.id),
        name: String(row.name),
        openedOn: row.dateFrom,
        closedOn: row.dateTo,
      },
    };
  }
}
