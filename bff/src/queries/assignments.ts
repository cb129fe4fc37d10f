/** A person's assignments to units, with each unit and its building (`GET /me`). */
import { defineQuery } from '../db/query-runner.ts';
import { billing } from '../db/tables.ts';
import { Assignment } from '../models/billing.ts';
import { unitWithBuildingColumns } from './lookups.ts';

export interface AssignmentRow {
  id: number;
  role: string;
  share: string;
  dateFrom: unknown;
  dateTo: unknown;
  unitId: number;
  kind: string;
  unitNumber: string | null;
  areaE2: number;
  persons: number;
  legalTitle: string;
  bankAccount: string;
  estate: string;
  street: string;
  buildingNumber: string;
  postalCode: string;
  city: string;
}

/** Every assignment of the person with its unit and building, oldest first. */
export const assignmentsOfPerson = defineQuery<[personId: number], AssignmentRow>(
  'assignmentsOfPerson',
  (knex, personId) => {
    const a = billing('assignments');
    const u = billing('units');
    const b = billing('buildings');
    return Assignment.query(knex)
      .join(u, `${u}.id`, `${a}.unitId`)
      .join(b, `${b}.id`, `${u}.buildingId`)
      .select(
        `${a}.id as id`,
        `${a}.role as role`,
        `${a}.share as share`,
        `${a}.dateFrom as dateFrom`,
        `${a}.dateTo as dateTo`,
        `${u}.id as unitId`,
        ...unitWithBuildingColumns(),
      )
      .modify('ofPerson', personId)
      .orderBy([
        { column: `${a}.dateFrom`, order: 'asc' },
        { column: `${u}.id`, order: 'asc' },
        { column: `${a}.id`, order: 'asc' },
      ]);
  },
);
