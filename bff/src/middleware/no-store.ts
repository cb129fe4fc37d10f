/**
 * `Cache-Control: no-store` for every answer it is mounted over: the API's (personal data, a
 * session's state, errors) and the health checks'. One middleware instead of a header set by hand
 * in each handler, so a new endpoint cannot forget it; a handler that may be cached sets its own.
 */
import type { Middleware } from 'koa';

export const NO_STORE = 'no-store';

export function noStore(applies: (path: string) => boolean = () => true): Middleware {
  return async (ctx, next) => {
    if (applies(ctx.path)) ctx.set('Cache-Control', NO_STORE);
    return next();
  };
}
