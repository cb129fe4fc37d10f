/**
 * The yearly statement's data against the other endpoints, on the hand-made fixture whose edges
 * are known (a flat handed over on 15 March 2025, a co-owner from 5 April, closed and new
 * accounts): for every person, unit and year the statement holds exactly what charges,
 * accounts, documents, readings and settlements answer, nothing of another person's period;
 * the same 404 for a unit that is not the person's; a fixed number of statements whatever the
 * data, each an index search.
 */
import type { Settlement } from '@strefa/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { statementBlocks } from '../../src/pdf/statement-pdf.ts';
import type { StatementData } from '../../src/services/statement-service.ts';
import {
  ANNA,
  BARTEK,
  CELINA,
  createFixture,
  failure,
  FLAT,
  GARAGE,
  NOBODY,
  OTHER_FLAT,
  type Fixture,
} from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx?.close();
});

/** What the other endpoints answer for a unit and year, in the statement's shape. */
async function fromEndpoints(personId: number, unitId: number, year: number) {
  const s = fx.services;
  const filters = await s.resident.filters(personId, unitId);
  const months = [];
  for (let month = 1; month <= 12; month++) {
    const charges = await s.ledger.charges(personId, unitId, year, month);
    if (charges.components.length)
      months.push({ month, components: charges.components, total: charges.total });
  }
  const { accounts } = await s.ledger.accounts(personId, unitId, year);
  const withDocuments = [];
  for (const account of accounts) {
    const { documents } = await s.ledger.documents(personId, unitId, account.id, year);
    withDocuments.push({ ...account, documents });
  }
  const media = [];
  for (const medium of filters.media) {
    const answer = await s.media.readings(personId, unitId, year, medium.code);
    if (answer.readings.length) media.push({ medium: answer.medium, readings: answer.readings });
  }
  const settlementAccounts: { account: { id: number; name: string }; settlements: Settlement[] }[] = [];
  for (const account of filters.settlementAccounts) {
    const answer = await s.media.settlements(personId, unitId, year, account.id);
    settlementAccounts.push({ account: answer.account, settlements: answer.settlements });
  }
  return { months, accounts: withDocuments, media, settlementAccounts };
}

const CASES: [name: string, personId: number, unitId: number][] = [
  ['Anna, the flat she handed over', ANNA, FLAT],
  ['Bartek, the flat he took over', BARTEK, FLAT],
  ['Celina, co-owner from 5 April', CELINA, FLAT],
  ['Anna, her garage', ANNA, GARAGE],
];

describe('the statement holds what the endpoints answer', () => {
  for (const [name, personId, unitId] of CASES) {
    for (const year of [2024, 2025, 2026]) {
      it(`${name}, ${year}`, async () => {
        const data: StatementData = await fx.services.statement.yearly(personId, unitId, year);
        const expected = await fromEndpoints(personId, unitId, year);
        expect(data.year).toBe(year);
        expect(data.months).toEqual(expected.months);
        expect(data.accounts).toEqual(expected.accounts);
        expect(data.media).toEqual(expected.media);
        // Settlement accounts: never one the endpoint refuses; every settlement it lists.
        const listed = new Set(expected.settlementAccounts.map((entry) => entry.account.id));
        for (const entry of data.settlementAccounts) expect(listed.has(entry.account.id)).toBe(true);
        expect(data.settlementAccounts.filter((entry) => entry.settlements.length)).toEqual(
          expected.settlementAccounts.filter((entry) => entry.settlements.length),
        );
        // The year's fee total adds up the months' totals to the grosz.
        const grosze = data.months.reduce((sum, month) => sum + BigInt(month.total.replace('.', '')), 0n);
        expect(data.feesTotal).toBe(`${grosze / 100n}.${String(grosze % 100n).padStart(2, '0')}`);
      });
    }
  }

  it('shows each person only their own days of the handover year', async () => {
    const anna = await fx.services.statement.yearly(ANNA, FLAT, 2025);
    const bartek = await fx.services.statement.yearly(BARTEK, FLAT, 2025);
    expect(anna.ranges).toEqual([{ from: '2025-01-01', to: '2025-03-14' }]);
    expect(bartek.ranges).toEqual([{ from: '2025-03-15', to: '2025-12-31' }]);
    expect(anna.months.map((m) => m.month)).toEqual([1, 2, 3]);
    expect(bartek.months.map((m) => m.month)).toEqual([4, 5]);
    const numbers = (data: StatementData) => data.accounts.flatMap((a) => a.documents.map((d) => d.number));
    expect(numbers(anna).some((n) => numbers(bartek).includes(n))).toBe(false);
    expect(anna.settlementAccounts.flatMap((a) => a.settlements.map((s) => s.documentNumber))).toEqual([
      'ROZ/1',
    ]);
    expect(bartek.settlementAccounts.flatMap((a) => a.settlements.map((s) => s.documentNumber))).toEqual([
      'ROZ/2',
    ]);
    expect(anna.person.displayName).toBe('Anna Żółkiewska');
    expect(anna.unit.address.text).toBe('ul. Zamkowa 12 m. 4, 95-200 Pabianice');
  });

  it('answers a year outside the assignment like the other endpoints: without data', async () => {
    const data = await fx.services.statement.yearly(ANNA, FLAT, 2026);
    expect((await fx.services.ledger.accounts(ANNA, FLAT, 2026)).accounts).toEqual([]);
    expect(data).toMatchObject({
      ranges: [],
      months: [],
      feesTotal: '0.00',
      accounts: [],
      media: [],
      settlementAccounts: [],
    });
  });

  it('says "stan na dzień" the end of a past year, today in the current one', async () => {
    expect((await fx.services.statement.yearly(BARTEK, FLAT, 2025)).asOf).toBe('2025-12-31');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const year = Number(today.slice(0, 4));
    expect((await fx.services.statement.yearly(BARTEK, FLAT, year)).asOf).toBe(today);
  });
});

describe('authorisation', () => {
  for (const [personId, unitId] of [
    [ANNA, OTHER_FLAT],
    [NOBODY, FLAT],
    [ANNA, 999_999],
  ] as const) {
    it(`person ${personId}, unit ${unitId}: the same 404 as the accounts endpoint`, async () => {
      const statement = await failure(fx.services.statement.yearly(personId, unitId, 2025));
      expect(statement).toEqual(await failure(fx.services.ledger.accounts(personId, unitId, 2025)));
      expect(statement.status).toBe(404);
    });
  }
});

const GROWING =
  /\b(SCAN) (billing_(persons|units|assignments|fee_components|accounts|opening_balances|documents|meters|readings|settlements))\b(?! USING INTEGER PRIMARY KEY)/;

describe('queries', () => {
  async function statementsOf(personId: number, unitId: number, year: number) {
    const statements: { sql: string; bindings: unknown[] }[] = [];
    const listener = (query: { sql: string; bindings?: unknown[] }) =>
      statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    fx.knex.on('query', listener);
    try {
      await fx.services.statement.yearly(personId, unitId, year);
    } finally {
      fx.knex.removeListener('query', listener);
    }
    return statements;
  }

  it('runs a fixed number, whatever the number of months, accounts, meters and documents', async () => {
    // Five fee months, two media, a ledger and a settlement account, documents…
    const busy = await statementsOf(BARTEK, FLAT, 2025);
    // …against one fee month, no meter, one account.
    const quiet = await statementsOf(ANNA, GARAGE, 2025);
    expect(busy.length).toBe(8);
    expect(quiet.length).toBe(8);
    // A year outside the assignment needs no data query at all.
    expect((await statementsOf(ANNA, FLAT, 2026)).length).toBeLessThanOrEqual(8);
  });

  it('finds every row through an index', async () => {
    const offenders: string[] = [];
    for (const [, personId, unitId] of CASES) {
      for (const statement of await statementsOf(personId, unitId, 2025)) {
        const plan: { detail: string }[] = await fx.knex.raw(
          `EXPLAIN QUERY PLAN ${statement.sql}`,
          statement.bindings as never,
        );
        for (const step of plan) {
          if (process.env.SHOW_PLANS) console.log(step.detail, ' <- ', statement.sql.slice(0, 60));
          if (GROWING.test(step.detail)) offenders.push(`${step.detail}  ←  ${statement.sql}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the cooperative in the header', () => {
  const env = { SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'sqlite::memory:' };
  it('is the demo cooperative in demo mode, none elsewhere unless COOPERATIVE_* are set', () => {
    expect(loadConfig({ ...env, STREFA_DEMO: 'on' }).cooperative).toMatchObject({
      name: 'Pabianicka Spółdzielnia Mieszkaniowa',
      address: 'ul. Zamkowa 42, 95-200 Pabianice',
    });
    expect(loadConfig({ ...env, STREFA_DEMO: 'off' }).cooperative).toBeNull();
    expect(
      loadConfig({
        ...env,
        STREFA_DEMO: 'off',
        COOPERATIVE_NAME: ' Spółdzielnia Mieszkaniowa „Łąki” ',
        COOPERATIVE_ADDRESS: 'ul. Źródlana 1, 00-001 Warszawa',
        COOPERATIVE_NIP: '7311948207',
      }).cooperative,
    ).toMatchObject({ name: 'Spółdzielnia Mieszkaniowa „Łąki”', address: 'ul. Źródlana 1, 00-001 Warszawa' });
    expect(() => loadConfig({ ...env, COOPERATIVE_NAME: 'SM' })).toThrow(ConfigError);
  });

  it('is left out of a statement when the operator set none, never a wrong one', async () => {
    // The fixture runs outside demo mode without COOPERATIVE_* settings.
    const data = await fx.services.statement.yearly(BARTEK, FLAT, 2025);
    expect(data.cooperative).toBeNull();
    const text = JSON.stringify(statementBlocks(data));
    expect(text).not.toContain('Pabianicka');
    expect(text).toContain('Zestawienie roczne za 2025 r.');
  });
});
