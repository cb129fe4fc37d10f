/**
 * The visibility rules to the grosz on a hand-made database (fixture.ts): who sees which
 * months, accounts, documents, readings and settlements of a flat that changed hands, how the
 * opening balance of a window that starts mid-year is formed, and that everything else is the
 * same 404 as a unit that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx?.close();
});

describe('GET /me', () => {
  it('lists the person and every assignment with the unit in full', async () => {
    const me = await fx.services.resident.me(ANNA);
    expect(me.person).toEqual({
      displayName: 'Anna Żółkiewska',
      firstName: 'Anna',
      lastName: 'Żółkiewska',
      memberNumber: 'M-0001',
      email: 'anna@example.pl',
      phone: null,
      correspondenceAddress: null,
    });
    expect(me.assignments).toHaveLength(2);
    const flat = me.assignments.find((a) => a.unit.id === FLAT)!;
    expect(flat).toMatchObject({ role: 'member', share: '1/1', from: '2020-01-01', to: '2025-03-14' });
    expect(flat.unit).toEqual({
      id: FLAT,
      kind: 'flat',
      address: {
        street: 'Zamkowa',
        building: '12',
        number: '4',
        postalCode: '95-200',
        city: 'Pabianice',
        text: 'ul. Zamkowa 12 m. 4, 95-200 Pabianice',
      },
      estate: 'Osiedle Centrum',
      area: '48.6',
      // A former owner sees the unit as of the end of their assignment: the 2 persons of their
      // last month (not the new owners' 3), and not the account, which is the new owners' now.
      persons: 2,
      legalTitle: 'ownership_coop',
      bankAccount: null,
      asOf: '2025-03-14',
    });
    const garage = me.assignments.find((a) => a.unit.id === GARAGE)!;
    expect(garage.to).toBeNull();
    expect(garage.unit.address.text).toBe('ul. Zamkowa 12 garaż 7, 95-200 Pabianice');
    expect(garage.unit.area).toBe('18.05');
  });

  it('answers a person without units with an empty list', async () => {
    const me = await fx.services.resident.me(NOBODY);
    expect(me.assignments).toEqual([]);
    expect(me.person.displayName).toBe('Damian Bezlokalowy');
  });
});

describe('filters', () => {
  it('the previous owner: only their years, accounts and the last month before the handover', async () => {
    const filters = await fx.services.resident.filters(ANNA, FLAT);
    expect(filters).toEqual({
      years: [2025, 2024],
      latest: { year: 2025, month: 3 },
      media: [
        { code: 'ZW', name: 'Zimna woda', unit: 'm³' },
        { code: 'CW', name: 'Ciepła woda', unit: 'm³' },
      ],
      accounts: [{ id: ACC.annaEks, name: 'Opłaty eksploatacyjne' }],
      settlementAccounts: [{ id: ACC.annaWod, name: 'Rozliczenie wody' }],
    });
  });

  it('the new owner: nothing before the handover', async () => {
    const filters = await fx.services.resident.filters(BARTEK, FLAT);
    expect(filters.years).toEqual([2026, 2025]);
    expect(filters.latest).toEqual({ year: 2025, month: 5 });
    expect(filters.accounts).toEqual([{ id: ACC.bartekEks, name: 'Opłaty eksploatacyjne' }]);
    expect(filters.settlementAccounts).toEqual([{ id: ACC.bartekWod, name: 'Rozliczenie wody' }]);
  });
});

describe('charges', () => {
  it('a month is the person’s when its first day (the charge date) is in their window', async () => {
    const march = await fx.services.ledger.charges(ANNA, FLAT, 2025, 3);
    expect(march).toEqual({
      year: 2025,
      month: 3,
      components: [
        { name: 'Eksploatacja', basis: 'm2', quantity: '48.6', rate: '2.15', amount: '104.49' },
        { name: 'Wywóz odpadów', basis: 'person', quantity: '2', rate: '32.00', amount: '64.00' },
      ],
      total: '168.49',
    });
    expect((await fx.services.ledger.charges(ANNA, FLAT, 2025, 4)).components).toEqual([]);
    expect(await fx.services.ledger.charges(BARTEK, FLAT, 2025, 3)).toEqual({
      year: 2025,
      month: 3,
      components: [],
      total: '0.00',
    });
    expect((await fx.services.ledger.charges(BARTEK, FLAT, 2025, 4)).total).toBe('200.49');
    // Celina's window starts on 5 April: April was charged before she came.
    expect((await fx.services.ledger.charges(CELINA, FLAT, 2025, 4)).components).toEqual([]);
    expect((await fx.services.ledger.charges(CELINA, FLAT, 2025, 5)).total).toBe('200.49');
  });

  it('a year without data is 200 with an empty list', async () => {
    expect(await fx.services.ledger.charges(ANNA, GARAGE, 2031, 1)).toEqual({
      year: 2031,
      month: 1,
      components: [],
      total: '0.00',
    });
  });
});

describe('accounts and documents', () => {
  it('the previous owner sees their closed account up to the handover', async () => {
    expect(await fx.services.ledger.accounts(ANNA, FLAT, 2025)).toEqual({
      year: 2025,
      accounts: [
        {
          id: ACC.annaEks,
          name: 'Opłaty eksploatacyjne',
          openingBalance: '50.00',
          debit: '1200.30',
          credit: '1250.30',
          balance: '0.00',
        },
      ],
    });
    const docs = await fx.services.ledger.documents(ANNA, FLAT, ACC.annaEks, 2025);
    expect(docs.account).toEqual({ id: ACC.annaEks, name: 'Opłaty eksploatacyjne' });
    expect(docs.documents.map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-10',
      '2025-02-01',
      '2025-03-01',
      '2025-03-14',
    ]);
    expect(docs.documents[1]).toMatchObject({ kind: 'payment', debit: '0.00', credit: '450.15' });
  });

  it('the new owner sees only the new account, from the handover', async () => {
    expect((await fx.services.ledger.accounts(BARTEK, FLAT, 2025)).accounts).toEqual([
      {
        id: ACC.bartekEks,
        name: 'Opłaty eksploatacyjne',
        openingBalance: '0.00',
        debit: '820.14',
        credit: '410.07',
        balance: '410.07',
      },
    ]);
    expect((await fx.services.ledger.accounts(BARTEK, FLAT, 2024)).accounts).toEqual([]);
    expect(await failure(fx.services.ledger.documents(BARTEK, FLAT, ACC.annaEks, 2025))).toMatchObject({
      status: 404,
    });
  });

  it('a window that starts mid-year opens with the movements of the year before it', async () => {
    const [state] = (await fx.services.ledger.accounts(CELINA, FLAT, 2025)).accounts;
    expect(state).toEqual({
      id: ACC.bartekEks,
      name: 'Opłaty eksploatacyjne',
      openingBalance: '410.07', // BO 0 + the 1 April charge before her 5 April start
      debit: '410.07',
      credit: '410.07',
      balance: '410.07',
    });
    const docs = await fx.services.ledger.documents(CELINA, FLAT, ACC.bartekEks, 2025);
    expect(docs.documents.map((d) => [d.date, d.debit, d.credit])).toEqual([
      ['2025-04-12', '0.00', '410.07'],
      ['2025-05-01', '410.07', '0.00'],
    ]);
  });

  it('negative opening balances and interest notes add up exactly', async () => {
    expect((await fx.services.ledger.accounts(ANNA, GARAGE, 2025)).accounts).toEqual([
      {
        id: ACC.garageEks,
        name: 'Opłaty eksploatacyjne',
        openingBalance: '-10.01',
        debit: '50.20',
        credit: '0.00',
        balance: '40.19',
      },
    ]);
  });
});

describe('readings and settlements', () => {
  it('readings within the window of the chosen medium', async () => {
    const anna = await fx.services.media.readings(ANNA, FLAT, 2025, 'ZW');
    expect(anna).toEqual({
      year: 2025,
      medium: { code: 'ZW', name: 'Zimna woda', unit: 'm³' },
      readings: [
        {
          date: '2025-03-14',
          meter: { number: 'ZW-1001', location: 'kuchnia' },
          kind: 'actual',
          value: '110.5',
          consumption: '10.5',
        },
      ],
    });
    expect((await fx.services.media.readings(BARTEK, FLAT, 2025, 'ZW')).readings.map((r) => r.date)).toEqual([
      '2025-06-30',
    ]);
    expect((await fx.services.media.readings(BARTEK, FLAT, 2025, 'CW')).readings).toEqual([
      {
        date: '2025-06-30',
        meter: { number: 'CW-1001', location: 'łazienka' },
        kind: 'remote',
        value: '50.125',
        consumption: '4.125',
      },
    ]);
    expect((await fx.services.media.readings(ANNA, FLAT, 2025, 'CO')).readings).toEqual([]);
  });

  it('an unknown medium is 400 field medium', async () => {
    expect(await failure(fx.services.media.readings(ANNA, FLAT, 2025, 'XX'))).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_parameter', field: 'medium' } },
    });
  });

  it('settlements of the person’s own account, balance = cost − advances', async () => {
    const anna = await fx.services.media.settlements(ANNA, FLAT, 2025, ACC.annaWod);
    expect(anna.account).toEqual({ id: ACC.annaWod, name: 'Rozliczenie wody' });
    expect(anna.settlements).toEqual([
      {
        documentNumber: 'ROZ/1',
        date: '2025-03-14',
        periodFrom: '2025-01-01',
        periodTo: '2025-03-14',
        name: 'Rozliczenie wody',
        consumption: '10.5',
        consumptionUnit: 'm³',
        unitPrice: '15.23',
        cost: '159.92',
        advances: '120.00',
        balance: '39.92',
        dueDate: '2025-04-13',
      },
    ]);
    const bartek = await fx.services.media.settlements(BARTEK, FLAT, 2025, ACC.bartekWod);
    expect(bartek.settlements.map((s) => [s.balance, s.dueDate])).toEqual([['-20.50', null]]);
  });
});

describe('authorisation: everything not yours is the 404 of a unit that does not exist', () => {
  const missing = { status: 404, body: { error: { code: 'not_found', message: 'Nie znaleziono lokalu.' } } };
  const accountMissing = {
    status: 404,
    body: { error: { code: 'not_found', message: 'Nie znaleziono konta.' } },
  };

  it('units', async () => {
    for (const [person, unit] of [
      [BARTEK, GARAGE],
      [BARTEK, OTHER_FLAT],
      [ANNA, OTHER_FLAT],
      [NOBODY, FLAT],
      [ANNA, 999_999],
    ] as const) {
      const s = fx.services;
      expect(await failure(s.resident.filters(person, unit))).toEqual(missing);
      expect(await failure(s.ledger.charges(person, unit, 2025, 1))).toEqual(missing);
      expect(await failure(s.ledger.accounts(person, unit, 2025))).toEqual(missing);
      expect(await failure(s.ledger.documents(person, unit, ACC.otherEks, 2025))).toEqual(missing);
      expect(await failure(s.media.readings(person, unit, 2025, 'ZW'))).toEqual(missing);
      expect(await failure(s.media.settlements(person, unit, 2025, ACC.annaWod))).toEqual(missing);
    }
  });

  it('accounts of another person, another unit, or of the other purpose', async () => {
    const s = fx.services;
    for (const [person, unit, account] of [
      [ANNA, FLAT, ACC.bartekEks], // the new owner's
      [BARTEK, FLAT, ACC.annaEks], // the previous owner's
      [ANNA, FLAT, ACC.garageEks], // her own, but of another unit
      [ANNA, GARAGE, ACC.otherEks], // someone else's unit
      [ANNA, FLAT, ACC.annaWod], // a settlement account is not a ledger account
      [ANNA, FLAT, 987_654], // none at all
    ] as const) {
      expect(await failure(s.ledger.documents(person, unit, account, 2025))).toEqual(accountMissing);
    }
    for (const [person, unit, account] of [
      [ANNA, FLAT, ACC.bartekWod],
      [BARTEK, FLAT, ACC.annaWod],
      [ANNA, FLAT, ACC.annaEks],
      [ANNA, FLAT, 987_654],
    ] as const) {
      expect(await failure(s.media.settlements(person, unit, 2025, account))).toEqual(accountMissing);
    }
  });
});

describe('a fixed number of queries per request', () => {
  it('counts the SQL each service method sends', async () => {
    const s = fx.services;
    const calls: [string, () => Promise<unknown>, number][] = [
      // The project's budget is at most 3 statements per request (bench/run.ts THRESHOLDS):
      // every unit endpoint is the access check with its lookups folded in, plus the rows.
      ['me', () => s.resident.me(BARTEK), 2],
      // A former owner: also the persons charged for in the last month of their assignment.
      ['me of a former owner', () => s.resident.me(ANNA), 3],
      ['filters', () => s.resident.filters(ANNA, FLAT), 2],
      ['charges', () => s.ledger.charges(ANNA, FLAT, 2025, 3), 2],
      ['accounts', () => s.ledger.accounts(ANNA, FLAT, 2025), 2],
      ['documents', () => s.ledger.documents(ANNA, FLAT, ACC.annaEks, 2025), 2],
      ['readings', () => s.media.readings(ANNA, FLAT, 2025, 'ZW'), 2],
      ['settlements', () => s.media.settlements(ANNA, FLAT, 2025, ACC.annaWod), 2],
      // A unit that is not the person's is refused by the first statement alone.
      ['filters of another unit', () => s.resident.filters(ANNA, OTHER_FLAT).catch(() => null), 1],
      [
        'documents of another unit',
        () => s.ledger.documents(BARTEK, GARAGE, ACC.garageEks, 2025).catch(() => null),
        1,
      ],
    ];
    for (const [name, call, expected] of calls) {
      let count = 0;
      const listener = () => count++;
      fx.knex.on('query', listener);
      try {
        await call();
      } finally {
        fx.knex.removeListener('query', listener);
      }
      expect({ name, count }).toEqual({ name, count: expected });
    }
  });
});

describe('GET /me: a unit the person no longer holds (issue 13, item 7)', () => {
  it('the new owners see the unit as it is now: its persons and its account', async () => {
    for (const person of [BARTEK, CELINA]) {
      const flat = (await fx.services.resident.me(person)).assignments.find((a) => a.unit.id === FLAT)!;
      expect(flat.unit.persons).toBe(3);
      expect(flat.unit.bankAccount).toBe('12345678901234567890123456');
      expect(flat.unit).not.toHaveProperty('asOf');
    }
  });

  it('the previous owner keeps what is current on the unit they still hold', async () => {
    const garage = (await fx.services.resident.me(ANNA)).assignments.find((a) => a.unit.id === GARAGE)!;
    expect(garage.unit.bankAccount).toBe('12345678901234567890123457');
    expect(garage.unit).not.toHaveProperty('asOf');
  });

  it('a stay too short to be charged a month shows no persons; an end still to come is current', async () => {
    const short = 900;
    const later = 901;
    await fx.knex(billing('assignments')).insert([
      // 10–20 June: June was charged on its 1st, before the stay.
      {
        id: short,
        personId: NOBODY,
        unitId: OTHER_FLAT,
        role: 'tenant',
        share: '1/1',
        dateFrom: '2025-06-10',
        dateTo: '2025-06-20',
      },
      // Ends long after today: still the person's unit.
      {
        id: later,
        personId: NOBODY,
        unitId: GARAGE,
        role: 'tenant',
        share: '1/1',
        dateFrom: '2025-01-01',
        dateTo: '2099-12-31',
      },
    ]);
    try {
      const me = await fx.services.resident.me(NOBODY);
      const other = me.assignments.find((a) => a.unit.id === OTHER_FLAT)!;
      expect(other.unit).toMatchObject({ persons: null, bankAccount: null, asOf: '2025-06-20' });
      const garage = me.assignments.find((a) => a.unit.id === GARAGE)!;
      expect(garage.unit.bankAccount).toBe('12345678901234567890123457');
      expect(garage.unit).not.toHaveProperty('asOf');
    } finally {
      await fx.knex(billing('assignments')).whereIn('id', [short, later]).delete();
    }
  });
});
