/**
 * Every router of the API is made here: case-sensitive and strict (`/api/v1/me/` and
 * `/api/v1/ME` are not `/api/v1/me`), so a path matches a route in exactly one spelling and a
 * route's guard runs whenever its handler does. Other spellings fall through to the API's 404.
 * createApp refuses to mount a router made any other way.
 */
import Router from '@koa/router';

export const API_ROUTER_OPTIONS = { sensitive: true, strict: true } as const;

export function apiRouter(prefix = ''): Router {
  return new Router({ ...API_ROUTER_OPTIONS, ...(prefix ? { prefix } : {}) });
}

/** True when a router matches paths exactly (what createApp checks before mounting it). */
export function isExactRouter(router: Router): boolean {
  const options = router.opts as { sensitive?: boolean; strict?: boolean };
  return options.sensitive === true && options.strict === true;
}
