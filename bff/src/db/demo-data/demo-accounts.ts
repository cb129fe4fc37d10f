/**
 * The contract's two demo accounts (demo mode only): `demo-clerk` / `demo-clerk-password` (clerk)
 * and `demo-resident` / `demo-resident-password` (resident: person 1 of the generated data, who
 * holds a flat and a garage). Both have their passwords already set, so a visitor can try the
 * portal at once. Idempotent: run at every start; an account that exists keeps its row, but its
 * password is put back to the printed one (a demo whose printed password fails is no demo).
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { queryRunnerFor } from '../connection.ts';
import { Credential, Person } from '../../models/index.ts';
import { PasswordService } from '../../services/password-service.ts';

export interface DemoAccount {
  login: string;
  password: string;
  role: 'resident' | 'clerk';
}

export const DEMO_CLERK: DemoAccount = {
  login: 'demo-clerk',
  password: 'demo-clerk-password',
  role: 'clerk',
};
export const DEMO_RESIDENT: DemoAccount = {
  login: 'demo-resident',
  password: 'demo-resident-password',
  role: 'resident',
};
/** The generated data guarantees that person 1 has a flat and a garage. */
export const DEMO_RESIDENT_PERSON_ID = 1;

export async function createDemoAccounts(knex: Knex, config: Config): Promise<DemoAccount[]> {
  const passwords = new PasswordService({
    config,
    knex,
    logger: createLogger('silent'),
    now: Date.now,
    queries: queryRunnerFor(knex),
  });
  const now = Date.now();
  const person = await Person.query(knex).findById(DEMO_RESIDENT_PERSON_ID);
  const accounts: { account: DemoAccount; personId: number | null; displayName: string }[] = [
    { account: DEMO_CLERK, personId: null, displayName: 'Pracownik BOM (demo)' },
  ];
  if (person) {
    const holder = await Credential.query(knex).where({ personId: DEMO_RESIDENT_PERSON_ID }).first();
    // Person 1 may already have a login issued by a clerk in this demo: never take it over.
    if (!holder || holder.login === DEMO_RESIDENT.login) {
      accounts.push({
        account: DEMO_RESIDENT,
        personId: DEMO_RESIDENT_PERSON_ID,
        displayName: `${person.firstName} ${person.lastName}`,
      });
    }
  }

  const created: DemoAccount[] = [];
  for (const { account, personId, displayName } of accounts) {
    const existing = await Credential.query(knex).findById(account.login);
    if (!existing) {
      await Credential.query(knex).insert({
        login: account.login,
        role: account.role,
        personId,
        displayName,
        passwordHash: await passwords.hash(account.password),
        mustChangePassword: 0,
        oneTimeExpiresAt: null,
        createdAt: now,
        createdBy: 'demo',
        passwordChangedAt: now,
        lastLoginAt: null,
      });
    } else if (
      Number(existing.mustChangePassword) !== 0 ||
      passwords.needsRehash(existing.passwordHash) ||
      !(await passwords.verify(existing.passwordHash, account.password))
    ) {
      await Credential.query(knex)
        .findById(account.login)
        .patch({
          passwordHash: await passwords.hash(account.password),
          mustChangePassword: 0,
          oneTimeExpiresAt: null,
          passwordChangedAt: now,
        });
    }
    created.push(account);
  }
  return created;
}
