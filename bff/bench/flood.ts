/**
 * One flooding client and 20 legitimate logins (issue 11 item 4): a client on one address sends
 * sign-ins with random logins from many parallel workers, as fast as it is answered, while 20
 * residents sign in from their own addresses, arriving a quarter of a second apart. The BFF runs
 * with its default per-client limits (services/login-limits.ts) and production's scrypt cost.
 * Reported: the residents' success rate at the first attempt (no retries: a 429 counts as a
 * failure) and their latency p50/p99; the flood's answers per status. Target: all succeed, p99
 * under 3 s at logN 17 on two cores.
 *
 * Each resident has a login of their own (start passwords issued, or reset, before the server
 * starts), as in life: one person's attempts are what the lockout counts.
 *
 * Each client has its own loopback address (127.0.0.0/8 is all loopback on Linux), so the BFF
 * sees the addresses a proxy would report, without TRUST_PROXY.
 */
import { request } from 'node:http';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/prepare.ts';
import { portal } from '../src/db/tables.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services/index.ts';
import { startBff } from './server.ts';

export interface FloodFigures {
  scryptLogN: number;
  workers: number;
  legitimate: number;
  /** Residents signed in at the first attempt, of `legitimate`. */
  succeeded: number;
  successRate: number;
  /** Residents' latency, ms. */
  p50: number;
  p99: number;
  max: number;
  /** The residents' statuses, and the flood's. */
  legitimateStatuses: Record<string, number>;
  floodStatuses: Record<string, number>;
  floodRequests: number;
  seconds: number;
  /**
   * The same residents on the same schedule just before, without the flood: what hashing alone
   * costs them (at logN 17 each verification takes most of a core for about a second).
   */
  withoutFlood: { succeeded: number; p50: number; p99: number; max: number };
}

const FLOODER = '127.0.0.66';
const residentAddress = (i: number) => `127.0.1.${i + 1}`;

interface Answer {
  status: number | 'network';
  ms: number;
}

/** POST /api/v1/session from a chosen local address (one fresh connection, as a client would). */
function signIn(base: string, from: string, login: string, password: string): Promise<Answer> {
  const started = performance.now();
  const body = JSON.stringify({ login, password });
  return new Promise((resolve) => {
    const req = request(
      `${base}/api/v1/session`,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Accept: 'application/json',
          Origin: base,
        },
        timeout: 60_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 'network', ms: performance.now() - started }));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Start passwords for `count` residents (persons 2, 3…; person 1 is the demo resident), issued
 * or reset in the database before a BFF starts on it. Also the login storm's accounts.
 */
export async function residents(
  database: string,
  scryptLogN: number,
  count: number,
): Promise<{ login: string; password: string }[]> {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${database}`,
    SESSION_SECRET: 'bench-flood-setup-only-secret-0123456789',
    STREFA_DEMO: 'off',
    SCRYPT_LOGN: String(scryptLogN),
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  try {
    await migrate(knex);
    const services = createServices({ config, knex, logger: createLogger('silent'), now: Date.now });
    const people = await knex('billing_persons').orderBy('id').where('id', '>', 1).limit(count).select('id');
    const issued = [];
    for (const { id } of people as { id: number }[]) {
      const existing = await knex(portal.credentials).where({ personId: id }).first('login');
      const credentials = existing
        ? await services.credentials.reset(existing.login as string, 'bench', { ip: null })
        : await services.credentials.issue(id, 'bench', { ip: null });
      issued.push({ login: credentials.login, password: credentials.oneTimePassword });
    }
    // Earlier runs' counters (same database file) must not count against this one.
    await knex(portal.rateLimits).delete();
    return issued;
  } finally {
    await knex.destroy();
  }
}

export async function loginFlood(options: {
  database: string;
  port: number;
  scryptLogN: number;
  workers?: number;
  legitimate?: number;
  log: (line: string) => void;
}): Promise<FloodFigures> {
  const workers = options.workers ?? 24;
  const legitimate = options.legitimate ?? 20;
  const people = await residents(options.database, options.scryptLogN, legitimate);
  if (people.length < legitimate) throw new Error(`flood: only ${people.length} persons to sign in`);
  // Default per-client limits: they are what is measured.
  const server = await startBff({
    database: options.database,
    port: options.port,
    scryptLogN: options.scryptLogN,
    label: 'flood',
  });
  try {
    await new Promise((r) => setTimeout(r, 1_000));
    // Warm the dummy hash and the server's first sign-in path outside the measure.
    await signIn(server.url, '127.0.0.2', 'rozgrzewka', 'rozgrzewka');
    // The residents arrive one every 250 ms, each from an address of their own, no retries.
    const arrive = () =>
      Promise.all(
        Array.from({ length: legitimate }, async (_, i) => {
          await new Promise((r) => setTimeout(r, i * 250));
          return signIn(server.url, residentAddress(i), people[i]!.login, people[i]!.password);
        }),
      );
    // First without the flood (a start password signs in again until it is changed).
    const quiet = await arrive();
    const quietMs = quiet.map((a) => a.ms).sort((a, b) => a - b);
    const withoutFlood = {
      succeeded: quiet.filter((a) => a.status === 200).length,
      p50: Math.round(percentile(quietMs, 50)),
      p99: Math.round(percentile(quietMs, 99)),
      max: Math.round(quietMs.at(-1) ?? NaN),
    };

    const floodStatuses: Record<string, number> = {};
    let floodRequests = 0;
    let flooding = true;
    const deadline = performance.now() + 120_000;
    const flood = Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = 0; flooding && performance.now() < deadline; i++) {
          const answer = await signIn(server.url, FLOODER, `zgaduje-${w}-${i}`, 'haslo123');
          floodRequests += 1;
          floodStatuses[answer.status] = (floodStatuses[answer.status] ?? 0) + 1;
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 1_000)); // the flood is at full strength

    const started = performance.now();
    const answers = await arrive();
    const seconds = (performance.now() - started) / 1000;
    flooding = false;
    await flood;

    const legitimateStatuses: Record<string, number> = {};
    for (const a of answers) legitimateStatuses[a.status] = (legitimateStatuses[a.status] ?? 0) + 1;
    const ok = answers.filter((a) => a.status === 200).map((a) => a.ms);
    const all = answers.map((a) => a.ms).sort((a, b) => a - b);
    const figures: FloodFigures = {
      scryptLogN: options.scryptLogN,
      workers,
      legitimate,
      succeeded: ok.length,
      successRate: ok.length / legitimate,
      p50: Math.round(percentile(all, 50)),
      p99: Math.round(percentile(all, 99)),
      max: Math.round(all.at(-1) ?? NaN),
      legitimateStatuses,
      floodStatuses,
      floodRequests,
      seconds,
      withoutFlood,
    };
    options.log(
      `flood: ${figures.succeeded}/${legitimate} residents in, p50 ${figures.p50} ms p99 ${figures.p99} ms; ` +
        `flood ${floodRequests} requests ${JSON.stringify(floodStatuses)}; without the flood ` +
        `${withoutFlood.succeeded}/${legitimate} in, p50 ${withoutFlood.p50} ms p99 ${withoutFlood.p99} ms`,
    );
    return figures;
  } finally {
    await server.stop();
  }
}

/** The report's section (bench/report.ts). */
export function floodMarkdown(f: FloodFigures): string[] {
  const statuses = (s: Record<string, number>) =>
    Object.entries(s)
      .map(([status, n]) => `${n}× ${status}`)
      .join(', ');
  return [
    `## One flooding client and ${f.legitimate} legitimate logins (scrypt logN ${f.scryptLogN})`,
    '',
    `${f.workers} parallel workers on one address sign in with random logins for as long as the residents ` +
      `arrive (one every 250 ms, each from its own address, no retries). Target: all succeed, p99 < 3 s.`,
    '',
    '| | residents in | success rate | p50 ms | p99 ms | max ms | residents’ answers | flood requests | flood answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
    `| during the flood | ${f.succeeded}/${f.legitimate} | ${(f.successRate * 100).toFixed(0)} % | ${f.p50} | ${f.p99} | ${f.max} | ` +
      `${statuses(f.legitimateStatuses)} | ${f.floodRequests} | ${statuses(f.floodStatuses)} |`,
    ...(f.withoutFlood
      ? [
          `| the same residents just before, no flood | ${f.withoutFlood.succeeded}/${f.legitimate} | ` +
            `${((f.withoutFlood.succeeded / f.legitimate) * 100).toFixed(0)} % | ${f.withoutFlood.p50} | ` +
            `${f.withoutFlood.p99} | ${f.withoutFlood.max} | – | – | – |`,
        ]
      : []),
    '',
  ];
}
