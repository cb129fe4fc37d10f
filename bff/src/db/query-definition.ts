/**
 * What a read query is, for the services and the runners (db/query-runner.ts): a name and a
 * function that builds a SELECT from its parameters, from the Objection models.
 */
import type { Knex } from 'knex';

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
 * Both runners check this on every first compilation of a shape, and on every run when built
 * with `verifyShapes` (the tests).
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
