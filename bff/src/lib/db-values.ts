/**
 * Values as the database drivers give them, made into what a response holds: whole numbers
 * (SQLite gives numbers, Oracle NUMBER a number or, with fetchAsString, text), calendar dates
 * (Oracle gives Date objects, SQLite `YYYY-MM-DD` text). Never a binary float in a response.
 */

/** A Date from the driver as a Polish calendar date; text is passed through. */
export function toIsoDate(value: unknown): unknown {
  if (value instanceof Date) {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(value);
  }
  return value;
}

/** A date column's value as `YYYY-MM-DD`, or null. */
export function isoDateOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(toIsoDate(value));
}

/** A whole number from the driver as a bigint; null (a missing row or an empty SUM) is zero. */
export function dbInteger(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  // What SQLite gives for every integer column: exact as it is, no detour through text.
  if (Number.isSafeInteger(value)) return BigInt(value as number);
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
  if (Number.isSafeInteger(value)) return value as number;
  const n = dbInteger(value);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new TypeError(`a whole number beyond 2^53 from the database: ${n}`);
  }
  return Number(n);
}
