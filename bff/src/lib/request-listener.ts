/**
 * A Koa app as a Node request listener. Koa's `callback()` returns a promise per request that
 * never rejects (Koa answers every error itself through `ctx.onerror`); Node's `createServer`
 * wants a listener that returns nothing, so the promise is explicitly let go here, once.
 */
import type { RequestListener } from 'node:http';
import type Koa from 'koa';

export function requestListener(app: Koa): RequestListener {
  const handle = app.callback();
  return (request, response) => {
    void handle(request, response);
  };
}
