/**
 * Benchmark instruments, mounted by `createApp` only when `STREFA_BENCH_REFERENCE=on`: never in
 * production, never in tests. They live in the same process as the real endpoints so that a
 * noisy, shared machine slows both alike and the ratio between them stays meaningful.
 *
 * - `queryCounter(knex)`: counts the knex queries each request issues (and the time spent in
 *   them) and reports them in `X-Query-Count` / `X-Query-Ms`. AsyncLocalStorage keeps the count
 *   per request even under 50 concurrent connections.
 * - `referenceRouter()`: `GET /bench/reference?bytes=N`, a bare Koa endpoint answering a JSON body
 *   of exactly N bytes built in memory (no database, no session), serialised by Koa per request
 *   exactly like the real endpoints' bodies are.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Router from '@koa/router';
import type { Knex } from 'knex';
import type { Middleware } from 'koa';

/** True when the bench instruments are wanted (`STREFA_BENCH_REFERENCE=on|1|true`). */
export function benchEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'on', 'true', 'yes'].includes((env.STREFA_BENCH_REFERENCE ?? '').trim().toLowerCase());
}

interface QueryTally {
  count: number;
  ms: number;
  started: Map<string, number>;
}

const tallies = new AsyncLocalStorage<QueryTally>();
const instrumented = new WeakSet<Knex>();

interface QueryEvent {
  __knexQueryUid?: string;
}

export function queryCounter(knex: Knex): Middleware {
  if (!instrumented.has(knex)) {
    instrumented.add(knex);
    knex.on('query', (query: QueryEvent) => {
      const tally = tallies.getStore();
      if (!tally) return;
      tally.count += 1;
      if (query.__knexQueryUid) tally.started.set(query.__knexQueryUid, performance.now());
    });
    const finished = (_error: unknown, query: QueryEvent) => {
      const tally = tallies.getStore();
      const uid = query?.__knexQueryUid;
      if (!tally || !uid) return;
      const start = tally.started.get(uid);
      if (start === undefined) return;
      tally.started.delete(uid);
      tally.ms += performance.now() - start;
    };
    knex.on('query-response', (_response: unknown, query: QueryEvent) => finished(null, query));
    knex.on('query-error', (error: unknown, query: QueryEvent) => finished(error, query));
  }
  return async (ctx, next) => {
    const tally: QueryTally = { count: 0, ms: 0, started: new Map() };
    await tallies.run(tally, async () => {
      try {
        await next();
      } finally {
        // Koa writes the response after the whole middleware chain, so headers set here still go out.
        if (!ctx.headerSent) {
          ctx.set('X-Query-Count', String(tally.count));
          ctx.set('X-Query-Ms', tally.ms.toFixed(2));
        }
      }
    });
  };
}

const bodies = new Map<number, unknown>();

/**
 * An object whose JSON is exactly `bytes` long: rows shaped like the API's (ids, Polish names,
 * 2-place money strings) so serialisation costs what a real body costs, padded to the byte.
 */
export function referenceBody(bytes: number): unknown {
  const cached = bodies.get(bytes);
  if (cached) return cached;
  const rows: Array<{ id: number; name: string; amount: string }> = [];
  const body = { rows, pad: '' };
  const size = () => Buffer.byteLength(JSON.stringify(body));
  for (let i = 1; ; i++) {
    const row = {
      id: i,
      name: `Pozycja ${i} – opłata eksploatacyjna`,
      amount: `${(i * 137) % 1000}.${i % 100}`.padEnd(6, '0'),
    };
    rows.push(row);
    if (size() > bytes) {
      rows.pop();
      break;
    }
  }
  body.pad = 'x'.repeat(Math.max(0, bytes - size()));
  bodies.set(bytes, body);
  return body;
}

export function referenceRouter(): Router {
  const router = new Router();
  router.get('/bench/reference', (ctx) => {
    const bytes = Number(ctx.query.bytes ?? 1024);
    if (!Number.isInteger(bytes) || bytes < 20 || bytes > 10_000_000) {
      ctx.status = 400;
      ctx.body = { error: { code: 'invalid_parameter', message: 'Nieprawidłowy rozmiar.', field: 'bytes' } };
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = referenceBody(bytes);
  });
  return router;
}
