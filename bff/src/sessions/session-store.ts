/**
 * The session store: koa-session keeps its data in the portal's table `portal_sessions`, so any
 * instance serves any request and logout or a clerk's reset ends a session everywhere at once.
 * (middleware/session.ts wires koa-session to this store.)
 *
 * - The table stores the SHA-256 of the id, never the id: a leaked table or backup signs no one in.
 * - Idle timeout (rolling: requests move `expires_at` once a tenth of the idle time has passed,
 *   at most once a minute) and an absolute lifetime fixed at login (`absoluteExpiresAt` in the
 *   data). Expiry is decided by the app's clock (`deps.now`), not by the cookie, so tests can move time and a replayed cookie is refused by the server.
 * - Expired rows are swept on write (at most once a minute per instance).
 */
import type Koa from 'koa';
import type { Knex } from 'knex';
import { queryRunnerFor } from '../db/connection.ts';
import { findSession } from '../queries/sessions.ts';
import { isBusy, NO_BUSY_WAIT } from '../db/sqlite-busy.ts';
import { portal } from '../db/tables.ts';
import { SESSION_ID_PATTERN, sha256Hex } from '../lib/secrets.ts';

export const SESSION_COOKIE = 'strefa_session';
/**
 * An unchanged session's idle expiry is written back once it would move by this much: a tenth of
 * the idle time, and never less often than once a minute. A fixed minute would log out an active
 * user whose idle time is a minute or two (the expiry never moved before it passed).
 */
export function touchEveryMs(idleMs: number): number {
  return Math.max(1, Math.min(60_000, Math.floor(idleMs / 10)));
}
const LOADED = Symbol('strefa.sessionRow');
type SessionState = { [LOADED]?: { hashed: string; expiresAt: number } };
const SWEEP_EVERY_MS = 60_000;

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

/** The store koa-session calls with the raw id from the cookie; it keys rows by the id's hash. */
export class DatabaseSessionStore {
  private lastSweep = 0;
  private readonly touchEveryMs: number;

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

  async get(
    id: string,
    _maxAge?: unknown,
    options?: { ctx?: Koa.Context },
  ): Promise<Record<string, unknown> | null> {
    if (!SESSION_ID_PATTERN.test(id)) return null;
    const hashed = DatabaseSessionStore.hashId(id);
    const [row] = await queryRunnerFor(this.knex).run(findSession, hashed);
    if (!row) return null;
    const now = this.now();
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(row.data) as Record<string, unknown>;
    } catch {
      data = {};
    }
    const absolute = typeof data.absoluteExpiresAt === 'number' ? data.absoluteExpiresAt : 0;
    if (Number(row.expiresAt) <= now || (data.login !== undefined && absolute <= now)) {
      await this.knex(portal.sessions).where({ id: hashed }).delete();
      return null;
    }
    if (options?.ctx)
      (options.ctx.state as SessionState)[LOADED] = { hashed, expiresAt: Number(row.expiresAt) };
    return data;
  }

  async set(
    id: string,
    session: Record<string, unknown>,
    _maxAge?: unknown,
    options?: { changed?: boolean; ctx?: Koa.Context },
  ): Promise<void> {
    const hashed = DatabaseSessionStore.hashId(id);
    const now = this.now();
    // koa-session's own bookkeeping (_expire, _maxAge) runs on the real clock; ours replaces it.
    const data: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(session)) if (!key.startsWith('_')) data[key] = value;
    const absolute =
      typeof data.absoluteExpiresAt === 'number' ? data.absoluteExpiresAt : now + this.absoluteMs;
    const expiresAt = Math.min(now + this.idleMs, absolute);
    // Rolling without a write per request: an unchanged session whose expiry moved less than a
    // tenth of the idle time is left alone (a page's burst of API calls costs one write, not five).
    const loaded = options?.ctx ? (options.ctx.state as SessionState)[LOADED] : undefined;
    const touch = !options?.changed && loaded?.hashed === hashed;
    if (touch && expiresAt - loaded.expiresAt < this.touchEveryMs) return;
    const login = typeof data.login === 'string' ? data.login : null;
    const json = JSON.stringify(data);
    if (touch) {
      // Only the expiry moves: while another process holds the database's write lock, this is
      // skipped at once instead of waiting (the request's answer is good; the next one retries).
      try {
        await this.knex(portal.sessions)
          .where({ id: hashed })
          .update({ expiresAt })
          .queryContext(NO_BUSY_WAIT);
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      return;
    }
    const updated = await this.knex(portal.sessions)
      .where({ id: hashed })
      .update({ login, data: json, expiresAt });
    if (!updated) {
      await this.knex(portal.sessions).insert({ id: hashed, login, data: json, expiresAt, createdAt: now });
    }
    await this.sweep(now);
  }

  async destroy(id: string): Promise<void> {
    if (!id) return;
    await this.knex(portal.sessions)
      .where({ id: DatabaseSessionStore.hashId(id) })
      .delete();
  }

  /** Deletes expired rows; cheap thanks to the index on expires_at, and at most once a minute. */
  async sweep(now = this.now(), force = false): Promise<number> {
    if (!force && now - this.lastSweep < SWEEP_EVERY_MS) return 0;
    this.lastSweep = now;
    return this.knex(portal.sessions).where('expiresAt', '<=', now).delete();
  }
}
