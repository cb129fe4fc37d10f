/**
 * The knex runner (see db/query-runner.ts): what Oracle runs, and SQLite with
 * `DB_QUERY_RUNNER=knex`. Like the direct runner it builds and compiles each defined query once
 * per shape of its parameters (db/query-shapes.ts), here with the knex client of the configured
 * database (Oracle SQL on Oracle); unlike it, every run goes through knex itself: the client's
 * runner (its events, the query timeout and its cancellation), pool, bindings preparation,
 * driver, response processing and identifier mappers, as awaiting the builder would.
 *
 * `npm run bench` profiled this path before the cache: building the Objection query, turning it
 * into a knex builder and compiling it were a fifth of a data request's CPU, and redone on every
 * request for the same few statements.
 *
 * A cached statement reaches knex's runner as a `CompiledSelect`: the few members of a builder
 * that the runner uses (`toSQL`, `emit`, `queryContext`, `timeout`), so knex's runner, the
 * query timeout's `start` listener (db/connection.ts) and the SQLite busy retry
 * (db/sqlite-busy.ts) treat it as the builder it was compiled from. These are knex internals
 * (public in its JavaScript, untyped in its .d.ts): bff/package.json pins knex to a minor version
 * (`~`) and test/foundation/query-runner.test.ts fails if one of them changes.
 */
import type { Knex } from 'knex';
import { type Buildable, type Query, type QueryRunner, toKnexBuilder } from './query-definition.ts';
import { QueryShapeError, QueryShapes, type ShapeOptions, type ShapeStatement } from './query-shapes.ts';

/** What of `builder.toSQL()` a run needs besides the SQL and bindings. */
interface SelectExtra {
  options: Record<string, unknown>;
  timeout: number | undefined;
  cancelOnTimeout: boolean;
}

/** The object `toSQL()` gives for one statement (knex's QueryCompiler). */
interface CompiledQueryObject {
  method: string;
  sql: string;
  bindings: unknown[];
  options?: Record<string, unknown>;
  timeout?: number;
  cancelOnTimeout?: boolean;
  output?: unknown;
  returning?: unknown;
}

interface KnexRunnerInternals {
  run(): Promise<unknown>;
}
interface ClientWithRunner {
  runner(builder: CompiledSelect): KnexRunnerInternals;
}

let sequence = 0;

/**
 * One run of a cached statement, in the shape of the builder it was compiled from. `query` and
 * `params` say what it is (the Oracle recorder of the tests builds the same query with the same
 * values for its SQLite twin); nothing in production reads them.
 */
export class CompiledSelect {
  _timeout: number | undefined;
  _cancelOnTimeout: boolean;

  constructor(
    readonly query: Query<unknown[], unknown>,
    readonly params: unknown[],
    private readonly statement: ShapeStatement<SelectExtra>,
    private readonly runBindings: unknown[],
    private readonly client: { assertCanCancelQuery(): void },
  ) {
    this._timeout = statement.extra.timeout;
    this._cancelOnTimeout = statement.extra.cancelOnTimeout;
  }

  /** What knex's query builder does: the query timeout of db/connection.ts calls it at `start`. */
  timeout(ms: number, { cancel }: { cancel?: boolean } = {}): this {
    if (typeof ms === 'number' && ms > 0) {
      this._timeout = ms;
      if (cancel) {
        this.client.assertCanCancelQuery();
        this._cancelOnTimeout = true;
      }
    }
    return this;
  }

  /** The query object knex's runner sends (it fills in the response; a retry asks again). */
  toSQL(): CompiledQueryObject & { __knexQueryUid: string } {
    return {
      method: 'select',
      sql: this.statement.sql,
      bindings: this.runBindings.slice(),
      options: { ...this.statement.extra.options },
      timeout: this._timeout,
      cancelOnTimeout: this._cancelOnTimeout,
      __knexQueryUid: `knex-${++sequence}`,
    };
  }

  queryContext(): undefined {
    return undefined;
  }

  /** The builder's own events: nobody can listen to this object, the client's events are emitted. */
  emit(): boolean {
    return false;
  }
}

/** The compiled statement of one build, as knex's runner would send it. */
function compileSelect(
  builder: Knex.QueryBuilder,
  query: Query<never, unknown>,
): { sql: string; bindings: readonly unknown[]; extra: SelectExtra } {
  const compiled = builder.toSQL() as unknown as CompiledQueryObject | CompiledQueryObject[];
  if (
    Array.isArray(compiled) ||
    compiled.method !== 'select' ||
    compiled.output !== undefined ||
    compiled.returning !== undefined
  ) {
    throw new QueryShapeError(`${query.name}: the query must be a plain SELECT`);
  }
  return {
    sql: compiled.sql,
    bindings: compiled.bindings,
    extra: {
      options: compiled.options ?? {},
      timeout: compiled.timeout,
      cancelOnTimeout: compiled.cancelOnTimeout ?? false,
    },
  };
}

/**
 * Compiles once per shape with the database's knex client and runs every statement through
 * knex: see the top of this file. Built on a transaction (`new KnexRunner(trx)`), its queries
 * run on the transaction's connection.
 */
export class KnexRunner implements QueryRunner {
  readonly kind = 'knex';
  private readonly shapes: QueryShapes<SelectExtra>;

  constructor(
    readonly knex: Knex,
    readonly options: ShapeOptions = {},
  ) {
    this.shapes = new QueryShapes(knex, compileSelect, options);
  }

  async run<Params extends unknown[], Row>(query: Query<Params, Row>, ...params: Params): Promise<Row[]> {
    const { statement, bindings } = this.shapes.prepare(query, params);
    const client = this.knex.client as unknown as ClientWithRunner & { assertCanCancelQuery(): void };
    const select = new CompiledSelect(
      query as unknown as Query<unknown[], unknown>,
      params,
      statement,
      bindings,
      client,
    );
    return (await client.runner(select).run()) as Row[];
  }

  async select<Row>(builder: Buildable): Promise<Row[]> {
    return (await toKnexBuilder(builder)) as Row[];
  }
}
