/**
 * The query of the Media – rozliczenia chart (`GET /units/:id/settlements/history`): the
 * settlement documents of one account dated within date ranges (the person's windows clipped
 * to the last years), oldest first, in one index search on settlements(account_id, date).
 */
import type { Knex } from 'knex';
import { billing } from '../db/tables.ts';
import { whereInRanges, type RangeBounds } from '../services/access-service.ts';

export interface SettlementHistoryRow {
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

export function settlementsInRangesQuery(
  knex: Knex,
  accountId: number,
  ranges: readonly RangeBounds[],
): Knex.QueryBuilder {
  return whereInRanges(
    knex,
    knex(billing('settlements'))
      .select(
        'documentNumber',
        'date',
        'periodFrom',
        'periodTo',
        'name',
        'consumptionE3',
        'consumptionUnit',
        'unitPriceE4',
        'costGr',
        'advancesGr',
        'dueDate',
      )
      .where({ accountId }),
    'date',
    ranges,
  ).orderBy([{ column: 'periodFrom' }, { column: 'date' }, { column: 'id' }]);
}
