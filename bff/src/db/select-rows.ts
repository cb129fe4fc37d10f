/**
 * Runs the read queries of the residents' endpoints. A SELECT is always built with knex (so each
 * database gets its own dialect of SQL), but on the embedded SQLite it is executed directly on
 * the pooled better-sqlite3 connection instead of through knex's runner.
 *
 * Why: `npm run bench` profiled knex's per-query machinery (the runner, its promise chain, the
 * builder's event emitter, tarn's bookkeeping, the dialect's response processing) at about a
 * fifth of a data request's CPU, more than SQLite's own search. better-sqlite3 is synchronous, so
 * none of that buys anything on SQLite; this path keeps what matters of it:
 *
 * - the connection comes from knex's pool (`acquireConnection`), so a statement waits for a
 *   transaction that holds the connection, exactly as a knex query would, and a transaction's
 *   own builders run on the transaction's connection;
 * - statements are prepared once per connection (`cachePreparedStatements` in connection.ts);
 * - bindings are formatted by the dialect and rows go through the configured
 *   `postProcessResponse` (snake_case → camelCase), so callers see what `await query` returns;
 * - knex's `query`, `query-response` and `query-error` events are emitted with the SQL, so query
 *   counting and logging see these statements like any other.
 *
 * On Oracle (and anything that is not a plain SELECT) it simply awaits the builder: the pool,
 * the query timeout and the driver's handling stay knex's.
 */
import type { Knex } from 'knex';

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

/** The parts of knex's client this path uses (public in knex's JavaScript, untyped in its .d.ts). */
interface KnexClientInternals {
  dialect: string;
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

/** Whether the query runs on the better-sqlite3 driver (directly) rather than through knex. */
export function runsDirectly(query: Knex.QueryBuilder): boolean {
  const builder = query as unknown as BuilderInternals;
  return builder.client.driverName === 'better-sqlite3' && (builder._method ?? 'select') === 'select';
}

/** The rows of a SELECT, as `await query` would give them. */
export async function selectRows<Row>(query: Knex.QueryBuilder): Promise<Row[]> {
  if (!runsDirectly(query)) return (await query) as Row[];
  const builder = query as unknown as BuilderInternals;
  const { sql, bindings } = query.toSQL().toNative();
  return runDirectly<Row>(builder.client, sql, bindings, builder.queryContext(), query);
}

/** Runs compiled SQL on the pooled better-sqlite3 connection: see the top of this file. */
async function runDirectly<Row>(
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

/** A value no caller passes: marks where a parameter lands among the compiled bindings. */
const PARAMETER_MARK = '\u0000strefa-parameter-';

/**
 * A SELECT of a fixed shape (only its values change: the session lookup, the access check, a
 * month's fee components), compiled by knex once per database and then only run. `build` must
 * use its parameters as plain bound values: not in SQL text, not in a computation, not to
 * decide the shape. The first compilation checks that each parameter came out as a binding.
 *
 * On Oracle it builds and awaits the query every time, like `selectRows`.
 */
export function fixedSelect<Params extends unknown[], Row>(
  build: (knex: Knex, ...params: Params) => Knex.QueryBuilder,
): (knex: Knex, ...params: Params) => Promise<Row[]> {
  const compiled = new WeakMap<
    Knex,
    { sql: string; slots: Array<{ parameter: number } | { value: unknown }> }
  >();
  return async (knex, ...params) => {
    if ((knex.client as KnexClientInternals).driverName !== 'better-sqlite3') {
      return selectRows<Row>(build(knex, ...params));
    }
    let statement = compiled.get(knex);
    if (statement === undefined) {
      const marks = params.map((_, i) => `${PARAMETER_MARK}${i}`) as Params;
      const query = build(knex, ...marks);
      if (!runsDirectly(query)) throw new Error('fixedSelect: the query must be a plain SELECT');
      const { sql, bindings } = query.toSQL().toNative();
      const slots = bindings.map((value) =>
        typeof value === 'string' && value.startsWith(PARAMETER_MARK)
          ? { parameter: Number(value.slice(PARAMETER_MARK.length)) }
          : { value },
      );
      marks.forEach((mark, i) => {
        if (!slots.some((slot) => 'parameter' in slot && slot.parameter === i)) {
          throw new Error(`fixedSelect: parameter ${i} is not a bound value of: ${sql}`);
        }
        if (sql.includes(mark as string)) throw new Error(`fixedSelect: parameter ${i} is in the SQL text`);
      });
      statement = { sql, slots };
      compiled.set(knex, statement);
    }
    const bindings = statement.slots.map((slot) =>
      'parameter' in slot ? params[slot.parameter] : slot.value,
    );
    return runDirectly<Row>(
      knex.client as KnexClientInternals,
      statement.sql,
      bindings,
      undefined,
      undefined,
    );
  };
}

/** The first row of a SELECT (the query should carry its own `limit(1)`), or undefined. */
export async function selectFirst<Row>(query: Knex.QueryBuilder): Promise<Row | undefined> {
  return (await selectRows<Row>(query))[0];
}
