/**
 * The migrations, in order, as a knex migration source: listed here rather than read from a
 * folder, so they run the same under tsx, vitest and a bundled build.
 */
import type { Knex } from 'knex';
import * as billingSchema from './001-billing-schema.ts';
import * as portalSchema from './002-portal-schema.ts';
import * as indexes from './003-indexes.ts';
import * as loginLimits from './004-login-limits.ts';
import * as searchIndexes from './005-search-indexes.ts';
import * as freshness from './006-freshness.ts';

interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: Migration[] = [
  billingSchema,
  portalSchema,
  indexes,
  loginLimits,
  searchIndexes,
  freshness,
];

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations,
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource,
  tableName: 'portal_migrations',
};
