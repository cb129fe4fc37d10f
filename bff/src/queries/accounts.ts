/** Ledger accounts of a unit, folded into the access check. */
import { defineQuery } from '../db/query-runner.ts';
import { billing } from '../db/tables.ts';
import { accessUnion, accountLookup, type LookupRow } from './lookups.ts';

/** The access check with the unit's ledger accounts and their opening balance (BO) of the year. */
export const accessWithLedgerAccounts = defineQuery<
  [personId: number, unitId: number, year: number],
  LookupRow
>('accessWithLedgerAccounts', (knex, personId, unitId, year) => {
  const a = billing('accounts');
  const ob = billing('opening_balances');
  const ledgerAccounts = accountLookup(knex, personId, unitId, {
    code: `${a}.code`,
    amountGr: `${ob}.amountGr`,
  })
    .leftJoin(ob, (join) => {
      join.on(`${ob}.accountId`, '=', `${a}.id`).andOn(`${ob}.year`, '=', knex.raw('?', [year]));
    })
    .modify('withPurpose', 'ledger');
  return accessUnion(knex, personId, unitId, [ledgerAccounts]);
});
