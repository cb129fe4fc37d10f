/**
 * The billing program's schema, as the portal reads it. On the embedded database (demo,
 * development, tests) these are real tables filled by the demo-data generator; on Oracle the
 * billing program owns the data and a DBA provides views of exactly these names and columns
 * (docs/oracle.md), so this migration does nothing there. The tables, columns, keys and
 * indexes are those of billing-schema.ts (one definition for this migration, the demo-data
 * generator and the tests); a later change to the schema is a new migration.
 */
import type { Knex } from 'knex';
import { BILLING_SCHEMA } from '../billing-schema.ts';
import { billing, BILLING_TABLES, type BillingTable } from '../tables.ts';

export const name = '001-billing-schema';

export function applies(knex: Knex): boolean {
  return knex.client.config.client !== 'oracledb';
}

export async function up(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const table of BILLING_TABLES) {
    const spec = BILLING_SCHEMA[table];
    if (spec.addedBy) continue;
    await createBillingTable(knex, table);
  }
}

/** Creates one billing table as the schema definition describes it. */
export async function createBillingTable(knex: Knex, table: BillingTable): Promise<void> {
  const spec = BILLING_SCHEMA[table];
  await knex.schema.createTable(billing(table), (t) => {
    for (const column of spec.columns) {
      const builder =
        column.type === 'integer'
          ? t.integer(column.name)
          : column.type === 'date'
            ? t.date(column.name)
            : t.string(column.name, column.type.string);
      if (column.primary) builder.primary();
      else if (column.nullable) builder.nullable();
      else builder.notNullable();
      if (column.unique) builder.unique();
      if (column.references)
        builder.references(column.references.column).inTable(billing(column.references.table));
    }
    if (spec.primaryKey) t.primary(spec.primaryKey);
    for (const index of spec.indexes ?? []) t.index(index);
  });
}

export async function down(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const table of [...BILLING_TABLES].reverse()) {
    if (!BILLING_SCHEMA[table].addedBy) await knex.schema.dropTableIfExists(billing(table));
  }
}
