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
