/**
 * Review findings on the resident path, each with the data that exposed it:
 * - an assignment that ends before it starts (a billing data-entry error) must grant nothing:
 *   before the fix its inverted "window" still overlapped the unit's open accounts, so the
 *   filters listed them and the documents endpoint answered with the account's name;
 * - a whole-number column that arrives with a fraction (a view's mistake) must never reach the
 *   JSON as a float;
 * - and, over every answer of the fixture, numbers are whole and money has exactly 2 places.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billing } from '../../src/db/tables.ts';
import {
  ACC,
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
beforeEach(async () => {
  fx = await createFixture();
});
afterEach(async () => {
  await fx?.close();
});

/** Every endpoint of a unit for a person: each must be the 404 of a unit that does not exist. */
async function expectNoAccess(
  person: number,
  unit: number,
  ledgerAccount: number,
  settlementAccount: number,
) {
  const s = fx.services;
  const missing = await failure(s.resident.filters(person, 987_654));
  expect(missing.status).toBe(404);
  expect(await failure(s.resident.filters(person, unit))).toEqual(missing);
  expect(await failure(s.ledger.charges(person, unit, 2024, 3))).toEqual(missing);
  expect(await failure(s.ledger.accounts(person, unit, 2024))).toEqual(missing);
  expect(await failure(s.ledger.documents(person, unit, ledgerAccount, 2024))).toEqual(missing);
  expect(await failure(s.media.readings(person, unit, 2024, 'ZW'))).toEqual(missing);
  expect(await failure(s.media.settlements(person, unit, 2024, settlementAccount))).toEqual(missing);
}

describe('an assignment that ends before it starts', () => {
  it('grants nothing: every endpoint answers 404 as for a unit that does not exist', async () => {
    await fx.knex(billing('assignments')).insert({
      id: 90,
      personId: NOBODY,
      unitId: OTHER_FLAT,
      role: 'tenant',
      share: '1/1',
      dateFrom: '2024-06-01',
      dateTo: '2024-01-01',
    });
    await expectNoAccess(NOBODY, OTHER_FLAT, ACC.otherEks, ACC.annaWod);
  });

  it('does not disturb a valid window of the same person on the same unit', async () => {
    await fx.knex(billing('assignments')).insert({
      id: 91,
      personId: ANNA,
      unitId: GARAGE,
      role: 'member',
      share: '1/1',
      dateFrom: '2026-06-01',
      dateTo: '2019-01-01',
    });
    const filters = await fx.services.resident.filters(ANNA, GARAGE);
    expect(filters.accounts).toEqual([{ id: ACC.garageEks, name: 'Opłaty eksploatacyjne' }]);
    expect((await fx.services.ledger.accounts(ANNA, GARAGE, 2025)).accounts).toHaveLength(1);
  });
});

describe('no float in a response', () => {
  it('a fractional number of persons is refused, not sent as 0.5', async () => {
    await fx.knex(billing('units')).where({ id: GARAGE }).update({ persons: 0.5 });
    const raw = await fx.knex(billing('units')).where({ id: GARAGE }).first();
    expect(raw.persons).toBe(0.5); // SQLite kept the fraction: the service must not pass it on
    await expect(fx.services.resident.me(ANNA)).rejects.toThrow(TypeError);
  });

  it('a fractional year or month of a fee component is refused by the filters', async () => {
    await fx.knex(billing('fee_components')).where({ unitId: GARAGE }).update({ month: 1.5 });
    await expect(fx.services.resident.filters(ANNA, GARAGE)).rejects.toThrow(TypeError);
  });

  it('every answer of the fixture has whole numbers and 2-place money', async () => {
    const s = fx.services;
    const answers: unknown[] = [];
    for (const [person, unit, ledger, settlement] of [
      [ANNA, FLAT, ACC.annaEks, ACC.annaWod],
      [ANNA, GARAGE, ACC.garageEks, ACC.annaWod],
      [BARTEK, FLAT, ACC.bartekEks, ACC.bartekWod],
      [CELINA, FLAT, ACC.bartekEks, ACC.bartekWod],
    ] as const) {
      answers.push(await s.resident.me(person), await s.resident.filters(person, unit));
      for (const year of [2024, 2025, 2026]) {
        answers.push(await s.ledger.accounts(person, unit, year));
        for (let month = 1; month <= 12; month++)
          answers.push(await s.ledger.charges(person, unit, year, month));
        answers.push(await s.ledger.documents(person, unit, ledger, year).catch(() => null));
        answers.push(await s.media.readings(person, unit, year, 'ZW'));
        answers.push(await s.media.settlements(person, unit, year, settlement).catch(() => null));
      }
    }
    const MONEY_KEYS = new Set([
      'amount',
      'total',
      'openingBalance',
      'debit',
      'credit',
      'balance',
      'cost',
      'advances',
    ]);
    const problems: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'number' && !Number.isSafeInteger(value)) problems.push(`${path}: ${value}`);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          if (MONEY_KEYS.has(key) && !(typeof item === 'string' && /^-?\d+\.\d{2}$/.test(item))) {
            problems.push(`${path}.${key}: ${JSON.stringify(item)}`);
          }
          walk(item, `${path}.${key}`);
        }
      }
    };
    answers.forEach((answer, i) => walk(answer, `#${i}`));
    expect(answers.filter(Boolean).length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
