/**
 * A small, hand-made billing database whose every figure is known in advance, for the exact
 * visibility rules: a flat handed over on 15 March 2025 (Anna → Bartek, with Celina as Bartek's
 * co-owner only from 5 April), Anna's garage, the previous owner's accounts closed on the
 * handover and new ones opened. The generated database (test-app.ts) covers breadth; this
 * covers the edges to the grosz.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/prepare.ts';
import { billing } from '../../src/db/tables.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ApiError } from '../../src/errors.ts';

export const ANNA = 1; // previous owner of flat 10 (until 2025-03-14), owner of garage 11
export const BARTEK = 2; // new owner of flat 10 from 2025-03-15
export const CELINA = 3; // co-owner of flat 10 from 2025-04-05
export const NOBODY = 4; // a person without any unit
export const FLAT = 10;
export const GARAGE = 11;
export const OTHER_FLAT = 12; // nobody's in this fixture's persons above
export const ACC = {
  annaEks: 100,
  bartekEks: 101,
  annaWod: 102,
  bartekWod: 103,
  garageEks: 110,
  otherEks: 120,
} as const;

export interface Fixture {
  knex: Knex;
  services: Services;
  close(): Promise<void>;
}

export async function createFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'strefa-resident-fixture-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'fixture.sqlite')}`,
    SESSION_SECRET: 'fixture-secret-fixture-secret-0123456789',
    STREFA_DEMO: 'off',
    LOG_LEVEL: 'silent',
  });
  const knex = openDatabase(config);
  await migrate(knex);
  await fill(knex);
  const services = createServices({ config, knex, logger: createLogger('silent'), now: () => Date.now() });
  return {
    knex,
    services,
    close: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function fill(knex: Knex): Promise<void> {
  await knex(billing('persons')).insert([
    { id: ANNA, firstName: 'Anna', lastName: 'Żółkiewska', memberNumber: 'M-0001', email: 'anna@example.pl' },
    { id: BARTEK, firstName: 'Bartłomiej', lastName: 'Nowak', memberNumber: 'M-0002' },
    { id: CELINA, firstName: 'Celina', lastName: 'Nowak', memberNumber: null },
    { id: NOBODY, firstName: 'Damian', lastName: 'Bezlokalowy', memberNumber: 'M-0004' },
    { id: 5, firstName: 'Ewa', lastName: 'Inna', memberNumber: 'M-0005' },
  ]);
  await knex(billing('buildings')).insert([
    {
      id: 1,
      estate: 'Osiedle Centrum',
      street: 'Zamkowa',
      number: '12',
      postalCode: '95-200',
      city: 'Pabianice',
      floors: 4,
      hasLift: 0,
    },
  ]);
  await knex(billing('units')).insert([
    {
      id: FLAT,
      buildingId: 1,
      kind: 'flat',
      number: '4',
      areaE2: 4860,
      // Three since the handover (Bartek, Celina and a child); Anna's last month was charged for 2.
      persons: 3,
      legalTitle: 'ownership_coop',
      bankAccount: '12345678901234567890123456',
    },
    {
      id: GARAGE,
      buildingId: 1,
      kind: 'garage',
      number: '7',
      areaE2: 1805,
      persons: 0,
      legalTitle: 'ownership_coop',
      bankAccount: '12345678901234567890123457',
    },
    {
      id: OTHER_FLAT,
      buildingId: 1,
      kind: 'flat',
      number: '5',
      areaE2: 5000,
      persons: 1,
      legalTitle: 'tenancy_coop',
      bankAccount: '12345678901234567890123458',
    },
  ]);
  await knex(billing('assignments')).insert([
    {
      id: 1,
      personId: ANNA,
      unitId: FLAT,
      role: 'member',
      share: '1/1',
      dateFrom: '2020-01-01',
      dateTo: '2025-03-14',
    },
    {
      id: 2,
      personId: BARTEK,
      unitId: FLAT,
      role: 'member',
      share: '1/2',
      dateFrom: '2025-03-15',
      dateTo: null,
    },
    {
      id: 3,
      personId: CELINA,
      unitId: FLAT,
      role: 'co_owner',
      share: '1/2',
      dateFrom: '2025-04-05',
      dateTo: null,
    },
    {
      id: 4,
      personId: ANNA,
      unitId: GARAGE,
      role: 'member',
      share: '1/1',
      dateFrom: '2020-01-01',
      dateTo: null,
    },
    {
      id: 5,
      personId: 5,
      unitId: OTHER_FLAT,
      role: 'tenant',
      share: '1/1',
      dateFrom: '2020-01-01',
      dateTo: null,
    },
  ]);
  const account = (
    id: number,
    unitId: number,
    purpose: string,
    code: string,
    name: string,
    openedOn: string,
    closedOn: string | null,
  ) => ({
    id,
    unitId,
    purpose,
    code,
    name,
    openedOn,
    closedOn,
  });
  await knex(billing('accounts')).insert([
    account(ACC.annaEks, FLAT, 'ledger', 'EKS', 'Opłaty eksploatacyjne', '2020-01-01', '2025-03-14'),
    account(ACC.bartekEks, FLAT, 'ledger', 'EKS', 'Opłaty eksploatacyjne', '2025-03-15', null),
    account(ACC.annaWod, FLAT, 'settlement', 'WOD', 'Rozliczenie wody', '2020-01-01', '2025-03-14'),
    account(ACC.bartekWod, FLAT, 'settlement', 'WOD', 'Rozliczenie wody', '2025-03-15', null),
    account(ACC.garageEks, GARAGE, 'ledger', 'EKS', 'Opłaty eksploatacyjne', '2020-01-01', null),
    account(ACC.otherEks, OTHER_FLAT, 'ledger', 'EKS', 'Opłaty eksploatacyjne', '2020-01-01', null),
  ]);
  await knex(billing('opening_balances')).insert([
    { accountId: ACC.annaEks, year: 2025, amountGr: 5000 },
    { accountId: ACC.bartekEks, year: 2025, amountGr: 0 },
    { accountId: ACC.bartekEks, year: 2026, amountGr: 0 },
    { accountId: ACC.garageEks, year: 2025, amountGr: -1001 },
    { accountId: ACC.otherEks, year: 2025, amountGr: 0 },
  ]);
  let docId = 1;
  const doc = (accountId: number, date: string, kind: string, debitGr: number, creditGr: number) => ({
    id: docId++,
    accountId,
    date,
    number: `DOK/${date.slice(0, 4)}/${String(docId).padStart(5, '0')}`,
    kind,
    description: kind === 'payment' ? 'Wpłata' : 'Naliczenie opłat',
    debitGr,
    creditGr,
  });
  await knex(billing('documents')).insert([
    doc(ACC.annaEks, '2024-12-01', 'charge', 39999, 0),
    doc(ACC.annaEks, '2025-01-01', 'charge', 40010, 0),
    doc(ACC.annaEks, '2025-01-10', 'payment', 0, 45015),
    doc(ACC.annaEks, '2025-02-01', 'charge', 40010, 0),
    doc(ACC.annaEks, '2025-03-01', 'charge', 40010, 0),
    doc(ACC.annaEks, '2025-03-14', 'payment', 0, 80015),
    doc(ACC.bartekEks, '2025-04-01', 'charge', 41007, 0),
    doc(ACC.bartekEks, '2025-04-12', 'payment', 0, 41007),
    doc(ACC.bartekEks, '2025-05-01', 'charge', 41007, 0),
    doc(ACC.bartekEks, '2026-01-01', 'charge', 42003, 0),
    doc(ACC.garageEks, '2025-01-01', 'charge', 5003, 0),
    doc(ACC.garageEks, '2025-01-20', 'interest', 17, 0),
    doc(ACC.otherEks, '2025-01-01', 'charge', 30000, 0),
  ]);
  let feeId = 1;
  const fees = [];
  for (const month of [1, 2, 3, 4, 5]) {
    fees.push(
      {
        id: feeId++,
        unitId: FLAT,
        year: 2025,
        month,
        position: 1,
        name: 'Eksploatacja',
        basis: 'm2',
        quantityE3: 48600,
        rateE4: 21500,
        amountGr: 10449,
      },
      {
        id: feeId++,
        unitId: FLAT,
        year: 2025,
        month,
        position: 2,
        name: 'Wywóz odpadów',
        basis: 'person',
        // Anna's months: 2 persons; from April (the new owners' first month) 3.
        quantityE3: month <= 3 ? 2000 : 3000,
        rateE4: 320000,
        amountGr: month <= 3 ? 6400 : 9600,
      },
    );
  }
  fees.push({
    id: feeId++,
    unitId: GARAGE,
    year: 2025,
    month: 1,
    position: 1,
    name: 'Eksploatacja',
    basis: 'm2',
    quantityE3: 18050,
    rateE4: 12000,
    amountGr: 2166,
  });
  await knex(billing('fee_components')).insert(fees);
  await knex(billing('media')).insert([
    { code: 'ZW', name: 'Zimna woda', unit: 'm³', position: 1 },
    { code: 'CW', name: 'Ciepła woda', unit: 'm³', position: 2 },
    { code: 'CO', name: 'Ciepło (podzielniki)', unit: 'jedn.', position: 3 },
  ]);
  await knex(billing('meters')).insert([
    {
      id: 1,
      unitId: FLAT,
      mediumCode: 'ZW',
      number: 'ZW-1001',
      location: 'kuchnia',
      installedOn: '2019-01-01',
    },
    {
      id: 2,
      unitId: FLAT,
      mediumCode: 'CW',
      number: 'CW-1001',
      location: 'łazienka',
      installedOn: '2019-01-01',
    },
    {
      id: 3,
      unitId: OTHER_FLAT,
      mediumCode: 'ZW',
      number: 'ZW-2001',
      location: 'kuchnia',
      installedOn: '2019-01-01',
    },
  ]);
  await knex(billing('readings')).insert([
    {
      id: 1,
      meterId: 1,
      date: '2024-12-31',
      documentNumber: 'OD/2024/2',
      kind: 'actual',
      valueE3: 100000,
      consumptionE3: 20000,
    },
    {
      id: 2,
      meterId: 1,
      date: '2025-03-14',
      documentNumber: 'OD/2025/Z',
      kind: 'actual',
      valueE3: 110500,
      consumptionE3: 10500,
    },
    {
      id: 3,
      meterId: 1,
      date: '2025-06-30',
      documentNumber: 'OD/2025/1',
      kind: 'estimated',
      valueE3: 121000,
      consumptionE3: 10500,
    },
    {
      id: 4,
      meterId: 2,
      date: '2025-06-30',
      documentNumber: 'OD/2025/1',
      kind: 'remote',
      valueE3: 50125,
      consumptionE3: 4125,
    },
    {
      id: 5,
      meterId: 3,
      date: '2025-06-30',
      documentNumber: 'OD/2025/1',
      kind: 'actual',
      valueE3: 1000,
      consumptionE3: 1000,
    },
  ]);
  const settlement = (
    id: number,
    accountId: number,
    date: string,
    from: string,
    to: string,
    costGr: number,
    advancesGr: number,
  ) => ({
    id,
    accountId,
    documentNumber: `ROZ/${id}`,
    date,
    periodFrom: from,
    periodTo: to,
    name: 'Rozliczenie wody',
    consumptionE3: 10500,
    consumptionUnit: 'm³',
    unitPriceE4: 152300,
    costGr,
    advancesGr,
    balanceGr: costGr - advancesGr,
    dueDate: costGr > advancesGr ? '2025-04-13' : null,
  });
  await knex(billing('settlements')).insert([
    settlement(1, ACC.annaWod, '2025-03-14', '2025-01-01', '2025-03-14', 15992, 12000),
    settlement(2, ACC.bartekWod, '2025-07-15', '2025-03-15', '2025-06-30', 16000, 18050),
  ]);
}

/** The error a promise rejects with, as the contract's status and body. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
    throw error;
  }
  throw new Error('expected a failure');
}
