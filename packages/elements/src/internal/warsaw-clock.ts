/**
 * The Warsaw wall clock for the data widgets (format.ts: "Stan na dzień …", instants in tables),
 * the portal's statement year and the CSV files' day, computed from the EU rule instead of the
 * browser's zone data. `<resident-login>` and the clerks' tool keep warsaw-time.ts (Intl) for
 * their moments: a lockout message or a letter is rare, and the login's chunk has a size budget of
 * its own (test/size-budget.test.ts).
 */

/**
 * A moment (an ISO instant) on the Warsaw clock: `"27.11.2026, 05:51"` (pl), `"27/11/2026, 05:51"`
 * (en). Text that is not an instant is shown as it came. The same text as warsaw-time.ts's
 * `formatWarsaw` (an `Intl.DateTimeFormat` with `timeZone: 'Europe/Warsaw'`; the component tests
 * compare the two over every change of the clocks from 2000 to 2040), without the browser's zone
 * data.
 */
export function formatWarsawClock(value: string | null | undefined, lang: 'pl' | 'en' = 'pl'): string {
  if (!value) return '';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return String(value);
  // The wall clock's date and time, read off an ISO string of the shifted instant.
  const wall = warsawWall(ms);
  return `${numericDate(wall, lang)}, ${wall.toISOString().slice(11, 16)}`;
}

/** The Warsaw wall clock at a moment, as a Date whose UTC fields read that clock. */
function warsawWall(ms: number): Date {
  return new Date(ms + warsawOffsetMinutes(ms) * 60_000);
}

/**
 * The day in Warsaw at a moment (now by default) as YYYY-MM-DD: the cooperative's date, which a
 * browser in another time zone (a resident abroad, a computer set to UTC) has not around midnight.
 */
export function warsawToday(ms: number = Date.now()): string {
  return warsawWall(ms).toISOString().slice(0, 10);
}

/** The year in Warsaw at a moment (now by default): 2027 from 23:00 UTC on 31 December 2026. */
export function warsawYear(ms: number = Date.now()): number {
  return warsawWall(ms).getUTCFullYear();
}

/**
 * A Date's UTC calendar day as Intl's pl-PL and en-GB numeric dates write it: `15.11.2026`,
 * `15/11/2026` (format.ts's `formatDate` too).
 */
export function numericDate(date: Date, lang: 'pl' | 'en'): string {
  const [year, month, day] = date.toISOString().slice(0, 10).split('-');
  return [day, month, year].join(lang === 'en' ? '/' : '.');
}

/**
 * Warsaw's offset from UTC at a moment, in minutes: CET (+60), and CEST (+120) from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October, the rule of the whole EU
 * (Directive 2000/84/EC; Poland has kept it since 1996).
 *
 * Computed rather than read from an `Intl.DateTimeFormat` with `timeZone`: the first such
 * formatter of a page loads the browser's zone data, 10–30 ms of the main thread in the bench's
 * Chromium, which fell in the frame that shows the first data ("Stan na dzień" under every view).
 */
export function warsawOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  // The last Sundays of March and October: day 31 − ((⌊5y/4⌋ + 4) mod 7), and + 1 for October
  // (the EU's own formula, exact for 1900–2099).
  const fifths = Math.floor((5 * year) / 4);
  const start = Date.UTC(year, 2, 31 - ((fifths + 4) % 7), 1);
  const end = Date.UTC(year, 9, 31 - ((fifths + 1) % 7), 1);
  return ms >= start && ms < end ? 120 : 60;
}
