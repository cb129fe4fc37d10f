/** A person's own data (Dane osobowe). */
import { defineQuery } from '../db/query-runner.ts';
import { Person } from '../models/billing.ts';

export interface PersonRow {
  firstName: string;
  lastName: string;
  memberNumber: string | null;
  email: string | null;
  phone: string | null;
  correspondenceAddress: string | null;
}

/** The person's own data (`GET /me`). */
export const personById = defineQuery<[personId: number], PersonRow>('personById', (knex, personId) =>
  Person.query(knex)
    .select('firstName', 'lastName', 'memberNumber', 'email', 'phone', 'correspondenceAddress')
    .where({ id: personId })
    .limit(1),
);
