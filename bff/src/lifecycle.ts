/**
 * The instance's state, as server.ts reports it: `preparing` while the database is brought up to
 * date at start (migrations, demo data; retried until it succeeds), `serving`, then `draining`
 * once shutdown has begun. `/readyz` and the API's readiness gate read it. An app nobody reports
 * on (tests that build one by hand) counts as serving.
 */
import type { Knex } from 'knex';
import type { Logger } from './logger.ts';

export type Lifecycle = 'preparing' | 'serving' | 'draining';

/** Per database handle, so several apps in one process (tests) keep their own state. */
const lifecycles = new WeakMap<Knex, Lifecycle>();

export function setLifecycle(knex: Knex, state: Lifecycle): void {
  lifecycles.set(knex, state);
}

export function lifecycleOf(knex: Knex): Lifecycle {
  return lifecycles.get(knex) ?? 'serving';
}

/** Seconds a client is asked to wait while the database is being prepared. */
export const PREPARING_RETRY_AFTER_S = 5;

export interface PrepareOptions {
  logger: Logger;
  /** Pause between attempts (5 s in the server). */
  retryMs?: number;
  /** Asked before each attempt: true once shutdown has begun. */
  stopped?: () => boolean;
}

/**
 * Runs `prepare` until it succeeds, with the lifecycle at `preparing` meanwhile (the API answers
 * 503 `unavailable` then, and no login is tried), and `serving` once it has. Null if stopped.
 */
export async function prepareUntilReady<T>(
  knex: Knex,
  prepare: () => Promise<T>,
  { logger, retryMs = 5_000, stopped = () => false }: PrepareOptions,
): Promise<T | null> {
  setLifecycle(knex, 'preparing');
  for (let attempt = 1; ; attempt++) {
    try {
      const prepared = await prepare();
      if (stopped()) return null;
      setLifecycle(knex, 'serving');
      logger.info({ attempt }, 'database ready');
      return prepared;
    } catch (error) {
      logger.error({ err: error, attempt }, `database not ready; retrying in ${retryMs / 1000} s`);
      if (stopped()) return null;
      await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
    }
  }
}
