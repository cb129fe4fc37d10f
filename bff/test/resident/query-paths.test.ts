/**
 * The three ways a resident's read query runs must agree: (a) the direct SQLite runner (compiled
 * once per shape), (b) the knex runner on the same SQLite file (compiled once per shape, run by
 * knex), (c) the knex runner on knex's Oracle dialect through the recording knex
 * (support/oracle-recorder.ts, answered from a SQLite twin of the same data).
 * Every service call of the resident journey, for many residents, units, years and months, is
 * made three times: the answers must be deeply equal, (a) must send exactly the SQL and the
 * bindings (b) sends for the same call (the shape cache's assumption, checked call by call, not
 * trusted), and every statement of (c) must have as many bindings as placeholders and no
 * function that only SQLite knows.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { DirectSqliteRunner, KnexRunner } from '../../src/db/query-runner.ts';
import { billing, configureBillingTables } from '../../src/db/tables.ts';
import { ApiError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { templateDatabase, TEST_TODAY } from '../support/test-app.ts';
import { oracleProblems } from '../production/support/oracle-checks.ts';
import { createRecordingKnex, type RecordingKnex } from '../production/support/oracle-recorder.ts';

/** Functions SQLite has and Oracle has not (or has with another meaning). */
const SQLITE_ONLY =
  /\b(substr|strftime|julianday|ifnull|group_concat|printf|instr|datetime|date|total|iif|unixepoch)\s*\(/i;

let dir: string;
let sqlite: Knex;
let recording: RecordingKnex;
let direct: Services;
let viaKnex: Services;
let oracle: Services;

beforeAll(async () => {
  const template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
  dir = mkdtempSync(join(tmpdir(), 'strefa-query-paths-'));
  const file = join(dir, 'paths.sqlite');
  const backing = join(dir, 'backing.sqlite');
  copyFileSync(template, file);
  copyFileSync(template, backing);
  const env = {
    NODE_ENV: 'test',
    SESSION_SECRET: 'query-paths-secret-0123456789abcdefghij',
    STREFA_DEMO: 'off',
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig({ ...env, DATABASE_URL: `sqlite:${file}` });
  sqlite = openDatabase(config);
  configureBillingTables('billing_', null);
  recording = createRecordingKnex({ version: '19', backing });
  const deps = { config, logger: createLogger('silent'), now: () => Date.parse(`${TEST_TODAY}T12:00:00Z`) };
  direct = createServices({
    ...deps,
    knex: sqlite,
    queries: new DirectSqliteRunner(sqlite, { verifyShapes: true }),
  });
  viaKnex = createServices({
    ...deps,
    knex: sqlite,
    queries: new KnexRunner(sqlite, { verifyShapes: true }),
  });
  const oracleConfig = loadConfig({
    ...env,
    DATABASE_URL: 'oracle://strefa:secret@db.example.pl:1521/STREFA',
  });
  oracle = createServices({ ...deps, config: oracleConfig, knex: recording.knex });
  expect(oracle.context.queries.kind).toBe('knex');
  expect(direct.context.queries.kind).toBe('direct-sqlite');
});

afterAll(async () => {
  await sqlite?.destroy();
  await recording?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Outcome = { ok: unknown } | { error: { status: number; code: string } };

async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await call() };
  } catch (error) {
    if (error instanceof ApiError) return { error: { status: error.status, code: error.code } };
    throw error;
  }
}

/** The SQL and bindings the SQLite knex is sent while `call` runs (both runners emit `query`). */
async function sent(call: () => Promise<unknown>): Promise<{ statements: string[]; result: Outcome }> {
  const statements: string[] = [];
  const listener = (query: { sql: string; bindings: unknown[] }) =>
    statements.push(`${query.sql} ${JSON.stringify(query.bindings)}`);
  sqlite.on('query', listener);
  try {
    return { statements, result: await outcome(call) };
  } finally {
    sqlite.removeListener('query', listener);
  }
}

let calls = 0;
const directStatements = new Set<string>();

/** One service call through the three paths: the same answer, and the same SQL for (a) and (b). */
async function agree(label: string, call: (services: Services) => Promise<unknown>): Promise<Outcome> {
  const a = await sent(() => call(direct));
  const b = await sent(() => call(viaKnex));
  const c = await outcome(() => call(oracle));
  expect(a.result, label).toEqual(b.result);
  expect(c, label).toEqual(b.result);
  expect(a.statements, label).toEqual(b.statements);
  expect(a.statements.length, label).toBeGreaterThan(0);
  for (const statement of a.statements) directStatements.add(statement.replace(/ \[.*$/, ''));
  calls++;
  return a.result;
}

describe('the direct runner, plain knex and the Oracle dialect', () => {
  it('give the same answers for every query shape of the resident journey', async () => {
    // Residents with the most varied histories first: several units, closed and reopened windows.
    const people = (await sqlite(billing('assignments'))
      .select('personId')
      .count({ n: '*' })
      .countDistinct({ units: 'unitId' })
      .max({ lastTo: 'dateTo' })
      .groupBy('personId')
      .orderBy([{ column: 'units', order: 'desc' }, { column: 'n', order: 'desc' }, { column: 'personId' }])
      .limit(8)) as { personId: number }[];
    const formerOwners = (await sqlite(billing('assignments'))
      .distinct('personId')
      .whereNotNull('dateTo')
      .orderBy('personId')
      .limit(4)) as { personId: number }[];
    const personIds = [...new Set([...people, ...formerOwners].map((row) => row.personId))];
    expect(personIds.length).toBeGreaterThanOrEqual(8);

    for (const personId of personIds) {
      const me = await agree(`me ${personId}`, (s) => s.resident.me(personId));
      if (!('ok' in me)) throw new Error(`me ${personId} failed`);
      const unitIds = [
        ...new Set((me.ok as { assignments: { unit: { id: number } }[] }).assignments.map((a) => a.unit.id)),
      ];
      for (const unitId of unitIds) {
        const filters = await agree(`filters ${personId}/${unitId}`, (s) =>
          s.resident.filters(personId, unitId),
        );
        if (!('ok' in filters)) continue;
        const f = filters.ok as {
          years: number[];
          latest: { year: number; month: number } | null;
          media: { code: string }[];
          accounts: { id: number }[];
          settlementAccounts: { id: number }[];
        };
        if (f.latest) {
          const { year, month } = f.latest;
          for (const [y, m] of [
            [year, month],
            [year, 1],
            [year - 1, 12],
          ] as const) {
            await agree(`charges ${personId}/${unitId} ${y}-${m}`, (s) =>
              s.ledger.charges(personId, unitId, y, m),
            );
          }
        }
        for (const year of f.years.slice(0, 3)) {
          await agree(`accounts ${personId}/${unitId} ${year}`, (s) =>
            s.ledger.accounts(personId, unitId, year),
          );
          for (const account of f.accounts.slice(0, 2)) {
            await agree(`documents ${personId}/${unitId}/${account.id} ${year}`, (s) =>
              s.ledger.documents(personId, unitId, account.id, year),
            );
          }
          for (const medium of f.media.slice(0, 3)) {
            await agree(`readings ${personId}/${unitId} ${medium.code} ${year}`, (s) =>
              s.media.readings(personId, unitId, year, medium.code),
            );
          }
          for (const account of f.settlementAccounts.slice(0, 2)) {
            await agree(`settlements ${personId}/${unitId}/${account.id} ${year}`, (s) =>
              s.media.settlements(personId, unitId, year, account.id),
            );
          }
        }
      }
      // Refusals go through the same queries: another unit, an unknown medium, a foreign account.
      await agree(`filters ${personId} foreign`, (s) => s.resident.filters(personId, 999_999));
      if (unitIds[0] !== undefined) {
        await agree(`readings ${personId} unknown medium`, (s) =>
          s.media.readings(personId, unitIds[0]!, 2026, 'XX'),
        );
        await agree(`documents ${personId} foreign account`, (s) =>
          s.ledger.documents(personId, unitIds[0]!, 999_999, 2026),
        );
      }
    }
    // The journey covered every defined query of the resident endpoints, in several shapes.
    expect(calls).toBeGreaterThan(100);
    expect(directStatements.size).toBeGreaterThanOrEqual(12);
  });

  it('sends Oracle only statements with one binding per placeholder and no SQLite-only function', () => {
    const statements = recording.queries.filter((q) => q.kind !== 'schema');
    expect(statements.length).toBeGreaterThan(100);
    // The Oracle path's defined queries were sent as statements compiled once per shape (the
    // knex runner's cache), each checked against a build with its real values (verifyShapes).
    const compiled = statements.filter((q) => q.compiled);
    expect(compiled.length).toBeGreaterThan(100);
    expect(new Set(compiled.map((q) => q.sql)).size).toBeGreaterThanOrEqual(12);
    expect(compiled.every((q) => /"BILLING_[A-Z_]+"/.test(q.sql) && !q.sql.includes('?'))).toBe(true);
    const problems: string[] = [];
    for (const query of statements) {
      const placeholders = new Set([...query.sql.matchAll(/:(\d+)/g)].map((m) => Number(m[1])));
      if (placeholders.size !== query.bindings.length) {
        problems.push(`${placeholders.size} placeholders, ${query.bindings.length} bindings: ${query.sql}`);
      }
      if (SQLITE_ONLY.test(query.sql.replace(/'(?:[^']|'')*'/g, "''")))
        problems.push(`SQLite-only function: ${query.sql}`);
      if (query.sql.includes('`')) problems.push(`backquoted identifier: ${query.sql}`);
      if (query.backingError) problems.push(`the SQLite twin refused: ${query.sql}: ${query.backingError}`);
      for (const problem of oracleProblems(query, { version: '19', userValues: [] })) {
        problems.push(`${problem}: ${query.sql}`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
