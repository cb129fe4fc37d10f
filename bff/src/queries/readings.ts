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
  const r = billing('readings');
  const t = billing('meters');
  return Reading.query(knex)
    .join(t, `${t}.id`, `${r}.meterId`)
    .select(
      `${r}.date as date`,
      `${t}.number as number`,
      `${t}.location as location`,
      `${r}.kind as kind`,
      `${r}.valueE3 as valueE3`,
      `${r}.consumptionE3 as consumptionE3`,
    )
    .where(`${t}.unitId`, unitId)
    .where(`${t}.mediumCode`, mediumCode)
    .modify('inRanges', ranges)
    .orderBy([
      { column: `${r}.date` },
      { column: `${t}.location` },
      { column: `${t}.number` },
      { column: `${r}.id` },
    ]);
});
