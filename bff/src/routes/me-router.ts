/**
 * `GET /api/v1/me`: the signed-in resident's person and every assignment (Dane osobowe).
 * Thin on purpose: the rule lives in ResidentService; this checks the session. Like every API
 * answer it is `Cache-Control: no-store` (createApp's noStore()).
 */
import type Router from '@koa/router';
import { requireResident } from '../middleware/authenticate.ts';
import type { Services } from '../services/index.ts';
import { apiRouter } from './router.ts';
import { personOf, sendData } from './units-router.ts';

export function meRouter(services: Services): Router {
  const router = apiRouter('/api/v1');
  router.get('/me', requireResident(), async (ctx) => {
    await sendData(ctx, services, await services.resident.me(personOf(ctx)));
  });
  return router;
}
