/**
 * The query of the Czynsz chart (`GET /units/:id/charges/history`): every fee component of a
 * unit in the calendar years a run of months touches, in one index range search on
 * fee_components(unit_id, year, month). The service keeps the months it asked for and the
 * person's windows allow; 24 months touch at most three years, so at most a few hundred rows.
 */
import type { Knex } from 'knex';
import { billing } from '../db/tables.ts';

export interface FeeComponentHistoryRow {
  year: unknown;
  month: unknown;
  name: string;
  basis: string;
  quantityE3: unknown;
  rateE4: unknown;
  amountGr: unknown;
}

export function feeComponentsOfYearsQuery(
  knex: Knex,
  unitId: number,
  fromYear: number,
  toYear: number,
): Knex.QueryBuilder {
  return knex(billing('fee_components'))
    .select('year', 'month', 'name', 'basis', 'quantityE3', 'rateE4', 'amountGr')
    .where('unitId', unitId)
    .where('year', '>=', fromYear)
    .where('year', '<=', toYear)
    .orderBy([{ column: 'year' }, { column: 'month' }, { column: 'position' }, { column: 'id' }]);
}
