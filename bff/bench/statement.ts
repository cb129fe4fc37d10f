/**
 * The yearly statement (PDF) in `npm run bench`: the target is under 500 ms for the busiest unit
 * of the 20,000-unit database (issue 15).
 *
 * - The busiest unit is found in the database itself: the unit with the most ledger documents in
 *   the last whole year (one aggregate over that year's documents, run once), and the person
 *   assigned to it that year. Its statement is made in this process by the very code the
 *   endpoint runs (StatementService.yearly, then statementPdf read to its last byte), warm-up
 *   runs first, then timed runs one after another: p50, p95 and the slowest, the pages, the
 *   size and the number of queries.
 * - Over HTTP, through the real BFF and the demo resident's session: the statement of her flat,
 *   one request after another (time to the last byte), so the session, the stream and the
 *   socket are counted too. (The busiest unit's person has no login in the bench database.)
 */
import { loadavg } from 'node:os';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { billing } from '../src/db/tables.ts';
import { createLogger } from '../src/logger.ts';
import { statementPdf } from '../src/pdf/statement-pdf.ts';
import { createServices } from '../src/services/index.ts';
import { BENCH_TODAY, type BenchDatabase } from './database.ts';
import type { BenchClient } from './http.ts';
import { round } from './load.ts';

export const STATEMENT_TARGET_MS = 500;

export interface Timings {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

export interface StatementFigures {
  units: number;
  busiest: {
    unitId: number;
    personId: number;
    year: number;
    documents: number;
    pages: number;
    bytes: number;
    queries: number;
    timings: Timings;
    /** This process's CPU time per statement (user + system), robust to a shared machine. */
    cpuMs: Timings;
  };
  http: { path: string; status: number; bytes: number; timings: Timings } | null;
}

function timings(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    runs: sorted.length,
    p50: round(at(0.5), 1),
    p95: round(at(0.95), 1),
    max: round(sorted.at(-1)!, 1),
  };
}

/** The unit with the most ledger documents in `year`, and the person assigned to it then. */
async function busiestUnit(
  knex: Knex,
  year: number,
): Promise<{ unitId: number; personId: number; documents: number }> {
  const d = billing('documents');
  const a = billing('accounts');
  const [top] = (await knex(d)
    .join(a, `${a}.id`, `${d}.accountId`)
    .select(`${a}.unitId as unitId`)
    .count({ documents: '*' })
    .where(`${d}.date`, '>=', `${year}-01-01`)
    .where(`${d}.date`, '<', `${year + 1}-01-01`)
    .where(`${a}.purpose`, 'ledger')
    .groupBy(`${a}.unitId`)
    .orderBy('documents', 'desc')
    .limit(1)) as { unitId: number; documents: number }[];
  if (!top) throw new Error(`no documents in ${year}`);
  const [assignment] = (await knex(billing('assignments'))
    .select('personId')
    .where({ unitId: top.unitId })
    .where('dateFrom', '<=', `${year}-12-31`)
    .where((q) => {
      q.whereNull('dateTo').orWhere('dateTo', '>=', `${year}-01-01`);
    })
    .orderBy('dateFrom', 'desc')
    .limit(1)) as { personId: number }[];
  if (!assignment) throw new Error(`nobody assigned to unit ${top.unitId} in ${year}`);
  return { unitId: top.unitId, personId: assignment.personId, documents: Number(top.documents) };
}

/** One statement made as the endpoint makes it, read to its last byte. */
async function makeStatement(
  services: ReturnType<typeof createServices>,
  personId: number,
  unitId: number,
  year: number,
): Promise<{ ms: number; cpuMs: number; pages: number; bytes: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const data = await services.statement.yearly(personId, unitId, year);
  const { stream, done } = statementPdf(data);
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  const pages = await done;
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, pages, bytes };
}

export async function benchStatement(options: {
  db: BenchDatabase;
  /** A logged-in client of a running BFF on the same database, for the HTTP figures. */
  client: BenchClient | null;
  /** The demo resident's flat, for the HTTP figures. */
  unitId: number | null;
  runs: number;
  log: (line: string) => void;
}): Promise<StatementFigures> {
  const { db, log } = options;
  const year = Number(BENCH_TODAY.slice(0, 4)) - 1;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${db.file}`,
    SESSION_SECRET: 'bench-statement-only-secret-0123456789',
    STREFA_DEMO: 'off',
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  try {
    const services = createServices({ config, knex, logger: createLogger('silent'), now: Date.now });
    const busiest = await busiestUnit(knex, year);
    log(`statement: busiest unit ${busiest.unitId} (${busiest.documents} ledger documents in ${year})`);
    let queries = 0;
    const count = () => queries++;
    knex.on('query', count);
    let first: { pages: number; bytes: number };
    try {
      first = await makeStatement(services, busiest.personId, busiest.unitId, year);
    } finally {
      knex.removeListener('query', count);
    }
    for (let i = 0; i < 3; i++) await makeStatement(services, busiest.personId, busiest.unitId, year);
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const run = await makeStatement(services, busiest.personId, busiest.unitId, year);
      samples.push(run.ms);
      cpuSamples.push(run.cpuMs);
    }
    const figures: StatementFigures = {
      units: db.units,
      busiest: {
        ...busiest,
        year,
        pages: first.pages,
        bytes: first.bytes,
        queries,
        timings: timings(samples),
        cpuMs: timings(cpuSamples),
      },
      http: null,
    };
    const t = figures.busiest.timings;
    log(
      `statement (in process): ${first.pages} pages, ${first.bytes} B, ${queries} queries; ` +
        `p50 ${t.p50} ms, p95 ${t.p95} ms, max ${t.max} ms (target < ${STATEMENT_TARGET_MS} ms); ` +
        `CPU p50 ${figures.busiest.cpuMs.p50} ms, p95 ${figures.busiest.cpuMs.p95} ms; load ${loadavg()[0]!.toFixed(1)}`,
    );

    if (options.client && options.unitId !== null) {
      const path = `/api/v1/units/${options.unitId}/statement?year=${year}`;
      let last = await options.client.get(path);
      for (let i = 0; i < 2; i++) last = await options.client.get(path);
      const httpSamples: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        const answer = await options.client.get(path);
        httpSamples.push(answer.ms);
        last = answer;
      }
      figures.http = { path, status: last.status, bytes: last.bytes, timings: timings(httpSamples) };
      const h = figures.http.timings;
      log(
        `statement (HTTP, demo resident's flat): ${last.status}, ${last.bytes} B; p50 ${h.p50} ms, p95 ${h.p95} ms`,
      );
    }
    return figures;
  } finally {
    await knex.destroy();
  }
}
