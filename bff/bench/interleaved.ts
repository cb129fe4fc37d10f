/**
 * Two or more BFFs compared on one database, loaded in turns so that a shared machine's noise
 * falls on all of them alike (docs/benchmarks.md, "Round 3c"): e.g. the direct runner against
 * the knex path, or this checkout against an exported copy of another commit.
 *
 *   npx tsx bench/interleaved.ts --variants=direct,knex
 *   npx tsx bench/interleaved.ts --variants=direct,knex,before:knex --before=/tmp/before --rounds=7
 *
 * A variant is `runner` (DB_QUERY_RUNNER of this checkout) or `name:runner` with `--name=PATH`,
 * a checkout (with node_modules) of another commit. The endpoints and their paths come from a
 * results file of `npm run bench` (`--paths-from`, default bench/results/latest.json), on the
 * database of `--units` in the bench directory (it must exist). Each round loads every server
 * for `--seconds` (50 connections), in alternating order; the median server CPU per request is
 * printed per endpoint and variant, with its ratio to the first variant.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repositoryRoot } from '../src/config.ts';
import { databaseFile } from './database.ts';
import { BenchClient } from './http.ts';
import { measure } from './load.ts';
import type { BenchResults } from './results.ts';
import { startBff, type BffProcess } from './server.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    variants: { type: 'string', default: 'direct,knex' },
    units: { type: 'string', default: '20000' },
    years: { type: 'string', default: '10' },
    endpoints: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'paths-from': { type: 'string', default: 'bench/results/latest.json' },
  },
  strict: false,
});
const text = (value: unknown) => String(value);
const rounds = Number(args.rounds);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const units = Number(args.units);
const results = JSON.parse(
  readFileSync(resolve(repositoryRoot, text(args['paths-from'])), 'utf8'),
) as BenchResults;
const endpoints = (results.databases.find((d) => d.units === units)?.endpoints ?? []).filter(
  (e) => e.status === 200 && e.name !== 'session',
);
const wanted = args.endpoints ? new Set(text(args.endpoints).split(',')) : null;
const targets = endpoints.filter((e) => !wanted || wanted.has(e.name));
if (!targets.length) throw new Error(`no endpoints of ${units} units in ${text(args['paths-from'])}`);

interface Variant {
  label: string;
  server: BffProcess;
  cookie: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const variants: Variant[] = [];
  try {
    for (const [i, label] of text(args.variants).split(',').entries()) {
      const [name, runner] = label.includes(':') ? label.split(':') : [null, label];
      const root = name ? text(args[name] ?? '') : undefined;
      if (name && !root) throw new Error(`${label}: pass --${name}=PATH (a checkout of that code)`);
      const server = await startBff({
        database: databaseFile(units, Number(args.years)),
        port: 18860 + i,
        label: `interleaved-${label.replace(':', '-')}`,
        root: root ? resolve(root) : undefined,
        env: {
          DB_QUERY_RUNNER: runner!,
          LOGIN_LIMIT_PER_ADDRESS: '1000000',
          LOGIN_LIMIT_PER_LOGIN: '1000000',
          LOGIN_IN_FLIGHT_PER_ADDRESS: '1000',
        },
      });
      const client = new BenchClient(server.url);
      try {
        await client.login('demo-resident', 'demo-resident-password');
      } catch (error) {
        await server.stop();
        throw error;
      }
      variants.push({ label, server, cookie: client.cookie });
    }
    for (const endpoint of targets) {
      const cpu = new Map<string, number[]>(variants.map((v) => [v.label, []]));
      for (const v of variants) {
        const url = v.server.url + endpoint.path;
        await measure({ url, cookie: v.cookie, connections, seconds: 2, warmupSeconds: 0 });
      }
      for (let round = 0; round < rounds; round++) {
        for (const v of round % 2 ? [...variants].reverse() : variants) {
          const before = v.server.cpuMs();
          const url = v.server.url + endpoint.path;
          const load = await measure({ url, cookie: v.cookie, connections, seconds, warmupSeconds: 0 });
          cpu.get(v.label)!.push(Math.round(((v.server.cpuMs() - before) * 1000) / load.requests));
        }
      }
      const first = median(cpu.get(variants[0]!.label)!);
      console.log(
        `${endpoint.name}: ` +
          variants
            .map((v) => {
              const all = cpu.get(v.label)!;
              const m = median(all);
              return `${v.label} ${m} µs (${(m / first).toFixed(2)}×) [${all.join(' ')}]`;
            })
            .join(' | '),
      );
    }
  } finally {
    for (const v of variants) await v.server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
