/**
 * What the API answers when no route took a request, and which methods pages accept.
 *
 * - Under the API (see lib/api-space.ts): a path that no route matches is 404 `not_found`; a path
 *   that some route matches, asked with another method (`PATCH /api/v1/me`, `PROPFIND`, `TRACE`,
 *   ...), is 405 `method_not_allowed` with `Allow`; `OPTIONS` is 204 with `Allow` (a CORS
 *   preflight is answered before this, by middleware/cors.ts). The allowed methods are read from
 *   the routers' own table, so they cannot drift from what is routed.
 * - Pages, assets and health checks: GET, HEAD and OPTIONS only; anything else is 405 with
 *   `Allow` before a file is looked up.
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { methodNotAllowed, notFound } from '../errors.ts';
import { isApiSpace } from '../lib/api-space.ts';

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const SITE_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

/** The methods some route accepts on this exact path (with OPTIONS), or [] for an unknown path. */
export function allowedMethodsFor(routers: readonly Router[], path: string): string[] {
  const methods = new Set<string>();
  for (const router of routers) {
    for (const layer of router.stack) {
      if (layer.methods.length > 0 && layer.match(path)) for (const m of layer.methods) methods.add(m);
    }
  }
  if (methods.size === 0) return [];
  methods.add('OPTIONS');
  const rank = (m: string) => (METHOD_ORDER.includes(m) ? METHOD_ORDER.indexOf(m) : METHOD_ORDER.length);
  return [...methods].sort((a, b) => rank(a) - rank(b));
}

/** Mounted after every API router: a request that reaches it was taken by no route. */
export function apiFallback(routers: readonly Router[]): Middleware {
  return async (ctx, next) => {
    if (!isApiSpace(ctx.path)) return next();
    const allow = allowedMethodsFor(routers, ctx.path);
    if (allow.length === 0) throw notFound('Nie ma takiego adresu w API.');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Allow', allow.join(', '));
      ctx.status = 204;
      return;
    }
    throw methodNotAllowed(allow);
  };
}

/** Pages, assets and health checks: read-only methods, before anything else looks at the path. */
export function siteMethods(): Middleware {
  const allow = SITE_METHODS.join(', ');
  return async (ctx, next) => {
    if (isApiSpace(ctx.path)) return next();
    if (ctx.method === 'GET' || ctx.method === 'HEAD') return next();
    ctx.set('Allow', allow);
    ctx.set('Cache-Control', 'no-store');
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    ctx.status = 405;
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = 'Method Not Allowed';
  };
}
