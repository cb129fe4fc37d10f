/** Utility settlements (Media – rozliczenia): an account's settlement documents. */
import { defineQuery } from '../db/query-runner.ts';
import type { RangeBounds } from '../lib/date-windows.ts';
import { Settlement } from '../models/billing.ts';

export interface SettlementRow {
  documentNumber: string;
  date: unknown;
  periodFrom: unknown;
  periodTo: unknown;
  name: string;
  consumptionE3: unknown;
  consumptionUnit: string;
  unitPriceE4: unknown;
  costGr: unknown;
  advancesGr: unknown;
  dueDate: unknown;
}

/** The settlement documents of an account within date ranges, in display order. */
export const settlementsInRanges = defineQuery<[accountId: number, ranges: RangeBounds[]], SettlementRow>(
  'settlementsInRanges',
  (knex, accountId, ranges) =>
    Settlement.query(knex)
      .modify('listed')
      .where({ accountId })
      .modify('inRanges', ranges)
      .modify('inDisplayOrder'),
);
