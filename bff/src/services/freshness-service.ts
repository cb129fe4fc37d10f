/**
 * `asOf` of every data answer: when the billing data were last brought up to date, read from the
 * one-row `billing_freshness` (a table in the demo, the DBA's view on Oracle, docs/oracle.md).
 *
 * The instant changes once a night or once an import, while every data request wants it, so it
 * is kept for `FRESHNESS_CACHE_MS` and requests arriving together share one lookup: the data
 * endpoints stay within their statements (session, access, figures) nearly always.
 *
 * A billing schema without the view (an older Oracle installation) must not take the whole
 * portal down: the lookup's failure is logged and answered as "unknown" (null, stale), and
 * tried again after the cache time.
 */
import type { Freshness, Instant } from '@strefa/api-types';
import { billingFreshness } from '../queries/payments.ts';
import { formatInstant } from '../lib/time.ts';
import type { ServiceContext } from './context.ts';

/** How long a looked-up `asOf` is reused. */
export const FRESHNESS_CACHE_MS = 30_000;

/** An instant from the driver (SQLite text, an Oracle Date) as epoch ms, or null. */
export function instantMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  return Number.isFinite(ms) ? ms : null;
}

export class FreshnessService {
  private cached: { at: number; asOfMs: Promise<number | null> } | null = null;
  /** The last instant formatted: the same one for every request until the data change. */
  private formatted: { ms: number; asOf: Instant } | null = null;

  constructor(readonly context: ServiceContext) {}

  /** The freshness of the billing data now: `asOf` (Polish offset) and whether it is stale. */
  async freshness(): Promise<Freshness> {
    const asOfMs = await this.asOfMs();
    const now = this.context.now();
    const asOf: Instant | null = asOfMs === null ? null : this.format(asOfMs);
    const stale = asOfMs === null || now - asOfMs > this.context.config.staleAfterHours * 3_600_000;
    return { asOf, stale };
  }

  private format(ms: number): Instant {
    if (this.formatted?.ms !== ms) this.formatted = { ms, asOf: formatInstant(ms) };
    return this.formatted.asOf;
  }

  /** Forgets the cached instant (tests, and after an import in the same process). */
  forget(): void {
    this.cached = null;
  }

  private asOfMs(): Promise<number | null> {
    const now = this.context.now();
    if (this.cached && now - this.cached.at < FRESHNESS_CACHE_MS && now >= this.cached.at) {
      return this.cached.asOfMs;
    }
    const lookup = this.context.queries.run(billingFreshness).then(
      (rows) => {
        // One row is the rule; if a view gives several, the newest counts.
        const instants = rows
          .map((row) => instantMs(row.updatedAt))
          .filter((ms): ms is number => ms !== null);
        return instants.length ? Math.max(...instants) : null;
      },
      (error: unknown) => {
        this.context.logger.warn({ err: error }, 'billing freshness unavailable: asOf answered as null');
        return null;
      },
    );
    this.cached = { at: now, asOfMs: lookup };
    return lookup;
  }
}
