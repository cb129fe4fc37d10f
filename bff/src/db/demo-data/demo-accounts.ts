// Placeholder: implemented by the access issue (the contract's two demo accounts).
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';

export interface DemoAccount {
  login: string;
  password: string;
  role: 'resident' | 'clerk';
}

export async function createDemoAccounts(_knex: Knex, _config: Config): Promise<DemoAccount[]> {
  return [];
}
