/**
 * The session store: sessions live in the portal's table `portal_sessions`, so any instance serves
 * any request and logout or a clerk's reset ends a session everywhere at once.
 * (sessions/request-session.ts is a request's view of its session; middleware/session.ts loads it.)
 *
 * - The table stores the SHA-256 of the id, never the id: a leaked table or backup signs no one in.
 * - Idle timeout (rolling: requests move `expires_at` once a tenth of the idle time has passed,
 *   at most once a minute) and an absolute lifetime fixed at login (`absoluteExpiresAt` in the
 *   data). Expiry is decided by the app's clock (`deps.now`), not by the cookie, so tests can move
 *   time and a replayed cookie is refused by the server.
 * - Expired rows are swept on write (at most once a minute per instance).
 */
import type { Knex } from 'knex';
import { queryRunnerFor } from '../db/connection.ts';
import { isBusy, NO_BUSY_WAIT } from '../db/sqlite-busy.ts';
import { portal } from '../db/tables.ts';
import { findSession } from '../queries/sessions.ts';
import { generateSessionId, SESSION_ID_PATTERN, sha256Hex } from '../lib/secrets.ts';

export const SESSION_COOKIE = 'strefa_session';
const SWEEP_EVERY_MS = 60_000;

/**
 * An unchanged session's idle expiry is written back once it would move by this much: a tenth of
 * the idle time, and never less often than once a minute. A fixed minute would log out an active
 * user whose idle time is a minute or two (the expiry never moved before it passed).
 */
export function touchEveryMs(idleMs: number): number {
  return Math.max(1, Math.min(60_000, Math.floor(idleMs / 10)));
}

/** What a signed-in session holds. */
export interface SessionData {
  login: string;
  role: 'resident' | 'clerk';
  personId: number | null;
  displayName: string;
  mustChangePassword: boolean;
  /** Epoch ms: when the session was created at login. */
  createdAt: number;
  /** Epoch ms: the session ends then, however active it is. */
  absoluteExpiresAt: number;
}

/** A live session as read from its row. */
export interface LoadedSession {
  /** The id from the cookie (raw; the row is keyed by its hash). */
  id: string;
  hashed: string;
  data: SessionData;
  /** Epoch ms: the row's idle expiry as last written. */
  expiresAt: number;
}

export class SessionStore {
  private lastSweep = 0;
  readonly touchEveryMs: number;

  constructor(
    readonly knex: Knex,
    readonly now: () => number,
    readonly idleMs: number,
    readonly absoluteMs: number,
  ) {
    this.touchEveryMs = touchEveryMs(idleMs);
  }

  /** The hashed form of a raw session id, as stored in `portal_sessions.id`. */
  static hashId(id: string): string {
    return sha256Hex(id);
  }

  /** The live session of a raw id, or null (unknown, malformed, expired: an expired row goes). */
  async load(id: string): Promise<LoadedSession | null> {
    if (!SESSION_ID_PATTERN.test(id)) return null;
    const hashed = SessionStore.hashId(id);
    const [row] = await queryRunnerFor(this.knex).run(findSession, hashed);
    if (!row) return null;
    const expiresAt = Number(row.expiresAt);
    const data = parseData(row.data);
    const now = this.now();
    if (!data || expiresAt <= now || data.absoluteExpiresAt <= now) {
      await this.knex(portal.sessions).where({ id: hashed }).delete();
      return null;
    }
    return { id, hashed, data, expiresAt };
  }

  /**
   * A new session with a new id for `data`, and the row of `replacing` (the request's previous
   * session, if any) deleted in the same transaction: a new id at every sign-in and privilege
   * change (no fixation), and never a moment with neither row or both.
   */
  async create(data: SessionData, replacing?: LoadedSession | null): Promise<LoadedSession> {
    const id = generateSessionId();
    const hashed = SessionStore.hashId(id);
    const now = this.now();
    const expiresAt = this.expiryFrom(now, data);
    await this.knex.transaction(async (trx) => {
      if (replacing) await trx(portal.sessions).where({ id: replacing.hashed }).delete();
      await trx(portal.sessions).insert({
        id: hashed,
        login: data.login,
        data: JSON.stringify(data),
        expiresAt,
        createdAt: now,
      });
    });
    await this.sweep(now);
    return { id, hashed, data, expiresAt };
  }

  /**
   * Moves an active session's idle expiry once it would move by `touchEveryMs`; the new expiry,
   * or null when nothing was written. Another process holding the database's write lock skips
   * the write at once instead of waiting (the answer is good; the next request retries), and a
   * row deleted meanwhile (logout elsewhere, a new id) is not brought back.
   */
  async touch(session: LoadedSession): Promise<number | null> {
    const expiresAt = this.expiryFrom(this.now(), session.data);
    if (expiresAt - session.expiresAt < this.touchEveryMs) return null;
    try {
      const updated = await this.knex(portal.sessions)
        .where({ id: session.hashed })
        .update({ expiresAt })
        .queryContext(NO_BUSY_WAIT);
      return updated ? expiresAt : null;
    } catch (error) {
      if (!isBusy(error)) throw error;
      return null;
    }
  }

  async destroy(session: LoadedSession): Promise<void> {
    await this.knex(portal.sessions).where({ id: session.hashed }).delete();
  }

  /** Deletes expired rows; cheap thanks to the index on expires_at, and at most once a minute. */
  async sweep(now = this.now(), force = false): Promise<number> {
    if (!force && now - this.lastSweep < SWEEP_EVERY_MS) return 0;
    this.lastSweep = now;
    return this.knex(portal.sessions).where('expiresAt', '<=', now).delete();
  }

  private expiryFrom(now: number, data: SessionData): number {
    return Math.min(now + this.idleMs, data.absoluteExpiresAt);
  }
}

/** The row's JSON as session data, or null when it is not a signed-in user's. */
function parseData(json: string): SessionData | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const record = data as Partial<SessionData>;
  if (typeof record.login !== 'string' || typeof record.absoluteExpiresAt !== 'number') return null;
  return record as SessionData;
}
