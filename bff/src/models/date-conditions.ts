/**
 * Date conditions the billing models' modifiers share: a column within closed calendar ranges
 * or visibility windows, compared as half-open [from, until) with `until` the day after (computed
 * by lib/date-windows.ts before the query is built, so only plain values reach the SQL).
 */
import type { Knex } from 'knex';
import type { AnyQueryBuilder } from 'objection';
import type { RangeBounds, WindowBounds } from '../lib/date-windows.ts';

/**
 * A date value for a comparison in SQL: a bound `TO_DATE(?, 'YYYY-MM-DD')` on Oracle (a bare
 * string would depend on the session's NLS_DATE_FORMAT), the text itself on SQLite, where
 * dates are stored as `YYYY-MM-DD` text and compare correctly as strings.
 */
export function dateValue(knex: Knex, iso: string): string | Knex.Raw {
  if (knex.client.config.client === 'oracledb') return knex.raw(`TO_DATE(?, 'YYYY-MM-DD')`, [iso]);
  return iso;
}

/** Restricts `column` to the ranges (closed calendar days); no ranges matches nothing. */
export function whereInRanges<QB extends AnyQueryBuilder>(
  query: QB,
  column: string,
  ranges: readonly RangeBounds[],
): QB {
  return whereInWindows(query, column, ranges);
}

/** Restricts `column` to the windows (open-ended ones included); no windows matches nothing. */
export function whereInWindows<QB extends AnyQueryBuilder>(
  query: QB,
  column: string,
  windows: readonly WindowBounds[],
): QB {
  return whereInWindowsOf(query.knex(), query, column, windows);
}

/** `whereInRanges` for a plain knex builder (which cannot name its knex), given the knex. */
export function whereInRangesOf<QB extends Knex.QueryBuilder | AnyQueryBuilder>(
  knex: Knex,
  query: QB,
  column: string,
  ranges: readonly RangeBounds[],
): QB {
  return whereInWindowsOf(knex, query, column, ranges);
}

function whereInWindowsOf<QB extends Knex.QueryBuilder | AnyQueryBuilder>(
  knex: Knex,
  query: QB,
  column: string,
  windows: readonly WindowBounds[],
): QB {
  const builder = query as unknown as Knex.QueryBuilder;
  if (windows.length === 0) return builder.whereRaw('1 = 0') as unknown as QB;
  return builder.where((outer) => {
    for (const window of windows) {
      outer.orWhere((inner) => {
        inner.where(column, '>=', dateValue(knex, window.from));
        if (window.until !== null) inner.where(column, '<', dateValue(knex, window.until));
      });
    }
  }) as unknown as QB;
}

/**
 * A SQL condition "column within one of the ranges" with its bindings, for a CASE expression in
 * a select list (a WHERE would filter the rows out instead of sorting them into sums).
 */
export function rangesCondition(
  knex: Knex,
  column: string,
  ranges: readonly RangeBounds[],
): { sql: string; bindings: Knex.RawBinding[] } {
  if (ranges.length === 0) return { sql: '(1 = 0)', bindings: [] };
  const parts: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  for (const range of ranges) {
    parts.push('(?? >= ? and ?? < ?)');
    bindings.push(column, dateValue(knex, range.from), column, dateValue(knex, range.until));
  }
  return { sql: `(${parts.join(' or ')})`, bindings };
}
