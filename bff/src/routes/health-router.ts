/**
 * Liveness and readiness, per the contract: `/healthz` answers while the process runs;
 * `/readyz` asks the database and answers 503 within 5 seconds when it does not reply.
 *
 * Readiness also follows the process's own state, which server.ts reports: while the database
 * is still being prepared (migrations at start, retried every 5 s) and once shutdown has begun,
 * `/readyz` says 503, so a load balancer sends no new requests to this instance.
 */
import type Router from '@koa/router';
import type { Knex } from 'knex';
import { ApiError } from '../errors.ts';
import { lifecycleOf } from '../lifecycle.ts';
import { apiRouter } from './router.ts';

export { type Lifecycle, setLifecycle } from '../lifecycle.ts';

const READY_TIMEOUT_MS = 4_000;

export async function databaseAnswers(knex: Knex, timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  const probe = knex.client.config.client === 'oracledb' ? 'select 1 from dual' : 'select 1';
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      knex
        .raw(probe)
        .timeout(timeoutMs)
        .then(() => true),
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

const notReady = (message: string) => new ApiError(503, 'unavailable', message, {}, { 'Retry-After': '5' });

export function healthRouter(knex: Knex): Router {
  // Exact like the API's routers; `Cache-Control: no-store` comes from createApp's noStore().
  const router = apiRouter();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const state = lifecycleOf(knex);
    if (state === 'draining') throw notReady('Serwer kończy pracę.');
    if (!(await databaseAnswers(knex))) throw notReady('Baza danych nie odpowiada.');
    if (state === 'preparing') throw notReady('Baza danych jest przygotowywana.');
    ctx.body = { status: 'ready' };
  });
  return router;
}
