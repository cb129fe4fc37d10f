/**
 * Queries of the audit trail's readers (services/audit-service.ts runs them).
 */
import type { Knex } from 'knex';
import { portal } from '../db/tables.ts';

/** The display names of these logins (clerks and residents), for "Wykonał(a)". */
export function displayNamesQuery(knex: Knex, logins: string[]): Knex.QueryBuilder {
  return knex(portal.credentials).whereIn('login', logins).select('login', 'displayName');
}
