/**
 * Opens the database that the settings name: the embedded SQLite file (demo, development,
 * tests) or the cooperative's Oracle database (production, through oracledb in Thin mode).
 * Column names are camelCase in the code and snake_case (SQLite) or UPPER_SNAKE (Oracle) in the
 * database; Objection's mappers translate at the knex level, so plain knex queries see the same
 * names as the models.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import type { Config, DatabaseSettings } from '../config.ts';
import { configureBillingTables } from './tables.ts';

/** How long a request waits for a pooled connection before it is answered 503. */
export const ACQUIRE_TIMEOUT_MS = 3_000;

export function knexConfig(settings: DatabaseSettings): Knex.Config {
  if (settings.client === 'sqlite') {
    return {
      client: 'better-sqlite3',
      connection: { filename: settings.filename },
      useNullAsDefault: true,
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      pool: {
        // One writer at a time is SQLite's nature; WAL lets readers run beside it.
        min: 1,
        max: 1,
        afterCreate(
          connection: { pragma(sql: string): unknown },
          done: (err: Error | null, c: unknown) => void,
        ) {
          try {
            connection.pragma('journal_mode = WAL');
            connection.pragma('synchronous = NORMAL');
            connection.pragma('foreign_keys = ON');
            connection.pragma('busy_timeout = 5000');
            done(null, connection);
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
      ...knexSnakeCaseMappers(),
    };
  }
  return oracleKnexConfig(settings);
}

/** Oracle, Thin mode (pure JavaScript: no Instant Client on the server). See docs/oracle.md. */
export function oracleKnexConfig(settings: Extract<DatabaseSettings, { client: 'oracle' }>): Knex.Config {
  return {
    client: 'oracledb',
    version: '19',
    connection: {
      user: settings.user,
      password: settings.password,
      connectString: settings.connectString,
      // Minutes between keep-alive probes, so a firewall does not silently drop idle pooled links.
      expireTime: 2,
    } as unknown as Knex.OracleDbConnectionConfig,
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    pool: { min: 0, max: 10, idleTimeoutMillis: 60_000 },
    ...knexSnakeCaseMappers({ upperCase: true }),
  };
}

export function openDatabase(config: Pick<Config, 'database' | 'billingTablePrefix'>): Knex {
  const settings = config.database;
  configureBillingTables(
    config.billingTablePrefix,
    settings.client === 'oracle' ? settings.billingSchema : null,
  );
  if (settings.client === 'sqlite' && settings.filename !== ':memory:') {
    mkdirSync(dirname(settings.filename), { recursive: true });
  }
  return knexFactory(knexConfig(settings));
}
