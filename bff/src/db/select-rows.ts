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
 *
 * The services declare their queries with `fixedSelect` (below), which also skips knex's
 * building and compiling after the first run of each shape; `selectRows` runs one builder.
 */
import type { Knex } from 'knex';
import { BoundedMap } from '../lib/bounded-map.ts';

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

/** Statements kept per database and query: one per shape of the parameters. */
export const SHAPES_PER_QUERY = 64;

/**
 * The values of `params` in a fixed walk order, and the shape that the walk met: arrays by length,
 * objects by keys, null and undefined as such (an open-ended range builds other SQL), anything
 * else as a value. Two calls with the same shape put their values in the same places.
 */
function flatten(params: readonly unknown[]): { shape: string; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (value: unknown): string => {
    if (value === null || value === undefined) return 'n';
    if (Array.isArray(value)) return `[${value.map(walk).join(',')}]`;
    if (typeof value === 'object' && !(value instanceof Date)) {
      return `{${Object.keys(value)
        .map((key) => `${key}:${walk((value as Record<string, unknown>)[key])}`)
        .join(',')}}`;
    }
    values.push(value);
    return 'v';
  };
  return { shape: params.map(walk).join(';'), values };
}

/** A copy of `params` with each value replaced by its mark (the same walk as `flatten`). */
function markParams<Params extends unknown[]>(params: Params): Params {
  let next = 0;
  const mark = (value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map(mark);
    if (typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mark(item)]));
    }
    return `${PARAMETER_MARK}${next++}`;
  };
  return params.map(mark) as Params;
}

/**
 * A SELECT compiled by knex once per shape of its parameters and then only run: the session
 * lookup, the access checks, a month's fee components, the documents of a year's date ranges.
 * Arrays and objects among the parameters are part of the shape (two date ranges build other SQL
 * than one), so a statement is compiled per shape (at most `SHAPES_PER_QUERY`).
 *
 * `build` must use every value among its parameters as a plain bound value: not in SQL text, not
 * in a computation (compute the day after a range before the call), not to decide the shape
 * beyond the arrays' lengths and nulls. The first compilation of a shape checks that each value
 * came out as a binding and nowhere else.
 *
 * On Oracle it builds and awaits the query every time, like `selectRows`.
 */
export function fixedSelect<Params extends unknown[], Row>(
  build: (knex: Knex, ...params: Params) => Knex.QueryBuilder,
): (knex: Knex, ...params: Params) => Promise<Row[]> {
  type Compiled = { sql: string; slots: Array<{ value: number } | { constant: unknown }> };
  const compiled = new WeakMap<Knex, BoundedMap<string, Compiled>>();
  return async (knex, ...params) => {
    if ((knex.client as KnexClientInternals).driverName !== 'better-sqlite3') {
      return selectRows<Row>(build(knex, ...params));
    }
    const { shape, values } = flatten(params);
    let shapes = compiled.get(knex);
    if (shapes === undefined) compiled.set(knex, (shapes = new BoundedMap(SHAPES_PER_QUERY)));
    let statement = shapes.get(shape);
    if (statement === undefined) {
      const query = build(knex, ...markParams(params));
      if (!runsDirectly(query)) throw new Error('fixedSelect: the query must be a plain SELECT');
      const { sql, bindings } = query.toSQL().toNative();
      const slots = bindings.map((binding) =>
        typeof binding === 'string' && binding.startsWith(PARAMETER_MARK)
          ? { value: Number(binding.slice(PARAMETER_MARK.length)) }
          : { constant: binding },
      );
      for (let i = 0; i < values.length; i++) {
        if (!slots.some((slot) => 'value' in slot && slot.value === i)) {
          throw new Error(`fixedSelect: parameter value ${i} is not a bound value of: ${sql}`);
        }
      }
      if (sql.includes(PARAMETER_MARK))
        throw new Error(`fixedSelect: a parameter is in the SQL text: ${sql}`);
      statement = { sql, slots };
      shapes.set(shape, statement);
    }
    const bindings = statement.slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant));
    return runDirectly<Row>(
      knex.client as KnexClientInternals,
      statement.sql,
      bindings,
      undefined,
      undefined,
    );
  };
}
