/**
 * Gives every request an id (the proxy's X-Request-Id when it looks sane, else a new one),
 * echoes it in the response and binds a child logger to it (made on first use), so one request's
 * lines can be found.
 */
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.ts';

const SANE_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function requestId(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = SANE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    // The child logger is made when something logs through it (an error, a login): most requests
    // log only their request line, written below with the same `requestId` field.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (log ??= logger.child({ requestId: id })),
      configurable: true,
      enumerable: true,
    });
    ctx.set('X-Request-Id', id);
    const started = performance.now();
    try {
      await next();
    } finally {
      const line = {
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (log) log.info(line, 'request');
      else logger.info({ requestId: id, ...line }, 'request');
    }
  };
}
