/**
 * Sessions: koa-session with its data in the portal's table `portal_sessions`, so any instance
 * serves any request and logout or a clerk's reset ends a session everywhere at once.
 *
 * - The cookie `strefa_session` holds a 256-bit random id (base64url), signed with the app keys,
 *   HttpOnly, SameSite=Lax, path /, and Secure whenever the request is HTTPS (directly or through
 *   a proxy trusted with TRUST_PROXY). Secure is decided per request, so a plain-HTTP dev server
 *   never fails to set it.
 * - The table stores the SHA-256 of the id, never the id: a leaked table or backup signs no one in.
 * - Idle timeout (rolling: requests move `expires_at`, at most once a minute) and an absolute lifetime fixed at
 *   login (`absoluteExpiresAt` in the data). Expiry is decided by the app's clock (`deps.now`), not
 *   by the cookie, so tests can move time and a replayed cookie is refused by the server.
 * - Expired rows are swept on write (at most once a minute per instance).
 */
import type Koa from 'koa';
import type { Middleware } from 'koa';
import createSession from 'koa-session';
import type { Knex } from 'knex';
import type { AppDeps } from '../deps.ts';
import { queryRunnerFor } from '../db/connection.ts';
import { portal } from '../db/tables.ts';
import { generateSessionId, SESSION_ID_PATTERN, sha256Hex } from '../lib/secrets.ts';
import { findSession } from '../queries/sessions.ts';

export const SESSION_COOKIE = 'strefa_session';
/** The idle expiry is moved in the table at most this often for an unchanged session. */
const TOUCH_EVERY_MS = 60_000;
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

  constructor(
    readonly knex: Knex,
    readonly now: () => number,
    readonly idleMs: number,
    readonly absoluteMs: number,
  ) {}

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
    // minute is left alone (a page's burst of API calls costs one write, not five).
    const loaded = options?.ctx ? (options.ctx.state as SessionState)[LOADED] : undefined;
    if (!options?.changed && loaded?.hashed === hashed && expiresAt - loaded.expiresAt < TOUCH_EVERY_MS)
      return;
    const login = typeof data.login === 'string' ? data.login : null;
    const json = JSON.stringify(data);
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

export function session(app: Koa, deps: AppDeps & { now: () => number }): Middleware {
  const { config } = deps;
  const store = new DatabaseSessionStore(deps.knex, deps.now, config.sessionIdleMs, config.sessionAbsoluteMs);
  const middleware = createSession(
    {
      key: SESSION_COOKIE,
      // The cookie's own lifetime is the idle timeout (renewed with every response); the server
      // decides expiry from the table anyway.
      maxAge: config.sessionIdleMs,
      rolling: true,
      renew: false,
      httpOnly: true,
      signed: true,
      overwrite: true,
      sameSite: 'lax',
      autoCommit: true,
      // Typings want synchronous-looking methods; koa-session awaits whatever they return.
      store: store as never,
      genid: () => generateSessionId(),
    },
    app,
  );
  return async (ctx, next) => {
    // Sessions are the API's business; pages and assets need no row lookup.
    if (!ctx.path.startsWith('/api/')) return next();
    ctx.sessionOptions.secure = ctx.secure;
    return middleware(ctx, next);
  };
}
