/**
 * How the read queries are run. A query is DEFINED once in `src/queries/<resource>.ts` with
 * `defineQuery` (a name and a function that builds a SELECT from its parameters, from the
 * Objection models); a service RUNS it with `this.queries.run(query, ...params)` and never
 * knows how. db/connection.ts picks one runner per database (`queryRunnerFor`):
 *
 * - `DirectSqliteRunner` (embedded SQLite, the default there): compiles each query once per shape
 *   of its parameters and runs the SQL directly on the pooled better-sqlite3 connection;
 * - `KnexRunner` (Oracle, and SQLite with `DB_QUERY_RUNNER=knex` for comparison): builds the
 *   query with the real values every time and awaits it: knex's pool, timeout and driver.
 *
 * Both answer the rows `await builder` gives (column names through the configured mappers), and
 * test/resident/query-paths.test.ts runs every query of the resident journey through both and
 * through the Oracle compiler, and compares.
 *
 * A query that is not worth defining (or one on its way here) runs with `this.queries.select(builder)`:
 * the direct path on SQLite without the shape cache, a plain await elsewhere.
 */
import type { Knex } from 'knex';
import { BoundedMap } from '../lib/bounded-map.ts';

/** A knex builder, or an Objection one (`Model.query(knex)…`) that becomes one with `toKnexQuery()`. */
export type Buildable = Knex.QueryBuilder | { toKnexQuery(): Knex.QueryBuilder };

/** A SELECT defined once: its name (for logs and errors) and how it is built from its parameters. */
export interface Query<Params extends unknown[], Row> {
  readonly name: string;
  readonly build: (knex: Knex, ...params: Params) => Buildable;
  /** Only carries the row type. */
  readonly rowType?: Row;
}

/**
 * Defines a query. `build` must use every value among its parameters as a plain bound value:
 * not in SQL text, not in a computation (compute the day after a range before the call), not
 * to decide the SQL beyond the arrays' lengths, the objects' keys and nulls (the "shape").
 * The direct runner checks this on every first compilation of a shape, and on every run when
 * built with `verifyShapes` (the tests).
 */
export function defineQuery<Params extends unknown[], Row>(
  name: string,
  build: (knex: Knex, ...params: Params) => Buildable,
): Query<Params, Row> {
  return { name, build };
}

export interface QueryRunner {
  /** `direct-sqlite` or `knex`: for logs and the bench, never for a decision in a service. */
  readonly kind: 'direct-sqlite' | 'knex';
  /** The rows of a defined query. */
  run<Params extends unknown[], Row>(query: Query<Params, Row>, ...params: Params): Promise<Row[]>;
  /** The rows of one builder (of this database or one of its transactions). */
  select<Row>(builder: Buildable): Promise<Row[]>;
}

/** The knex builder of a buildable. */
export function toKnexBuilder(buildable: Buildable): Knex.QueryBuilder {
  return 'toKnexQuery' in buildable && typeof buildable.toKnexQuery === 'function'
    ? buildable.toKnexQuery()
    : (buildable as Knex.QueryBuilder);
}

/** Builds with the real values and awaits: what Oracle runs, and SQLite with the fast path off. */
export class KnexRunner implements QueryRunner {
  readonly kind = 'knex';
  constructor(readonly knex: Knex) {}

  async run<Params extends unknown[], Row>(query: Query<Params, Row>, ...params: Params): Promise<Row[]> {
    return (await toKnexBuilder(query.build(this.knex, ...params))) as Row[];
  }

  async select<Row>(builder: Buildable): Promise<Row[]> {
    return (await toKnexBuilder(builder)) as Row[];
  }
}

// --- The direct SQLite path ------------------------------------------------------------------
//
// `npm run bench` profiled knex's per-query machinery (the runner, its promise chain, the
// builder's event emitter, tarn's bookkeeping, the dialect's response processing) at about a
// fifth of a data request's CPU, more than SQLite's own search. better-sqlite3 is synchronous, so
// none of that buys anything on SQLite; this path keeps what matters of it:
//
// - the connection comes from knex's pool (`acquireConnection`), so a statement waits for a
//   transaction that holds the connection, exactly as a knex query would;
// - statements are prepared once per connection (`cachePreparedStatements` in connection.ts);
// - bindings are formatted by the dialect and rows go through the configured
//   `postProcessResponse` (snake_case → camelCase), so callers see what `await query` returns;
// - knex's `query`, `query-response` and `query-error` events are emitted with the SQL, so query
//   counting and logging see these statements like any other.
//
// It relies on knex's client internals below (public in its JavaScript, untyped in its .d.ts):
// bff/package.json pins knex to a minor version (`~`) for this reason, and
// test/foundation/query-runner.test.ts fails if one of them changes.

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

/** Statements kept per query: one per shape of the parameters. */
export const SHAPES_PER_QUERY = 64;

/** A value no caller passes: marks where a parameter lands among the compiled bindings. */
const PARAMETER_MARK = '\u0000strefa-parameter-';

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

/**
 * The values of `params` in a fixed walk order, and the shape that the walk met: arrays by length,
 * objects by keys, null and undefined as such (an open-ended range builds other SQL), anything
 * else as a value. Two calls with the same shape put their values in the same places.
 */
export function flattenParams(params: readonly unknown[]): { shape: string; values: unknown[] } {
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

/** A copy of `params` with each value replaced by its mark (the same walk as `flattenParams`). */
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

type Slot = { value: number } | { constant: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
}

const sameBinding = (x: unknown, y: unknown) =>
  x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : Object.is(x, y);

/** Thrown when a query's SQL depends on a value, not only on its parameters' shape. */
export class QueryShapeError extends Error {
  override name = 'QueryShapeError';
}

export interface DirectSqliteOptions {
  /**
   * Build each run's query with the real values as well and compare it with the cached
   * statement (the tests turn this on: `check the cache's assumption, do not trust it`).
   */
  verifyShapes?: boolean;
}

/** Compiles once per shape, runs on better-sqlite3 directly: see the top of this file. */
export class DirectSqliteRunner implements QueryRunner {
  readonly kind = 'direct-sqlite';
  private readonly compiled = new WeakMap<Query<never, unknown>, BoundedMap<string, Compiled>>();

  constructor(
    readonly knex: Knex,
    readonly options: DirectSqliteOptions = {},
  ) {
    if ((knex.client as KnexClientInternals).driverName !== 'better-sqlite3') {
      throw new Error('DirectSqliteRunner needs the better-sqlite3 driver');
    }
  }

  async run<Params extends unknown[], Row>(query: Query<Params, Row>, ...params: Params): Promise<Row[]> {
    const { shape, values } = flattenParams(params);
    const key = query as unknown as Query<never, unknown>;
    let shapes = this.compiled.get(key);
    if (shapes === undefined) this.compiled.set(key, (shapes = new BoundedMap(SHAPES_PER_QUERY)));
    let statement = shapes.get(shape);
    if (statement === undefined) {
      statement = this.compile(query, params, values);
      shapes.set(shape, statement);
    } else if (this.options.verifyShapes) {
      this.verify(query, params, values, statement);
    }
    const bindings = statement.slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant));
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

  /** Compiles a shape with marks in place of the values, and checks it against the real values. */
  private compile<Params extends unknown[]>(
    query: Query<Params, unknown>,
    params: Params,
    values: unknown[],
  ): Compiled {
    const builder = toKnexBuilder(query.build(this.knex, ...markParams(params)));
    if (!runsDirectly(builder)) throw new QueryShapeError(`${query.name}: the query must be a plain SELECT`);
    const { sql, bindings } = builder.toSQL().toNative();
    const slots: Slot[] = bindings.map((binding) =>
      typeof binding === 'string' && binding.startsWith(PARAMETER_MARK)
        ? { value: Number(binding.slice(PARAMETER_MARK.length)) }
        : { constant: binding },
    );
    for (let i = 0; i < values.length; i++) {
      if (!slots.some((slot) => 'value' in slot && slot.value === i)) {
        throw new QueryShapeError(`${query.name}: parameter value ${i} is not a bound value of: ${sql}`);
      }
    }
    if (sql.includes(PARAMETER_MARK))
      throw new QueryShapeError(`${query.name}: a parameter is in the SQL text: ${sql}`);
    const compiled = { sql, slots };
    this.verify(query, params, values, compiled);
    return compiled;
  }

  /**
   * The query built with the real values must give the cached SQL and the cached slots filled
   * with these values; otherwise the builder decided something on a value (a branch, a
   * computation) and the cache would run another query than the one asked for.
   */
  private verify<Params extends unknown[]>(
    query: Query<Params, unknown>,
    params: Params,
    values: unknown[],
    compiled: Compiled,
  ): void {
    const real = toKnexBuilder(query.build(this.knex, ...params))
      .toSQL()
      .toNative();
    const expected = compiled.slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant));
    if (
      real.sql !== compiled.sql ||
      real.bindings.length !== expected.length ||
      real.bindings.some((binding, i) => !sameBinding(binding, expected[i]))
    ) {
      throw new QueryShapeError(
        `${query.name}: the SQL depends on a parameter's value, not only on its shape: ${real.sql}`,
      );
    }
  }
}

export type QueryRunnerChoice = 'direct' | 'knex';

/** The runner for a database: direct on better-sqlite3 unless `knex` is asked for; knex elsewhere. */
export function createQueryRunner(
  knex: Knex,
  choice: QueryRunnerChoice = 'direct',
  options: DirectSqliteOptions = {},
): QueryRunner {
  const direct = (knex.client as KnexClientInternals).driverName === 'better-sqlite3' && choice === 'direct';
  return direct ? new DirectSqliteRunner(knex, options) : new KnexRunner(knex);
}
