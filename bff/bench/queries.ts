/**
 * The SQL behind each measured request, for the report: the bench database opened in this
 * process with the real `createApp`, the demo resident logged in, and every statement knex sends
 * while one request runs (requests go one at a time, so each statement belongs to the request in
 * flight). This names the queries that the child server's `X-Query-Count` only counts.
 */
import { createServer } from 'node:http';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { createLogger } from '../src/logger.ts';
import { BenchClient } from './http.ts';
import { requestListener } from '../src/lib/request-listener.ts';

export interface RequestSql {
  path: string;
  status: number;
  statements: string[];
  /** SQLite's plan of each statement (`EXPLAIN QUERY PLAN`), one line per step. */
  plans: string[][];
}

/**
 * A plan step that reads a whole table (no index). Sorting in a temporary b-tree is left out:
 * here it only ever sorts the few rows an index already found (a unit's month, a meter's year).
 */
export const isCostlyStep = (step: string) => /^SCAN /.test(step) && !/USING (COVERING )?INDEX/.test(step);

/** Statements on the session table (the cookie's session read and its rolling renewal). */
export const isSessionSql = (sql: string) => /\bportal_sessions\b/.test(sql);

export async function captureSql(options: {
  database: string;
  port: number;
  login: string;
  password: string;
  paths: string[];
  scryptLogN: number;
}): Promise<RequestSql[]> {
  const config = loadConfig({
    PORT: String(options.port),
    DATABASE_URL: `sqlite:${options.database}`,
    STREFA_DEMO: 'off',
    SESSION_SECRET: 'bench-session-secret-bench-session-secret',
    SCRYPT_LOGN: String(options.scryptLogN),
    LOG_LEVEL: 'silent',
    // The login storm ran on this database just before: its attempts fill the shared per-login
    // window (portal_rate_limits), and this one sign-in must not be refused for them.
    LOGIN_LIMIT_PER_ADDRESS: '1000000',
    LOGIN_LIMIT_PER_LOGIN: '1000000',
  });
  const knex = openDatabase(config);
  const app = createApp({ config, knex, logger: createLogger('silent') });
  const server = createServer(requestListener(app));
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  let statements: Array<{ sql: string; bindings: unknown[] }> = [];
  knex.on('query', (query: { sql: string; bindings?: unknown[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] }),
  );
  try {
    const client = new BenchClient(`http://127.0.0.1:${options.port}`);
    await client.login(options.login, options.password);
    const found: RequestSql[] = [];
    for (const path of options.paths) {
      await client.get(path); // warm: the first request of a kind may do one-off work
      statements = [];
      const response = await client.get(path);
      const captured = [...statements];
      const plans: string[][] = [];
      for (const statement of captured) {
        if (!/^\s*select/i.test(statement.sql)) {
          plans.push([]);
          continue;
        }
        const rows = (await knex.raw(
          `EXPLAIN QUERY PLAN ${statement.sql}`,
          statement.bindings as never,
        )) as Array<{
          detail: string;
        }>;
        plans.push(rows.map((row) => row.detail));
      }
      found.push({ path, status: response.status, statements: captured.map((s) => s.sql), plans });
    }
    return found;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await knex.destroy();
  }
}
