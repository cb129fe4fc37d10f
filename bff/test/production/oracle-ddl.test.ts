/**
 * The SQL scripts for DBAs (bff/sql/oracle/) against the code: the portal tables of
 * 02-portal-tables.sql are the tables and columns the migrations create on Oracle, and the
 * example views of 03-billing-views-example.sql deliver exactly the columns the billing schema
 * (migration 001, the contract of the data layer) has, under the same names.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/config.ts';
import { migrationConfig } from '../../src/db/migrations/index.ts';
import { BILLING_TABLES, type BillingTable } from '../../src/db/tables.ts';
import { templateDatabase, TEST_TODAY } from '../support/test-app.ts';
import { createRecordingKnex, type RecordingKnex } from './support/oracle-recorder.ts';

const sqlDir = join(repositoryRoot, 'bff/sql/oracle');
const read = (file: string) =>
  readFileSync(join(sqlDir, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n');

/** `{TABLE: [COLUMNS]}` from CREATE TABLE statements (knex's output or a hand-written script). */
function tablesOf(ddl: string): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  for (const match of ddl.matchAll(/create table\s+("?[\w$#]+"?)\s*\(([\s\S]*?)\)\s*(;|$)/gi)) {
    const name = match[1]!.replace(/"/g, '').toUpperCase();
    const columns: string[] = [];
    // Split the column list at top-level commas only (types have their own parentheses).
    let depth = 0;
    let current = '';
    for (const char of match[2]!) {
      if (char === '(') depth++;
      if (char === ')') depth--;
      if (char === ',' && depth === 0) {
        columns.push(current);
        current = '';
      } else current += char;
    }
    columns.push(current);
    tables[name] = columns
      .map((c) => c.trim())
      .filter((c) => c && !/^(constraint|primary|unique|check|foreign)\b/i.test(c))
      .map((c) => c.split(/\s+/)[0]!.replace(/"/g, '').toUpperCase())
      .sort();
  }
  return tables;
}

describe('bff/sql/oracle/02-portal-tables.sql', () => {
  let recording: RecordingKnex;
  beforeAll(async () => {
    recording = createRecordingKnex({ version: '19' });
    await recording.knex.migrate.latest(migrationConfig);
  });
  afterAll(() => recording.close());

  it('creates the tables and columns the migrations create on Oracle', () => {
    const fromMigrations = tablesOf(
      recording.queries
        .filter((q) => /^create table/i.test(q.sql))
        .map((q) => q.sql + ';')
        .join('\n'),
    );
    const fromScript = tablesOf(read('02-portal-tables.sql'));
    expect(Object.keys(fromScript).sort()).toEqual(Object.keys(fromMigrations).sort());
    for (const [table, columns] of Object.entries(fromMigrations)) {
      expect(fromScript[table], table).toEqual(columns);
    }
  });

  it('records every migration as done, so the BFF finds nothing left to run', async () => {
    const script = read('02-portal-tables.sql');
    const list = (await migrationConfig.migrationSource!.getMigrations([])) as { name: string }[];
    expect(list.length).toBeGreaterThan(0);
    for (const { name } of list) expect(script).toContain(`VALUES ('${name}', 1, SYSTIMESTAMP)`);
  });
});

describe('bff/sql/oracle/03-billing-views-example.sql', () => {
  const tables: readonly BillingTable[] = BILLING_TABLES;

  it('has a view per billing table with exactly its columns, reserved words quoted', async () => {
    const template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (
      file: string,
      options: { readonly: boolean },
    ) => { pragma(sql: string): { name: string }[]; close(): void };
    const db = new Database(template, { readonly: true });
    const script = read('03-billing-views-example.sql');
    try {
      for (const table of tables) {
        const expected = db
          .pragma(`table_info(billing_${table})`)
          .map((c) => c.name.toUpperCase())
          .sort();
        const view = new RegExp(
          `create or replace view billing_${table} as\\s+select([\\s\\S]*?)\\bfrom\\s`,
          'i',
        ).exec(script);
        expect(view, `view billing_${table}`).not.toBeNull();
        const aliases = [...view![1]!.matchAll(/\bAS\s+("?[A-Za-z_][\w$#]*"?)\s*(?=,|$)/g)].map((m) => m[1]!);
        for (const alias of aliases) {
          if (['DATE', 'NUMBER', 'SHARE'].includes(alias.replace(/"/g, '').toUpperCase())) {
            expect(alias, `reserved word in billing_${table}`).toMatch(/^"[A-Z]+"$/);
          }
        }
        expect(aliases.map((a) => a.replace(/"/g, '').toUpperCase()).sort(), `billing_${table}`).toEqual(
          expected,
        );
      }
    } finally {
      db.close();
    }
  });

  it('grants the portal READ on every view', () => {
    const grants = read('04-grants.sql');
    for (const table of tables)
      expect(grants).toMatch(new RegExp(`GRANT READ ON billing_${table}\\s+TO strefa_app;`));
  });
});
