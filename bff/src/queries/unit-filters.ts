/** What a person may choose on a unit's tabs (`GET /units/:id/filters`). */
import type { Knex } from 'knex';
import { defineQuery } from '../db/query-runner.ts';
import { billing } from '../db/tables.ts';
import type { MonthKeyRange, WindowBounds } from '../lib/date-windows.ts';
import { FeeComponent, LedgerDocument, Medium, Meter, Reading, Settlement } from '../models/billing.ts';
import { accessUnion, accountLookup, lookupSelect, whereAssigned, type LookupRow } from './lookups.ts';

/**
 * The access check with the unit's accounts and its meters' media (each medium once, without
 * DISTINCT: the media whose code is among the unit's meters').
 */
export const accessWithUnitLookups = defineQuery<[personId: number, unitId: number], LookupRow>(
  'accessWithUnitLookups',
  (knex, personId, unitId) => {
    const a = billing('accounts');
    const m = billing('media');
    const t = billing('meters');
    const accounts = accountLookup(knex, personId, unitId, { code: `${a}.code`, label: `${a}.purpose` });
    const mediumLookup = Medium.query(knex)
      .select(
        lookupSelect(knex, 'med', {
          position: `${m}.position`,
          name: `${m}.name`,
          code: `${m}.code`,
          label: `${m}.unit`,
        }),
      )
      .whereIn(
        `${m}.code`,
        whereAssigned(
          Meter.query(knex).select(`${t}.mediumCode`).modify('ofUnit', unitId),
          personId,
          `${t}.unitId`,
        ),
      );
    return accessUnion(knex, personId, unitId, [accounts, mediumLookup]);
  },
);

export interface DatedSpanRow {
  kind: string;
  year: unknown;
  month: unknown;
  first: unknown;
  last: unknown;
}

/**
 * One statement of typed rows, compiled once per shape of the windows: `fee` rows are (year,
 * latest month) of the fee months whose first day falls in a window; `doc`/`rdg`/`stl` rows are
 * the first and last visible date. Branches are not parenthesised (SQLite would refuse); every
 * column has one SQL type.
 */
export const datedSpans = defineQuery<
  [unitId: number, windows: WindowBounds[], keyRanges: MonthKeyRange[]],
  DatedSpanRow
>('datedSpans', (knex, unitId, windows, keyRanges) => {
  const typedNull = (type: 'integer' | 'date', alias: string) =>
    knex.raw(`cast(null as ${type}) as ??`, [alias]);
  const spanSelect = (kind: string) => [
    knex.raw(`'${kind}' as ??`, ['kind']),
    typedNull('integer', 'year'),
    typedNull('integer', 'month'),
    knex.raw('min(??) as ??', ['date', 'first']),
    knex.raw('max(??) as ??', ['date', 'last']),
  ];
  const accountsOfUnit = () => knex(billing('accounts')).select('id').where({ unitId });
  const branches: Knex.QueryBuilder[] = [
    LedgerDocument.query(knex)
      .select(spanSelect('doc'))
      .modify('inWindows', windows)
      .whereIn('accountId', accountsOfUnit())
      .toKnexQuery(),
    Reading.query(knex)
      .select(spanSelect('rdg'))
      .modify('inWindows', windows)
      .whereIn('meterId', knex(billing('meters')).select('id').where({ unitId }))
      .toKnexQuery(),
    Settlement.query(knex)
      .select(spanSelect('stl'))
      .modify('inWindows', windows)
      .whereIn('accountId', accountsOfUnit())
      .toKnexQuery(),
  ];
  if (keyRanges.length) {
    // Last, never leftmost: knex writes the leftmost builder's GROUP BY after all the UNION
    // ALL branches, where it would group the whole compound; a later branch keeps its own.
    branches.push(
      FeeComponent.query(knex)
        .select(
          knex.raw(`'fee' as ??`, ['kind']),
          knex.raw('?? as ??', ['year', 'year']),
          knex.raw('max(??) as ??', ['month', 'month']),
          typedNull('date', 'first'),
          typedNull('date', 'last'),
        )
        .modify('ofUnit', unitId)
        .modify('inMonthKeys', keyRanges)
        .groupBy('year')
        .toKnexQuery(),
    );
  }
  let datedQuery = branches[0]!;
  for (const branch of branches.slice(1)) datedQuery = datedQuery.unionAll(branch);
  return datedQuery;
});
