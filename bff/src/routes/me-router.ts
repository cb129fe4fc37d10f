// Placeholder: implemented by its issue.
import Router from '@koa/router';
import type { Services } from '../services/index.ts';

export function meRouter(_services: Services): Router {
  return new Router({ prefix: '/api/v1' });
}
