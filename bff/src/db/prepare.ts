/**
 * Brings a database up to date at start: runs the migrations and, in demo mode on an empty
 * embedded database, fills it with the generated demo data and the two demo accounts.
 */
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createDemoAccounts, type DemoAccount } from './demo-data/demo-accounts.ts';
import { generateDemoData } from './demo-data/generate.ts';
import { migrationConfig } from './migrations/index.ts';
import { billing } from './tables.ts';

export async function migrate(knex: Knex): Promise<void> {
  await knex.migrate.latest(migrationConfig);
}

export async function isBillingEmpty(knex: Knex): Promise<boolean> {
  const row = await knex(billing('units')).count({ n: '*' }).first();
  return Number(row?.n ?? 0) === 0;
}

export interface PrepareResult {
  generated: boolean;
  demoAccounts: DemoAccount[];
}

export async function prepareDatabase(knex: Knex, config: Config, logger: Logger): Promise<PrepareResult> {
  await migrate(knex);
  if (!config.demo || config.database.client !== 'sqlite') return { generated: false, demoAccounts: [] };
  let generated = false;
  if (await isBillingEmpty(knex)) {
    const started = performance.now();
    // A smaller demo database on request (component tests start a BFF of their own).
    const summary = await generateDemoData(knex, {
      units: Number(process.env.STREFA_DEMO_UNITS) || undefined,
      years: Number(process.env.STREFA_DEMO_YEARS) || undefined,
    });
    logger.info({ ...summary, ms: Math.round(performance.now() - started) }, 'demo data generated');
    generated = true;
  }
  const demoAccounts = await createDemoAccounts(knex, config);
  return { generated, demoAccounts };
}
