/**
 * The lockout (`portal_login_throttle`): after LOCKOUT_THRESHOLD consecutive failed attempts a
 * typed login (known or not) is locked for LOCKOUT_MINUTES, doubling on each repeat up to a day.
 *
 * An attempt is counted BEFORE its password is hashed: `reserve()` takes one of the window's
 * `threshold` slots with a conditional UPDATE (compare-and-set on the row's counters), and only
 * the caller whose UPDATE changed the row may verify the password. The slot that reaches the
 * threshold takes the lock in the same statement. So however many requests arrive at once, and
 * on however many instances, at most `threshold` passwords are checked per lock window, a burst
 * locks once (not once per request), and every attempt after the threshold is refused at once.
 * A successful sign-in gives the slot back by clearing the row (the policy: a success resets the
 * consecutive count, and the doubling starts afresh).
 */
import { portal } from '../db/tables.ts';
import { LoginThrottle } from '../models/index.ts';
import type { Knex } from 'knex';
import type { ServiceContext } from './context.ts';
import { normaliseLogin } from './password-service.ts';

/** The longest a lockout lasts however often it repeats (the doubling stops here). */
export const MAX_LOCK_MS = 24 * 3_600_000;
const THROTTLE_SWEEP_EVERY_MS = 3_600_000;
/** Width of the throttle key column (migration 002). */
const THROTTLE_KEY_WIDTH = 128;
/**
 * Compare-and-set rounds before giving up. Each lost round means another attempt on the same
 * login changed the row first; with the threshold's few slots the contention ends quickly.
 */
const MAX_CAS_ROUNDS = 50;

export type Reservation =
  /** The attempt may be checked; `locks` is the lock's end when this attempt took the lock. */
  | { kind: 'reserved'; locks: { until: number; lockCount: number } | null }
  /** Refused without checking: the login is locked until then. */
  | { kind: 'locked'; until: number };

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errorNum?: number; message?: string };
  return (
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.errorNum === 1 || // ORA-00001 unique constraint violated
    /ORA-00001|UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export class LoginThrottleService {
  private lastSweep = 0;

  constructor(readonly context: ServiceContext) {}

  private get knex() {
    return this.context.knex;
  }

  /** The key the counters use for a typed login: NFC, trimmed, lower case, cut to the column. */
  static key(login: string): string {
    return normaliseLogin(login).slice(0, THROTTLE_KEY_WIDTH);
  }

  /** Lock length after the n-th lock (1-based): base, 2×base, 4×base… up to MAX_LOCK_MS. */
  lockDuration(lockCount: number): number {
    const base = this.context.config.lockoutBaseMs;
    return Math.min(MAX_LOCK_MS, base * 2 ** Math.min(Math.max(lockCount - 1, 0), 30));
  }

  /** The lock that holds now for a typed login, if any (epoch ms of its end). */
  async lockedUntil(login: string, knex: Knex = this.knex): Promise<number | null> {
    const row = await LoginThrottle.query(knex).findById(LoginThrottleService.key(login));
    const until = row?.lockedUntil == null ? null : Number(row.lockedUntil);
    return until !== null && until > this.context.now() ? until : null;
  }

  /**
   * Counts one attempt on a typed login before its password is checked. Returns `locked` when
   * the login is locked (nothing counted), else `reserved`; the reservation that reaches the
   * threshold locks the login in the same UPDATE.
   */
  async reserve(login: string): Promise<Reservation> {
    const key = LoginThrottleService.key(login);
    const threshold = this.context.config.lockoutThreshold;
    await this.sweep(this.context.now());
    for (let round = 0; round < MAX_CAS_ROUNDS; round++) {
      const now = this.context.now();
      const row = await LoginThrottle.query(this.knex).findById(key);
      const lockedUntil = row?.lockedUntil == null ? null : Number(row.lockedUntil);
      if (lockedUntil !== null && lockedUntil > now) return { kind: 'locked', until: lockedUntil };
      // A lock that has run out starts a new window: its attempts were already counted.
      const failures = row && lockedUntil === null ? Number(row.failures) : 0;
      const lockCount = row ? Number(row.lockCount) : 0;
      const takesLock = failures + 1 >= threshold;
      const next = {
        failures: takesLock ? 0 : failures + 1,
        lockCount: takesLock ? lockCount + 1 : lockCount,
        lockedUntil: takesLock ? now + this.lockDuration(lockCount + 1) : null,
        updatedAt: now,
      };
      const locks = takesLock ? { until: next.lockedUntil!, lockCount: next.lockCount } : null;
      if (!row) {
        try {
          await this.knex(portal.loginThrottle).insert({ loginKey: key, ...next });
          return { kind: 'reserved', locks };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          continue; // another attempt created the row first: count on top of it
        }
      }
      // Compare-and-set: applies only if no other attempt changed the counters since the read.
      const changed = await this.knex(portal.loginThrottle)
        .where({ loginKey: key, failures: Number(row.failures), lockCount })
        .where((q) => {
          if (lockedUntil === null) q.whereNull('lockedUntil');
          else q.where('lockedUntil', lockedUntil);
        })
        .update(next);
      if (changed === 1) return { kind: 'reserved', locks };
    }
    // Unending contention on one login is itself a flood: refuse like a lock of a few seconds.
    return { kind: 'locked', until: this.context.now() + 5_000 };
  }

  /**
   * Gives back a reservation whose password was never checked (the hashing line was full, the
   * database failed half-way): an attempt the server refused to examine must not count towards
   * a lock, or a resident who retries while the server is busy would lock themselves out. Each
   * statement applies only while the row is as this reservation left it (a later lock by other
   * attempts stands).
   */
  async release(login: string, reservation: Extract<Reservation, { kind: 'reserved' }>): Promise<void> {
    const key = LoginThrottleService.key(login);
    const now = this.context.now();
    if (reservation.locks) {
      // The lock this attempt took, back to one failure short of it.
      await this.knex(portal.loginThrottle)
        .where({
          loginKey: key,
          lockCount: reservation.locks.lockCount,
          lockedUntil: reservation.locks.until,
        })
        .update({
          lockedUntil: null,
          lockCount: reservation.locks.lockCount - 1,
          failures: Math.max(this.context.config.lockoutThreshold - 1, 0),
          updatedAt: now,
        });
      return;
    }
    await this.knex(portal.loginThrottle)
      .where({ loginKey: key })
      .whereNull('lockedUntil')
      .where('failures', '>', 0)
      .update({ failures: this.knex.raw('?? - 1', ['failures']), updatedAt: now });
  }

  /** A success resets the consecutive count and the doubling (the row goes). */
  async clear(login: string, knex: Knex = this.knex): Promise<void> {
    await knex(portal.loginThrottle)
      .where({ loginKey: LoginThrottleService.key(login) })
      .delete();
  }

  /**
   * Forgets counters that have been quiet for a day and hold no lock, so guessing random logins
   * cannot grow the table without bound. (A login quiet for a day starts its doubling afresh.)
   */
  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < THROTTLE_SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    await this.knex(portal.loginThrottle)
      .where('updatedAt', '<', now - MAX_LOCK_MS)
      .where((q) => {
        q.whereNull('lockedUntil').orWhere('lockedUntil', '<', now);
      })
      .delete();
  }
}
