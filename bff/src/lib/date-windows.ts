/**
 * The date maths of "a person sees a unit's data only while assigned to it": pure functions
 * over calendar dates (`YYYY-MM-DD` strings), no database. The service that applies the rule is
 * services/access-service.ts; the queries take the bounds computed here as plain values.
 *
 * A window is a closed range of calendar dates [from, to] (`to` null: still assigned). Several
 * assignments of one person to one unit (member, later co-owner…) are merged into as few
 * windows as possible. Dates are compared as half-open ranges [from, day after to), so an Oracle
 * DATE that carries a time of day still falls on its calendar day.
 */

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

/** The windows as the queries' `inWindows` modifier wants them. */
export function windowBounds(windows: readonly DateWindow[]): WindowBounds[] {
  return windows.map(({ from, to }) => ({ from, until: to === null ? null : nextDay(to) }));
}

/** The parts of a range that reach the SQL (the `inRanges` modifier): [from, until). */
export type RangeBounds = Pick<DateRange, 'from' | 'until'>;

/** The ranges as the queries' `inRanges` modifier wants them. */
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

/** A range of (year × 100 + month) keys; `to` null: open-ended. */
export interface MonthKeyRange {
  from: number;
  to: number | null;
}

/**
 * The (year × 100 + month) ranges whose first day lies in a window, for filtering fee
 * components in SQL: [first month starting in the window, last month starting in it].
 */
export function monthKeyRanges(windows: DateWindow[]): MonthKeyRange[] {
  const ranges: MonthKeyRange[] = [];
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

/** The last day of the windows (null: the newest is still open), or null for no windows. */
export function lastDay(windows: readonly DateWindow[]): string | null {
  if (windows.length === 0) return null;
  return windows[windows.length - 1]!.to;
}
