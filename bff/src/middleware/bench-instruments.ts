/**
 * Benchmark instruments, mounted by `createApp` only when `STREFA_BENCH_REFERENCE=on`: never in
 * production, never in tests. They live in the same process as the real endpoints so that a
 * noisy, shared machine slows both alike and the ratio between them stays meaningful.
 *
 * - `queryCounter(knex)`: counts the knex queries each request issues (and the time spent in
 *   them) and reports them in `X-Query-Count` / `X-Query-Ms` on a request that ran alone.
 * - `referenceRouter()`: `GET /bench/reference?bytes=N`, a bare Koa endpoint answering a JSON body
 *   of exactly N bytes built in memory (no database, no session), serialised by Koa per request
 *   exactly like the real endpoints' bodies are.
 */
import Router from '@koa/router';
import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import { NO_STORE } from './no-store.ts';

/** True when the bench instruments are wanted (`STREFA_BENCH_REFERENCE=on|1|true`). */
export function benchEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'on', 'true', 'yes'].includes((env.STREFA_BENCH_REFERENCE ?? '').trim().toLowerCase());
}

interface QueryTally {
  count: number;
  ms: number;
  /** Another request ran at some moment of this one: its queries cannot be told apart. */
  shared: boolean;
}

const instrumented = new WeakSet<Knex>();
/** The requests in flight; the counts go to all of them, and only a lone request reports. */
const active = new Set<QueryTally>();
const started = new Map<string, number>();

interface QueryEvent {
  __knexQueryUid?: string;
}

/**
 * Counts without AsyncLocalStorage on purpose: its promise hooks slow every promise of the
 * process, and a data request makes several times more promises than the reference, so the
 * instrument itself would lower the ratio it helps to measure. The harness reads the headers of
 * requests it sends one at a time; under load (requests overlapping) they are left out.
 */
export function queryCounter(knex: Knex): Middleware {
  if (!instrumented.has(knex)) {
    instrumented.add(knex);
    knex.on('query', (query: QueryEvent) => {
      if (active.size === 0) return;
      for (const tally of active) tally.count += 1;
      if (query.__knexQueryUid) started.set(query.__knexQueryUid, performance.now());
    });
    const finished = (_error: unknown, query: QueryEvent) => {
      const uid = query?.__knexQueryUid;
      const start = uid === undefined ? undefined : started.get(uid);
      if (start === undefined) return;
      started.delete(uid!);
      const ms = performance.now() - start;
      for (const tally of active) tally.ms += ms;
    };
    knex.on('query-response', (_response: unknown, query: QueryEvent) => finished(null, query));
    knex.on('query-error', (error: unknown, query: QueryEvent) => finished(error, query));
  }
  return async (ctx, next) => {
    const tally: QueryTally = { count: 0, ms: 0, shared: active.size > 0 };
    for (const other of active) other.shared = true;
    active.add(tally);
    try {
      await next();
    } finally {
      active.delete(tally);
      // Koa writes the response after the whole middleware chain, so headers set here still go out.
      if (!tally.shared && !ctx.headerSent) {
        ctx.set('X-Query-Count', String(tally.count));
        ctx.set('X-Query-Ms', tally.ms.toFixed(2));
      }
    }
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
    ctx.set('Cache-Control', NO_STORE);
    ctx.body = referenceBody(bytes);
  });
  return router;
}
