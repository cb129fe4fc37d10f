/**
 * Every query of the resident's endpoints finds its rows through an index: SQLite's own query
 * plan (EXPLAIN QUERY PLAN) of each statement the services send must not scan a billing table
 * that grows with the cooperative (only the small media dictionary may be read whole). On the
 * 20,000-unit, ten-year database a scan of documents or readings is seconds; a search is micro.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACC, ANNA, createFixture, FLAT, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx?.close();
});

const GROWING =
  /\b(SCAN) (billing_(persons|units|assignments|fee_components|accounts|opening_balances|documents|meters|readings|settlements))\b(?! USING INTEGER PRIMARY KEY)/;

it('no statement scans a growing billing table', async () => {
  const s = fx.services;
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  fx.knex.on('query', listener);
  try {
    await s.resident.me(ANNA);
    await s.resident.filters(ANNA, FLAT);
    await s.ledger.charges(ANNA, FLAT, 2025, 3);
    await s.ledger.accounts(ANNA, FLAT, 2025);
    await s.ledger.documents(ANNA, FLAT, ACC.annaEks, 2025);
    await s.media.readings(ANNA, FLAT, 2025, 'ZW');
    await s.media.settlements(ANNA, FLAT, 2025, ACC.annaWod);
  } finally {
    fx.knex.removeListener('query', listener);
  }
  // me() of a former owner (Anna) is 3: the persons of the last month charged to her.
  expect(statements.length).toBe(15);
  const offenders: string[] = [];
  for (const statement of statements) {
    const plan: { detail: string }[] = await fx.knex.raw(
      `EXPLAIN QUERY PLAN ${statement.sql}`,
      statement.bindings as never,
    );
    for (const step of plan) {
      if (process.env.SHOW_PLANS) console.log(step.detail, '  ←  ', statement.sql.slice(0, 90));
      if (GROWING.test(step.detail)) offenders.push(`${step.detail}  ←  ${statement.sql}`);
    }
  }
  expect(offenders).toEqual([]);
});
