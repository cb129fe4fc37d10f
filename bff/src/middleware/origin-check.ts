/**
 * CSRF defence for the API, as the contract says: every `/api/` request that is not
 * GET/HEAD/OPTIONS must
 *  1. carry `Content-Type: application/json` — a page on another site cannot send that without a
 *     CORS preflight, which this server answers only for the configured origins; and
 *  2. come from an allowed origin: its `Origin` is in STREFA_ALLOWED_ORIGINS (or is this server's
 *     own origin), or, with no `Origin` at all, `Sec-Fetch-Site: same-origin` vouches for it.
 * Anything else is 403 `csrf`, before the body is read. The SameSite=Lax cookie is a third layer.
 */
import type { Middleware } from 'koa';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { isApiSpace } from '../lib/api-space.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfRefused = (why: string) =>
  new ApiError(
    403,
    'csrf',
    `Żądanie odrzucone ze względów bezpieczeństwa (${why}). Odśwież stronę i spróbuj ponownie.`,
  );

export function originCheck(config: Config): Middleware {
  const allowed = new Set(config.allowedOrigins);
  return async (ctx, next) => {
    if (SAFE_METHODS.has(ctx.method) || !isApiSpace(ctx.path)) return next();

    if (!ctx.is('application/json')) throw csrfRefused('nieprawidłowy typ treści');

    const origin = ctx.get('Origin');
    if (origin) {
      // The server's own origin (as the browser addressed it, proxies honoured with TRUST_PROXY)
      // is always allowed: same-origin requests are not cross-site by definition. Built from
      // protocol and host: Koa 3's `ctx.origin` is the request's Origin header itself.
      const own = `${ctx.protocol}://${ctx.host}`;
      if (origin === 'null' || (!allowed.has(origin) && origin !== own)) {
        throw csrfRefused('niedozwolone pochodzenie');
      }
    } else if (ctx.get('Sec-Fetch-Site') !== 'same-origin') {
      throw csrfRefused('brak nagłówka Origin');
    }
    return next();
  };
}
