/**
 * What the app is built from. Its own module, below app.ts, so that middleware can name it
 * without importing the app that imports the middleware (a circle, even if only of types).
 */
import type { Knex } from 'knex';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

export interface AppDeps {
  config: Config;
  knex: Knex;
  logger: Logger;
  /** The clock, in epoch ms; tests move it to expire sessions, locks and start passwords. */
  now?: () => number;
}
