/**
 * Liveness and readiness, per the contract: `/healthz` answers while the process runs;
 * `/readyz` asks the database and answers 503 within 5 seconds when it does not reply.
 */
import Router from '@koa/router';
import type { Knex } from 'knex';
import { ApiError } from '../errors.ts';

const READY_TIMEOUT_MS = 4_000;

export async function databaseAnswers(knex: Knex, timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  const probe = knex.client.config.client === 'oracledb' ? 'select 1 from dual' : 'select 1';
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      knex.raw(probe).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(knex: Knex): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    if (!(await databaseAnswers(knex))) {
      throw new ApiError(503, 'unavailable', 'Baza danych nie odpowiada.', {}, { 'Retry-After': '5' });
    }
    ctx.body = { status: 'ready' };
  });
  return router;
}
