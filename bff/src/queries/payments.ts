/**
 * The queries of "Do zapłaty" (`GET /units/:id/payment`) and "Skąd to saldo?"
 * (`GET /units/:id/balance-history`): functions that build a knex query from parameters, run
 * by `fixedSelect` (compiled once per shape on SQLite). Two statements per request whatever the
 * unit's history, both index searches (bff/test/resident/payment-plans.test.ts):
 *
 * 1. `accessWithFeeAccounts`: the access check (assignments(person_id, unit_id)) with, folded
 *    into the same UNION ALL, the unit's fee accounts (accounts(unit_id, purpose, code)), their
 *    opening balances of the years asked (opening_balances primary key), the unit's address and
 *    bank account (units and buildings primary keys) and the person's member number;
 * 2. `feeAccountMovements`: the documents of those accounts from 1 January of the first year
 *    asked up to today (documents(account_id, date, …)), in date order per account.
 *
 * The fee accounts are the ledger accounts the resident sees in Księgowość (purpose `ledger`):
 * settlement accounts of utilities are not paid by this transfer and are left out as there.
 */
import { fixedSelect } from '../db/select-rows.ts';
import { billing } from '../db/tables.ts';
import {
  accessUnion,
  accountLookup,
  dateValue,
  lookupSelect,
  whereAssigned,
  type LookupRow,
} from '../services/access-service.ts';

/** Branch kinds of `accessWithFeeAccounts` beside the access rows. */
export const FEE_LOOKUP = {
  /** A fee account: id, name, code, dateFrom = opened on, dateTo = closed on. */
  account: 'acc',
  /** An opening balance: id = account id, position = year, amountGr. */
  opening: 'obl',
  /** The unit: id, code = bank account (NRB), name = street, label = building number. */
  unit: 'unt',
  /** The unit's kind (code) and number (label). */
  unitNumber: 'unk',
  /** The signed-in person: label = member number (null for a tenant without one). */
  person: 'per',
} as const;

/** The access check with everything the two endpoints look up, in one statement. */
export const accessWithFeeAccounts = fixedSelect<
  [personId: number, unitId: number, firstYear: number, lastYear: number],
  LookupRow
>((knex, personId, unitId, firstYear, lastYear) => {
  const a = billing('accounts');
  const ob = billing('opening_balances');
  const u = billing('units');
  const b = billing('buildings');
  const p = billing('persons');
  const accounts = accountLookup(knex, personId, unitId, { code: `${a}.code` }).where(
    `${a}.purpose`,
    'ledger',
  );
  const openings = whereAssigned(
    knex,
    knex(ob)
      .select(
        lookupSelect(knex, FEE_LOOKUP.opening, {
          id: `${ob}.accountId`,
          position: `${ob}.year`,
          amountGr: `${ob}.amountGr`,
        }),
      )
      .join(a, `${a}.id`, `${ob}.accountId`)
      .where(`${a}.unitId`, unitId)
      .where(`${a}.purpose`, 'ledger')
      .where(`${ob}.year`, '>=', firstYear)
      .where(`${ob}.year`, '<=', lastYear),
    personId,
    `${a}.unitId`,
  );
  const unit = whereAssigned(
    knex,
    knex(u)
      .select(
        lookupSelect(knex, FEE_LOOKUP.unit, {
          id: `${u}.id`,
          code: `${u}.bankAccount`,
          name: `${b}.street`,
          label: `${b}.number`,
        }),
      )
      .join(b, `${b}.id`, `${u}.buildingId`)
      .where(`${u}.id`, unitId),
    personId,
    `${u}.id`,
  );
  const unitNumber = whereAssigned(
    knex,
    knex(u)
      .select(
        lookupSelect(knex, FEE_LOOKUP.unitNumber, { id: `${u}.id`, code: `${u}.kind`, label: `${u}.number` }),
      )
      .where(`${u}.id`, unitId),
    personId,
    `${u}.id`,
  );
  const person = knex(p)
    .select(lookupSelect(knex, FEE_LOOKUP.person, { id: `${p}.id`, label: `${p}.memberNumber` }))
    .where(`${p}.id`, personId);
  return accessUnion(knex, personId, unitId, [accounts, openings, unit, unitNumber, person]);
});

/** A document of a fee account, as the history and the allocation need it. */
export interface MovementRow {
  accountId: unknown;
  id: unknown;
  date: unknown;
  kind: string;
  debitGr: unknown;
  creditGr: unknown;
}

/**
 * The documents of the unit's fee accounts dated in [from, until), per account in date order.
 * The window rules (whose period a document belongs to) are applied by the service.
 */
export const feeAccountMovements = fixedSelect<[unitId: number, from: string, until: string], MovementRow>(
  (knex, unitId, from, until) =>
    knex(billing('documents'))
      .select('accountId', 'id', 'date', 'kind', 'debitGr', 'creditGr')
      .whereIn('accountId', knex(billing('accounts')).select('id').where({ unitId, purpose: 'ledger' }))
      .where('date', '>=', dateValue(knex, from))
      .where('date', '<', dateValue(knex, until))
      .orderBy([{ column: 'accountId' }, { column: 'date' }, { column: 'id' }]),
);

/** The freshness row(s): normally exactly one (see migrations/006-freshness.ts). */
export const billingFreshness = fixedSelect<[], { updatedAt: unknown }>((knex) =>
  knex(billing('freshness')).select('updatedAt'),
);
