/** Meter readings (Media – odczyty): the medium asked for, and a unit's readings of it. */
import { defineQuery } from '../db/query-runner.ts';
import { billing } from '../db/tables.ts';
import type { RangeBounds } from '../lib/date-windows.ts';
import { Medium, Reading } from '../models/billing.ts';
import { accessUnion, lookupSelect, type LookupRow } from './lookups.ts';

/**
 * The access check with the medium asked for. The medium is a dictionary row, not the unit's:
 * folded into the access query only to save a round trip; the unit is still decided first
 * (404 before 400 for an unknown medium).
 */
export const accessWithMedium = defineQuery<
  [personId: number, unitId: number, mediumCode: string],
  LookupRow
>('accessWithMedium', (knex, personId, unitId, mediumCode) => {
  const m = billing('media');
  return accessUnion(knex, personId, unitId, [
    Medium.query(knex)
      .select(lookupSelect(knex, 'med', { code: `${m}.code`, name: `${m}.name`, label: `${m}.unit` }))
      .where(`${m}.code`, mediumCode),
  ]);
});

export interface ReadingRow {
  date: unknown;
  number: string;
  location: string;
  kind: string;
  valueE3: unknown;
  consumptionE3: unknown;
}

/** The readings of a unit's meters of one medium within date ranges, in display order. */
export const readingsInRanges = defineQuery<
  [unitId: number, mediumCode: string, ranges: RangeBounds[]],
  ReadingRow
>('readingsInRanges', (knex, unitId, mediumCode, ranges) => {
  return Reading.query(knex)
    .modify('withMeter')
    .modify('listed')
    .where(`${billing('meters')}.unitId`, unitId)
    .where(`${billing('meters')}.mediumCode`, mediumCode)
    .modify('inRanges', ranges)
    .modify('inDisplayOrder');
});
