/** Ledger documents (Księgowość): an account's documents, and a year's sums per account. */
import { defineQuery } from '../db/query-runner.ts';
import type { RangeBounds } from '../lib/date-windows.ts';
import { Account, LedgerDocument } from '../models/billing.ts';
import { dateValue, rangesCondition } from '../models/date-conditions.ts';

export interface DocumentRow {
  id: number;
  date: unknown;
  number: string;
  kind: string;
  description: string;
  debitGr: unknown;
  creditGr: unknown;
}

/** The documents of an account within date ranges, in date order. */
export const documentsInRanges = defineQuery<[accountId: number, ranges: RangeBounds[]], DocumentRow>(
  'documentsInRanges',
  (knex, accountId, ranges) =>
    LedgerDocument.query(knex)
      .modify('listed')
      .where({ accountId })
      .modify('inRanges', ranges)
      .modify('inDisplayOrder'),
);

export interface YearSumsRow {
  accountId: number;
  beforeGr: unknown;
  debitGr: unknown;
  creditGr: unknown;
}

/**
 * One aggregate over a year's documents of the unit's ledger accounts: the movements before the
 * first visible day (`beforeGr`), and the turnover within the visible ranges.
 */
export const ledgerYearSums = defineQuery<
  [unitId: number, firstVisible: string, year: RangeBounds, ranges: RangeBounds[]],
  YearSumsRow
>('ledgerYearSums', (knex, unitId, firstVisible, year, ranges) => {
  const inRanges = rangesCondition(knex, 'date', ranges);
  return LedgerDocument.query(knex)
    .select('accountId')
    .select(
      knex.raw('sum(case when ?? < ? then ?? - ?? else 0 end) as ??', [
        'date',
        dateValue(knex, firstVisible),
        'debitGr',
        'creditGr',
        'beforeGr',
      ]),
      knex.raw(`sum(case when ${inRanges.sql} then ?? else 0 end) as ??`, [
        ...inRanges.bindings,
        'debitGr',
        'debitGr',
      ]),
      knex.raw(`sum(case when ${inRanges.sql} then ?? else 0 end) as ??`, [
        ...inRanges.bindings,
        'creditGr',
        'creditGr',
      ]),
    )
    .whereIn(
      'accountId',
      Account.query(knex).select('id').modify('ofUnit', unitId).modify('withPurpose', 'ledger'),
    )
    .modify('inRanges', [year])
    .groupBy('accountId');
});
