/**
 * Calendar dates as `YYYY-MM-DD` strings and as whole day numbers (days since 1970-01-01, UTC):
 * the billing program keeps plain Polish calendar dates, so no time zone or clock time is
 * involved once "today" is known.
 */

const DAY_MS = 86_400_000;

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** Day numbers 1900-01-01 … 2199-12-31 as strings, made on first use: the generator asks millions of times. */
const FIRST_CACHED_DAY = -25_567;
const CACHED_DAYS = 109_573;
const dayCache: (string | undefined)[] = new Array<string | undefined>(CACHED_DAYS);

export function fromDayNumber(day: number): string {
  const slot = day - FIRST_CACHED_DAY;
  if (slot >= 0 && slot < CACHED_DAYS) {
    const cached = dayCache[slot];
    if (cached !== undefined) return cached;
    return (dayCache[slot] = new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function lastDayOfMonth(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

/** The same calendar day `years` later (29 February becomes 28 February). */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return isoDate(year, month, day);
}

/** Today's date in Poland, whatever the server's time zone. */
export function todayInWarsaw(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(now);
}

export function isValidIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && fromDayNumber(dayNumber(date)) === date;
}
