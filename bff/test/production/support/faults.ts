/**
 * Fault injection for the production tests, loaded into a real BFF process with
 * `node --import tsx --import ./bff/test/production/support/faults.ts bff/src/server.ts`.
 * Nothing in the server knows about it: it patches knex's own classes, the way a slow network or
 * a slow database would look from inside the process.
 *
 * - STREFA_FAULT_SQL: a regular expression; only statements whose SQL matches are slowed.
 * - STREFA_FAULT_LATENCY_MS: a delay before such a statement gets its pooled connection (a slow
 *   network on the way to the database; the connection is not held meanwhile).
 * - STREFA_FAULT_STATEMENT_MS: a delay while the statement holds its connection (a slow query on
 *   the server; knex's query timeout applies to it).
 * - STREFA_FAULT_ARMED_WHILE: a file; the faults act only while it exists, so the server can
 *   prepare its database normally and the test switches the fault on when it is ready.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pattern = process.env.STREFA_FAULT_SQL ? new RegExp(process.env.STREFA_FAULT_SQL, 'i') : null;
const latencyMs = Number(process.env.STREFA_FAULT_LATENCY_MS) || 0;
const statementMs = Number(process.env.STREFA_FAULT_STATEMENT_MS) || 0;
const armFile = process.env.STREFA_FAULT_ARMED_WHILE;
const armed = () => !armFile || existsSync(armFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A log line (the server's JSON format, on its stdout) when a statement starts being delayed, so
 * a test waits for "the request is in the database layer now" instead of guessing a time.
 */
const announce = (fault: string, sql: string) =>
  process.stdout.write(`${JSON.stringify({ msg: 'fault: statement delayed', fault, sql })}\n`);

interface Compilable {
  toString(): string;
}

if (pattern && latencyMs > 0) {
  const Runner = require('knex/lib/execution/runner.js') as {
    prototype: { run(this: { builder: Compilable }): Promise<unknown> };
  };
  const run = Runner.prototype.run;
  Runner.prototype.run = async function (this: { builder: Compilable }) {
    if (armed() && pattern.test(String(this.builder))) {
      announce('latency', String(this.builder));
      await sleep(latencyMs);
    }
    return run.call(this);
  };
}

if (pattern && statementMs > 0) {
  const Client = require('knex/lib/client.js') as {
    prototype: { query(connection: unknown, obj: { sql?: string }): Promise<unknown> };
  };
  const query = Client.prototype.query;
  Client.prototype.query = async function (connection, obj) {
    if (armed() && pattern.test(obj?.sql ?? '')) {
      announce('statement', obj?.sql ?? '');
      await sleep(statementMs);
    }
    return query.call(this, connection, obj);
  };
}
