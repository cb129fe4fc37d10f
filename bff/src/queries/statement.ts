/**
 * The queries of the yearly statement (`GET /units/:unitId/statement?year`): functions that build
 * a knex query from their parameters and run nothing. The statement service runs each once per
 * statement, so a statement costs the same fixed number of statements whatever the number of
 * months, accounts, meters and documents: no query per month, per account or per medium.
 *
 * Every query finds its rows through an index (bff/test/resident/query-plans.test.ts):
 * assignments(person_id, unit_id), units and persons by primary key, fee_components(unit_id,
 * year, month), accounts(unit_id) → documents(account_id, date) and settlements(account_id,
 * date), meters(unit_id, medium_code) → readings(meter_id, date).
 *
 * The visibility rules stay where they live (access-service.ts, ledger-service.ts): these
 * queries take the person's date ranges of the year as computed there (`clipToYear`), and the
 * service filters the accounts by the same `accountVisible` rule as the other endpoints.
 */
import type { Knex } from 'knex';
import { billing } from '../db/tables.ts';
import { accessUnion, accountLookup, unitWithBuildingColumns } from './lookups.ts';
import type { AnyQueryBuilder } from 'objection';
import { Account, LedgerDocument, Reading, Settlement } from '../models/billing.ts';
import { type RangeBounds } from '../lib/date-windows.ts';

/**
 * The access check (the person's assignment rows on the unit: none is the 404) with the unit's
 * settlement accounts folded in as `acc` rows (nothing of a unit that is not the person's).
 */
export function accessWithSettlementAccounts(
  knex: Knex,
  personId: number,
  unitId: number,
): Knex.QueryBuilder {
  const a = billing('accounts');
  const settlementAccounts = accountLookup(knex, personId, unitId, { code: `${a}.code` }).where(
    `${a}.purpose`,
    'settlement',
  );
  return accessUnion(knex, personId, unitId, [settlementAccounts]);
}

/** The row of `statementHeader`. */
export interface StatementHeaderRow {
  firstName: string;
  lastName: string;
  memberNumber: string | null;
  kind: string;
  unitNumber: string | null;
  areaE2: unknown;
  persons: unknown;
  legalTitle: string;
  bankAccount: string;
  estate: string;
  street: string;
  buildingNumber: string;
  postalCode: string;
  city: string;
}

/** The person and the unit with its building: one row by primary keys (after the access check). */
export function statementHeader(knex: Knex, personId: number, unitId: number): Knex.QueryBuilder {
  const p = billing('persons');
  const u = billing('units');
  const b = billing('buildings');
  return knex(u)
    .join(b, `${b}.id`, `${u}.buildingId`)
    .crossJoin(knex.raw('??', [p]))
    .select(
      `${p}.firstName as firstName`,
      `${p}.lastName as lastName`,
      `${p}.memberNumber as memberNumber`,
      ...unitWithBuildingColumns(),
    )
    .where(`${u}.id`, unitId)
    .where(`${p}.id`, personId);
}

/** The row of `feeComponentsOfYear`. */
export interface FeeComponentRow {
  month: unknown;
  name: string;
  basis: string;
  quantityE3: unknown;
  rateE4: unknown;
  amountGr: unknown;
}

/**
 * Every fee component of the unit in a year, all twelve months in one search of
 * fee_components(unit_id, year, month), in month and billing order. Which months the person
 * sees is decided by the service with `isMonthVisible`, the rule of the charges endpoint.
 */
export function feeComponentsOfYear(knex: Knex, unitId: number, year: number): Knex.QueryBuilder {
  return knex(billing('fee_components'))
    .select('month', 'name', 'basis', 'quantityE3', 'rateE4', 'amountGr')
    .where({ unitId, year })
    .orderBy([{ column: 'month' }, { column: 'position' }, { column: 'id' }]);
}

/** The row of `documentsOfLedgerAccounts`. */
export interface StatementDocumentRow {
  accountId: unknown;
  id: unknown;
  date: unknown;
  number: string;
  kind: string;
  description: string;
  debitGr: unknown;
  creditGr: unknown;
}

/**
 * The documents of all the unit's ledger accounts dated within the ranges, in one search per
 * account of documents(account_id, date) inside one statement; in account, date and id order
 * (the documents endpoint's order within an account).
 */
export function documentsOfLedgerAccounts(
  knex: Knex,
  unitId: number,
  ranges: readonly RangeBounds[],
): AnyQueryBuilder {
  const d = billing('documents');
  return LedgerDocument.query(knex)
    .select(`${d}.accountId as accountId`)
    .modify('listed')
    .whereIn(`${d}.accountId`, accountIdsOf(knex, unitId, 'ledger'))
    .modify('inRanges', ranges)
    .orderBy(`${d}.accountId`)
    .modify('inDisplayOrder');
}

/** The row of `readingsOfUnit`. */
export interface StatementReadingRow {
  mediumCode: string;
  mediumName: string;
  mediumUnit: string;
  date: unknown;
  number: string;
  location: string;
  kind: string;
  valueE3: unknown;
  consumptionE3: unknown;
}

/**
 * The readings of every meter of the unit, of every medium, dated within the ranges, with their
 * medium's name and unit of measure; in the media dictionary's order, then the readings
 * endpoint's order (date, location, meter number, id).
 */
export function readingsOfUnit(knex: Knex, unitId: number, ranges: readonly RangeBounds[]): AnyQueryBuilder {
  const t = billing('meters');
  const m = billing('media');
  return Reading.query(knex)
    .modify('withMeter')
    .join(m, `${m}.code`, `${t}.mediumCode`)
    .select(`${m}.code as mediumCode`, `${m}.name as mediumName`, `${m}.unit as mediumUnit`)
    .modify('listed')
    .where(`${t}.unitId`, unitId)
    .modify('inRanges', ranges)
    .orderBy([{ column: `${m}.position` }, { column: `${m}.code` }])
    .modify('inDisplayOrder');
}

/** The row of `settlementsOfUnit`. */
export interface StatementSettlementRow {
  accountId: unknown;
  documentNumber: string;
  date: unknown;
  periodFrom: unknown;
  periodTo: unknown;
  name: string;
  consumptionE3: unknown;
  consumptionUnit: string;
  unitPriceE4: unknown;
  costGr: unknown;
  advancesGr: unknown;
  dueDate: unknown;
}

/**
 * The settlement documents of all the unit's settlement accounts dated within the ranges; in
 * account order, then the settlements endpoint's order (date, period start, id).
 */
export function settlementsOfUnit(
  knex: Knex,
  unitId: number,
  ranges: readonly RangeBounds[],
): AnyQueryBuilder {
  const st = billing('settlements');
  return Settlement.query(knex)
    .select(`${st}.accountId as accountId`)
    .modify('listed')
    .whereIn(`${st}.accountId`, accountIdsOf(knex, unitId, 'settlement'))
    .modify('inRanges', ranges)
    .orderBy(`${st}.accountId`)
    .modify('inDisplayOrder');
}

/** The ids of the unit's accounts of one purpose, for `whereIn`. */
function accountIdsOf(knex: Knex, unitId: number, purpose: 'ledger' | 'settlement'): AnyQueryBuilder {
  return Account.query(knex)
    .select(`${billing('accounts')}.id`)
    .modify('ofUnit', unitId)
    .modify('withPurpose', purpose);
}
