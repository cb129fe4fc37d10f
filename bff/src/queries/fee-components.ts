/** Fee components (Czynsz): a month's lines of a unit. */
import { defineQuery } from '../db/query-runner.ts';
import { FeeComponent } from '../models/billing.ts';

export interface FeeComponentRow {
  name: string;
  basis: string;
  quantityE3: unknown;
  rateE4: unknown;
  amountGr: unknown;
}

/** A month's fee components in their billing order. */
export const feeComponentsOfMonth = defineQuery<
  [unitId: number, year: number, month: number],
  FeeComponentRow
>('feeComponentsOfMonth', (knex, unitId, year, month) =>
  FeeComponent.query(knex)
    .select('name', 'basis', 'quantityE3', 'rateE4', 'amountGr')
    .modify('ofUnit', unitId)
    .modify('inMonth', year, month)
    .orderBy([{ column: 'position' }, { column: 'id' }]),
);

export interface PersonsChargedRow {
  unitId: number;
  year: number;
  month: number;
  quantityE3: unknown;
}

/**
 * The persons charged for in given months of given units: the quantity of the fee lines billed
 * per person (`basis` = person, one per person), for what a former holder may still see of a
 * unit as of the end of their assignment (services/resident-service.ts).
 */
export const personsChargedInMonths = defineQuery<
  [months: { unitId: number; year: number; month: number }[]],
  PersonsChargedRow
>('personsChargedInMonths', (knex, months) =>
  FeeComponent.query(knex)
    .select('unitId', 'year', 'month')
    .max('quantityE3 as quantityE3')
    .where('basis', 'person')
    .where((outer) => {
      if (months.length === 0) outer.whereRaw('1 = 0');
      for (const { unitId, year, month } of months) {
        outer.orWhere((inner) => {
          inner.where('unitId', unitId).modify('inMonth', year, month);
        });
      }
    })
    .groupBy('unitId', 'year', 'month'),
);
