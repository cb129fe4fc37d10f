// Placeholder: implemented by its issue.
import Router from '@koa/router';
import type { Services } from '../services/index.ts';

export function adminRouter(_services: Services): Router {
  return new Router({ prefix: '/api/v1' });
}
