/**
 * The direct SQLite runner (see db/query-runner.ts): compiles each defined query once per shape
 * of its parameters (db/query-shapes.ts) and runs the SQL directly on the pooled better-sqlite3
 * connection.
 *
 * `npm run bench` profiled knex's per-query machinery (the runner, its promise chain, the
 * builder's event emitter, tarn's bookkeeping, the dialect's response processing) at about a
 * fifth of a data request's CPU, more than SQLite's own search. better-sqlite3 is synchronous, so
 * none of that buys anything on SQLite; this path keeps what matters of it:
 *
 * - the connection comes from knex's pool, so a statement waits for a transaction that holds the
 *   connection, exactly as a knex query would (taken in place when it is idle: `idleConnection`);
 * - statements are prepared once per connection (`cachePreparedStatements` in connection.ts);
 * - bindings are formatted by the dialect and rows go through the configured
 *   `postProcessResponse` (snake_case → camelCase), so callers see what `await query` returns;
 * - knex's `query`, `query-response` and `query-error` events are emitted with the SQL, so query
 *   counting and logging see these statements like any other.
 *
 * It relies on knex's client internals below (public in its JavaScript, untyped in its .d.ts):
 * bff/package.json pins knex to a minor version (`~`) for this reason, and
 * test/foundation/query-runner.test.ts fails if one of them changes.
 */
import type { Knex } from 'knex';
import { toKnexBuilder, type Buildable, type Query, type QueryRunner } from './query-definition.ts';
import { QueryShapeError, QueryShapes, type ShapeOptions } from './query-shapes.ts';

interface SqliteStatement {
  reader: boolean;
  all(bindings: readonly unknown[]): unknown[];
  raw(toggle: boolean): SqliteStatement;
  columns(): { name: string }[];
}

interface PooledSqliteConnection {
  prepare(sql: string): SqliteStatement;
  __knexUid?: string;
  __knexTxId?: string;
  /** Set by knex on a connection it is throwing away (a timed-out query). */
  __knex__disposed?: unknown;
}

/** The parts of knex's tarn pool the idle-connection check reads (tarn 3, knex's own dependency). */
interface TarnPoolInternals {
  free: { resource: PooledSqliteConnection }[];
  numPendingAcquires(): number;
  numPendingValidations(): number;
}

interface KnexClientInternals {
  driverName: string;
  pool?: TarnPoolInternals;
  /** Set on the client of a transaction (knex's transaction.js): it holds its own connection. */
  transacting?: boolean;
  acquireConnection(): Promise<PooledSqliteConnection>;
  releaseConnection(connection: PooledSqliteConnection): Promise<unknown>;
  _formatBindings(bindings: readonly unknown[] | undefined): unknown[];
  postProcessResponse(response: unknown, queryContext: unknown): unknown;
  emit(event: string, ...args: unknown[]): boolean;
}

interface BuilderInternals {
  client: KnexClientInternals;
  _method?: string;
  queryContext(): unknown;
}

let sequence = 0;

/** The row keys of each statement, in column order, as the configured mapper names them. */
const keysOfStatement = new WeakMap<SqliteStatement, (string | null)[]>();

/**
 * The keys `postProcessResponse` gives the statement's columns (`amount_gr` → `amountGr`),
 * learnt once per statement by mapping one row of the column names. A mapper that does more
 * than rename keys is not supported here (the portal's only mapper is Objection's snake case).
 */
function rowKeys(
  statement: SqliteStatement,
  client: KnexClientInternals,
  queryContext: unknown,
): (string | null)[] {
  let keys = keysOfStatement.get(statement);
  if (keys === undefined) {
    const names = statement.columns().map((column) => column.name);
    const probe: Record<string, number> = {};
    names.forEach((name, i) => (probe[name] = i));
    const [mapped] = client.postProcessResponse([probe], queryContext) as Record<string, number>[];
    // Two columns of one name: the later one wins, as in the objects better-sqlite3 makes.
    keys = names.map(() => null);
    for (const [key, i] of Object.entries(mapped!)) keys[i] = key;
    keysOfStatement.set(statement, keys);
  }
  return keys;
}

/** Whether the builder is a plain SELECT on better-sqlite3, which the direct path can run. */
export function runsDirectly(query: Knex.QueryBuilder): boolean {
  const builder = query as unknown as BuilderInternals;
  return builder.client.driverName === 'better-sqlite3' && (builder._method ?? 'select') === 'select';
}

/**
 * The pool's connection when nobody holds it or waits for it, else undefined.
 *
 * Acquiring through tarn costs two timers and a chain of promises per statement (about a third
 * of a session check's CPU beyond SQLite in `npm run bench`), yet a statement here runs
 * synchronously from start to end: between taking an idle connection and giving it back nothing
 * else can run, so using it in place is what acquire-then-release would do, minus the
 * bookkeeping. Whenever the connection is held (a transaction, a knex query waiting on SQLite's
 * lock) or someone waits for it, the statement queues through the pool like any other. A
 * transaction's client (`transacting`) always goes through its own acquire, which returns the
 * transaction's connection.
 */
function idleConnection(client: KnexClientInternals): PooledSqliteConnection | undefined {
  const pool = client.pool;
  if (client.transacting || !pool) return undefined;
  if (pool.numPendingAcquires() !== 0 || pool.numPendingValidations() !== 0) return undefined;
  const connection = pool.free[pool.free.length - 1]?.resource;
  return connection && !connection.__knex__disposed ? connection : undefined;
}

/** Runs compiled SQL on the pooled better-sqlite3 connection of `client`. */
async function runOnConnection<Row>(
  client: KnexClientInternals,
  sql: string,
  bindings: readonly unknown[],
  queryContext: unknown,
  builder: Knex.QueryBuilder | undefined,
): Promise<Row[]> {
  const idle = idleConnection(client);
  if (idle) return runStatement<Row>(client, idle, sql, bindings, queryContext, builder);
  const connection = await client.acquireConnection();
  try {
    return runStatement<Row>(client, connection, sql, bindings, queryContext, builder);
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Runs one statement to its end, synchronously, with knex's query events around it. */
function runStatement<Row>(
  client: KnexClientInternals,
  connection: PooledSqliteConnection,
  sql: string,
  bindings: readonly unknown[],
  queryContext: unknown,
  builder: Knex.QueryBuilder | undefined,
): Row[] {
  const event = {
    method: 'select',
    sql,
    bindings,
    __knexUid: connection.__knexUid,
    __knexTxId: connection.__knexTxId,
    __knexQueryUid: `direct-${++sequence}`,
  };
  client.emit('query', event);
  let rows: Record<string, unknown>[];
  try {
    const statement = connection.prepare(sql);
    const keys = rowKeys(statement, client, queryContext);
    // Rows as arrays, made into objects here with the mapped names: better-sqlite3 would name
    // every column of every row natively and the mapper would rename them all again.
    statement.raw(true);
    let values: unknown[][];
    try {
      values = statement.all(client._formatBindings(bindings)) as unknown[][];
    } finally {
      // The statement is shared through the per-connection cache with knex's own queries.
      statement.raw(false);
    }
    rows = values.map((row) => {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string | null;
        if (key !== null) object[key] = row[i];
      }
      return object;
    });
  } catch (error) {
    // The same message knex gives a failed statement: the SQL, then the driver's reason.
    if (error instanceof Error) error.message = `${sql} - ${error.message}`;
    client.emit('query-error', error, event);
    throw error;
  }
  client.emit('query-response', rows, event, builder);
  return rows as Row[];
}

export type DirectSqliteOptions = ShapeOptions;

/** Compiles once per shape, runs on better-sqlite3 directly: see the top of this file. */
export class DirectSqliteRunner implements QueryRunner {
  readonly kind = 'direct-sqlite';
  private readonly shapes: QueryShapes<null>;

  constructor(
    readonly knex: Knex,
    readonly options: DirectSqliteOptions = {},
  ) {
    if ((knex.client as KnexClientInternals).driverName !== 'better-sqlite3') {
      throw new Error('DirectSqliteRunner needs the better-sqlite3 driver');
    }
    this.shapes = new QueryShapes(
      knex,
      (builder, query) => {
        if (!runsDirectly(builder))
          throw new QueryShapeError(`${query.name}: the query must be a plain SELECT`);
        const { sql, bindings } = builder.toSQL().toNative();
        return { sql, bindings, extra: null };
      },
      options,
    );
  }

  async run<Params extends unknown[], Row>(query: Query<Params, Row>, ...params: Params): Promise<Row[]> {
    const { statement, bindings } = this.shapes.prepare(query, params);
    return runOnConnection<Row>(
      this.knex.client as KnexClientInternals,
      statement.sql,
      bindings,
      undefined,
      undefined,
    );
  }

  async select<Row>(buildable: Buildable): Promise<Row[]> {
    const query = toKnexBuilder(buildable);
    if (!runsDirectly(query)) return (await query) as Row[];
    const builder = query as unknown as BuilderInternals;
    const { sql, bindings } = query.toSQL().toNative();
    return runOnConnection<Row>(builder.client, sql, bindings, builder.queryContext(), query);
  }
}
