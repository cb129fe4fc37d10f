/**
 * How the read queries are run. A query is DEFINED once in `src/queries/<resource>.ts` with
 * `defineQuery` (a name and a function that builds a SELECT from its parameters, from the
 * Objection models); a service RUNS it with `this.queries.run(query, ...params)` and never
 * knows how. db/connection.ts picks one runner per database (`queryRunnerFor`):
 *
 * - `DirectSqliteRunner` (embedded SQLite, the default there; db/direct-sqlite-runner.ts):
 *   compiles each query once per shape of its parameters and runs the SQL directly on the
 *   pooled better-sqlite3 connection;
 * - `KnexRunner` (Oracle, and SQLite with `DB_QUERY_RUNNER=knex` for comparison;
 *   db/knex-runner.ts): compiles each query once per shape as well, with the database's own
 *   knex client (Oracle SQL on Oracle), and runs every statement through knex: its runner, pool,
 *   query timeout, driver and column mappers.
 *
 * The shape cache (db/query-shapes.ts) is the same for both, and so is its check: a builder
 * whose SQL depends on a value rather than on the shape of its parameters is refused. Both
 * answer the rows `await builder` gives (column names through the configured mappers), and
 * test/resident/query-paths.test.ts runs every query of the resident journey through both and
 * through the Oracle compiler, and compares.
 *
 * A query that is not worth defining (or one on its way here) runs with `this.queries.select(builder)`:
 * the direct path on SQLite without the shape cache, a plain await elsewhere.
 */
import type { Knex } from 'knex';
import { DirectSqliteRunner } from './direct-sqlite-runner.ts';
import { KnexRunner } from './knex-runner.ts';
import type { QueryRunner } from './query-definition.ts';
import type { ShapeOptions } from './query-shapes.ts';

export { DirectSqliteRunner, runsDirectly, type DirectSqliteOptions } from './direct-sqlite-runner.ts';
export { CompiledSelect, KnexRunner } from './knex-runner.ts';
export {
  defineQuery,
  toKnexBuilder,
  type Buildable,
  type Query,
  type QueryRunner,
} from './query-definition.ts';
export { flattenParams, QueryShapeError, SHAPES_PER_QUERY, type ShapeOptions } from './query-shapes.ts';

export type QueryRunnerChoice = 'direct' | 'knex';

/** The runner for a database: direct on better-sqlite3 unless `knex` is asked for; knex elsewhere. */
export function createQueryRunner(
  knex: Knex,
  choice: QueryRunnerChoice = 'direct',
  options: ShapeOptions = {},
): QueryRunner {
  const direct =
    (knex.client as { driverName: string }).driverName === 'better-sqlite3' && choice === 'direct';
  return direct ? new DirectSqliteRunner(knex, options) : new KnexRunner(knex, options);
}
