/**
 * The login protections on the Oracle path: the app runs over the recording knex (Oracle SQL
 * written by knex's oracledb dialect, answered by a SQLite twin with real affected-row counts, see
 * production/support/oracle-recorder.ts). A parallel burst of wrong passwords locks once through
 * the compare-and-set UPDATE as Oracle receives it; the per-address window is counted by the
 * conditional UPDATE; the reset's four writes go out inside one transaction; every statement is
 * a form Oracle accepts, with user values only in bindings.
 */
import { requestListener } from '../../src/lib/request-listener.ts';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { type Config, loadConfig, repositoryRoot } from '../../src/config.ts';
import { queryRunnerFor } from '../../src/db/connection.ts';
import { LoginThrottleService } from '../../src/services/login-throttle.ts';
import { migrationConfig } from '../../src/db/migrations/index.ts';
import { configureBillingTables } from '../../src/db/tables.ts';
import { createLogger } from '../../src/logger.ts';
import { oracleProblems } from '../production/support/oracle-checks.ts';
import { createRecordingKnex, type RecordingKnex } from '../production/support/oracle-recorder.ts';
import { TestClient, templateDatabase, TEST_TODAY } from '../support/test-app.ts';

const ORIGIN = 'https://strefa.example.pl';
const CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' };

describe('logins on Oracle SQL', () => {
  let recording: RecordingKnex;
  let server: Server;
  let dir: string;
  let base: string;
  let loadedConfig: Config;
  const client = (address: string) =>
    new TestClient(base, { origin: ORIGIN, headers: { 'X-Forwarded-For': address } });

  beforeAll(async () => {
    const template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
    dir = mkdtempSync(join(tmpdir(), 'strefa-oracle-login-'));
    const file = join(dir, 'backing.sqlite');
    copyFileSync(template, file);
    const config = (loadedConfig = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'oracle://strefa:secret@db.example.pl:1521/STREFA',
      BILLING_SCHEMA: 'BILLING',
      SESSION_SECRET: 'oracle-login-test-secret-0123456789abcdef',
      STREFA_ALLOWED_ORIGINS: ORIGIN,
      SCRYPT_LOGN: '10',
      LOG_LEVEL: 'silent',
      TRUST_PROXY: 'on',
      LOGIN_LIMIT_PER_ADDRESS: '3',
    }));
    configureBillingTables(config.billingTablePrefix, 'BILLING');
    recording = createRecordingKnex({ version: '19', backing: file, billingSchema: 'BILLING' });
    // The app's clock starts a second into a fixed 5-minute limit window, so the window test
    // below never straddles two windows (its counters would start again).
    const window = config.loginLimits.windowMs;
    const realStart = Date.now();
    const start = Math.floor(realStart / window) * window + 1_000;
    const now = () => start + (Date.now() - realStart);
    const app = createApp({ config, knex: recording.knex, logger: createLogger('silent'), now });
    server = createServer(requestListener(app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await recording?.close();
    configureBillingTables('billing_', null);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a parallel burst locks once through the conditional UPDATE', async () => {
    const from = recording.queries.length;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client(`198.51.100.${i + 1}`).post('/api/v1/session', { login: 'Ktos-Obcy', password: `zle-${i}` }),
      ),
    );
    expect(answers.filter((a) => a.status === 401).length).toBe(4);
    expect(answers.filter((a) => a.status === 423).length).toBe(8);
    const statements = recording.queries.slice(from);
    const casUpdates = statements.filter((q) => /^update "PORTAL_LOGIN_THROTTLE"/.test(q.sql));
    expect(casUpdates.length).toBeGreaterThan(0);
    expect(casUpdates[0]!.sql).toMatch(
      /where "LOGIN_KEY" = :5 and "FAILURES" = :6 and "LOCK_COUNT" = :7 and \("LOCKED_UNTIL" is null\)$/,
    );
    const locks = statements.filter(
      (q) => /^insert into "PORTAL_AUDIT_EVENTS"/.test(q.sql) && q.bindings.includes('account_locked'),
    );
    expect(locks.length).toBe(1);
    for (const query of statements) {
      expect(
        oracleProblems(query, { version: '19', userValues: ['Ktos-Obcy', 'ktos-obcy'] }),
        query.sql,
      ).toEqual([]);
    }
  });

  it('gives an attempt the server did not examine back with conditional UPDATEs', async () => {
    const context = {
      config: loadedConfig,
      knex: recording.knex,
      logger: createLogger('silent'),
      now: Date.now,
      queries: queryRunnerFor(recording.knex),
    };
    const throttle = new LoginThrottleService(context);
    const login = 'Nikt-Nie-Sprawdzil';
    const from = recording.queries.length;
    const reservations = [];
    for (let i = 0; i < loadedConfig.lockoutThreshold; i++) reservations.push(await throttle.reserve(login));
    expect(reservations.map((r) => r.kind)).toEqual(reservations.map(() => 'reserved'));
    expect(await throttle.lockedUntil(login)).not.toBeNull(); // the last slot took the lock
    // None of them was examined (the hashing line was full): each is given back.
    for (const reservation of reservations.reverse()) {
      if (reservation.kind === 'reserved') await throttle.release(login, reservation);
    }
    expect(await throttle.lockedUntil(login)).toBeNull();
    expect((await throttle.reserve(login)).kind).toBe('reserved');
    const releases = recording.queries
      .slice(from)
      .filter(
        (q) =>
          /^update "PORTAL_LOGIN_THROTTLE" set/.test(q.sql) &&
          !/"FAILURES" = :\d+ and "LOCK_COUNT"/.test(q.sql),
      );
    expect(releases.length).toBeGreaterThanOrEqual(2);
    for (const query of recording.queries.slice(from)) {
      expect(
        oracleProblems(query, { version: '19', userValues: [login, login.toLowerCase()] }),
        query.sql,
      ).toEqual([]);
    }
  });

  it('counts the per-address window with a conditional UPDATE and answers 429 over it', async () => {
    const from = recording.queries.length;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await client('203.0.113.9').post('/api/v1/session', { login: `x-${i}`, password: 'x' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const statements = recording.queries.slice(from);
    expect(
      statements.some((q) =>
        /^update "PORTAL_RATE_LIMITS" set "HITS" = "HITS" \+ 1 where .*"HITS" < :3$/.test(q.sql),
      ),
    ).toBe(true);
    for (const query of statements)
      expect(oracleProblems(query, { version: '19', userValues: [] })).toEqual([]);
  });

  it("a clerk's reset sends its four writes inside one transaction", async () => {
    const clerk = client('192.0.2.50');
    expect((await clerk.post('/api/v1/session', CLERK)).status).toBe(200);
    const seen: { sql: string; tx: unknown }[] = [];
    const listener = (q: { sql: string; __knexTxId?: unknown }) =>
      seen.push({ sql: q.sql, tx: q.__knexTxId });
    recording.knex.on('query', listener);
    try {
      const reset = await clerk.post('/api/v1/admin/credentials/demo-resident/reset', {});
      expect(reset.status).toBe(200);
    } finally {
      recording.knex.off('query', listener);
    }
    const writes = seen.filter((q) =>
      /^(update "PORTAL_CREDENTIALS"|delete from "PORTAL_SESSIONS" where "LOGIN"|delete from "PORTAL_LOGIN_THROTTLE"|insert into "PORTAL_AUDIT_EVENTS")/.test(
        q.sql,
      ),
    );
    expect(writes.length).toBe(4);
    expect(writes[0]!.tx).toBeTruthy();
    expect(new Set(writes.map((w) => w.tx)).size).toBe(1);
  });
});

describe('bff/sql/oracle/02-portal-tables.sql and migration 004', () => {
  it('adds every column the migrations add to an existing table, and the counters table', async () => {
    const recording = createRecordingKnex({ version: '19' });
    try {
      await recording.knex.migrate.latest(migrationConfig);
      const script = readFileSync(join(repositoryRoot, 'bff/sql/oracle/02-portal-tables.sql'), 'utf8');
      const added = recording.queries
        .map((q) => /^alter table "(\w+)" add "(\w+)"/.exec(q.sql))
        .filter((m): m is RegExpExecArray => m !== null);
      expect(added.map((m) => `${m[1]}.${m[2]}`)).toContain('PORTAL_CREDENTIALS.PREVIOUS_PASSWORD_HASH');
      for (const [, table, column] of added) {
        expect(script, `${table}.${column}`).toMatch(
          new RegExp(`ALTER TABLE ${table!.toLowerCase()} ADD \\(${column!.toLowerCase()} VARCHAR2`, 'i'),
        );
      }
      expect(script).toMatch(/CREATE TABLE portal_rate_limits/);
      expect(script).toMatch(/PRIMARY KEY \(bucket_key, window_start\)/);
      expect(script).toMatch(/CREATE INDEX ix_rate_window ON portal_rate_limits \(window_start\)/);
    } finally {
      await recording.close();
    }
  });
});
