/**
 * Fills a database with generated demo data, for benchmarks and by hand:
 *
 *   npm run generate -w @strefa/bff -- --units 20000 --years 10 [--seed N] [--today YYYY-MM-DD]
 *                                     [--database sqlite:PATH] [--force]
 *
 * Without --database it uses DATABASE_URL (default sqlite:var/strefa.sqlite). It runs the
 * migrations first and refuses a database that already holds billing data unless --force is
 * given, in which case it deletes the file and starts afresh. On a terminal a progress line
 * (phase, units, rows, ETA) is redrawn on stderr; the result is one summary line on stdout
 * (`--json` prints every count instead).
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { generateDemoData } from '../db/demo-data/generate.ts';
import { isBillingEmpty, migrate } from '../db/prepare.ts';
import { clock, progressReporter, rowCount } from './progress.ts';

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) {
    console.error(`--${name}: expected a whole number, got "${raw}"`);
    process.exit(2);
  }
  return Number(raw);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      database: { type: 'string' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: generate [--units N] [--years N] [--seed N] [--today YYYY-MM-DD] [--database sqlite:PATH] [--force] [--json]',
    );
    return;
  }
  const env: Record<string, string | undefined> = { ...process.env, STREFA_DEMO: 'on', LOG_LEVEL: 'silent' };
  if (values.database) env.DATABASE_URL = values.database;
  if (!(env.DATABASE_URL?.trim() || 'sqlite:').startsWith('sqlite:')) {
    console.error('The generator writes only to an embedded database (--database sqlite:PATH).');
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`bad setting ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (config.database.client !== 'sqlite') throw new Error('unreachable: not an embedded database');
  const file = config.database.filename;
  if (values.force && file !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  }
  const knex = openDatabase(config);
  try {
    await migrate(knex);
    if (!(await isBillingEmpty(knex))) {
      console.error(`${file} already holds billing data; use --force to start afresh.`);
      process.exitCode = 1;
      return;
    }
    const started = performance.now();
    const progress = progressReporter(process.stderr);
    let summary;
    try {
      summary = await generateDemoData(
        knex,
        {
          units: wholeNumber('units', values.units),
          years: wholeNumber('years', values.years),
          seed: wholeNumber('seed', values.seed),
          today: values.today,
        },
        progress.report,
      );
    } finally {
      progress.end();
    }
    const elapsed = performance.now() - started;
    if (values.json) {
      console.log(
        JSON.stringify({ database: file, ...summary, seconds: Number((elapsed / 1000).toFixed(1)) }, null, 2),
      );
    } else {
      const rows = Object.entries(summary).reduce((sum, [, n]) => sum + (typeof n === 'number' ? n : 0), 0);
      console.log(
        `generated ${summary.units} units, ${summary.persons} persons, ${rowCount(rows)} rows ` +
          `(${summary.historyFrom} to ${summary.historyTo}) in ${clock(elapsed)} → ${file}`,
      );
    }
    if (!existsSync(file) && file !== ':memory:') console.error('warning: no database file was written');
  } finally {
    await knex.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
