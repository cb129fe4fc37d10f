/**
 * The Oracle driver settings that can be checked without an Oracle: the connect descriptor,
 * exact numbers, calendar dates, and the knex configuration DATABASE_URL produces.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { knexConfig, openDatabase } from '../../src/db/connection.ts';
import {
  calendarDate,
  connectDescriptor,
  exactNumber,
  makeFetchTypeHandler,
  OracleValueError,
  SESSION_SETUP_SQL,
} from '../../src/db/oracle/driver.ts';

const env = {
  DATABASE_URL: 'oracle://strefa_app:p%40ss@db.spoldzielnia.local:1522/STREFA',
  SESSION_SECRET: 'x'.repeat(40),
  DB_POOL_MAX: '7',
  DB_QUERY_TIMEOUT_MS: '2500',
};

describe('Oracle connection settings', () => {
  it('turns DATABASE_URL into a Thin-mode pool with timeouts and keep-alive', () => {
    const config = loadConfig(env);
    const knex = knexConfig(config.database, config.db) as {
      client: string;
      connection: { user: string; password: string; connectString: string };
      pool: { min: number; max: number };
      acquireConnectionTimeout: number;
    };
    expect(knex.client).toBe('oracledb');
    expect(knex.connection.user).toBe('strefa_app');
    expect(knex.connection.password).toBe('p@ss');
    expect(knex.connection.connectString).toBe(
      '(DESCRIPTION=(EXPIRE_TIME=2)(TRANSPORT_CONNECT_TIMEOUT=3)(CONNECT_TIMEOUT=5)(RETRY_COUNT=0)' +
        '(ADDRESS=(PROTOCOL=TCP)(HOST=db.spoldzielnia.local)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=STREFA)))',
    );
    expect(knex.pool).toMatchObject({ min: 0, max: 7 });
    expect(knex.acquireConnectionTimeout).toBe(3_000);
  });

  it('refuses nonsense settings by name', () => {
    expect(() => loadConfig({ ...env, DB_POOL_MAX: '0' })).toThrow(/DB_POOL_MAX/);
    expect(() => loadConfig({ ...env, DB_POOL_MIN: '9', DB_POOL_MAX: '3' })).toThrow(/DB_POOL_MIN/);
    expect(() => loadConfig({ ...env, STREFA_FRAME_ANCESTORS: 'javascript:x' })).toThrow(
      /STREFA_FRAME_ANCESTORS/,
    );
  });

  it('leaves a full descriptor or a TNS alias as the operator wrote it', () => {
    const tuning = loadConfig(env).db;
    expect(connectDescriptor('STREFA_TNS', tuning)).toBe('STREFA_TNS');
    const descriptor =
      '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=h)(PORT=2484))(CONNECT_DATA=(SERVICE_NAME=s)))';
    expect(connectDescriptor(descriptor, tuning)).toBe(descriptor);
  });
});

describe('exact values from Oracle', () => {
  it('keeps integers exact up to 2^53 and refuses beyond', () => {
    const convert = exactNumber('AMOUNT_GR');
    expect(convert('123456789012')).toBe(123456789012);
    expect(convert('-4500')).toBe(-4500);
    expect(convert(null)).toBeNull();
    expect(convert(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => convert('9007199254740993')).toThrow(OracleValueError);
  });

  it('refuses a fraction in a scaled-integer column (a view without ROUND)', () => {
    expect(() => exactNumber('DEBIT_GR')('12.5')).toThrow(/DEBIT_GR.*not an integer/);
    expect(exactNumber('N')('2.5')).toBe(2.5);
  });

  it('reads a DATE as the calendar day it holds, whatever the time zone', () => {
    // The driver builds DATEs in the process's local time; the day must come back unchanged.
    expect(calendarDate(new Date(2026, 0, 1))).toBe('2026-01-01');
    expect(calendarDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
    expect(calendarDate(null)).toBeNull();
  });
});

describe('pooled Oracle sessions', () => {
  it('are checked before use, so a dropped link is replaced, not handed to a request', async () => {
    const knex = openDatabase(loadConfig(env)); // no connection is opened until a query runs
    try {
      const client = knex.client as { validateConnection(connection: unknown): boolean };
      expect(client.validateConnection({ isHealthy: () => true })).toBe(true);
      expect(client.validateConnection({ isHealthy: () => false })).toBe(false);
      expect(
        client.validateConnection({ isHealthy: () => true, __knex__disposed: new Error('timeout') }),
      ).toBe(false);
    } finally {
      await knex.destroy();
    }
  });

  it('get the NLS settings the services rely on', () => {
    expect(SESSION_SETUP_SQL).toContain("NLS_DATE_FORMAT = 'YYYY-MM-DD'");
    expect(SESSION_SETUP_SQL).toContain("NLS_NUMERIC_CHARACTERS = '.,'");
    expect(SESSION_SETUP_SQL).toContain('NLS_LENGTH_SEMANTICS = CHAR');
  });

  it('fetch NUMBER as exact text, DATE as a calendar day and CLOB as a string', () => {
    const types = { STRING: 'S', DB_TYPE_DATE: 'D', DB_TYPE_NUMBER: 'N', DB_TYPE_CLOB: 'C' };
    const handler = makeFetchTypeHandler(types);
    expect(handler({ name: 'AMOUNT_GR', dbType: 'N' })).toMatchObject({ type: 'S' });
    expect(
      (handler({ name: 'AMOUNT_GR', dbType: 'N' }) as { converter(v: string): number }).converter('1050'),
    ).toBe(1050);
    expect(
      (handler({ name: 'DATE', dbType: 'D' }) as { converter(v: Date): string }).converter(
        new Date(2026, 10, 15),
      ),
    ).toBe('2026-11-15');
    expect(handler({ name: 'DATA', dbType: 'C' })).toEqual({ type: 'S' });
    expect(handler({ name: 'LOGIN', dbType: 'V' })).toBeUndefined();
  });
});
