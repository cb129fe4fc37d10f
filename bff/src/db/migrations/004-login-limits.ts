/**
 * Login protection that must hold across instances, so it lives in the database:
 *
 * - `portal_rate_limits`: attempt counters per client address and per typed login, one row per
 *   key and fixed window (`window_start`, epoch ms). A flood from one address is answered 429
 *   before any password is hashed, on every instance alike.
 * - `portal_credentials.previous_password_hash`: the hash a reset or a change replaced, so that the
 *   next own password cannot be the one used before the reset.
 *
 * bff/sql/oracle/02-portal-tables.sql has the same DDL for DBAs.
 */
import type { Knex } from 'knex';
import { portal } from '../tables.ts';

export const name = '004-login-limits';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(portal.rateLimits, (t) => {
    // `a:` + client address or `l:` + normalised login (128 + 2), see services/login-limits.ts.
    t.string('bucket_key', 140).notNullable();
    t.bigInteger('window_start').notNullable();
    t.integer('hits').notNullable();
    t.primary(['bucket_key', 'window_start']);
    t.index(['window_start'], 'ix_rate_window');
  });
  await knex.schema.alterTable(portal.credentials, (t) => {
    t.string('previous_password_hash', 200).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable(portal.credentials, (t) => {
    t.dropColumn('previous_password_hash');
  });
  await knex.schema.dropTableIfExists(portal.rateLimits);
}
