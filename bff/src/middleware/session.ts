// Placeholder: koa-session with a database store; implemented by the access issue.
import type Koa from 'koa';
import type { Middleware } from 'koa';
import type { AppDeps } from '../app.ts';

export function session(_app: Koa, _deps: AppDeps & { now: () => number }): Middleware {
  return async (_ctx, next) => next();
}
