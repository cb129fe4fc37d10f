/**
 * `GET /api/v1/me`: the signed-in resident's person and every assignment (Dane osobowe).
 * Thin on purpose: the rule lives in ResidentService; this checks the session and marks the
 * answer as personal data that no browser or proxy may store.
 */
import Router from '@koa/router';
import { requireResident } from '../middleware/authenticate.ts';
import type { Services } from '../services/index.ts';
import { withFreshness } from './freshness.ts';
import { personOf } from './units-router.ts';

export function meRouter(services: Services): Router {
  const router = new Router({ prefix: '/api/v1' });
  router.use('/me', withFreshness(services));
  router.get('/me', requireResident(), async (ctx) => {
    const body = await services.resident.me(personOf(ctx));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
  return router;
}
