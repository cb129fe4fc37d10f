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
import { BoundedMap } from '../lib/bounded-map.ts';
import { portal } from '../db/tables.ts';
import type { ServiceContext } from './context.ts';
import { isUniqueViolation, LoginThrottleService } from './login-throttle.ts';

const SWEEP_EVERY_MS = 10 * 60_000;
const ADDRESS_WIDTH = 64;
/** Keys this instance has seen over their limit, remembered until their window ends. */
const REFUSED_MEMORY = 10_000;

/** Refusals made by these limits (not the hashing line's): what `holdBack` answers slowly. */
const limitRefusals = new WeakSet<object>();

/** True for a 429 of the per-client limits (an address or a login over its limit). */
export function isLimitRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && limitRefusals.has(error);
}

/** A client refused again within a minute waits this much longer for each refusal… */
const HOLD_BACK_STEP_MS = 50;
/** …up to this long; */
const HOLD_BACK_MAX_MS = 1_000;
/** and at most this many answers are held at once (beyond, they go out at once). */
const HOLD_BACK_MAX_HELD = 512;

export const tooManyRequests = (retryAfterSeconds: number) => {
  const error = tooManyRequestsError(retryAfterSeconds);
  limitRefusals.add(error);
  return error;
};

const tooManyRequestsError = (retryAfterSeconds: number) =>
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
  /**
   * Keys over their limit in the current window (key → window start): refused again without a
   * query, so a flood costs the database one statement per window, not one per request. Other
   * instances learn it from the database on their own.
   */
  private readonly refused = new BoundedMap<string, number>(REFUSED_MEMORY);
  /** Each address's refusals in the current minute (`holdBack`). */
  private readonly refusals = new BoundedMap<string, { minute: number; count: number }>(REFUSED_MEMORY);
  private held = 0;
  private lastSweep = 0;

  constructor(readonly context: ServiceContext) {}

  private get knex(): Knex {
    return this.context.knex;
  }

  private static addressKey(ip: string | null): string {
    return `a:${(ip ?? 'unknown').slice(0, ADDRESS_WIDTH)}`;
  }

  /**
   * Waits before a refusal goes out to an address that keeps being refused: 50 ms more for each
   * refusal within the minute, up to a second (nginx's `limit_req` without `nodelay` does the
   * same). A client that signs in again as soon as it is answered (a closed-loop flood) then sends
   * a few attempts a second instead of hundreds, and the server's time goes to the residents
   * signing in from other addresses. A resident refused once waits nothing extra. Waiting costs a
   * timer, not CPU; beyond `HOLD_BACK_MAX_HELD` answers held at once, refusals go out at once.
   */
  async holdBack(ip: string | null): Promise<void> {
    const key = LoginLimits.addressKey(ip);
    const minute = Math.floor(this.context.now() / 60_000);
    const seen = this.refusals.get(key);
    const count = seen?.minute === minute ? seen.count + 1 : 1;
    this.refusals.set(key, { minute, count });
    const delay = Math.min(HOLD_BACK_MAX_MS, (count - 1) * HOLD_BACK_STEP_MS);
    if (delay <= 0 || this.held >= HOLD_BACK_MAX_HELD) return;
    this.held += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, delay));
    } finally {
      this.held -= 1;
    }
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
    if (this.refused.get(bucketKey) === windowStart) return false;
    const allowed = await this.hitInDatabase(bucketKey, windowStart, limit);
    if (allowed) this.refused.delete(bucketKey);
    else this.refused.set(bucketKey, windowStart);
    return allowed;
  }

  private async hitInDatabase(bucketKey: string, windowStart: number, limit: number): Promise<boolean> {
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
