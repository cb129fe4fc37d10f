/**
 * Indexes for the resident's lookups on a large embedded database (20,000 units, ten years:
 * millions of documents and readings), beyond those 001 creates with its tables:
 *
 * - assignments(person_id, unit_id, date_from): the access check of every unit-scoped request
 *   and `GET /me` read only this index (001 has person_id and unit_id apart).
 * - accounts(unit_id, purpose, code): the visible accounts of a unit, already in display order.
 * - documents(account_id, date, debit_gr, credit_gr): the year's turnover of an account is summed
 *   from the index alone, without visiting the table rows.
 * - meters(unit_id, medium_code) and readings(meter_id, date), settlements(account_id, date),
 *   fee_components(unit_id, year, month) and opening_balances(account_id, year) come from 001.
 *
 * On Oracle the billing tables are the billing program's views (docs/oracle.md): indexes belong
 * to the tables under them and their owner, so this migration does nothing there, like 001.
 */
import type { Knex } from 'knex';
import { billing } from '../tables.ts';
import { applies } from './001-billing-schema.ts';

export const name = '003-indexes';

/** Index names: explicit and short, well under Oracle's 128-byte (and old 30-byte) limit. */
const INDEXES = [
  { table: 'assignments', columns: ['person_id', 'unit_id', 'date_from'], name: 'ix_asg_person_unit' },
  { table: 'accounts', columns: ['unit_id', 'purpose', 'code'], name: 'ix_acc_unit_purpose' },
  {
    table: 'documents',
    columns: ['account_id', 'date', 'debit_gr', 'credit_gr'],
    name: 'ix_doc_acc_date_amt',
  },
] as const;

export async function up(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const index of INDEXES) {
    await knex.schema.alterTable(billing(index.table), (t) => {
      t.index([...index.columns], index.name);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const index of INDEXES) {
    await knex.schema.alterTable(billing(index.table), (t) => {
      t.dropIndex([...index.columns], index.name);
    });
  }
}
