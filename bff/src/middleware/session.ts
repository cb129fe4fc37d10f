/**
 * Sessions for the API: koa-session over the database store (sessions/session-store.ts).
 *
 * The cookie `strefa_session` holds a 256-bit random id (base64url), signed with the app keys,
 * HttpOnly, SameSite=Lax, path /, and Secure whenever the request is HTTPS (directly or through a
 * proxy trusted with TRUST_PROXY). Secure is decided per request, so a plain-HTTP dev server never
 * fails to set it. Pages and assets get no session: only requests in the API's space (the same
 * test the CSRF check, CORS and the error shape use) load one.
 */
import type Koa from 'koa';
import type { Middleware } from 'koa';
import createSession from 'koa-session';
import type { ResolvedDeps } from '../context.ts';
import { generateSessionId } from '../lib/secrets.ts';
import { isApiSpace } from '../lib/api-space.ts';
import { DatabaseSessionStore, SESSION_COOKIE } from '../sessions/session-store.ts';

export function session(app: Koa, deps: ResolvedDeps): Middleware {
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
    if (!isApiSpace(ctx.path)) return next();
    ctx.sessionOptions.secure = ctx.secure;
    return middleware(ctx, next);
  };
}
