/**
 * Waiting for another process's write lock without freezing the server.
 *
 * SQLite's own busy handler (`PRAGMA busy_timeout`) sleeps on the calling thread, which for
 * better-sqlite3 is the event loop: with 5 s, one write waiting for another process's lock (a
 * second BFF instance, the admin CLI, a backup) froze every request, `/healthz` included. So:
 *
 * - SQLite waits at most `SQLITE_BUSY_TIMEOUT_MS` on the thread (enough for a lock held for the
 *   length of one statement, and for readers during a checkpoint);
 * - a write that still finds the database locked is retried asynchronously, with backoff, for up
 *   to `SQLITE_BUSY_WAIT_MS` in all, its pooled connection given back between attempts so reads
 *   go on meanwhile; then it fails with SQLITE_BUSY, answered 503 `unavailable` with Retry-After;
 * - transactions begin with `BEGIN IMMEDIATE`: the lock is taken (or refused) before the
 *   transaction's work starts, so a refused one is retried whole with nothing done, and a
 *   transaction never fails half-way for want of a lock (SQLITE_BUSY_SNAPSHOT).
 *
 * Statements inside a transaction are not retried one by one: the transaction holds the lock.
 */
import type { Knex } from 'knex';

/** The longest SQLite's busy handler may block the event loop, per attempt. */
export const SQLITE_BUSY_TIMEOUT_MS = 20;
/** How long a write waits in all for another process's lock before it is answered 503. */
export const SQLITE_BUSY_WAIT_MS = 2_000;

/**
 * `builder.queryContext(NO_BUSY_WAIT)`: a write that is worth no wait (a session's rolling expiry:
 * the next request moves it again) fails at once with SQLITE_BUSY instead.
 */
export const NO_BUSY_WAIT = Object.freeze({ busyWait: false });

const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 200;

interface BusyError {
  code?: string;
  /** Set when the refusal came at `BEGIN IMMEDIATE`, before any of the transaction's work. */
  busyAtBegin?: boolean;
}

export function isBusy(error: unknown): boolean {
  const code = (error as BusyError | null)?.code;
  return code === 'SQLITE_BUSY' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'));
}

interface Statement {
  reader: boolean;
  run(...args: unknown[]): unknown;
}
interface PreparingConnection {
  prepare(sql: string): unknown;
}

/**
 * Makes the `BEGIN;` knex sends for a transaction a `BEGIN IMMEDIATE;`, and marks its refusal
 * (the one case where retrying the whole transaction is known to be safe).
 */
export function beginImmediately(connection: PreparingConnection): void {
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql: string) => {
    if (sql !== 'BEGIN;') return prepare(sql);
    const statement = prepare('BEGIN IMMEDIATE;') as Statement;
    return {
      reader: false,
      run(...args: unknown[]) {
        try {
          return statement.run(...args);
        } catch (error) {
          if (isBusy(error)) (error as BusyError).busyAtBegin = true;
          throw error;
        }
      },
    };
  };
}

/** Runs `first`, then `again` with backoff while `retryable` says so and time remains. */
export async function retryWhileBusy<T>(
  first: () => Promise<T>,
  again: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  waitMs: number,
): Promise<T> {
  const deadline = performance.now() + waitMs;
  let attempt = first;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - performance.now();
      if (!retryable(error) || left <= 0) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
      attempt = again;
    }
  }
}

interface RunnableBuilder {
  _connection?: unknown;
  _queryContext?: { busyWait?: boolean };
}
interface Runner {
  run(): Promise<unknown>;
}
interface PatchableClient {
  runner(builder: RunnableBuilder): Runner;
}

/** Gives one knex (SQLite) the asynchronous wait described above. */
export function waitAsyncWhenBusy(knex: Knex, waitMs = SQLITE_BUSY_WAIT_MS): void {
  const client = knex.client as unknown as PatchableClient;
  const makeRunner = client.runner.bind(client);
  // A statement of its own (no transaction, no pinned connection): a new runner per attempt,
  // each taking a connection from the pool and giving it back.
  client.runner = (builder) => {
    const runner = makeRunner(builder);
    if (builder._connection || builder._queryContext?.busyWait === false) return runner;
    const run = runner.run.bind(runner);
    runner.run = () => retryWhileBusy(run, () => makeRunner(builder).run(), isBusy, waitMs);
    return runner;
  };
}

/**
 * Runs `work` in one transaction, retried whole while its `BEGIN IMMEDIATE` is refused for
 * another process's lock (its callback has not run then, so nothing is done twice). knex's own
 * `client.transaction` is left alone: its migrator and SQLite DDL rely on the Transaction object
 * it returns (wrapping it left identifier mapping switched off after a migration's ALTER TABLE).
 * On Oracle a refusal never carries `busyAtBegin`, so this is a plain `knex.transaction`.
 */
export function inTransaction<T>(
  knex: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
  waitMs = SQLITE_BUSY_WAIT_MS,
): Promise<T> {
  const begin = () => knex.transaction(work);
  return retryWhileBusy(begin, begin, (error) => (error as BusyError)?.busyAtBegin === true, waitMs);
}
