/**
 * "Do zapłaty" and "Skąd to saldo?" find their rows through indexes only, and send a fixed
 * number of statements whatever the unit's history: SQLite's EXPLAIN QUERY PLAN of each
 * statement must not scan a billing table that grows with the cooperative, on the hand-made
 * fixture and on the generated database (whose statistics-free plans are those of the
 * 20,000-unit benchmark database: the schema and indexes are the same, and SQLite plans
 * without ANALYZE from the schema alone). `npm run bench` measures the large one.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import type { Services } from '../../src/services/index.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { ANNA, BARTEK, createFixture, FLAT, GARAGE, type Fixture } from './fixture.ts';

let fx: Fixture;
let ctx: TestContext;
beforeAll(async () => {
  fx = await createFixture();
  ctx = await createTestContext();
}, 120_000);
afterAll(async () => {
  await fx?.close();
  await ctx?.close();
});

const GROWING =
  /\b(SCAN) (billing_(persons|units|buildings|assignments|fee_components|accounts|opening_balances|documents|meters|readings|settlements))\b(?! USING INTEGER PRIMARY KEY)/;

/** The statements `run` sends, each with its query plan's offending steps. */
async function plansOf(knex: Knex, run: () => Promise<unknown>) {
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.removeListener('query', listener);
  }
  const offenders: string[] = [];
  for (const statement of statements) {
    const plan: { detail: string }[] = await knex.raw(
      `EXPLAIN QUERY PLAN ${statement.sql}`,
      statement.bindings as never,
    );
    for (const step of plan) {
      if (process.env.SHOW_PLANS) console.log(step.detail, '  ←  ', statement.sql.slice(0, 90));
      if (GROWING.test(step.detail)) offenders.push(`${step.detail}  ←  ${statement.sql}`);
    }
  }
  return { count: statements.length, offenders };
}

async function check(knex: Knex, s: Services, personId: number, unitId: number) {
  s.freshness.forget();
  const first = await plansOf(knex, () => s.payment.payment(personId, unitId));
  const history = await plansOf(knex, () => s.payment.balanceHistory(personId, unitId, 60));
  const short = await plansOf(knex, () => s.payment.balanceHistory(personId, unitId, 1));
  const fresh = await plansOf(knex, () => s.freshness.freshness());
  expect([...first.offenders, ...history.offenders, ...short.offenders, ...fresh.offenders]).toEqual([]);
  // Access + figures; the freshness lookup is one more, and only when its cache is cold.
  expect([first.count, history.count, short.count]).toEqual([2, 2, 2]);
  s.freshness.forget();
  expect((await plansOf(knex, () => s.freshness.freshness())).count).toBe(1);
  expect((await plansOf(knex, () => s.freshness.freshness())).count).toBe(0);
}

it('no statement scans a growing billing table (fixture: a handover, a garage)', async () => {
  for (const [person, unit] of [
    [ANNA, FLAT],
    [BARTEK, FLAT],
    [ANNA, GARAGE],
  ] as const) {
    await check(fx.knex, fx.services, person, unit);
  }
});

it('no statement scans a growing billing table (the generated database)', async () => {
  const A = KNOWN_PEOPLE.demoResident;
  await check(ctx.knex, ctx.services, A.personId, A.flatUnitId);
  await check(ctx.knex, ctx.services, A.personId, A.garageUnitId);
});
