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
 * - the connection comes from knex's pool (`acquireConnection`), so a statement waits for a
 *   transaction that holds the connection, exactly as a knex query would;
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
}

interface KnexClientInternals {
  driverName: string;
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

/** Runs compiled SQL on the pooled better-sqlite3 connection of `client`. */
async function runOnConnection<Row>(
  client: KnexClientInternals,
  sql: string,
  bindings: readonly unknown[],
  queryContext: unknown,
  builder: Knex.QueryBuilder | undefined,
): Promise<Row[]> {
  const connection = await client.acquireConnection();
  const event = {
    method: 'select',
    sql,
    bindings,
    __knexUid: connection.__knexUid,
    __knexTxId: connection.__knexTxId,
    __knexQueryUid: `direct-${++sequence}`,
  };
  try {
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
  } finally {
    await client.releaseConnection(connection);
  }
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
