/**
 * The queries of the consumption chart of Media – odczyty (`GET /units/:id/readings/comparison`):
 * the access check with the medium folded in, and ONE aggregate that gives, per half-year, the
 * unit's own consumption and the consumption, persons and area of the units like it in its
 * building. Functions that build a knex query from parameters; the service runs them.
 *
 * Why half-years: the cooperative reads every meter on 30 June and 31 December (and on the last
 * day of a holder who leaves), so a half-year is the reading period; a reading belongs to the
 * half-year it was taken in.
 */
import type { Knex } from 'knex';
import { billing } from '../db/tables.ts';
import {
  accessUnion,
  dateValue,
  lookupSelect,
  whereInRanges,
  type RangeBounds,
} from '../services/access-service.ts';

/** The access check (person's assignment rows on the unit) with the medium asked for. */
export function accessWithMediumQuery(
  knex: Knex,
  personId: number,
  unitId: number,
  mediumCode: string,
): Knex.QueryBuilder {
  const m = billing('media');
  return accessUnion(knex, personId, unitId, [
    knex(m)
      .select(lookupSelect(knex, 'med', { code: `${m}.code`, name: `${m}.name`, label: `${m}.unit` }))
      .where(`${m}.code`, mediumCode),
  ]);
}

/** One row of `buildingConsumptionQuery`: a half-year's figures (absent: no readings at all). */
export interface BuildingConsumptionRow {
  /** 0–3: the half-years from the first of `halfStarts` on. */
  half: unknown;
  /** Units of the building (of the unit's kind) with readings of the medium in the half-year. */
  units: unknown;
  consumptionE3: unknown;
  persons: unknown;
  areaE2: unknown;
  /** The unit's own consumption; null when it has no reading in the half-year. */
  ownConsumptionE3: unknown;
  ownPersons: unknown;
  ownAreaE2: unknown;
}

/**
 * Per half-year: how many units of the unit's building and kind have readings of the medium, the
 * sum of their consumption, persons and area, and the unit's own figures among them. Only
 * readings dated within `ranges` count (the person's assignment windows clipped to the two
 * years), so the comparison covers exactly the periods the person may see.
 *
 * `halfStarts` are the five boundaries [1 Jan Y−1, 1 Jul Y−1, 1 Jan Y, 1 Jul Y, 1 Jan Y+1).
 *
 * The readings with their half-year, an aggregate per unit and half-year (a unit has several
 * meters), then one per half-year over those joined to the units (each unit's persons and area counted once). Index
 * searches only: units(building_id), meters(unit_id, medium_code), readings(meter_id, date).
 */
export function buildingConsumptionQuery(
  knex: Knex,
  unitId: number,
  mediumCode: string,
  halfStarts: readonly [string, string, string, string, string],
  ranges: readonly RangeBounds[],
): Knex.QueryBuilder {
  const r = billing('readings');
  const m = billing('meters');
  const u = billing('units');
  const halfCase = knex.raw(`case when ?? < ? then 0 when ?? < ? then 1 when ?? < ? then 2 else 3 end`, [
    `${r}.date`,
    dateValue(knex, halfStarts[1]),
    `${r}.date`,
    dateValue(knex, halfStarts[2]),
    `${r}.date`,
    dateValue(knex, halfStarts[3]),
  ]);
  const sameBuildingAndKind = knex(`${u} as nb`)
    .select('nb.id')
    .where('nb.buildingId', knex(`${u} as me`).select('me.buildingId').where('me.id', unitId))
    .where('nb.kind', knex(`${u} as mk`).select('mk.kind').where('mk.id', unitId));
  // The half-year is computed one level below its GROUP BY: Oracle accepts a GROUP BY of a
  // column, not of an expression with bind variables (each bind is another expression to it).
  const readingRows = whereInRanges(
    knex,
    knex(r)
      .join(m, `${m}.id`, `${r}.meterId`)
      .select(
        `${m}.unitId as unitId`,
        knex.raw('? as ??', [halfCase, 'half']),
        `${r}.consumptionE3 as consumptionE3`,
      )
      .where(`${m}.mediumCode`, mediumCode)
      .whereIn(`${m}.unitId`, sameBuildingAndKind)
      .where(`${r}.date`, '>=', dateValue(knex, halfStarts[0]))
      .where(`${r}.date`, '<', dateValue(knex, halfStarts[4])),
    `${r}.date`,
    ranges,
  );
  const perUnit = knex
    .from(readingRows.as('rd'))
    .select('rd.unitId', 'rd.half')
    .sum({ consumptionE3: 'rd.consumptionE3' })
    .groupBy('rd.unitId', 'rd.half');
  return knex
    .from(perUnit.as('pu'))
    .join(`${u} as un`, 'un.id', 'pu.unitId')
    .select('pu.half')
    .select(
      knex.raw('count(*) as ??', ['units']),
      knex.raw('sum(??) as ??', ['pu.consumptionE3', 'consumptionE3']),
      knex.raw('sum(??) as ??', ['un.persons', 'persons']),
      knex.raw('sum(??) as ??', ['un.areaE2', 'areaE2']),
      knex.raw('sum(case when ?? = ? then ?? end) as ??', [
        'un.id',
        unitId,
        'pu.consumptionE3',
        'ownConsumptionE3',
      ]),
      knex.raw('sum(case when ?? = ? then ?? end) as ??', ['un.id', unitId, 'un.persons', 'ownPersons']),
      knex.raw('sum(case when ?? = ? then ?? end) as ??', ['un.id', unitId, 'un.areaE2', 'ownAreaE2']),
    )
    .groupBy('pu.half')
    .orderBy('pu.half');
}
