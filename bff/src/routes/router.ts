/**
 * Every router of the API is made here: case-sensitive and strict (`/api/v1/me/` and
 * `/api/v1/ME` are not `/api/v1/me`), so a path matches a route in exactly one spelling and a
 * route's guard runs whenever its handler does. Other spellings fall through to the API's 404.
 * createApp refuses to mount a router made any other way.
 */
import Router from '@koa/router';
import type { Middleware } from 'koa';

export const API_ROUTER_OPTIONS = { sensitive: true, strict: true } as const;

export function apiRouter(prefix = ''): Router {
  return new Router({ ...API_ROUTER_OPTIONS, ...(prefix ? { prefix } : {}) });
}

/** True when a router matches paths exactly (what createApp checks before mounting it). */
export function isExactRouter(router: Router): boolean {
  const options = router.opts as { sensitive?: boolean; strict?: boolean };
  return options.sensitive === true && options.strict === true;
}

/** The literal start of a layer's path (before its first parameter or pattern), '' if none. */
export function literalStart(path: string | RegExp): string {
  if (typeof path !== 'string') return '';
  const end = path.search(/[^A-Za-z0-9/_.~-]/);
  return end === -1 ? path : path.slice(0, end);
}

/**
 * The API's routers behind one middleware, in their order, each called only for a path that
 * begins with the literal start of one of its layers. A router called for any other path matches
 * none of its layers and passes the request on, so skipping it changes nothing but the cost:
 * each @koa/router dispatch reads the host, tests every layer's pattern and emits its not-found
 * event (for a `/units/...` request, two routers in vain before the right one). Compared exactly,
 * like the routers (case-sensitive, not decoded).
 */
export function apiRoutes(routers: readonly Router[]): Middleware {
  const entries = routers.map((router) => ({
    starts: [...new Set(router.stack.map((layer) => literalStart(layer.path)))],
    dispatch: router.routes(),
  }));
  return (ctx, next) => {
    const path = ctx.path;
    const from = (index: number): Promise<unknown> => {
      for (let i = index; i < entries.length; i++) {
        const entry = entries[i]!;
        if (entry.starts.some((start) => path.startsWith(start))) {
          // The router sets its own `params` and `router` on the context it is given.
          const routerCtx = ctx as Parameters<typeof entry.dispatch>[0];
          return Promise.resolve(entry.dispatch(routerCtx, () => from(i + 1)));
        }
      }
      return next();
    };
    return from(0);
  };
}
