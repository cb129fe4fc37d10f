/**
 * CORS for the widgets embedded in the cooperative's website (another origin than the API's):
 * credentials allowed, and only for the origins in STREFA_ALLOWED_ORIGINS — never a wildcard, so
 * no other site can read a resident's data with their cookie. Requests from other origins get no
 * CORS headers at all, and the browser keeps their answers from the page.
 */
import koaCors from '@koa/cors';
import type { Middleware } from 'koa';
import type { Config } from '../config.ts';
import { isApiSpace } from '../lib/api-space.ts';

export function cors(config: Config): Middleware {
  const allowed = new Set(config.allowedOrigins);
  const middleware = koaCors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Accept', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
    keepHeadersOnError: true,
  });
  return async (ctx, next) => {
    if (!isApiSpace(ctx.path)) return next();
    return middleware(ctx, next);
  };
}
