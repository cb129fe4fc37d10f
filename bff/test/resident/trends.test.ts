/**
 * The charts' data (services/trends-service.ts) on the hand-made fixture, where every figure is
 * known: the building comparison with its k-anonymity threshold (4 units → no average, 5 → the
 * average to the thousandth), the 24-month fee history against the month endpoint and with the
 * component that changed, the 10-year settlements against the yearly endpoint; each within the
 * person's windows, 404 for a unit that is not theirs, and index searches only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billing } from '../../src/db/tables.ts';
import { chargeChanges, comparisonBasis, ratioE3 } from '../../src/services/trends-service.ts';
import { ACC, ANNA, BARTEK, createFixture, failure, FLAT, GARAGE, NOBODY, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx?.close();
});

/** Another flat in the fixture's building with one cold-water reading on 30 June 2025. */
async function addNeighbour(id: number, persons: number, consumptionE3: number): Promise<void> {
  await fx.knex(billing('units')).insert({
    id,
    buildingId: 1,
    kind: 'flat',
    number: String(id),
    areaE2: 5000,
    persons,
    legalTitle: 'ownership_coop',
    bankAccount: String(10_000_000_000_000_000_000_000_000n + BigInt(id)),
  });
  await fx.knex(billing('meters')).insert({
    id: 1000 + id,
    unitId: id,
    mediumCode: 'ZW',
    number: `ZW-${id}`,
    location: 'kuchnia',
    installedOn: '2019-01-01',
  });
  await fx.knex(billing('readings')).insert({
    id: 1000 + id,
    meterId: 1000 + id,
    date: '2025-06-30',
    documentNumber: 'OD/2025/1',
    kind: 'actual',
    valueE3: consumptionE3 * 3,
    consumptionE3,
  });
}

describe('readings comparison', () => {
  it('gives the own consumption per half-year and no building average below 5 units', async () => {
    // The building so far: FLAT (2 persons) and OTHER_FLAT (1 person) read on 30 June; two more
    // neighbours make 4 flats with readings in January–June 2025.
    await addNeighbour(20, 3, 9000);
    await addNeighbour(21, 1, 2000);
    const answer = await fx.services.trends.readingsComparison(BARTEK, FLAT, 2025, 'ZW');
    expect(answer.medium).toEqual({ code: 'ZW', name: 'Zimna woda', unit: 'm³' });
    expect(answer.basis).toBe('person');
    expect(answer.minimumUnits).toBe(5);
    expect(answer.periods.map((p) => [p.year, p.half, p.from, p.to])).toEqual([
      [2024, 1, '2024-01-01', '2024-06-30'],
      [2024, 2, '2024-07-01', '2024-12-31'],
      [2025, 1, '2025-01-01', '2025-06-30'],
      [2025, 2, '2025-07-01', '2025-12-31'],
    ]);
    // Bartek's window starts 2025-03-15: his only period is January–June 2025 (the 30 June reading).
    expect(answer.periods[2]).toEqual({
      year: 2025,
      half: 1,
      from: '2025-01-01',
      to: '2025-06-30',
      consumption: '10.5',
      perBasis: '3.5',
      building: null,
    });
    for (const i of [0, 1, 3]) {
      expect(answer.periods[i]).toMatchObject({ consumption: null, perBasis: null, building: null });
    }
  });

  it('gives the building average per person from the fifth unit on, exact to the thousandth', async () => {
    await addNeighbour(22, 1, 5000);
    const answer = await fx.services.trends.readingsComparison(BARTEK, FLAT, 2025, 'ZW');
    // (10.5 + 1 + 9 + 2 + 5) m³ / (3 + 1 + 3 + 1 + 1) persons = 3.0555… → 3.056
    expect(answer.periods[2]!.building).toEqual({ units: 5, average: '3.056' });
    expect(answer.periods[2]!.consumption).toBe('10.5');
  });

  it('keeps to the person’s window: the previous owner sees only readings up to the handover', async () => {
    const answer = await fx.services.trends.readingsComparison(ANNA, FLAT, 2025, 'ZW');
    // Anna: the 2024-12-31 reading (20 m³) and the handover reading of 2025-03-14 (10.5 m³);
    // her neighbours' 30 June readings are after her window, so no average at all.
    expect(answer.periods.map((p) => p.consumption)).toEqual([null, '20', '10.5', null]);
    expect(answer.periods.map((p) => p.building)).toEqual([null, null, null, null]);
  });

  it('answers 404 for a unit that is not the person’s and 400 for an unknown medium', async () => {
    expect((await failure(fx.services.trends.readingsComparison(NOBODY, FLAT, 2025, 'ZW'))).status).toBe(404);
    expect((await failure(fx.services.trends.readingsComparison(ANNA, 999, 2025, 'ZW'))).status).toBe(404);
    const unknown = await failure(fx.services.trends.readingsComparison(BARTEK, FLAT, 2025, 'XX'));
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_parameter', field: 'medium' } },
    });
    // A garage is compared with garages only: none of them has water meters.
    const garage = await fx.services.trends.readingsComparison(ANNA, GARAGE, 2025, 'ZW');
    expect(garage.periods.every((p) => p.consumption === null && p.building === null)).toBe(true);
  });

  it('computes per m² for allocators and rounds half up', () => {
    expect(comparisonBasis('m³')).toBe('person');
    expect(comparisonBasis('jedn.')).toBe('m2');
    // 1000.5 units on 48.60 m²: 1000500 e3 × 100 / 4860 = 20586.4… → 20.586
    expect(ratioE3(1_000_500n, 4860n, 100n)).toBe(20_586n);
    expect(ratioE3(5n, 2n)).toBe(3n); // 0.0025 → 0.003
    expect(ratioE3(5n, 0n)).toBeNull();
  });
});

describe('charge history', () => {
  it('gives 24 months whose totals are the month endpoint’s, within the person’s window', async () => {
    for (const [person, year, month] of [
      [BARTEK, 2025, 12],
      [ANNA, 2025, 5],
    ] as const) {
      const { months } = await fx.services.trends.chargeHistory(person, FLAT, year, month);
      expect(months).toHaveLength(24);
      expect(months[23]).toMatchObject({ year, month });
      for (const m of months) {
        const single = await fx.services.ledger.charges(person, FLAT, m.year, m.month);
        expect(m.total, `${m.year}-${m.month}`).toBe(single.components.length ? single.total : null);
      }
    }
    const anna = await fx.services.trends.chargeHistory(ANNA, FLAT, 2025, 5);
    expect(anna.months.filter((m) => m.total !== null).map((m) => m.month)).toEqual([1, 2, 3]);
    const bartek = await fx.services.trends.chargeHistory(BARTEK, FLAT, 2025, 12);
    expect(bartek.months.filter((m) => m.total !== null).map((m) => m.month)).toEqual([4, 5]);
  });

  it('names the component that changed against the previous month with a fee', async () => {
    await fx.knex(billing('fee_components')).insert([
      {
        id: 9001,
        unitId: FLAT,
        year: 2026,
        month: 1,
        position: 1,
        name: 'Eksploatacja',
        basis: 'm2',
        quantityE3: 48600,
        rateE4: 21500,
        amountGr: 10449,
      },
      {
        id: 9002,
        unitId: FLAT,
        year: 2026,
        month: 1,
        position: 2,
        name: 'Wywóz odpadów',
        basis: 'person',
        quantityE3: 4000,
        rateE4: 320000,
        amountGr: 12800,
      },
      {
        id: 9003,
        unitId: FLAT,
        year: 2026,
        month: 1,
        position: 3,
        name: 'Zimna woda',
        basis: 'm3',
        quantityE3: 6000,
        rateE4: 164000,
        amountGr: 9840,
      },
    ]);
    const { months } = await fx.services.trends.chargeHistory(BARTEK, FLAT, 2026, 1);
    const january = months[23]!;
    expect(january.total).toBe('330.89');
    expect(january.changes).toEqual([
      {
        name: 'Wywóz odpadów',
        basis: 'person',
        previousRate: '32.00',
        rate: '32.00',
        previousQuantity: '3',
        quantity: '4',
        previousAmount: '96.00',
        amount: '128.00',
      },
      {
        name: 'Zimna woda',
        basis: 'm3',
        previousRate: null,
        rate: '16.40',
        previousQuantity: null,
        quantity: '6',
        previousAmount: null,
        amount: '98.40',
      },
    ]);
    // The first month shown has nothing to compare with.
    expect(months.find((m) => m.total !== null)!.changes).toEqual([]);
  });

  it('reports a component that is gone', () => {
    const row = (name: string, rateE4: number) => ({
      year: 2025,
      month: 1,
      name,
      basis: 'unit',
      quantityE3: 1000,
      rateE4,
      amountGr: rateE4 / 100,
    });
    expect(chargeChanges([row('Domofon', 40000), row('Antena', 10000)], [row('Domofon', 40000)])).toEqual([
      {
        name: 'Antena',
        basis: 'unit',
        previousRate: '1.00',
        rate: null,
        previousQuantity: '1',
        quantity: null,
        previousAmount: '1.00',
        amount: null,
      },
    ]);
  });

  it('answers 404 for a unit that is not the person’s', async () => {
    expect((await failure(fx.services.trends.chargeHistory(NOBODY, FLAT, 2025, 1))).status).toBe(404);
  });
});

describe('settlement history', () => {
  it('gives the settlements of ten years, the same as the yearly endpoint, within the window', async () => {
    for (const [person, account] of [
      [ANNA, ACC.annaWod],
      [BARTEK, ACC.bartekWod],
    ] as const) {
      const history = await fx.services.trends.settlementHistory(person, FLAT, 2026, account);
      expect(history).toMatchObject({ fromYear: 2017, toYear: 2026, account: { id: account } });
      const yearly = [];
      for (let year = 2017; year <= 2026; year++) {
        yearly.push(...(await fx.services.media.settlements(person, FLAT, year, account)).settlements);
      }
      expect(history.settlements).toEqual(yearly);
      expect(history.settlements).toHaveLength(1);
    }
  });

  it('refuses an account of another holder like one that does not exist', async () => {
    expect(
      (await failure(fx.services.trends.settlementHistory(BARTEK, FLAT, 2025, ACC.annaWod))).status,
    ).toBe(404);
    expect(
      (await failure(fx.services.trends.settlementHistory(NOBODY, FLAT, 2025, ACC.annaWod))).status,
    ).toBe(404);
  });
});

const GROWING =
  /\b(SCAN) (billing_(persons|units|assignments|fee_components|accounts|opening_balances|documents|meters|readings|settlements))\b(?! USING INTEGER PRIMARY KEY)/;

it('runs two statements per request, each an index search', async () => {
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) =>
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  fx.knex.on('query', listener);
  try {
    await fx.services.trends.readingsComparison(BARTEK, FLAT, 2025, 'ZW');
    await fx.services.trends.chargeHistory(BARTEK, FLAT, 2026, 1);
    await fx.services.trends.settlementHistory(BARTEK, FLAT, 2026, ACC.bartekWod);
  } finally {
    fx.knex.removeListener('query', listener);
  }
  expect(statements).toHaveLength(6);
  const offenders: string[] = [];
  for (const statement of statements) {
    const plan: { detail: string }[] = await fx.knex.raw(
      `EXPLAIN QUERY PLAN ${statement.sql}`,
      statement.bindings as never,
    );
    for (const step of plan)
      if (GROWING.test(step.detail)) offenders.push(`${step.detail}  ←  ${statement.sql}`);
  }
  expect(offenders).toEqual([]);
});
