/**
 * The demo's `billing_freshness` row: the generated data are "as of" midnight at the start of the
 * generator's `today` in Europe/Warsaw, as if the billing program's nightly import had just run.
 * Deterministic (the same options give the same rows) and never in the future when `today` is
 * the real date.
 */
import { formatInstant } from '../../lib/time.ts';
import { billing } from '../tables.ts';

interface Connection {
  prepare(sql: string): { run(...values: unknown[]): unknown };
}

/** Midnight at the start of `today` (YYYY-MM-DD) in Poland, as ISO 8601 with its offset. */
export function warsawMidnight(today: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const instant = formatInstant(Date.parse(`${today}T00:00:00${offset}`));
    if (instant.startsWith(`${today}T00:00:00`)) return instant;
  }
  throw new RangeError(`not a calendar date: ${today}`);
}

/** Writes the one freshness row (the table is empty in a freshly generated database). */
export function recordFreshness(conn: Connection, today: string): void {
  conn.prepare(`DELETE FROM ${billing('freshness')}`).run();
  conn.prepare(`INSERT INTO ${billing('freshness')} (updated_at) VALUES (?)`).run(warsawMidnight(today));
}
