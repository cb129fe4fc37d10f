/**
 * The bench databases: generated once with the demo-data generator and reused while the file
 * exists (`var/bench/` is gitignored). Written under a temporary name and renamed at the end, so
 * an interrupted generation never leaves a half-filled database that a later run would reuse.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, repositoryRoot } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { generateDemoData, type GenerateSummary } from '../src/db/demo-data/generate.ts';
import { migrate } from '../src/db/prepare.ts';
import { billing } from '../src/db/tables.ts';

/**
 * Where the bench keeps its databases, logs and quick results: var/bench/, or STREFA_BENCH_DIR
 * (relative to the repository's root), which `npm test` points at an emptied directory so that
 * the bench's first run on a new machine is what the test exercises.
 */
export const benchDir = resolve(repositoryRoot, process.env.STREFA_BENCH_DIR?.trim() || 'var/bench');

/** A fixed "today" so the same options give the same database on every machine and day. */
export const BENCH_TODAY = '2026-11-15';
export const BENCH_SEED = 1;

export interface BenchDatabase {
  file: string;
  units: number;
  years: number;
  /** Null when the file was reused. */
  generated: (GenerateSummary & { seconds: number }) | null;
}

export function databaseFile(units: number, years: number): string {
  return join(benchDir, `strefa-${units}u-${years}y-s${BENCH_SEED}-${BENCH_TODAY}.sqlite`);
}

export async function ensureDatabase(
  units: number,
  years: number,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const file = databaseFile(units, years);
  if (existsSync(file)) return { file, units, years, generated: null };
  mkdirSync(benchDir, { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  log(`generating ${units} units × ${years} years → ${file}`);
  const config = loadConfig({
    DATABASE_URL: `sqlite:${partial}`,
    SESSION_SECRET: 'bench-generation-only-secret-0123456789',
    STREFA_DEMO: 'off',
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  const started = performance.now();
  let summary: GenerateSummary;
  try {
    await migrate(knex);
    summary = await generateDemoData(knex, { units, years, seed: BENCH_SEED, today: BENCH_TODAY });
    // `main.`: unqualified, the checkpoint also visits the connection's temp schema, where the
    // generator's scratch tables were dropped, and SQLite answers SQLITE_LOCKED ("database
    // table is locked") the first time. Only the main file has a WAL to fold in.
    await knex.raw('PRAGMA main.wal_checkpoint(TRUNCATE)');
  } finally {
    await knex.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  if (!summary.units)
    throw new Error('the generator produced no units (is generate.ts still a placeholder?)');
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, file);
  log(`generated in ${seconds.toFixed(1)} s: ${JSON.stringify(summary)}`);
  return { file, units, years, generated: { ...summary, seconds } };
}

/** Row counts of the main billing tables, for the report (whether generated now or reused). */
export async function countRows(file: string): Promise<Record<string, number>> {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file}`,
    SESSION_SECRET: 'bench-generation-only-secret-0123456789',
    STREFA_DEMO: 'off',
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  try {
    const counts: Record<string, number> = {};
    for (const table of [
      'units',
      'persons',
      'fee_components',
      'documents',
      'readings',
      'settlements',
    ] as const) {
      const row = await knex(billing(table)).count({ n: '*' }).first();
      counts[table] = Number(row?.n ?? 0);
    }
    return counts;
  } finally {
    await knex.destroy();
  }
}
