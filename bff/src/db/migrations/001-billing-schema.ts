/**
 * The billing program's schema, as the portal reads it. On the embedded database (demo,
 * development, tests) these are real tables filled by the demo-data generator; on Oracle the
 * billing program owns the data and a DBA provides views of exactly these names and columns
 * (docs/oracle.md), so this migration does nothing there.
 *
 * Exact decimals are integers with their scale in the name: `*_gr` are grosze (1/100 PLN),
 * `*_e3` thousandths, `*_e4` ten-thousandths. SQLite would store a DECIMAL as a binary float.
 */
import type { Knex } from 'knex';
import { billing } from '../tables.ts';

export const name = '001-billing-schema';

export function applies(knex: Knex): boolean {
  return knex.client.config.client !== 'oracledb';
}

export async function up(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  await knex.schema.createTable(billing('persons'), (t) => {
    t.integer('id').primary();
    t.string('first_name', 60).notNullable();
    t.string('last_name', 80).notNullable();
    t.string('member_number', 20).nullable().unique();
    t.string('email', 120).nullable();
    t.string('phone', 30).nullable();
    t.string('correspondence_address', 200).nullable();
    t.index(['last_name', 'first_name']);
  });
  await knex.schema.createTable(billing('buildings'), (t) => {
    t.integer('id').primary();
    t.string('estate', 60).notNullable();
    t.string('street', 60).notNullable();
    t.string('number', 10).notNullable();
    t.string('postal_code', 6).notNullable();
    t.string('city', 40).notNullable();
    t.integer('floors').notNullable();
    t.integer('has_lift').notNullable(); // 0/1: NUMBER(1) on Oracle
    t.index(['street']);
  });
  await knex.schema.createTable(billing('units'), (t) => {
    t.integer('id').primary();
    t.integer('building_id').notNullable().references('id').inTable(billing('buildings'));
    t.string('kind', 20).notNullable(); // flat | commercial | garage | parking_space | storage
    t.string('number', 10).nullable();
    t.integer('area_e2').notNullable(); // m² × 100
    t.integer('persons').notNullable();
    t.string('legal_title', 30).notNullable();
    t.string('bank_account', 26).notNullable().unique();
    t.index(['building_id']);
  });
  await knex.schema.createTable(billing('assignments'), (t) => {
    t.integer('id').primary();
    t.integer('person_id').notNullable().references('id').inTable(billing('persons'));
    t.integer('unit_id').notNullable().references('id').inTable(billing('units'));
    t.string('role', 20).notNullable(); // member | co_owner | tenant
    t.string('share', 10).notNullable(); // "1/1", "1/2"
    t.date('date_from').notNullable();
    t.date('date_to').nullable();
    t.index(['person_id']);
    t.index(['unit_id']);
  });
  await knex.schema.createTable(billing('fee_components'), (t) => {
    t.integer('id').primary();
    t.integer('unit_id').notNullable().references('id').inTable(billing('units'));
    t.integer('year').notNullable();
    t.integer('month').notNullable();
    t.integer('position').notNullable();
    t.string('name', 100).notNullable();
    t.string('basis', 10).notNullable(); // m2 | person | unit | m3
    t.integer('quantity_e3').notNullable();
    t.integer('rate_e4').notNullable();
    t.integer('amount_gr').notNullable();
    t.index(['unit_id', 'year', 'month']);
  });
  await knex.schema.createTable(billing('accounts'), (t) => {
    t.integer('id').primary();
    t.integer('unit_id').notNullable().references('id').inTable(billing('units'));
    // ledger: a settlement account of the Księgowość tab; settlement: a media settlement account
    t.string('purpose', 10).notNullable();
    t.string('code', 10).notNullable();
    t.string('name', 100).notNullable();
    t.date('opened_on').notNullable();
    t.date('closed_on').nullable();
    t.index(['unit_id']);
  });
  await knex.schema.createTable(billing('opening_balances'), (t) => {
    t.integer('account_id').notNullable().references('id').inTable(billing('accounts'));
    t.integer('year').notNullable();
    t.integer('amount_gr').notNullable(); // bilans otwarcia at 1 January
    t.primary(['account_id', 'year']);
  });
  await knex.schema.createTable(billing('documents'), (t) => {
    t.integer('id').primary();
    t.integer('account_id').notNullable().references('id').inTable(billing('accounts'));
    t.date('date').notNullable();
    t.string('number', 30).notNullable();
    t.string('kind', 12).notNullable(); // charge | payment | interest | correction | settlement
    t.string('description', 200).notNullable();
    t.integer('debit_gr').notNullable();
    t.integer('credit_gr').notNullable();
    t.index(['account_id', 'date']);
  });
  await knex.schema.createTable(billing('media'), (t) => {
    t.string('code', 10).primary();
    t.string('name', 60).notNullable();
    t.string('unit', 10).notNullable();
    t.integer('position').notNullable();
  });
  await knex.schema.createTable(billing('meters'), (t) => {
    t.integer('id').primary();
    t.integer('unit_id').notNullable().references('id').inTable(billing('units'));
    t.string('medium_code', 10).notNullable().references('code').inTable(billing('media'));
    t.string('number', 30).notNullable();
    t.string('location', 60).notNullable();
    t.date('installed_on').notNullable();
    t.date('legalised_until').nullable();
    t.date('removed_on').nullable();
    t.index(['unit_id', 'medium_code']);
  });
  await knex.schema.createTable(billing('readings'), (t) => {
    t.integer('id').primary();
    t.integer('meter_id').notNullable().references('id').inTable(billing('meters'));
    t.date('date').notNullable();
    t.string('document_number', 30).notNullable();
    t.string('kind', 10).notNullable(); // actual | estimated | remote
    t.integer('value_e3').notNullable();
    t.integer('consumption_e3').notNullable();
    t.index(['meter_id', 'date']);
  });
  await knex.schema.createTable(billing('settlements'), (t) => {
    t.integer('id').primary();
    t.integer('account_id').notNullable().references('id').inTable(billing('accounts'));
    t.string('document_number', 30).notNullable();
    t.date('date').notNullable();
    t.date('period_from').notNullable();
    t.date('period_to').notNullable();
    t.string('name', 100).notNullable();
    t.integer('consumption_e3').notNullable();
    t.string('consumption_unit', 10).notNullable();
    t.integer('unit_price_e4').notNullable();
    t.integer('cost_gr').notNullable();
    t.integer('advances_gr').notNullable();
    t.integer('balance_gr').notNullable(); // cost − advances
    t.date('due_date').nullable();
    t.index(['account_id', 'date']);
  });
}

export async function down(knex: Knex): Promise<void> {
  if (!applies(knex)) return;
  for (const table of [
    'settlements',
    'readings',
    'meters',
    'media',
    'documents',
    'opening_balances',
    'accounts',
    'fee_components',
    'assignments',
    'units',
    'buildings',
    'persons',
  ] as const) {
    await knex.schema.dropTableIfExists(billing(table));
  }
}
