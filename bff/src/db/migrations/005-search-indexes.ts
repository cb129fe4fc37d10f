/**
 * Indexes for the clerk's people search (bff/src/queries/people.ts) on the embedded database: the
 * surname, first name and street *folded* (upper case, Polish letters without marks), so that
 * "Kaminska", "KAMIŃSKA" and "kamińska" find Kamińska through an index range scan instead of
 * reading every person. The expression is `foldedColumn()`'s, character for character: SQLite
 * uses an index on an expression only for that very expression.
 *
 * On Oracle the billing tables are the billing program's views; the equivalent function-based
 * indexes are the DBA's to create on the tables under them (bff/sql/oracle/05-search-indexes.sql,
 * docs/oracle-indexes.md), so this migration does nothing there, like 001 and 003.
 */
import type { Knex } from 'knex';
import { foldedColumn } from '../folding.ts';
import { billing } from '../tables.ts';
import { applies } from './001-billing-schema.ts';

export const name = '005-search-indexes';

const INDEXES = [
  { table: 'persons', column: 'last_name', name: 'ix_per_last_fold' },
  { table: 'persons', column: 'first_name', name: 'ix_per_first_fold' },
  { table: 'buildings', column: 'street', name: 'ix_bld_street_fold' },
] as const;

export async function up(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const index of INDEXES) {
    const expression = foldedColumn(knex, index.column).toSQL().toNative();
    await knex.raw(`create index if not exists ?? on ?? (${expression.sql})`, [
      index.name,
      billing(index.table),
    ]);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const index of INDEXES) await knex.raw('drop index if exists ??', [index.name]);
}
