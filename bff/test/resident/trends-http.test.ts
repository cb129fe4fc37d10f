/**
 * The charts' endpoints over HTTP on the generated database: the building comparison against an
 * independent computation from the raw tables (every flat of the building, every meter, every
 * reading), the fee history against the month endpoint, the settlement history against the year
 * endpoint; and the edges every unit endpoint has (no session, someone else's unit, malformed
 * parameters, other methods).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { billing } from '../../src/db/tables.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let resident: TestClient;
const FLAT = KNOWN_PEOPLE.demoResident.flatUnitId;
const YEAR = 2026;

beforeAll(async () => {
  ctx = await createTestContext();
  resident = ctx.client();
  const login = await resident.post('/api/v1/session', {
    login: 'demo-resident',
    password: 'demo-resident-password',
  });
  expect(login.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

/** Σ consumption (e3) ÷ Σ persons, half up to e3, computed here from the rows one by one. */
async function expectedBuilding(mediumCode: string) {
  const units = ctx.knex(billing('units'));
  const flat = await units.clone().where({ id: FLAT }).first();
  const neighbours: { id: number; persons: number; areaE2: number }[] = await units
    .clone()
    .where({ buildingId: flat.buildingId, kind: flat.kind })
    .select('id', 'persons', 'areaE2');
  const halves = new Map<
    number,
    { units: Set<number>; consumption: bigint; persons: bigint; own: bigint | null }
  >();
  for (const unit of neighbours) {
    const meters = await ctx.knex(billing('meters')).where({ unitId: unit.id, mediumCode }).select('id');
    for (const meter of meters) {
      const readings = await ctx
        .knex(billing('readings'))
        .where({ meterId: meter.id })
        .where('date', '>=', `${YEAR - 1}-01-01`)
        .where('date', '<', `${YEAR + 1}-01-01`)
        .select('date', 'consumptionE3');
      for (const reading of readings) {
        const date = String(reading.date);
        const half = (Number(date.slice(0, 4)) - (YEAR - 1)) * 2 + (Number(date.slice(5, 7)) > 6 ? 1 : 0);
        let entry = halves.get(half);
        if (!entry) halves.set(half, (entry = { units: new Set(), consumption: 0n, persons: 0n, own: null }));
        if (!entry.units.has(unit.id)) {
          entry.units.add(unit.id);
          entry.persons += BigInt(unit.persons);
        }
        entry.consumption += BigInt(reading.consumptionE3);
        if (unit.id === FLAT) entry.own = (entry.own ?? 0n) + BigInt(reading.consumptionE3);
      }
    }
  }
  return [0, 1, 2, 3].map((half) => {
    const entry = halves.get(half);
    if (!entry) return { own: null, building: null };
    const average = (entry.consumption * 2n + entry.persons) / (entry.persons * 2n);
    return {
      own: entry.own,
      building: entry.units.size >= 5 ? { units: entry.units.size, averageE3: average } : null,
    };
  });
}

const e3 = (value: string | null) => {
  if (value === null) return null;
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 1000n + BigInt(fraction.padEnd(3, '0'));
};

describe('the charts over HTTP', () => {
  it('gives the building average of the generated data exactly, per person for water', async () => {
    const response = await resident.get(`/api/v1/units/${FLAT}/readings/comparison?year=${YEAR}&medium=zw`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = response.body as {
      basis: string;
      periods: { consumption: string | null; building: { units: number; average: string } | null }[];
    };
    expect(body.basis).toBe('person');
    const expected = await expectedBuilding('ZW');
    expect(body.periods.map((p) => e3(p.consumption))).toEqual(expected.map((x) => x.own));
    expect(
      body.periods.map((p) =>
        p.building ? { units: p.building.units, averageE3: e3(p.building.average) } : null,
      ),
    ).toEqual(expected.map((x) => x.building));
    // The generated building has more than 5 flats with water meters: the average is there.
    expect(body.periods.filter((p) => p.building !== null).length).toBeGreaterThan(0);
  });

  it('gives heat per m²', async () => {
    const response = await resident.get(`/api/v1/units/${FLAT}/readings/comparison?year=${YEAR}&medium=CO`);
    expect(response.status).toBe(200);
    expect((response.body as { basis: string }).basis).toBe('m2');
  });

  it('gives 24 months whose totals are the month endpoint’s', async () => {
    const response = await resident.get(`/api/v1/units/${FLAT}/charges/history?year=${YEAR}&month=11`);
    expect(response.status).toBe(200);
    const months = (response.body as { months: { year: number; month: number; total: string | null }[] })
      .months;
    expect(months).toHaveLength(24);
    for (const m of months) {
      const single = await resident.get(`/api/v1/units/${FLAT}/charges?year=${m.year}&month=${m.month}`);
      const body = single.body as { total: string; components: unknown[] };
      expect(m.total, `${m.year}-${m.month}`).toBe(body.components.length ? body.total : null);
    }
    // The generator changes rates every January: January shows what changed.
    const january = (response.body as { months: { month: number; changes: unknown[] }[] }).months.find(
      (m) => m.month === 1,
    )!;
    expect(january.changes.length).toBeGreaterThan(0);
  });

  it('gives the settlements of ten years, as the year endpoint gives them', async () => {
    const filters = (await resident.get(`/api/v1/units/${FLAT}/filters`)).body as {
      settlementAccounts: { id: number }[];
    };
    for (const { id } of filters.settlementAccounts) {
      const history = await resident.get(
        `/api/v1/units/${FLAT}/settlements/history?year=${YEAR}&account=${id}`,
      );
      expect(history.status).toBe(200);
      const yearly: unknown[] = [];
      for (let year = YEAR - 9; year <= YEAR; year++) {
        yearly.push(
          ...(
            (await resident.get(`/api/v1/units/${FLAT}/settlements?year=${year}&account=${id}`)).body as {
              settlements: unknown[];
            }
          ).settlements,
        );
      }
      const settlements = (history.body as { settlements: { periodFrom: string }[] }).settlements;
      const order = (list: unknown[]) =>
        [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(order(settlements)).toEqual(order(yearly));
      expect(settlements.length).toBeGreaterThan(0);
    }
  });

  it('answers like every unit endpoint to what is not allowed or not well-formed', async () => {
    const paths = [
      `readings/comparison?year=${YEAR}&medium=ZW`,
      `charges/history?year=${YEAR}&month=1`,
      `settlements/history?year=${YEAR}&account=1`,
    ];
    for (const path of paths) {
      const anonymous = await ctx.client().get(`/api/v1/units/${FLAT}/${path}`);
      expect(anonymous.status, path).toBe(401);
      const foreign = await resident.get(`/api/v1/units/999999/${path}`);
      expect(foreign.status, path).toBe(404);
      expect(foreign.body).toEqual((await resident.get('/api/v1/units/999999/filters')).body);
      const post = await resident.post(`/api/v1/units/${FLAT}/${path}`, {});
      expect(post.status, path).toBe(405);
    }
    const bad: [string, string][] = [
      [`readings/comparison?year=20x6&medium=ZW`, 'year'],
      [`readings/comparison?year=${YEAR}`, 'medium'],
      [`readings/comparison?year=${YEAR}&medium=XX`, 'medium'],
      [`charges/history?year=${YEAR}&month=13`, 'month'],
      [`charges/history?year=${YEAR}&year=${YEAR}&month=1`, 'year'],
      [`settlements/history?year=${YEAR}&account=-1`, 'account'],
    ];
    for (const [path, field] of bad) {
      const response = await resident.get(`/api/v1/units/${FLAT}/${path}`);
      expect(response.status, path).toBe(400);
      expect(response.body, path).toMatchObject({ error: { code: 'invalid_parameter', field } });
    }
  });
});
