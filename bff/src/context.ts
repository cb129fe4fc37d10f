/**
 * What the application is built from and what each request carries: the types that app.ts, the
 * middleware and the routers share. They live here, below all of them, so that no module has to
 * import app.ts (the factory) for a type and no import runs in a circle.
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

/** The dependencies once createApp has settled the clock. */
export type ResolvedDeps = AppDeps & { now: () => number };

export interface AppState {
  requestId: string;
  log: Logger;
}
