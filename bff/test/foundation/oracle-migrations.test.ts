/**
 * Every migration compiles for Oracle (19c and 23ai): each migration's `up` and `down` run
 * against a knex for the oracledb dialect whose schema calls are captured as SQL instead of being
 * sent anywhere, and the SQL is checked for forms Oracle accepts. The billing migration does
 * nothing on Oracle by design (a DBA provides the billing views). Query compilation is tested
 * elsewhere (test/production).
 */
import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import { afterAll, describe, expect, it } from 'vitest';
import * as billingSchema from '../../src/db/migrations/001-billing-schema.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { configureBillingTables } from '../../src/db/tables.ts';

interface Capture {
  knex: Knex;
  statements: string[];
}

const instances: Knex[] = [];

/** A knex for Oracle whose `schema` builders are compiled to SQL and recorded, never executed. */
function capturingKnex(version: string): Capture {
  const real = knexFactory({ client: 'oracledb', version, ...knexSnakeCaseMappers({ upperCase: true }) });
  instances.push(real);
  const statements: string[] = [];
  const schema = new Proxy(
    {},
    {
      get(_target, method: string) {
        return (...args: unknown[]) => {
          const builder = (real.schema as unknown as Record<string, (...a: unknown[]) => Knex.SchemaBuilder>)[
            method
          ]!(...args);
          for (const statement of builder.toSQL() as unknown as { sql: string }[])
            statements.push(statement.sql);
          return Promise.resolve();
        };
      },
    },
  );
  const knex = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'schema') return schema;
      return Reflect.get(target, property, receiver);
    },
  }) as Knex;
  return { knex, statements };
}

afterAll(async () => {
  await Promise.all(instances.map((k) => k.destroy()));
});

/** Words that only other dialects use, or that Oracle rejects in DDL. */
const FORBIDDEN = [
  /\blimit\b/i,
  /\bautoincrement\b/i,
  /\bauto_increment\b/i,
  /\bserial\b/i,
  /\bboolean\b/i,
  /\bdatetime\b/i,
  /\btinyint\b/i,
  /\bbigint\b/i,
  /\btext\b/i,
  /\bvarchar\(/i, // Oracle's is varchar2
  /`/, // MySQL quoting
  /\bif (not )?exists\b/i, // not before 23ai; knex wraps drops in PL/SQL instead
];

/** Column types Oracle has. */
const ORACLE_TYPES = /^(number|varchar2|nvarchar2|char|clob|blob|date|timestamp|integer|raw)\b/i;

function checkOracleSql(statements: string[]): void {
  for (const sql of statements) {
    for (const pattern of FORBIDDEN) expect(sql, `${pattern} in: ${sql}`).not.toMatch(pattern);
    // Plain SQL must not end with ";" (ORA-00933/ORA-00911); PL/SQL blocks must.
    if (/^\s*(begin|declare)\b/i.test(sql)) expect(sql.trim()).toMatch(/end;$/i);
    else expect(sql.trim(), sql).not.toMatch(/;$/);
    // Identifiers: quoted, upper case (the mappers fold them as Oracle does), at most 128 bytes.
    for (const [, identifier] of sql.matchAll(/"([^"]*)"/g)) {
      expect(identifier, `identifier in: ${sql}`).toMatch(/^[A-Z][A-Z0-9_$#]*$/);
      expect(Buffer.byteLength(identifier!), identifier).toBeLessThanOrEqual(128);
    }
    const create = /^create table "[^"]+" \((.*)\)$/is.exec(sql.trim());
    if (create) {
      for (const [, type] of create[1]!.matchAll(/(?:^|, )"[A-Z0-9_]+" (.+?)(?=, "|$)/g)) {
        expect(type!.trim(), `column type in: ${sql}`).toMatch(ORACLE_TYPES);
      }
    }
  }
}

describe.each(['19', '23'])('migrations for Oracle %s', (version) => {
  configureBillingTables('billing_', null);

  it('skip the billing schema: on Oracle it is the billing program’s, as views', async () => {
    const capture = capturingKnex(version);
    expect(billingSchema.applies(capture.knex)).toBe(false);
    await billingSchema.up(capture.knex);
    await billingSchema.down(capture.knex);
    expect(capture.statements).toEqual([]);
  });

  for (const migration of migrations) {
    it(`${migration.name}: up and down compile to Oracle DDL`, async () => {
      const up = capturingKnex(version);
      await migration.up(up.knex);
      checkOracleSql(up.statements);
      const down = capturingKnex(version);
      await migration.down(down.knex);
      checkOracleSql(down.statements);
      // A migration of the billing side does nothing on Oracle, both ways; the others act both ways.
      expect(up.statements.length === 0, 'up and down disagree on Oracle').toBe(down.statements.length === 0);
      const applies = (migration as { applies?: (knex: Knex) => boolean }).applies;
      if (applies && !applies(up.knex)) expect(up.statements).toEqual([]);
      if (migration.name === '002-portal-schema') {
        const created = up.statements
          .map((s) => /^create table "([^"]+)"/i.exec(s)?.[1])
          .filter(Boolean)
          .sort();
        expect(created).toEqual(
          ['PORTAL_AUDIT_EVENTS', 'PORTAL_CREDENTIALS', 'PORTAL_LOGIN_THROTTLE', 'PORTAL_SESSIONS'].sort(),
        );
        // Money-free, but instants are epoch ms: NUMBER wide enough, not a 32-bit integer.
        expect(up.statements.join('\n')).toMatch(/"EXPIRES_AT" number\(20, 0\) not null/);
        // The audit id is an identity column: no sequence/trigger built from unmapped lower-case names.
        expect(up.statements.join('\n')).toMatch(
          /"ID" NUMBER\(19\) GENERATED BY DEFAULT ON NULL AS IDENTITY/,
        );
        expect(up.statements.join('\n')).not.toMatch(/create sequence|create or replace trigger/i);
        const dropped = down.statements.map((s) => /drop table "([^"]+)"/i.exec(s)?.[1]).filter(Boolean);
        expect([...dropped].sort()).toEqual([...created].sort());
      }
    });
  }

  it('would catch a migration that Oracle rejects', () => {
    // The checks themselves must be able to fail: knex's `increments` on Oracle builds a sequence
    // and trigger from the unmapped lower-case name, and a LIMIT never belongs in DDL.
    const capture = capturingKnex(version);
    void capture.knex.schema.createTable('portal_example', (t) => {
      t.increments('id');
    });
    expect(() => checkOracleSql(capture.statements)).toThrow();
    expect(() => checkOracleSql(['create table "T" ("A" text)'])).toThrow();
    expect(() => checkOracleSql(['select * from "T" limit 1'])).toThrow();
  });
});
