/**
 * `billing_freshness`: one row, the instant the billing data were last brought up to date (the
 * billing program's last posting or import). Every data answer carries it as `asOf`, and the
 * widgets say so when it is older than STALE_AFTER_HOURS.
 *
 * On the embedded database it is a table the demo-data generator fills; on Oracle it is a
 * one-row view the DBA points at the billing program's own record of its last posting
 * (docs/oracle.md, bff/sql/oracle/03-billing-views-example.sql), so this migration does nothing
 * there, like 001. The instant is ISO 8601 text with its offset on SQLite (SQLite has no
 * timestamp type); Oracle's view gives a TIMESTAMP WITH TIME ZONE or a DATE in the server's zone.
 */
import type { Knex } from 'knex';
import { billing } from '../tables.ts';
import { applies } from './001-billing-schema.ts';

export const name = '006-freshness';

export async function up(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  await knex.schema.createTable(billing('freshness'), (t) => {
    t.string('updated_at', 40).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  await knex.schema.dropTableIfExists(billing('freshness'));
}
