/**
 * Every statement the BFF sends, as knex's oracledb dialect writes it for Oracle 19 and 23,
 * checked for forms Oracle refuses. The real app runs end to end over a recording knex (see
 * support/oracle-recorder.ts): a clerk and a resident go through every endpoint, and the
 * portal migrations run as on an empty Oracle schema.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/services/index.ts';
import { migrationConfig } from '../../src/db/migrations/index.ts';
import { BILLING_TABLES, type BillingTable, configureBillingTables } from '../../src/db/tables.ts';
import { createLogger } from '../../src/logger.ts';
import { TestClient, templateDatabase, TEST_TODAY } from '../support/test-app.ts';
import {
  type ColumnTypes,
  ddlProblems,
  oracleProblems,
  typeGroupOf,
  unionProblems,
} from './support/oracle-checks.ts';
import { createRecordingKnex, type RecordedQuery, type RecordingKnex } from './support/oracle-recorder.ts';

const ORIGIN = 'https://strefa.example.pl';
const BILLING_VIEWS: readonly BillingTable[] = BILLING_TABLES;
const CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' };
const RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' };
const NEW_PASSWORD = 'Zielona-Wierzba-Nad-Wisłą-77';
const SEARCH = 'Kowal';
/** Searches of every kind, each with a person it must find (the demo resident, person 1). */
const SEARCHES: [string, number][] = [
  ['zofia wisniewska', 1],
  ['WIŚNIEWSKA', 1],
  ['ul. Zamkowa 3 m. 1', 1],
  ['117', 1],
  ['demo-resi', 1],
];

function report(queries: RecordedQuery[], userValues: string[]): string[] {
  const problems: string[] = [];
  for (const query of queries) {
    for (const problem of oracleProblems(query, { version: query.version, userValues })) {
      problems.push(`${problem}\n    in: ${query.sql}`);
    }
  }
  return [...new Set(problems)];
}

describe.each(['19', '23'] as const)('Oracle %s', (version) => {
  describe('portal migrations', () => {
    let recording: RecordingKnex;
    beforeAll(async () => {
      configureBillingTables('billing_', 'BILLING');
      recording = createRecordingKnex({ version });
      await recording.knex.migrate.latest(migrationConfig);
    });
    afterAll(() => recording.close());

    it('creates the portal tables and nothing of the billing side', () => {
      const ddl = recording.queries.map((q) => q.sql).join('\n');
      for (const table of [
        'PORTAL_CREDENTIALS',
        'PORTAL_LOGIN_THROTTLE',
        'PORTAL_SESSIONS',
        'PORTAL_AUDIT_EVENTS',
      ]) {
        expect(ddl).toContain(`create table "${table}"`);
      }
      expect(ddl).not.toMatch(/create table "BILLING/);
    });

    it('writes only valid Oracle forms', () => {
      expect(report(recording.queries, [])).toEqual([]);
    });

    it('names in triggers and lookups match the tables created (quoted names are case-sensitive)', () => {
      expect(ddlProblems(recording.queries)).toEqual([]);
    });

    it('stores flags as numbers, never BOOLEAN', () => {
      const ddl = recording.queries.filter((q) => q.kind === 'schema').map((q) => q.sql);
      expect(ddl.join('\n')).not.toMatch(/\bboolean\b/i);
      expect(ddl.join('\n')).toMatch(/"MUST_CHANGE_PASSWORD" (integer|number\(1\))/i);
    });
  });

  describe('the app, end to end', () => {
    let recording: RecordingKnex;
    let server: Server;
    let dir: string;
    let base: string;
    let config: Config;
    const client = () => new TestClient(base, { origin: ORIGIN });

    beforeAll(async () => {
      const template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
      dir = mkdtempSync(join(tmpdir(), 'strefa-oracle-'));
      const file = join(dir, 'backing.sqlite');
      copyFileSync(template, file);
      config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: 'oracle://strefa:secret@db.example.pl:1521/STREFA',
        BILLING_SCHEMA: 'BILLING',
        SESSION_SECRET: 'oracle-compile-test-secret-0123456789abcdef',
        STREFA_ALLOWED_ORIGINS: ORIGIN,
        SCRYPT_LOGN: '10',
        LOG_LEVEL: 'silent',
      });
      configureBillingTables(config.billingTablePrefix, 'BILLING');
      recording = createRecordingKnex({ version, backing: file, billingSchema: 'BILLING' });
      const app = createApp({ config, knex: recording.knex, logger: createLogger('silent') });
      server = createServer(app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await recording.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves every endpoint through Oracle SQL, and every statement is valid Oracle', async () => {
      const anonymous = client();
      expect((await anonymous.get('/readyz')).status).toBe(200);

      // Failures: a wrong password and an unknown login (both counted by the throttle).
      expect(
        (await anonymous.post('/api/v1/session', { login: CLERK.login, password: 'wrong-password' })).status,
      ).toBe(401);
      expect(
        (await anonymous.post('/api/v1/session', { login: 'nobody-here', password: 'wrong-password' }))
          .status,
      ).toBe(401);

      // The clerk: people, issue, reset, audit.
      const clerk = client();
      expect((await clerk.post('/api/v1/session', CLERK)).status).toBe(200);
      expect((await clerk.get('/api/v1/session')).status).toBe(200);
      const people = await clerk.get(`/api/v1/admin/people?q=${encodeURIComponent(SEARCH)}`);
      expect(people.status).toBe(200);
      // Every kind of search (names without marks, an address with a flat, a member number, an
      // identifier) compiles and answers: the same people as on SQLite.
      for (const [q, personId] of SEARCHES) {
        const answer = await clerk.get(`/api/v1/admin/people?q=${encodeURIComponent(q)}`);
        expect(answer.status, q).toBe(200);
        expect(
          (answer.body.people as { id: number }[]).map((p) => p.id),
          q,
        ).toContain(personId);
      }
      // A person without a login yet: person 2, found by their surname.
      const surname = recording.backingRow<{ last_name: string }>(
        'select last_name from billing_persons where id = 2',
      )!.last_name;
      const found = await clerk.get(`/api/v1/admin/people?q=${encodeURIComponent(surname)}`);
      expect(found.status).toBe(200);
      const candidate = (found.body.people as { id: number; login: string | null }[]).find(
        (p) => p.login === null && p.id === 2,
      );
      expect(candidate).toBeDefined();
      const issued = await clerk.post('/api/v1/admin/credentials', { personId: candidate!.id });
      expect(issued.status).toBe(201);
      expect((await clerk.post('/api/v1/admin/credentials', { personId: candidate!.id })).status).toBe(409);
      const reset = await clerk.post(`/api/v1/admin/credentials/${issued.body.login}/reset`);
      expect(reset.status).toBe(200);

      // The new resident: start password, forced change, then the data.
      const fresh = client();
      expect(
        (
          await fresh.post('/api/v1/session', {
            login: reset.body.login,
            password: reset.body.oneTimePassword,
          })
        ).status,
      ).toBe(200);
      expect((await fresh.get('/api/v1/me')).status).toBe(403);
      expect(
        (
          await fresh.put('/api/v1/session/password', {
            currentPassword: reset.body.oneTimePassword,
            newPassword: NEW_PASSWORD,
          })
        ).status,
      ).toBe(204);

      // The demo resident reads everything of each unit.
      const resident = client();
      expect((await resident.post('/api/v1/session', RESIDENT)).status).toBe(200);
      const me = await resident.get('/api/v1/me');
      expect(me.status).toBe(200);
      const units = (me.body.assignments as { unit: { id: number } }[]).map((a) => a.unit.id);
      expect(units.length).toBeGreaterThan(0);
      for (const unitId of units) {
        const filters = await resident.get(`/api/v1/units/${unitId}/filters`);
        expect(filters.status).toBe(200);
        const year = filters.body.years.at(-1) as number;
        expect((await resident.get(`/api/v1/units/${unitId}/charges?year=${year}&month=1`)).status).toBe(200);
        const accounts = await resident.get(`/api/v1/units/${unitId}/accounts?year=${year}`);
        expect(accounts.status).toBe(200);
        for (const account of accounts.body.accounts as { id: number }[]) {
          const documents = await resident.get(
            `/api/v1/units/${unitId}/accounts/${account.id}/documents?year=${year}`,
          );
          expect(documents.status).toBe(200);
        }
        for (const medium of filters.body.media as { code: string }[]) {
          expect(
            (await resident.get(`/api/v1/units/${unitId}/readings?year=${year}&medium=${medium.code}`))
              .status,
          ).toBe(200);
        }
        for (const account of filters.body.settlementAccounts as { id: number }[]) {
          expect(
            (await resident.get(`/api/v1/units/${unitId}/settlements?year=${year}&account=${account.id}`))
              .status,
          ).toBe(200);
        }
        // "Do zapłaty" and "Skąd to saldo?" (and asOf's freshness view, with every answer).
        expect((await resident.get(`/api/v1/units/${unitId}/payment`)).status).toBe(200);
        expect((await resident.get(`/api/v1/units/${unitId}/balance-history?months=60`)).status).toBe(200);
        const statement = await resident.get(`/api/v1/units/${unitId}/statement?year=${year}`);
        expect([statement.status, statement.headers.get('content-type')]).toEqual([200, 'application/pdf']);
        // The charts' data: the building comparison, the 24-month fee, the 10-year settlements.
        for (const medium of filters.body.media as { code: string }[]) {
          expect(
            (
              await resident.get(
                `/api/v1/units/${unitId}/readings/comparison?year=${year}&medium=${medium.code}`,
              )
            ).status,
          ).toBe(200);
        }
        expect(
          (await resident.get(`/api/v1/units/${unitId}/charges/history?year=${year}&month=12`)).status,
        ).toBe(200);
        for (const account of filters.body.settlementAccounts as { id: number }[]) {
          expect(
            (
              await resident.get(
                `/api/v1/units/${unitId}/settlements/history?year=${year}&account=${account.id}`,
              )
            ).status,
          ).toBe(200);
        }
      }
      // Another person's unit: 404 through the same access query.
      expect((await resident.get('/api/v1/units/999999/filters')).status).toBe(404);
      expect((await resident.get('/api/v1/session/logins')).status).toBe(200);
      expect((await clerk.get(`/api/v1/admin/audit?login=${issued.body.login}`)).status).toBe(200);
      expect((await resident.delete('/api/v1/session', {})).status).toBe(204);
      expect((await resident.get('/api/v1/me')).status).toBe(401);

      // A lockout: the throttle's counting, locking and refusing statements.
      for (let i = 0; i < 5; i++) {
        await anonymous.post('/api/v1/session', { login: 'nobody-here', password: 'wrong-password' });
      }
      const locked = await anonymous.post('/api/v1/session', {
        login: 'nobody-here',
        password: 'wrong-password',
      });
      expect(locked.status).toBe(423);

      // The operator's command line (npm run admin -- create-clerk …) through the same services.
      const services = createServices({
        config,
        knex: recording.knex,
        logger: createLogger('silent'),
        now: Date.now,
      });
      const clerkIssued = await services.credentials.createClerk('kierownik-bom', 'Anna Nowak', 'cli');
      expect(clerkIssued.login).toBe('kierownik-bom');
      await services.credentials.reset('kierownik-bom', 'cli', { ip: null });

      const statements = recording.queries.filter((q) => q.kind !== 'schema');
      if (process.env.STREFA_DUMP_ORACLE_SQL) {
        // For a DBA's review: every distinct statement, e.g. STREFA_DUMP_ORACLE_SQL=/tmp/strefa-oracle.sql
        const distinct = [...new Set(statements.map((q) => q.sql))];
        writeFileSync(`${process.env.STREFA_DUMP_ORACLE_SQL}.${version}`, distinct.join(';\n\n') + ';\n');
      }
      expect(statements.length).toBeGreaterThan(20);
      // Every statement the backing store could not run would mean an untested answer.
      expect(statements.filter((q) => q.backingError && !/\bdual\b/i.test(q.sql))).toEqual([]);
      const userValues = [
        CLERK.password,
        RESIDENT.password,
        NEW_PASSWORD,
        SEARCH,
        ...SEARCHES.map(([q]) => q),
        'wrong-password',
        'nobody-here',
        String(reset.body.oneTimePassword),
      ];
      expect(report(statements, userValues)).toEqual([]);
      // UNION ALL branches agree on types, which SQLite never checks but Oracle does.
      const columnTypes: ColumnTypes = {};
      for (const [table, columns] of Object.entries(recording.backingColumns())) {
        columnTypes[table] = {};
        for (const [column, declared] of Object.entries(columns)) {
          const group = typeGroupOf(declared);
          if (group) columnTypes[table]![column] = group;
        }
      }
      expect(columnTypes.BILLING_DOCUMENTS?.DATE).toBe('D');
      const unions = statements.filter((q) => /\bunion\s+all\b/i.test(q.sql));
      expect(unions.length).toBeGreaterThan(0);
      expect(
        unions.flatMap((q) => unionProblems(q.sql, columnTypes).map((p) => `${p}\n    in: ${q.sql}`)),
      ).toEqual([]);
      // Every billing view was read, in its schema; every portal table read and written, in the
      // portal user's own (unqualified).
      for (const view of BILLING_VIEWS) {
        expect(
          statements.some((q) => q.sql.includes(`"BILLING"."BILLING_${view.toUpperCase()}"`)),
          `a statement reading BILLING_${view.toUpperCase()}`,
        ).toBe(true);
      }
      for (const table of [
        'PORTAL_CREDENTIALS',
        'PORTAL_LOGIN_THROTTLE',
        'PORTAL_SESSIONS',
        'PORTAL_AUDIT_EVENTS',
      ]) {
        const touching = statements.filter((q) => q.sql.includes(`"${table}"`));
        expect(
          touching.some((q) => /^\s*select\b/i.test(q.sql)),
          `read ${table}`,
        ).toBe(true);
        expect(
          touching.some((q) => /^\s*(insert|update|delete|merge)\b/i.test(q.sql)),
          `write ${table}`,
        ).toBe(true);
      }
    });
  });
});
