// Placeholder: implemented by its issue.
import type { Middleware } from 'koa';
import type { Config } from '../config.ts';

export function staticFiles(_config: Config): Middleware {
  return async (_ctx, next) => next();
}
