/**
 * The compiled SQL of a defined query, kept per *shape* of its parameters: both runners
 * (db/query-runner.ts) build a query's SQL once per shape and then only fill in the values.
 *
 * A shape is what the walk of the parameters meets besides the values: arrays by length, objects
 * by keys, null and undefined as such (an open-ended range builds other SQL). A new shape is
 * built with a mark in place of every value, so the compiled bindings say where each value goes,
 * and then built again with the real values and compared: a builder that branched or computed
 * on a value is refused (`QueryShapeError`) instead of cached. With `verifyShapes` (the tests)
 * every run is compared this way, not only a shape's first.
 */
import type { Knex } from 'knex';
import { BoundedMap } from '../lib/bounded-map.ts';
import { toKnexBuilder, type Query } from './query-definition.ts';

/** Statements kept per query: one per shape of the parameters. */
export const SHAPES_PER_QUERY = 64;

/** A value no caller passes: marks where a parameter lands among the compiled bindings. */
const PARAMETER_MARK = '\u0000strefa-parameter-';

/**
 * The values of `params` in a fixed walk order, and the shape that the walk met: arrays by length,
 * objects by keys, null and undefined as such (an open-ended range builds other SQL), anything
 * else as a value. Two calls with the same shape put their values in the same places.
 */
export function flattenParams(params: readonly unknown[]): { shape: string; values: unknown[] } {
  const values: unknown[] = [];
  let shape = '';
  for (let i = 0; i < params.length; i++) {
    if (i > 0) shape += ';';
    shape += shapeOf(params[i], values);
  }
  return { shape, values };
}

/**
 * One parameter's shape, its values pushed onto `values`. A module function, not a closure made
 * per call: this runs for every query, and the server's loader (tsx, esbuild's `keepNames`) wraps
 * each named closure in a helper call when it is created.
 */
function shapeOf(value: unknown, values: unknown[]): string {
  if (value === null || value === undefined) return 'n';
  if (Array.isArray(value)) {
    let shape = '[';
    for (let i = 0; i < value.length; i++) shape += (i > 0 ? ',' : '') + shapeOf(value[i], values);
    return `${shape}]`;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    let shape = '{';
    let first = true;
    for (const key of Object.keys(value)) {
      shape += `${first ? '' : ','}${key}:${shapeOf((value as Record<string, unknown>)[key], values)}`;
      first = false;
    }
    return `${shape}}`;
  }
  values.push(value);
  return 'v';
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

/** Thrown when a query's SQL depends on a value, not only on its parameters' shape. */
export class QueryShapeError extends Error {
  override name = 'QueryShapeError';
}

/**
 * A builder compiled the way a runner sends it (the direct runner: knex's native form; the knex
 * runner: `toSQL()`, which knex's client positions and prepares itself), with whatever else of
 * the compilation the runner needs (`extra`: the same for every build of the shape).
 */
export interface CompiledBuilder<Extra> {
  sql: string;
  bindings: readonly unknown[];
  extra: Extra;
}

type Slot = { value: number } | { constant: unknown };

/** One shape's statement: its SQL, where each binding comes from, and the runner's extra. */
export interface ShapeStatement<Extra> {
  sql: string;
  slots: Slot[];
  extra: Extra;
}

const sameBinding = (x: unknown, y: unknown) =>
  x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : Object.is(x, y);

export interface ShapeOptions {
  /**
   * Build each run's query with the real values as well and compare it with the cached
   * statement (the tests turn this on: `check the cache's assumption, do not trust it`).
   */
  verifyShapes?: boolean;
}

/** The statements of one runner's queries, per shape. */
export class QueryShapes<Extra> {
  private readonly statements = new WeakMap<
    Query<never, unknown>,
    BoundedMap<string, ShapeStatement<Extra>>
  >();

  /**
   * `compile` turns one build of a query into what the runner sends; it throws a
   * `QueryShapeError` for a builder the runner cannot run from a cached statement.
   */
  constructor(
    private readonly knex: Knex,
    private readonly compile: (
      builder: Knex.QueryBuilder,
      query: Query<never, unknown>,
    ) => CompiledBuilder<Extra>,
    readonly options: ShapeOptions = {},
  ) {}

  /** The statement of the parameters' shape (compiled and checked on its first use) and this run's bindings. */
  prepare<Params extends unknown[]>(
    query: Query<Params, unknown>,
    params: Params,
  ): { statement: ShapeStatement<Extra>; bindings: unknown[] } {
    const { shape, values } = flattenParams(params);
    const key = query as unknown as Query<never, unknown>;
    let shapes = this.statements.get(key);
    if (shapes === undefined) this.statements.set(key, (shapes = new BoundedMap(SHAPES_PER_QUERY)));
    let statement = shapes.get(shape);
    if (statement === undefined) {
      statement = this.compileShape(query, params, values);
      shapes.set(shape, statement);
    } else if (this.options.verifyShapes) {
      this.verify(query, params, values, statement);
    }
    const bindings = statement.slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant));
    return { statement, bindings };
  }

  private build<Params extends unknown[]>(query: Query<Params, unknown>, params: Params) {
    return this.compile(
      toKnexBuilder(query.build(this.knex, ...params)),
      query as unknown as Query<never, unknown>,
    );
  }

  /** Compiles a shape with marks in place of the values, and checks it against the real values. */
  private compileShape<Params extends unknown[]>(
    query: Query<Params, unknown>,
    params: Params,
    values: unknown[],
  ): ShapeStatement<Extra> {
    const { sql, bindings, extra } = this.build(query, markParams(params));
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
    const statement = { sql, slots, extra };
    this.verify(query, params, values, statement);
    return statement;
  }

  /**
   * The query built with the real values must give the cached SQL (and extra) and the cached
   * slots filled with these values; otherwise the builder decided something on a value (a
   * branch, a computation) and the cache would run another query than the one asked for.
   */
  private verify<Params extends unknown[]>(
    query: Query<Params, unknown>,
    params: Params,
    values: unknown[],
    statement: ShapeStatement<Extra>,
  ): void {
    const real = this.build(query, params);
    const expected = statement.slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant));
    if (
      real.sql !== statement.sql ||
      JSON.stringify(real.extra) !== JSON.stringify(statement.extra) ||
      real.bindings.length !== expected.length ||
      real.bindings.some((binding, i) => !sameBinding(binding, expected[i]))
    ) {
      throw new QueryShapeError(
        `${query.name}: the SQL depends on a parameter's value, not only on its shape: ${real.sql}`,
      );
    }
  }
}
