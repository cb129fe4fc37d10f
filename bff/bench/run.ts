/**
 * `npm run bench`: Strefa's benchmarks (issue 7), not part of `npm test`.
 *
 * For each database size (300 and 20,000 units, 10 years, generated once under var/bench/) it
 * starts the real BFF as a child process with production's scrypt cost and the bench instruments
 * (STREFA_BENCH_REFERENCE=on: `X-Query-Count` on every response and a bare reference endpoint
 * in the same process), logs in as the demo resident and measures each data endpoint beside the
 * reference endpoint answering a body of the same size. On the largest database it also runs the
 * login storm and the browser's time to data. Widget sizes come from packages/elements/dist.
 *
 * Results: bench/results/latest.json and latest.md (a quick run writes var/bench/quick.*).
 *
 *   npm run bench                      full run (≈ 10 min on 2 cores, + 9 min the first time: generation)
 *   npm run bench -- --quick           2 s runs on the 300-unit database: checks the harness
 *   npm run bench -- --profile         also CPU-profiles each endpoint on the largest database
 *   npm run bench -- --skip=storm,browser --units=20000 --duration=10
 *   npm run bench -- --quick --fresh   start from an empty bench directory (npm test, with STREFA_BENCH_DIR)
 *   --skip= takes any of sizes, load, browser, storm, knex (the knex path: DB_QUERY_RUNNER=knex)
 */
import { statSync, writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FiltersResponse, MeResponse } from '@strefa/api-types';
import { repositoryRoot } from '../src/config.ts';
import { timeToData } from './browser.ts';
import { benchDir, countRows, ensureDatabase, type BenchDatabase } from './database.ts';
import { BenchClient } from './http.ts';
import { measure, round } from './load.ts';
import { monotonicMicros, summariseProfile } from './profile.ts';
import { captureSql, isCostlyStep, isSessionSql } from './queries.ts';
import { renderMarkdown } from './report.ts';
import { startBff } from './server.ts';
import { widgetSizes } from './sizes.ts';
import { loginStorm } from './storm.ts';
import { benchStatement, STATEMENT_TARGET_MS } from './statement.ts';
import { loginFlood, residents } from './flood.ts';
import { THRESHOLDS, type BenchResults, type EndpointFigures, type Target } from './results.ts';

const OPTIONS = {
  units: { type: 'string' },
  years: { type: 'string', default: '10' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string', default: '50' },
  logins: { type: 'string' },
  'browser-runs': { type: 'string' },
  'browser-latency': { type: 'string', default: '0' },
  'scrypt-logn': { type: 'string', default: '17' },
  skip: { type: 'string', default: '' },
  quick: { type: 'boolean', default: false },
  fresh: { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
  out: { type: 'string' },
} as const;

// The root's `npm run bench` passes its arguments on after `--` (package.json), so they arrive
// here as they were typed; npm 11 would otherwise keep `--units=…` for itself and drop it.
const { values: args } = parseArgs({ args: process.argv.slice(2), options: OPTIONS });

if (args.fresh) {
  // As on a new machine: no database, log or result of an earlier run (npm test does this, in
  // its own STREFA_BENCH_DIR, so the first run's path, generation included, cannot break unseen).
  rmSync(benchDir, { recursive: true, force: true });
}

const quick = args.quick;
const options = {
  units: (args.units ?? (quick ? '300' : '300,20000')).split(',').map(Number),
  years: Number(args.years),
  duration: Number(args.duration ?? (quick ? 2 : 20)),
  warmup: Number(args.warmup ?? (quick ? 1 : 3)),
  connections: Number(args.connections),
  logins: Number(args.logins ?? (quick ? 20 : 100)),
  browserRuns: Number(args['browser-runs'] ?? (quick ? 3 : 10)),
  browserLatency: Number(args['browser-latency']),
  scryptLogN: Number(args['scrypt-logn']),
  skip: new Set(args.skip.split(',').filter(Boolean)),
  profile: args.profile,
  // Relative to the repository's root: `npm run bench` runs in bff/ through the workspace.
  out: args.out
    ? resolve(repositoryRoot, args.out)
    : quick
      ? join(benchDir, 'quick')
      : join(repositoryRoot, 'bench/results/latest'),
};
for (const [name, value] of Object.entries(options)) {
  if (typeof value !== 'number') continue;
  // No latency is the default (the loopback's own); every other number must be positive.
  if (name === 'browserLatency' ? !(value >= 0) : !(value > 0)) {
    throw new Error(`--${name} must be a ${name === 'browserLatency' ? 'non-negative' : 'positive'} number`);
  }
}
if (options.units.some((n) => !Number.isInteger(n) || n < 20)) throw new Error('--units: integers ≥ 20');

/**
 * Ports of the brief's range (18800-18899): one per database, then the profiled servers.
 * STREFA_BENCH_PORT moves them, so two benches (two checkouts) can run side by side.
 */
const PORT_BASE = Number(process.env.STREFA_BENCH_PORT) || 18801;
const DEMO_LOGIN = 'demo-resident';
const DEMO_PASSWORD = 'demo-resident-password';
/**
 * Per-client login limits lifted for the BFFs the bench signs in to from its one address, many
 * times over on one login (the storm, then the knex path and the profiles on the same database,
 * whose window counters are shared): the flood case (bench/flood.ts) measures the limits.
 */
const STORM_LIMITS = {
  LOGIN_LIMIT_PER_ADDRESS: '1000000',
  LOGIN_LIMIT_PER_LOGIN: '1000000',
  LOGIN_IN_FLIGHT_PER_ADDRESS: '1000',
};

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Modules to preload into the BFF for an experiment (none at present). */
function preload(): string[] {
  return [];
}

const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);

/** The requests to measure, found as the widgets find them: /me, then the unit's filters. */
/** The target that reads the session and nothing else. */
const SESSION_ONLY = 'session';

async function discoverTargets(client: BenchClient): Promise<Target[]> {
  const me = await client.get<MeResponse>('/api/v1/me');
  if (me.status !== 200) throw new Error(`GET /me: ${me.status} ${JSON.stringify(me.body)}`);
  const assignment =
    me.body.assignments.find((a) => a.unit.kind === 'flat' && !a.to) ?? me.body.assignments[0];
  if (!assignment) throw new Error('the demo resident has no unit');
  const unit = `/api/v1/units/${assignment.unit.id}`;
  const filters = await client.get<FiltersResponse>(`${unit}/filters`);
  if (filters.status !== 200) throw new Error(`GET filters: ${filters.status}`);
  const { years, latest, accounts, media } = filters.body;
  const year = latest?.year ?? years[0]!;
  const month = latest?.month ?? 1;
  // "A busy account": the ledger account and year (latest or the one before) with most documents.
  let busiest = { path: '', count: -1, note: '' };
  for (const y of years.slice(0, 2)) {
    for (const account of accounts) {
      const path = `${unit}/accounts/${account.id}/documents?year=${y}`;
      const response = await client.get<{ documents?: unknown[] }>(path);
      const count = response.body.documents?.length ?? 0;
      if (count > busiest.count) busiest = { path, count, note: `${account.name}, ${y}: ${count} documents` };
    }
  }
  let readings = { path: '', count: -1, note: '' };
  for (const y of years.slice(0, 2)) {
    for (const medium of media) {
      const path = `${unit}/readings?year=${y}&medium=${encodeURIComponent(medium.code)}`;
      const response = await client.get<{ readings?: unknown[] }>(path);
      const count = response.body.readings?.length ?? 0;
      if (count > readings.count) readings = { path, count, note: `${medium.name}, ${y}: ${count} readings` };
    }
  }
  const kind = assignment.unit.kind;
  return [
    // No billing data: what authenticating a request costs (the session row), for comparison.
    { name: SESSION_ONLY, path: '/api/v1/session', note: 'the session check alone, no billing data' },
    {
      name: 'charges',
      path: `${unit}/charges?year=${year}&month=${month}`,
      note: `${kind}, ${year}-${month}`,
    },
    { name: 'accounts', path: `${unit}/accounts?year=${year}`, note: `${kind}, ${year}` },
    { name: 'documents', path: busiest.path, note: busiest.note },
    { name: 'readings', path: readings.path, note: readings.note },
    // "Do zapłaty" and "Skąd to saldo?" at their longest: two years and five years of documents.
    { name: 'payment', path: `${unit}/payment`, note: `${kind}, as of today` },
    { name: 'balance-history', path: `${unit}/balance-history?months=60`, note: `${kind}, 60 months` },
  ];
}

async function runDatabase(
  db: BenchDatabase,
  index: number,
  last: boolean,
  results: BenchResults,
): Promise<void> {
  // The storm's residents, each with a start password of their own, before the BFF starts.
  const stormAccounts =
    last && !options.skip.has('storm') ? await residents(db.file, options.scryptLogN, options.logins) : [];
  log(`— ${db.units} units × ${db.years} years: starting the BFF`);
  const server = await startBff({
    database: db.file,
    port: PORT_BASE + index,
    scryptLogN: options.scryptLogN,
    label: `${db.units}u`,
    preload: preload(),
    // The storm stands for many residents on many addresses, all signing in from this one
    // address: the per-client limits would take them for one client.
    // The flood case (bench/flood.ts) measures those limits.
    env: STORM_LIMITS,
  });
  try {
    await new Promise((r) => setTimeout(r, 2_000));
    const restMiB = mib(server.rss());
    const client = new BenchClient(server.url);
    const loginStarted = performance.now();
    await client.login(DEMO_LOGIN, DEMO_PASSWORD);
    const loginMs = performance.now() - loginStarted;
    const targets = await discoverTargets(client);
    const endpoints: EndpointFigures[] = [];
    for (const target of targets) {
      let sample = await client.get(target.path);
      sample = await client.get(target.path); // the second: caches warm, as under load
      endpoints.push({
        ...target,
        status: sample.status,
        bytes: sample.bytes,
        queries: sample.queryCount,
        sessionQueries: null,
        queryMs: sample.queryMs,
        sql: [],
        plans: [],
        load: null,
        reference: null,
        ratio: null,
        cpuRatio: null,
      });
      log(
        `${target.name}: ${sample.status}, ${sample.bytes} B, ${sample.queryCount} queries — ${target.note}`,
      );
    }

    if (last && !options.skip.has('browser')) {
      try {
        const browser = await timeToData({
          base: server.url,
          login: DEMO_LOGIN,
          password: DEMO_PASSWORD,
          runs: options.browserRuns,
          latencyMs: options.browserLatency,
          log,
        });
        results.browser = { ...browser, units: db.units };
        log(
          `time to data: median ${browser.coldMedian.toFixed(0)} ms cold, ${browser.warmMedian.toFixed(0)} ms warm; ` +
            `host page alone ${browser.floorMedian.toFixed(0)} ms, the zone's own ${browser.ownMedian.toFixed(0)} ms`,
        );
      } catch (error) {
        results.notes.push(`Time to data not measured: ${(error as Error).message.split('\n')[0]}`);
        log(`time to data failed: ${(error as Error).message}`);
      }
    }

    if (!options.skip.has('load')) {
      for (const endpoint of endpoints) {
        if (endpoint.status !== 200) {
          results.notes.push(
            `${endpoint.name} on ${db.units} units answered ${endpoint.status}: not loaded.`,
          );
          continue;
        }
        const common = {
          url: server.url,
          connections: options.connections,
          seconds: options.duration,
          warmupSeconds: options.warmup,
          serverCpuMs: () => server.cpuMs(),
        };
        endpoint.load = await measure({ ...common, url: server.url + endpoint.path, cookie: client.cookie });
        endpoint.reference = await measure({
          ...common,
          url: `${server.url}/bench/reference?bytes=${endpoint.bytes}`,
        });
        endpoint.ratio = round(endpoint.load.rps / endpoint.reference.rps, 3);
        const cpu = endpoint.load.cpuUsPerRequest;
        const referenceCpu = endpoint.reference.cpuUsPerRequest;
        endpoint.cpuRatio = cpu && referenceCpu ? round(referenceCpu / cpu, 3) : null;
        log(
          `${endpoint.name}: ${endpoint.load.rps} req/s p50 ${endpoint.load.p50} p99 ${endpoint.load.p99} ms` +
            ` | reference ${endpoint.reference.rps} req/s p99 ${endpoint.reference.p99} ms | ratio ${endpoint.ratio}` +
            ` | CPU ${cpu} µs/req against ${referenceCpu} (${endpoint.cpuRatio})` +
            (endpoint.load.non2xx ? ` | ${endpoint.load.non2xx} non-2xx!` : ''),
        );
      }
    }

    if (!options.skip.has('statement')) {
      const flat = /^\/api\/v1\/units\/(\d+)\//.exec(targets.find((t) => t.name === 'charges')?.path ?? '');
      const figures = await benchStatement({
        db,
        client,
        unitId: flat ? Number(flat[1]) : null,
        runs: quick ? 5 : 20,
        log,
      });
      (results.statements ??= []).push(figures);
    }

    if (last && !options.skip.has('storm')) {
      const paths = endpoints.filter((e) => e.status === 200 && e.name !== SESSION_ONLY).map((e) => e.path);
      const storm = await loginStorm({
        url: server.url,
        accounts: stormAccounts,
        dataPaths: paths,
        dataCookie: client.cookie,
        connections: options.connections,
        baselineSeconds: options.duration,
        log,
      });
      results.storm = { ...storm, units: db.units };
    }

    const afterLoadMiB = mib(server.rss());
    const peakMiB = mib(server.peakRss());
    results.databases.push({
      units: db.units,
      years: db.years,
      file: relative(repositoryRoot, db.file),
      sizeMiB: mib(statSync(db.file).size),
      generatedSeconds: db.generated ? round(db.generated.seconds, 1) : null,
      rows: await countRows(db.file),
      endpoints,
      memory: { restMiB, afterLoadMiB, peakMiB },
      loginMs: round(loginMs, 0),
    });
    log(`memory: ${restMiB} MiB at rest, ${afterLoadMiB} MiB after the load, peak ${peakMiB} MiB`);
  } finally {
    const code = await server.stop();
    if (code !== 0) results.notes.push(`The ${db.units}-unit BFF exited with ${code} on SIGTERM.`);
  }

  // The statements behind the counts, with the server stopped (so nothing else runs queries).
  const run = results.databases.at(-1);
  if (run?.units === db.units) {
    const captured = await captureSql({
      database: db.file,
      port: PORT_BASE + 20 + index,
      login: DEMO_LOGIN,
      password: DEMO_PASSWORD,
      paths: run.endpoints.map((e) => e.path),
      scryptLogN: options.scryptLogN,
    });
    for (const [i, endpoint] of run.endpoints.entries()) {
      const statements = captured[i]?.statements ?? [];
      endpoint.sql = statements;
      endpoint.plans = captured[i]?.plans ?? [];
      endpoint.sessionQueries = statements.filter(isSessionSql).length;
      if (endpoint.queries !== null && endpoint.queries !== statements.length) {
        results.notes.push(
          `${endpoint.name} (${db.units} units): ${endpoint.queries} queries counted in the server, ${statements.length} captured in-process.`,
        );
      }
    }
  }
}

/**
 * The production path measured on SQLite: the same endpoints, loaded the same way, on a BFF whose
 * read queries are built and run by knex every time (DB_QUERY_RUNNER=knex), as on Oracle.
 */
async function measureKnexPath(db: BenchDatabase, results: BenchResults): Promise<void> {
  const run = results.databases.find((d) => d.units === db.units);
  if (!run) return;
  log(`— ${db.units} units: the knex path (DB_QUERY_RUNNER=knex)`);
  const server = await startBff({
    database: db.file,
    port: PORT_BASE + 30,
    scryptLogN: options.scryptLogN,
    label: `${db.units}u-knex`,
    env: { ...STORM_LIMITS, DB_QUERY_RUNNER: 'knex' },
  });
  const endpoints: NonNullable<BenchResults['knexPath']>['endpoints'] = [];
  try {
    const client = new BenchClient(server.url);
    await client.login(DEMO_LOGIN, DEMO_PASSWORD);
    for (const endpoint of run.endpoints) {
      if (endpoint.status !== 200 || endpoint.name === SESSION_ONLY) continue;
      const load = await measure({
        url: server.url + endpoint.path,
        cookie: client.cookie,
        connections: options.connections,
        seconds: options.duration,
        warmupSeconds: options.warmup,
        serverCpuMs: () => server.cpuMs(),
      });
      const direct = endpoint.load?.cpuUsPerRequest ?? null;
      const cpu = load.cpuUsPerRequest;
      endpoints.push({
        name: endpoint.name,
        rps: load.rps,
        p99: load.p99,
        cpuUsPerRequest: cpu,
        directCpuUsPerRequest: direct,
        cpuFactor: cpu && direct ? round(cpu / direct, 2) : null,
      });
      log(
        `${endpoint.name} (knex): ${load.rps} req/s p99 ${load.p99} ms | CPU ${cpu} µs/req against ${direct} direct`,
      );
    }
  } finally {
    await server.stop();
  }
  results.knexPath = { units: db.units, endpoints };
}

/** One CPU profile per endpoint on the largest database: a fresh server each, loaded for the run's duration. */
async function profileEndpoints(db: BenchDatabase, results: BenchResults): Promise<void> {
  const dir = join(benchDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  const run = results.databases.find((d) => d.units === db.units);
  if (!run) return;
  for (const [i, endpoint] of run.endpoints.entries()) {
    if (endpoint.status !== 200) continue;
    const profileDir = join(dir, endpoint.name);
    rmSync(profileDir, { recursive: true, force: true });
    const server = await startBff({
      database: db.file,
      port: PORT_BASE + 10 + i,
      scryptLogN: options.scryptLogN,
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
      preload: preload(),
      label: `profile-${endpoint.name}`,
      env: STORM_LIMITS,
    });
    let window = { fromUs: 0, toUs: Infinity };
    try {
      const client = new BenchClient(server.url);
      await client.login(DEMO_LOGIN, DEMO_PASSWORD);
      await measure({
        url: server.url + endpoint.path,
        cookie: client.cookie,
        connections: options.connections,
        seconds: options.warmup,
        warmupSeconds: 0,
      });
      window = { fromUs: monotonicMicros(), toUs: Infinity };
      await measure({
        url: server.url + endpoint.path,
        cookie: client.cookie,
        connections: options.connections,
        seconds: options.duration,
        warmupSeconds: 0,
      });
      window.toUs = monotonicMicros();
    } finally {
      await server.stop();
    }
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) {
      results.notes.push(`No CPU profile was written for ${endpoint.name}.`);
      continue;
    }
    const summary = summariseProfile(join(profileDir, file), 25, window);
    results.profiles.push({
      endpoint: endpoint.name,
      units: db.units,
      file: relative(repositoryRoot, join(profileDir, file)),
      summary,
    });
    log(
      `profile ${endpoint.name}: ` +
        summary.byModule
          .slice(0, 5)
          .map((m) => `${m.module} ${m.percent}%`)
          .join(', '),
    );
  }
}

function attention(results: BenchResults): string[] {
  const found: string[] = [];
  for (const db of results.databases) {
    for (const e of db.endpoints) {
      const where = `${e.name} (${db.units} units)`;
      if (e.ratio !== null && e.ratio < THRESHOLDS.minRatio)
        found.push(`${where}: ${e.ratio} of the reference's requests/s (< ${THRESHOLDS.minRatio})`);
      if (e.queries !== null && e.queries > THRESHOLDS.maxQueries)
        found.push(
          `${where}: ${e.queries} queries per request (> ${THRESHOLDS.maxQueries}), of which ` +
            `${e.sessionQueries ?? '?'} on the session table and ${e.sessionQueries === null ? '?' : e.queries - e.sessionQueries} for the data`,
        );
      if (e.load && e.load.p99 > THRESHOLDS.maxP99Ms)
        found.push(
          `${where}: p99 ${e.load.p99} ms at ${options.connections} connections (> ${THRESHOLDS.maxP99Ms} ms)`,
        );
      for (const [i, plan] of e.plans.entries()) {
        for (const step of plan.filter(isCostlyStep))
          found.push(`${where}: query ${i + 1} plan step "${step}"`);
      }
      if (e.load && (e.load.non2xx || e.load.errors))
        found.push(`${where}: ${e.load.non2xx} non-2xx answers and ${e.load.errors} errors under load`);
    }
  }
  for (const statement of results.statements ?? []) {
    if (statement.busiest.timings.p95 >= STATEMENT_TARGET_MS)
      found.push(
        `statement (${statement.units} units, busiest unit): p95 ${statement.busiest.timings.p95} ms (≥ ${STATEMENT_TARGET_MS} ms)`,
      );
  }
  return found;
}

async function main() {
  const started = new Date();
  const cpu = cpus();
  const results: BenchResults = {
    version: 1,
    date: started.toISOString(),
    quick,
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryGiB: round(totalmem() / 1024 ** 3, 1),
      node: process.version,
      os: `${platform()} ${release()}`,
      loadAverageAtStart: loadavg().map((n) => round(n, 2)),
    },
    settings: {
      connections: options.connections,
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      scryptLogN: options.scryptLogN,
      logins: options.logins,
      browserRuns: options.browserRuns,
      browserLatencyMs: options.browserLatency,
    },
    databases: [],
    storm: null,
    knexPath: null,
    browser: null,
    widgets: null,
    profiles: [],
    attention: [],
    notes: [],
  };
  log(
    `machine: ${results.machine.cpu}, ${results.machine.cores} cores, load ${results.machine.loadAverageAtStart}`,
  );

  if (!options.skip.has('sizes')) {
    results.widgets = widgetSizes();
    if (!results.widgets) results.notes.push('Widget sizes not measured: run `npm run build` first.');
  }

  const databases: BenchDatabase[] = [];
  for (const units of options.units) databases.push(await ensureDatabase(units, options.years, log));
  for (const [i, db] of databases.entries()) {
    await runDatabase(db, i, i === databases.length - 1, results);
  }
  if (!options.skip.has('knex') && !options.skip.has('load'))
    await measureKnexPath(databases.at(-1)!, results);
  if (options.profile) await profileEndpoints(databases.at(-1)!, results);
  if (!options.skip.has('flood')) {
    results.flood = await loginFlood({
      database: databases[0]!.file,
      port: PORT_BASE + 40,
      scryptLogN: options.scryptLogN,
      log,
    });
  }

  results.attention = attention(results);
  const flood = results.flood;
  if (flood && (flood.successRate < 1 || flood.p99 >= 3000))
    results.attention.push(
      `flood: ${flood.succeeded}/${flood.legitimate} residents signed in, p99 ${flood.p99} ms (target: all, < 3000 ms)`,
    );
  const out = options.out;
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(`${out}.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${out}.md`, renderMarkdown(results));
  log(`wrote ${relative(repositoryRoot, out)}.json and .md`);
  for (const line of results.attention) log(`attention: ${line}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
