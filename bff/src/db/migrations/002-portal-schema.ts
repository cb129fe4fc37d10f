/**
 * The portal's own tables: login credentials, lockout counters, sessions and the audit trail.
 * They exist on every database (on Oracle too; bff/sql/oracle/ has the same DDL for DBAs).
 * Booleans are NUMBER(1)-style integers and instants are epoch milliseconds, so the same
 * queries run unchanged on SQLite and Oracle.
 */
import type { Knex } from 'knex';
import { portal } from '../tables.ts';

export const name = '002-portal-schema';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable(portal.credentials, (t) => {
    t.string('login', 40).primary(); // never changes
    t.string('role', 10).notNullable(); // resident | clerk
    t.integer('person_id').nullable().unique(); // billing person; null for clerks
    t.string('display_name', 120).notNullable();
    t.string('password_hash', 200).notNullable(); // scrypt-kdf, base64, parameters inside
    t.integer('must_change_password').notNullable().defaultTo(1);
    t.bigInteger('one_time_expires_at').nullable(); // ms; set while the password is a start one
    t.bigInteger('created_at').notNullable();
    t.string('created_by', 40).nullable();
    t.bigInteger('password_changed_at').nullable();
    t.bigInteger('last_login_at').nullable();
  });
  // Keyed by the login as typed (normalised), known or not, so unknown logins lock the same way.
  await knex.schema.createTable(portal.loginThrottle, (t) => {
    t.string('login_key', 128).primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.integer('lock_count').notNullable().defaultTo(0);
    t.bigInteger('locked_until').nullable();
    t.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable(portal.sessions, (t) => {
    t.string('id', 64).primary(); // SHA-256 of the cookie's session id: a leaked table logs no one in
    t.string('login', 40).nullable().index();
    t.text('data').notNullable();
    t.bigInteger('expires_at').notNullable().index();
    t.bigInteger('created_at').notNullable();
  });
  await knex.schema.createTable(portal.auditEvents, (t) => {
    t.increments('id').primary();
    t.bigInteger('at').notNullable();
    t.string('actor', 40).nullable();
    t.string('action', 30).notNullable();
    t.string('target', 40).nullable();
    t.string('ip', 45).nullable();
    t.string('detail', 400).nullable();
    t.index(['target', 'at']);
    t.index(['actor', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(portal.auditEvents);
  await knex.schema.dropTableIfExists(portal.sessions);
  await knex.schema.dropTableIfExists(portal.loginThrottle);
  await knex.schema.dropTableIfExists(portal.credentials);
}
