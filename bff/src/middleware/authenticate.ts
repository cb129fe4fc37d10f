// Placeholder: implemented by the access issue.
import type { Middleware } from 'koa';
import type { Services } from '../services/index.ts';

export function authenticate(_services: Services): Middleware {
  return async (_ctx, next) => next();
}
