/** The access check of a unit: the person's assignment rows on it, alone or with one account. */
import { defineQuery } from '../db/query-runner.ts';
import { billing } from '../db/tables.ts';
import { Assignment } from '../models/billing.ts';
import { accessUnion, accountLookup, type LookupRow } from './lookups.ts';

export interface AssignmentDatesRow {
  dateFrom: unknown;
  dateTo: unknown;
}

/** The person's assignment rows on a unit: one indexed search on assignments(person_id, unit_id). */
export const assignmentDates = defineQuery<[personId: number, unitId: number], AssignmentDatesRow>(
  'assignmentDates',
  (knex, personId, unitId) =>
    Assignment.query(knex).select('dateFrom', 'dateTo').modify('ofPerson', personId).modify('onUnit', unitId),
);

/** The access check with the one account asked for (of this unit and purpose). */
export const accessWithAccount = defineQuery<
  [personId: number, unitId: number, accountId: number, purpose: 'ledger' | 'settlement'],
  LookupRow
>('accessWithAccount', (knex, personId, unitId, accountId, purpose) => {
  const lookup = accountLookup(knex, personId, unitId)
    .where(`${billing('accounts')}.id`, accountId)
    .modify('withPurpose', purpose);
  return accessUnion(knex, personId, unitId, [lookup]);
});
