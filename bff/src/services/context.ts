/**
 * What every service is given. Its own module, so that a service imports it without importing
 * services/index.ts, which imports every service (a circle, even if only of types).
 */
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import type { QueryRunner } from '../db/query-runner.ts';
import type { Logger } from '../logger.ts';

export interface ServiceContext {
  config: Config;
  knex: Knex;
  logger: Logger;
  /** Epoch ms. */
  now: () => number;
  /** Runs the read queries of src/queries/ (chosen by db/connection.ts for this database). */
  queries: QueryRunner;
}

/** A context as the app and the tools build it: the query runner is the database's own by default. */
export type ServiceDeps = Omit<ServiceContext, 'queries'> & Partial<Pick<ServiceContext, 'queries'>>;
