/**
 * A knex that speaks Oracle without an Oracle: the real `oracledb` dialect (version 19 or 23,
 * the production casing mappers) compiles every query, and instead of a network round trip the
 * client records `{sql, bindings}` and answers from a backing SQLite copy of the demo data, so
 * the real app and services run end to end and every statement they send is captured.
 *
 * How an answer is produced: the very same builder is compiled a second time with the SQLite
 * dialect, run on the backing file, and its rows are handed back with UPPER_CASE keys, exactly
 * as Oracle names result columns; the production mappers then turn them into camelCase. So a
 * service that relied on lower-case result keys would break here as it would on Oracle.
 * A defined query reaches the client as a statement compiled once per shape (`CompiledSelect`,
 * db/knex-runner.ts), not as a builder: its builder is made again here, from the query and the
 * run's values with this (Oracle) knex, exactly the builder a plain await would have run, and
 * its SQLite twin answers. What is recorded is the statement the runner really sent.
 * Raw SQL that only Oracle understands (`select 1 from dual`) is answered from a small canned
 * table; schema statements (migrations) are recorded and answered as on an empty schema.
 */
import { createRequire } from 'node:module';
import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import { CompiledSelect, toKnexBuilder } from '../../../src/db/query-runner.ts';

export interface RecordedQuery {
  version: string;
  sql: string;
  bindings: readonly unknown[];
  method: string | undefined;
  /** 'query' (a query builder), 'raw', 'schema' or 'other'. */
  kind: string;
  /** A defined query's statement, compiled once per shape by the knex runner (a `CompiledSelect`). */
  compiled: boolean;
  /** Set when the backing SQLite could not run the statement (then the answer was canned). */
  backingError?: string;
}

export interface RecordingKnex {
  knex: Knex;
  queries: RecordedQuery[];
  /** A row straight from the backing SQLite file (test setup only; not recorded). */
  backingRow<T>(sql: string): T | undefined;
  /** Declared column types of the backing file's tables: `{TABLE: {COLUMN: 'varchar(60)'}}`. */
  backingColumns(): Record<string, Record<string, string>>;
  close(): Promise<void>;
}

export interface RecordingOptions {
  version: '19' | '23';
  /** A SQLite file with the billing and portal tables; without it every answer is canned. */
  backing?: string;
  /** The billing schema (BILLING_SCHEMA): in Oracle's SQL; dropped from the SQLite twin. */
  billingSchema?: string | null;
}

interface QueryObject {
  sql: string;
  bindings?: unknown[];
  method?: string;
  returning?: unknown;
  response?: unknown;
  rowsAffected?: number;
  __builder?: Builderish;
}

interface Builderish {
  constructor: { name: string };
  clone?: () => Builderish & {
    client: unknown;
    toSQL(): { toNative(): { sql: string; bindings: unknown[] } };
  };
  sql?: string;
  bindings?: unknown[];
}

/** The few better-sqlite3 calls used here (the package ships no types in this repository). */
interface SqliteStatement {
  reader: boolean;
  all(...bindings: unknown[]): unknown[];
  run(...bindings: unknown[]): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  function(name: string, fn: (...args: unknown[]) => unknown): void;
  function(name: string, options: { deterministic: boolean }, fn: (...args: unknown[]) => unknown): void;
  pragma(sql: string): unknown;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;

const upperKeys = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key.toUpperCase(), value]));

/** Canned answers: what an empty Oracle schema answers to the migrator's questions. */
function cannedResponse(obj: QueryObject): { response: unknown[]; rowsAffected: number } {
  const sql = obj.sql.toLowerCase();
  if (/from\s+"?portal_migrations_lock"?/i.test(sql) && obj.method === 'select') {
    return { response: [{ INDEX: 1, IS_LOCKED: 0 }], rowsAffected: 0 };
  }
  if (/max\("batch"\)/.test(sql)) return { response: [{ MAX_BATCH: null }], rowsAffected: 0 };
  if (/from\s+dual/.test(sql)) return { response: [{ 1: 1 }], rowsAffected: 0 };
  return { response: [], rowsAffected: 1 };
}

export function createRecordingKnex(options: RecordingOptions): RecordingKnex {
  const queries: RecordedQuery[] = [];
  const mappers = knexSnakeCaseMappers({ upperCase: true });
  // The stock oracledb client class, taken from a throwaway instance (no deep import needed).
  const probe = knexFactory({ client: 'oracledb', version: options.version });
  const OracleClient = probe.client.constructor as new (config: Knex.Config) => Knex.Client;

  let backing: SqliteDatabase | null = null;
  let sqliteKnex: Knex | null = null;
  if (options.backing) {
    backing = new Database(options.backing);
    backing.pragma('journal_mode = WAL');
    // Oracle functions the services may write into raw fragments for the oracledb dialect,
    // emulated over SQLite's 'YYYY-MM-DD' text dates so the twin can answer.
    const oracleFormat = (value: unknown, format: unknown) => {
      if (value === null || value === undefined) return null;
      const text = String(value);
      switch (String(format).toUpperCase()) {
        case 'YYYY-MM-DD':
          return text.slice(0, 10);
        case 'YYYY':
          return text.slice(0, 4);
        case 'MM':
          return text.slice(5, 7);
        case 'YYYY-MM':
          return text.slice(0, 7);
        default:
          throw new Error(`the recorder cannot emulate the Oracle format ${String(format)}`);
      }
    };
    backing.function('TO_DATE', oracleFormat);
    backing.function('TO_CHAR', oracleFormat);
    backing.function('TRUNC', (value) =>
      value === null || value === undefined ? null : String(value).slice(0, 10),
    );
    backing.function('NVL', (value, fallback) => value ?? fallback);
    // The people search's folding (db/folding.ts): Oracle's UPPER knows every letter, SQLite's
    // only ASCII; TRANSLATE maps character for character.
    backing.function('UPPER', { deterministic: true }, (value) =>
      value === null || value === undefined ? null : String(value).toUpperCase(),
    );
    backing.function('TRANSLATE', { deterministic: true }, (value, from, to) => {
      if (value === null || value === undefined) return null;
      const [source, target] = [[...String(from)], [...String(to)]];
      return [...String(value)]
        .map((char) => {
          const at = source.indexOf(char);
          return at < 0 ? char : (target[at] ?? '');
        })
        .join('');
    });
    // Compiles only (never connects): the SQLite twin of each builder, with the SQLite mappers.
    sqliteKnex = knexFactory({ client: 'better-sqlite3', useNullAsDefault: true, ...knexSnakeCaseMappers() });
  }

  const fakeConnection = {
    __knexUid: 'recording',
    oracleServerVersionString: `${options.version}.0.0.0.0`,
    commitAsync: async () => undefined,
    rollbackAsync: async () => undefined,
    executeAsync: async () => ({ rows: [] }),
  };

  function answerFromBacking(obj: QueryObject, record: RecordedQuery): boolean {
    const sent = obj.__builder;
    if (!backing || !sqliteKnex || !sent) return false;
    const builder =
      sent instanceof CompiledSelect
        ? (toKnexBuilder(sent.query.build(knex, ...sent.params)) as unknown as Builderish)
        : sent;
    let native: { sql: string; bindings: unknown[] };
    try {
      if (builder.constructor.name === 'Builder' && builder.clone) {
        const twin = builder.clone();
        twin.client = sqliteKnex.client;
        native = twin.toSQL().toNative() as { sql: string; bindings: unknown[] };
      } else if (builder.constructor.name === 'Raw' && builder.sql !== undefined) {
        native = sqliteKnex
          .raw(builder.sql, (builder.bindings ?? []) as Knex.RawBinding[])
          .toSQL()
          .toNative() as { sql: string; bindings: unknown[] };
      } else {
        return false;
      }
      // SQLite cannot say `schema.table.*`; the backing file has the billing tables unqualified.
      if (options.billingSchema) {
        native.sql = native.sql.split('`' + options.billingSchema.toLowerCase() + '`.').join('');
      }
      const bindings = native.bindings.map((value) =>
        typeof value === 'boolean' ? Number(value) : value instanceof Date ? value.valueOf() : value,
      );
      const statement = backing.prepare(native.sql);
      if (statement.reader) {
        const rows = statement.all(...bindings) as Record<string, unknown>[];
        obj.response = rows.map(upperKeys);
        obj.rowsAffected = rows.length;
      } else {
        const info = statement.run(...bindings);
        obj.response = [];
        obj.rowsAffected = info.changes;
      }
      return true;
    } catch (error) {
      record.backingError = (error as Error).message;
      return false;
    }
  }

  class RecordingClient extends (OracleClient as unknown as new (config: Knex.Config) => {
    runner(builder: unknown): { query(obj: unknown): Promise<unknown> };
  }) {
    override runner(builder: unknown) {
      const runner = super.runner(builder);
      const query = runner.query.bind(runner);
      runner.query = (obj: unknown) => {
        if (obj && typeof obj === 'object') {
          Object.defineProperty(obj, '__builder', { value: builder, enumerable: false });
        }
        return query(obj);
      };
      return runner;
    }

    async acquireConnection() {
      return fakeConnection;
    }

    async releaseConnection() {
      return undefined;
    }

    async _query(_connection: unknown, obj: QueryObject) {
      const builderName =
        obj.__builder instanceof CompiledSelect ? 'Builder' : obj.__builder?.constructor.name;
      const record: RecordedQuery = {
        version: options.version,
        sql: obj.sql,
        bindings: obj.bindings ?? [],
        method: obj.method,
        compiled: obj.__builder instanceof CompiledSelect,
        kind:
          builderName === 'Builder'
            ? 'query'
            : builderName === 'Raw'
              ? 'raw'
              : builderName === 'SchemaBuilder'
                ? 'schema'
                : 'other',
      };
      queries.push(record);
      if (record.kind === 'schema' || !answerFromBacking(obj, record)) {
        const canned = cannedResponse(obj);
        obj.response = canned.response;
        obj.rowsAffected = canned.rowsAffected;
      }
      return obj;
    }
  }

  const knex = knexFactory({
    client: RecordingClient as unknown as typeof Knex.Client,
    version: options.version,
    connection: { user: 'strefa', password: 'unused', connectString: 'recording:1521/NONE' },
    pool: { min: 0, max: 1 },
    ...mappers,
  });
  // Code that asks "am I on Oracle?" must get the production answer.
  (knex.client.config as { client: unknown }).client = 'oracledb';
  void probe.destroy();

  return {
    knex,
    queries,
    backingRow: <T>(sql: string) => backing?.prepare(sql).all()[0] as T | undefined,
    backingColumns: () => {
      const result: Record<string, Record<string, string>> = {};
      if (!backing) return result;
      const tables = backing.prepare("select name from sqlite_master where type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        const columns = backing.prepare('select name, type from pragma_table_info(?)').all(name) as {
          name: string;
          type: string;
        }[];
        result[name.toUpperCase()] = Object.fromEntries(columns.map((c) => [c.name.toUpperCase(), c.type]));
      }
      return result;
    },
    close: async () => {
      await knex.destroy();
      await sqliteKnex?.destroy();
      backing?.close();
    },
  };
}
