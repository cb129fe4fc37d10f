/**
 * Sessions for the API (sessions/): reads the signed cookie, loads the session's row, and puts
 * the request's view of it on `ctx.state.session`; after the request, moves an active session's
 * idle expiry (at most once a tenth of the idle time, sessions/session-store.ts).
 *
 * Pages and assets get no session: only requests in the API's space (the same test the CSRF
 * check, CORS and the error shape use) load one. A request without a cookie costs no query and no
 * random id; an anonymous session is never stored.
 *
 * Why not koa-session (round 2 used it over the same table): for this one use it cost about a
 * tenth of a data request's CPU in `npm run bench` (a per-request options copy, a random id drawn
 * for every anonymous request, a CRC of the session's JSON twice, the cookie signed and set again
 * on every response for its rolling expiry), and its rolling cookie could bring back an id that
 * a parallel request had just replaced at login. Here the cookie is set only when the row's
 * expiry is written, and only if the row still exists.
 */
import type { Middleware } from 'koa';
import type { ResolvedDeps } from '../context.ts';
import { isApiSpace } from '../lib/api-space.ts';
import { RequestSession } from '../sessions/request-session.ts';
import { SESSION_COOKIE, SessionStore } from '../sessions/session-store.ts';

export function session(deps: ResolvedDeps): Middleware {
  const { config } = deps;
  const store = new SessionStore(deps.knex, deps.now, config.sessionIdleMs, config.sessionAbsoluteMs);
  return async (ctx, next) => {
    if (!isApiSpace(ctx.path)) return next();
    const id = ctx.cookies.get(SESSION_COOKIE, { signed: true });
    const session = new RequestSession(ctx, store, id ? await store.load(id) : null);
    ctx.state.session = session;
    await next();
    // A request that failed (thrown to the error middleware) leaves the expiry to the next one.
    await session.touch();
  };
}

declare module 'koa' {
  interface DefaultState {
    /** The request's session (API requests only; set by the session middleware). */
    session?: RequestSession;
  }
}
