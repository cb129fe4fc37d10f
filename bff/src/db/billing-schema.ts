/**
 * The billing program's schema as the portal reads it: every table's columns in order, their
 * types and keys, and the indexes. One definition for the embedded database's migration
 * (migrations/001-billing-schema.ts), the demo-data generator's INSERT statements and the
 * migration test; on Oracle a DBA provides views of exactly these names and columns
 * (docs/oracle.md). The models (models/billing.ts) name the same columns in camelCase.
 *
 * Exact decimals are integers with their scale in the name: `*_gr` are grosze (1/100 PLN),
 * `*_e2` hundredths, `*_e3` thousandths, `*_e4` ten-thousandths. SQLite would store a DECIMAL as
 * a binary float.
 */
import type { BillingTable } from './tables.ts';

export interface ColumnSpec {
  name: string;
  type: 'integer' | 'date' | { string: number };
  nullable?: boolean;
  /** The single-column primary key. */
  primary?: boolean;
  unique?: boolean;
  references?: { table: BillingTable; column: string };
}

export interface TableSpec {
  columns: ColumnSpec[];
  /** A primary key of several columns. */
  primaryKey?: string[];
  indexes?: string[][];
  /** A table a later migration added (001 creates only the others; that migration creates it). */
  addedBy?: string;
}

const id = (): ColumnSpec => ({ name: 'id', type: 'integer', primary: true });
const int = (name: string, more: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type: 'integer',
  ...more,
});
const text = (name: string, length: number, more: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type: { string: length },
  ...more,
});
const date = (name: string, more: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, type: 'date', ...more });
const ref = (table: BillingTable, column = 'id') => ({ references: { table, column } });

/** Every billing table, parents before children (the order of BILLING_TABLES). */
export const BILLING_SCHEMA: Record<BillingTable, TableSpec> = {
  persons: {
    columns: [
      id(),
      text('first_name', 60),
      text('last_name', 80),
      text('member_number', 20, { nullable: true, unique: true }),
      text('email', 120, { nullable: true }),
      text('phone', 30, { nullable: true }),
      text('correspondence_address', 200, { nullable: true }),
    ],
    indexes: [['last_name', 'first_name']],
  },
  buildings: {
    columns: [
      id(),
      text('estate', 60),
      text('street', 60),
      text('number', 10),
      text('postal_code', 6),
      text('city', 40),
      int('floors'),
      int('has_lift'), // 0/1: NUMBER(1) on Oracle
    ],
    indexes: [['street']],
  },
  units: {
    columns: [
      id(),
      int('building_id', ref('buildings')),
      text('kind', 20), // flat | commercial | garage | parking_space | storage
      text('number', 10, { nullable: true }),
      int('area_e2'), // m² × 100
      int('persons'),
      text('legal_title', 30),
      text('bank_account', 26, { unique: true }),
    ],
    indexes: [['building_id']],
  },
  assignments: {
    columns: [
      id(),
      int('person_id', ref('persons')),
      int('unit_id', ref('units')),
      text('role', 20), // member | co_owner | tenant
      text('share', 10), // "1/1", "1/2"
      date('date_from'),
      date('date_to', { nullable: true }),
    ],
    indexes: [['person_id'], ['unit_id']],
  },
  fee_components: {
    columns: [
      id(),
      int('unit_id', ref('units')),
      int('year'),
      int('month'),
      int('position'),
      text('name', 100),
      text('basis', 10), // m2 | person | unit | m3
      int('quantity_e3'),
      int('rate_e4'),
      int('amount_gr'),
    ],
    indexes: [['unit_id', 'year', 'month']],
  },
  accounts: {
    columns: [
      id(),
      int('unit_id', ref('units')),
      // ledger: an account of the Księgowość tab; settlement: a media settlement account
      text('purpose', 10),
      text('code', 10),
      text('name', 100),
      date('opened_on'),
      date('closed_on', { nullable: true }),
    ],
    indexes: [['unit_id']],
  },
  opening_balances: {
    columns: [
      int('account_id', ref('accounts')),
      int('year'),
      int('amount_gr'), // bilans otwarcia at 1 January
    ],
    primaryKey: ['account_id', 'year'],
  },
  documents: {
    columns: [
      id(),
      int('account_id', ref('accounts')),
      date('date'),
      text('number', 30),
      text('kind', 12), // charge | payment | interest | correction | settlement
      text('description', 200),
      int('debit_gr'),
      int('credit_gr'),
    ],
    indexes: [['account_id', 'date']],
  },
  media: {
    columns: [
      { name: 'code', type: { string: 10 }, primary: true },
      text('name', 60),
      text('unit', 10),
      int('position'),
    ],
  },
  meters: {
    columns: [
      id(),
      int('unit_id', ref('units')),
      text('medium_code', 10, ref('media', 'code')),
      text('number', 30),
      text('location', 60),
      date('installed_on'),
      date('legalised_until', { nullable: true }),
      date('removed_on', { nullable: true }),
    ],
    indexes: [['unit_id', 'medium_code']],
  },
  readings: {
    columns: [
      id(),
      int('meter_id', ref('meters')),
      date('date'),
      text('document_number', 30),
      text('kind', 10), // actual | estimated | remote
      int('value_e3'),
      int('consumption_e3'),
    ],
    indexes: [['meter_id', 'date']],
  },
  settlements: {
    columns: [
      id(),
      int('account_id', ref('accounts')),
      text('document_number', 30),
      date('date'),
      date('period_from'),
      date('period_to'),
      text('name', 100),
      int('consumption_e3'),
      text('consumption_unit', 10),
      int('unit_price_e4'),
      int('cost_gr'),
      int('advances_gr'),
      int('balance_gr'), // cost − advances
      date('due_date', { nullable: true }),
    ],
    indexes: [['account_id', 'date']],
  },
  // One row: when the billing data were last brought up to date (ISO 8601 with offset), `asOf`.
  freshness: { columns: [text('updated_at', 40)], addedBy: '006-freshness' },
};

/** The column names of a billing table, in order (snake_case, as in the database). */
export function billingColumns(table: BillingTable): string[] {
  return BILLING_SCHEMA[table].columns.map((column) => column.name);
}
