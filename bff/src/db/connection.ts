/**
 * Opens the database that the settings name: the embedded SQLite file (demo, development,
 * tests) or the cooperative's Oracle database (production, through oracledb in Thin mode).
 * Column names are camelCase in the code and snake_case (SQLite) or UPPER_SNAKE (Oracle) in the
 * database; Objection's mappers translate at the knex level, so plain knex queries see the same
 * names as the models.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import type { Config, DatabaseSettings, DatabaseTuning } from '../config.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import {
  afterCreateOracle,
  connectDescriptor,
  isHealthyConnection,
  prepareOracleDriver,
} from './oracle/driver.ts';
import { beginImmediately, SQLITE_BUSY_TIMEOUT_MS, waitAsyncWhenBusy } from './sqlite-busy.ts';
import { createQueryRunner, type QueryRunner } from './query-runner.ts';
import { configureBillingTables } from './tables.ts';

/** How long a request waits for a pooled connection before it is answered 503 (the default). */
export const ACQUIRE_TIMEOUT_MS = 3_000;

/** Tuning used when a caller passes none (tools and tests that build a config by hand). */
const DEFAULT_TUNING: DatabaseTuning = {
  poolMin: 0,
  poolMax: 10,
  acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
  queryTimeoutMs: 4_000,
  expireTimeMinutes: 2,
  connectTimeoutSeconds: 3,
};

interface SqliteConnection {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/** Prepared statements kept per connection; the oldest goes once this many are held. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * knex's better-sqlite3 dialect prepares every query anew, so SQLite parsed and planned the same
 * few statements on every request (7–13 % of the CPU of a data request in `npm run bench`). The
 * portal's SQL is a small fixed set with bound values, so each connection keeps its statements by
 * SQL text. Reuse is safe: knex runs a statement to completion (`all()`/`run()`, synchronously)
 * before it prepares the next, and SQLite re-prepares a statement itself after a schema change.
 */
export function cachePreparedStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new BoundedMap<string, unknown>(STATEMENT_CACHE_SIZE);
  connection.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

export function knexConfig(settings: DatabaseSettings, tuning: DatabaseTuning = DEFAULT_TUNING): Knex.Config {
  if (settings.client === 'sqlite') {
    return {
      client: 'better-sqlite3',
      connection: { filename: settings.filename },
      useNullAsDefault: true,
      acquireConnectionTimeout: tuning.acquireTimeoutMs,
      pool: {
        // One writer at a time is SQLite's nature; WAL lets readers run beside it.
        min: 1,
        max: 1,
        afterCreate(connection: SqliteConnection, done: (err: Error | null, c: unknown) => void) {
          try {
            cachePreparedStatements(connection);
            connection.pragma('journal_mode = WAL');
            connection.pragma('synchronous = NORMAL');
            connection.pragma('foreign_keys = ON');
            // A short wait on the thread; longer waits are asynchronous (sqlite-busy.ts).
            connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
            beginImmediately(connection);
            done(null, connection);
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
      ...knexSnakeCaseMappers(),
    };
  }
  return oracleKnexConfig(settings, tuning);
}

/**
 * Oracle, Thin mode (pure JavaScript: no Instant Client on the server). See docs/oracle.md.
 * Identifiers: knex quotes every identifier on Oracle, so the mappers turn `amountGr` and
 * `billing_units` into "AMOUNT_GR" and "BILLING_UNITS": the views and tables must be created
 * with unquoted (hence upper-case) names.
 */
export function oracleKnexConfig(
  settings: Extract<DatabaseSettings, { client: 'oracle' }>,
  tuning: DatabaseTuning = DEFAULT_TUNING,
): Knex.Config {
  return {
    client: 'oracledb',
    // The SQL knex writes (ROWNUM paging, no RETURNING for plain inserts) is valid on 12c and
    // later; 19 and 23 are the versions the compile tests check.
    version: '19',
    connection: {
      user: settings.user,
      password: settings.password,
      connectString: connectDescriptor(settings.connectString, tuning),
    },
    // The wait for a pooled connection: the request queue's timeout (then 503 unavailable).
    acquireConnectionTimeout: tuning.acquireTimeoutMs,
    pool: {
      min: tuning.poolMin,
      max: tuning.poolMax,
      // A connection idle this long is closed; Oracle sessions are not free on the server.
      idleTimeoutMillis: 60_000,
      // A connection attempt that has not succeeded by the acquire timeout is abandoned.
      createTimeoutMillis: tuning.acquireTimeoutMs,
      afterCreate: afterCreateOracle(tuning),
    },
    ...knexSnakeCaseMappers({ upperCase: true }),
  };
}

/**
 * Gives every query of this knex the configured time limit (DB_QUERY_TIMEOUT_MS), unless the
 * caller set its own. Knex answers a KnexTimeoutError (→ 503 unavailable) and discards the
 * connection, so a stuck statement never goes back to the pool.
 */
export function applyQueryTimeout(knex: Knex, timeoutMs: number): void {
  if (timeoutMs <= 0) return;
  knex.on('start', (builder: { _timeout?: number; timeout?: (ms: number) => unknown }) => {
    if (!builder._timeout && typeof builder.timeout === 'function') builder.timeout(timeoutMs);
  });
}

/**
 * A connection could not be opened at all (database down, network cut, file system missing):
 * the error middleware answers 503 `unavailable` for it, whatever the driver's own error was.
 */
export class DatabaseConnectError extends Error {
  constructor(override readonly cause: unknown) {
    super(`cannot connect to the database: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DatabaseConnectError';
  }
}

/** Tags every failure to open a pooled connection, so it is told apart from a bad query. */
function tagConnectErrors(knex: Knex): void {
  const client = knex.client as { acquireRawConnection(): Promise<unknown> };
  const acquireRaw = client.acquireRawConnection.bind(client);
  client.acquireRawConnection = async () => {
    try {
      return await acquireRaw();
    } catch (error) {
      throw new DatabaseConnectError(error);
    }
  };
}

/** Where knex's own warnings go: the server's JSON log instead of bare console lines. */
export interface KnexLogSink {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export function openDatabase(
  config: Pick<Config, 'database' | 'billingTablePrefix'> & Partial<Pick<Config, 'db'>>,
  logger?: KnexLogSink,
): Knex {
  const settings = config.database;
  const tuning = config.db ?? DEFAULT_TUNING;
  configureBillingTables(
    config.billingTablePrefix,
    settings.client === 'oracle' ? settings.billingSchema : null,
  );
  if (settings.client === 'sqlite' && settings.filename !== ':memory:') {
    try {
      mkdirSync(dirname(settings.filename), { recursive: true });
    } catch {
      // E.g. the volume is not mounted yet: the first connection fails, /readyz answers 503,
      // and the server retries preparing the database until the file can be opened.
    }
  }
  if (settings.client === 'oracle') prepareOracleDriver();
  const knex = knexFactory({
    ...knexConfig(settings, tuning),
    ...(logger
      ? {
          log: {
            warn: (message: unknown) => logger.warn({ knex: String(message) }, 'database driver warning'),
            error: (message: unknown) => logger.error({ knex: String(message) }, 'database driver error'),
            deprecate: (method: string, alternative: string) =>
              logger.warn({ knex: `${method} is deprecated; use ${alternative}` }, 'database driver warning'),
            debug: () => undefined,
          },
        }
      : {}),
  });
  tagConnectErrors(knex);
  if (settings.client === 'oracle') {
    (knex.client as { validateConnection(connection: unknown): boolean }).validateConnection =
      isHealthyConnection;
  }
  if (settings.client === 'sqlite') waitAsyncWhenBusy(knex);
  applyQueryTimeout(knex, tuning.queryTimeoutMs);
  runners.set(knex, newQueryRunner(knex, tuning.queryRunner ?? 'direct'));
  return knex;
}

const runners = new WeakMap<Knex, QueryRunner>();

/**
 * The runner of a database's read queries (db/query-runner.ts), chosen here once: direct on the
 * embedded SQLite unless DB_QUERY_RUNNER=knex, knex on Oracle. Both keep each query's SQL per
 * shape of its parameters; under the tests every run of either is also checked against a build
 * with the real values (the shape cache's assumption), not only a shape's first.
 */
function newQueryRunner(knex: Knex, choice: 'direct' | 'knex'): QueryRunner {
  return createQueryRunner(knex, choice, { verifyShapes: process.env.VITEST === 'true' });
}

/** The query runner of a knex made by `openDatabase` (or the default one for any other knex). */
export function queryRunnerFor(knex: Knex): QueryRunner {
  let runner = runners.get(knex);
  if (runner === undefined) runners.set(knex, (runner = newQueryRunner(knex, 'direct')));
  return runner;
}
