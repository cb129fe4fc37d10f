/**
 * `GET /api/v1/me`: the signed-in resident's person and every assignment (Dane osobowe).
 * Thin on purpose: the rule lives in ResidentService; this checks the session and marks the
 * answer as personal data that no browser or proxy may store.
 */
import Router from '@koa/router';
import { requireResident } from '../middleware/authenticate.ts';
import type { Services } from '../services/index.ts';
import { personOf, sendData } from './units-router.ts';

export function meRouter(services: Services): Router {
  const router = new Router({ prefix: '/api/v1' });
  router.get('/me', requireResident(), async (ctx) => {
    await sendData(ctx, services, await services.resident.me(personOf(ctx)));
  });
  return router;
}
