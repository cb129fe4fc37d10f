/**
 * Benchmark instruments, mounted by `createApp` only when `STREFA_BENCH_REFERENCE=on`: never in
 * production, never in tests. They live in the same process as the real endpoints so that a
 * noisy, shared machine slows both alike and the ratio between them stays meaningful.
 *
 * - `queryCounter(knex)`: counts the knex queries each request issues (and the time spent in
 *   them) and reports them in `X-Query-Count` / `X-Query-Ms` on a request that ran alone.
 * - `referenceRouter()`: `GET /bench/reference?bytes=N`, a bare Koa endpoint answering a JSON body
 *   of exactly N bytes built in memory (no database, no session), serialised by Koa per request
 *   exactly like the real endpoints' bodies are; and `GET /bench/host-floor.html`, the demo's zone
 *   page without the zone (see `hostFloorPage`), the browser measure's reference.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import Router from '@koa/router';
import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import { repositoryRoot } from '../config.ts';
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

/** A month's fees as the zone's table shows them: the floor page's stand-in for the data. */
const FLOOR_TABLE = `<rent-components><table>
  <caption>Składniki opłaty za listopad 2026</caption>
  <thead><tr><th>Składnik</th><th>Podstawa</th><th>Ilość</th><th>Stawka</th><th>Kwota</th></tr></thead>
  <tbody>
    <tr><th>Eksploatacja</th><td>m²</td><td>48,20</td><td>1,95 zł</td><td>93,99 zł</td></tr>
    <tr><th>Fundusz remontowy</th><td>m²</td><td>48,20</td><td>2,40 zł</td><td>115,68 zł</td></tr>
    <tr><th>Centralne ogrzewanie</th><td>m²</td><td>48,20</td><td>3,10 zł</td><td>149,42 zł</td></tr>
    <tr><th>Woda i ścieki</th><td>osoba</td><td>2</td><td>52,00 zł</td><td>104,00 zł</td></tr>
    <tr><th>Odpady komunalne</th><td>osoba</td><td>2</td><td>33,00 zł</td><td>66,00 zł</td></tr>
  </tbody>
  <tfoot><tr><th colspan="4">Razem</th><td>529,09 zł</td></tr></tfoot>
</table></rent-components>`;

/**
 * The browser measure's same-run reference: the demo's zone page (`strefa-mieszkanca.html`, the
 * page the bench times) with its module scripts and its preload of their session check removed,
 * and `<resident-portal>` replaced by the fee table written into the HTML. Timed like the zone, it
 * is what the host page alone costs on this machine (a new renderer, the host's HTML, styles,
 * fonts and first layout): the floor under any widget, which the zone's own time is counted from.
 * Throws when the page no longer has the parts it replaces, so the floor never silently measures
 * something else.
 */
export function hostFloorPage(zonePage: string): string {
  const portal = /<resident-portal\b[\s\S]*?<\/resident-portal>/;
  const withoutScripts = zonePage.replace(/<script\b[^>]*\btype="module"[^>]*>\s*<\/script>\s*/g, '');
  if (withoutScripts === zonePage || !portal.test(withoutScripts)) {
    throw new Error('strefa-mieszkanca.html has no module script or no <resident-portal> to replace');
  }
  return (
    withoutScripts
      .replace(portal, FLOOR_TABLE)
      // The widgets' session check, which the page starts itself: the floor has no widget to use it.
      .replace(/<link\b[^>]*\bas="fetch"[^>]*\bhref="\/api\/[^"]*"[^>]*>\s*/g, '')
  );
}

let floorPage: Promise<string> | null = null;

export function referenceRouter(): Router {
  const router = new Router();
  router.get('/bench/host-floor.html', async (ctx) => {
    floorPage ??= readFile(resolve(repositoryRoot, 'demo/strefa-mieszkanca.html'), 'utf8').then(
      hostFloorPage,
    );
    ctx.set('Cache-Control', NO_STORE);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = await floorPage;
  });
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
