/**
 * The migrations on the embedded database: up creates every table of both schemas with the
 * columns the data layer is written against, down removes them all again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applies as billingApplies } from '../../src/db/migrations/001-billing-schema.ts';
import { migrationConfig, migrations } from '../../src/db/migrations/index.ts';
import { billing, portal, type BillingTable } from '../../src/db/tables.ts';
import { freshDatabase, rows, type FreshDatabase } from './support.ts';

/** The billing tables' columns: the contract between the generator, the Oracle views and the services. */
const BILLING_COLUMNS: Record<BillingTable, string[]> = {
  persons: ['id', 'first_name', 'last_name', 'member_number', 'email', 'phone', 'correspondence_address'],
  buildings: ['id', 'estate', 'street', 'number', 'postal_code', 'city', 'floors', 'has_lift'],
  units: ['id', 'building_id', 'kind', 'number', 'area_e2', 'persons', 'legal_title', 'bank_account'],
  assignments: ['id', 'person_id', 'unit_id', 'role', 'share', 'date_from', 'date_to'],
  fee_components: [
    'id',
    'unit_id',
    'year',
    'month',
    'position',
    'name',
    'basis',
    'quantity_e3',
    'rate_e4',
    'amount_gr',
  ],
  accounts: ['id', 'unit_id', 'purpose', 'code', 'name', 'opened_on', 'closed_on'],
  opening_balances: ['account_id', 'year', 'amount_gr'],
  documents: ['id', 'account_id', 'date', 'number', 'kind', 'description', 'debit_gr', 'credit_gr'],
  media: ['code', 'name', 'unit', 'position'],
  meters: [
    'id',
    'unit_id',
    'medium_code',
    'number',
    'location',
    'installed_on',
    'legalised_until',
    'removed_on',
  ],
  readings: ['id', 'meter_id', 'date', 'document_number', 'kind', 'value_e3', 'consumption_e3'],
  settlements: [
    'id',
    'account_id',
    'document_number',
    'date',
    'period_from',
    'period_to',
    'name',
    'consumption_e3',
    'consumption_unit',
    'unit_price_e4',
    'cost_gr',
    'advances_gr',
    'balance_gr',
    'due_date',
  ],
  freshness: ['updated_at'],
};

const billingTables = (Object.keys(BILLING_COLUMNS) as BillingTable[]).map((t) => billing(t));
const portalTables = Object.values(portal);

describe('migrations on SQLite', () => {
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function tables(): Promise<string[]> {
    const list = await rows<{ name: string }>(
      db.knex,
      `SELECT name AS name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    );
    return list.map((t) => t.name);
  }

  it('are listed in order and apply to the embedded database', () => {
    const names = migrations.map((m) => m.name);
    expect(names.slice(0, 2)).toEqual(['001-billing-schema', '002-portal-schema']);
    // Numbered, unique, and listed in the order they must run.
    expect(names.every((n) => /^\d{3}-[a-z0-9-]+$/.test(n))).toBe(true);
    expect([...new Set(names)].sort()).toEqual(names);
    expect(billingApplies(db.knex)).toBe(true);
  });

  it('create every billing and portal table with the documented columns', async () => {
    const present = await tables();
    for (const table of [...billingTables, ...portalTables]) expect(present).toContain(table);
    for (const [name, columns] of Object.entries(BILLING_COLUMNS)) {
      const info = await rows<{ name: string }>(
        db.knex,
        `PRAGMA table_info(${billing(name as BillingTable)})`,
      );
      expect(info.map((c) => c.name).sort(), name).toEqual([...columns].sort());
    }
    const [completed] = await db.knex.migrate.list(migrationConfig);
    expect((completed as { name: string }[]).map((m) => m.name)).toEqual(migrations.map((m) => m.name));
  });

  it('keep money and quantities as integers, never as REAL', async () => {
    for (const [name, columns] of Object.entries(BILLING_COLUMNS)) {
      const info = await rows<{ name: string; type: string }>(
        db.knex,
        `PRAGMA table_info(${billing(name as BillingTable)})`,
      );
      for (const column of columns.filter((c) => /_(gr|e2|e3|e4)$/.test(c))) {
        expect(info.find((c) => c.name === column)?.type, `${name}.${column}`).toMatch(/^integer$/i);
      }
      expect(
        info.some((c) => /real|float|double|decimal|numeric/i.test(c.type)),
        name,
      ).toBe(false);
    }
  });

  it('roll back completely, and come back up again', async () => {
    await db.knex.migrate.rollback(migrationConfig, true);
    const left = await tables();
    for (const table of [...billingTables, ...portalTables]) expect(left).not.toContain(table);
    // Only knex's own bookkeeping remains.
    expect(left.filter((t) => !t.startsWith('portal_migrations'))).toEqual([]);

    await db.knex.migrate.latest(migrationConfig);
    const again = await tables();
    for (const table of [...billingTables, ...portalTables]) expect(again).toContain(table);
  });
});
