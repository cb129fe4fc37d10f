/**
 * Per-client limits on sign-in attempts, checked before any password is hashed, so that one
 * client cannot fill the scrypt queue that every resident's login waits in:
 *
 * - per address as the BFF sees it (`ctx.ip`; behind a proxy with TRUST_PROXY, the address the
 *   proxy appended to X-Forwarded-For): LOGIN_LIMIT_PER_ADDRESS attempts per window;
 * - per typed login (normalised): LOGIN_LIMIT_PER_LOGIN attempts per window;
 * - per address, hashes in flight or queued on this instance: LOGIN_IN_FLIGHT_PER_ADDRESS. A
 *   client that sends its attempts in parallel gets 429 for all but these few at once, so the
 *   queue stays open to everyone else.
 *
 * The window counters live in `portal_rate_limits` (migration 004), so every instance counts
 * together: one row per key and fixed window, incremented by a conditional UPDATE whose
 * affected-row count decides (`hits < limit`), created by an INSERT when the window is new.
 * Refusals are 429 `too_many_requests` with Retry-After (the end of the window).
 */
import type { Knex } from 'knex';
import { ApiError } from '../errors.ts';
import { portal } from '../db/tables.ts';
import type { ServiceContext } from './index.ts';
import { isUniqueViolation, LoginThrottleService } from './login-throttle.ts';

const SWEEP_EVERY_MS = 10 * 60_000;
const ADDRESS_WIDTH = 64;

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'too_many_requests',
    'Zbyt wiele prób logowania z tego adresu lub na ten identyfikator. Odczekaj chwilę i spróbuj ponownie.',
    { retryAfter: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/** A slot of the per-address in-flight cap; `release()` gives it back (idempotent). */
export interface InFlightSlot {
  release(): void;
}

export class LoginLimits {
  private readonly inFlight = new Map<string, number>();
  private lastSweep = 0;

  constructor(readonly context: ServiceContext) {}

  private get knex(): Knex {
    return this.context.knex;
  }

  private static addressKey(ip: string | null): string {
    return `a:${(ip ?? 'unknown').slice(0, ADDRESS_WIDTH)}`;
  }

  /**
   * Takes one of the address's in-flight slots on this instance, or throws 429 at once. Held
   * from the first database check to the end of the password check.
   */
  enter(ip: string | null): InFlightSlot {
    const key = LoginLimits.addressKey(ip);
    const cap = this.context.config.loginLimits.inFlightPerAddress;
    const held = this.inFlight.get(key) ?? 0;
    if (held >= cap) throw tooManyRequests(1);
    this.inFlight.set(key, held + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(key);
        else this.inFlight.set(key, left);
      },
    };
  }

  /** Counts one attempt for the address and for the typed login; throws 429 over either limit. */
  async count(ip: string | null, login: string): Promise<void> {
    const { perAddress, perLogin, windowMs } = this.context.config.loginLimits;
    const now = this.context.now();
    await this.sweep(now);
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    if (!(await this.hit(LoginLimits.addressKey(ip), windowStart, perAddress)))
      throw tooManyRequests(retryAfter);
    if (!(await this.hit(`l:${LoginThrottleService.key(login)}`, windowStart, perLogin)))
      throw tooManyRequests(retryAfter);
  }

  /** One more hit in the key's window if it stays within `limit`; false when the limit is reached. */
  private async hit(bucketKey: string, windowStart: number, limit: number): Promise<boolean> {
    const table = () => this.knex(portal.rateLimits);
    for (let round = 0; round < 3; round++) {
      const counted = await table()
        .where({ bucketKey, windowStart })
        .where('hits', '<', limit)
        .update({ hits: this.knex.raw('?? + 1', ['hits']) });
      if (counted === 1) return true;
      const exists = await table().where({ bucketKey, windowStart }).first('hits');
      if (exists) return false;
      try {
        await table().insert({ bucketKey, windowStart, hits: 1 });
        return limit >= 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another instance opened the window a moment ago: count on top of its row.
      }
    }
    return false;
  }

  /** Windows that have ended are forgotten (every few minutes, by whichever request comes). */
  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    await this.knex(portal.rateLimits)
      .where('windowStart', '<', now - this.context.config.loginLimits.windowMs)
      .delete();
  }
}
