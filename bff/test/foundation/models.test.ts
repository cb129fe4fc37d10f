/**
 * Every Objection model and every relation, queried over generated data through the real
 * database factory: table names, the camelCase mappers, relation joins and date parsing.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/generate.ts';
import {
  Account,
  Assignment,
  AuditEvent,
  Building,
  Credential,
  FeeComponent,
  LedgerDocument,
  LoginThrottle,
  Medium,
  Meter,
  OpeningBalance,
  Person,
  Reading,
  Settlement,
  Unit,
} from '../../src/models/index.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('models over generated data', () => {
  let ctx: TestContext;
  let knex: Knex;

  beforeAll(async () => {
    ctx = await createTestContext();
    knex = ctx.knex;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('fetch a person with the whole graph below them', async () => {
    const person = await Person.query(knex)
      .findById(KNOWN_PEOPLE.demoResident.personId)
      .withGraphFetched(
        'assignments.[person, unit.[building, assignments, accounts.[documents, settlements, openingBalances], meters.[medium, readings.meter]]]',
      );
    expect(person).toBeInstanceOf(Person);
    expect(person!.firstName).toBe(KNOWN_PEOPLE.demoResident.firstName);
    expect(person!.lastName).toBe(KNOWN_PEOPLE.demoResident.lastName);
    expect(person!.memberNumber).toBe(KNOWN_PEOPLE.demoResident.memberNumber);

    const assignments = person!.assignments!;
    expect(assignments.map((a) => a.unitId).sort((a, b) => a - b)).toEqual([
      KNOWN_PEOPLE.demoResident.flatUnitId,
      KNOWN_PEOPLE.demoResident.garageUnitId,
    ]);
    for (const assignment of assignments) {
      expect(assignment).toBeInstanceOf(Assignment);
      expect(assignment.dateFrom).toMatch(ISO_DATE);
      expect(assignment.person!.id).toBe(person!.id);
      expect(assignment.unit).toBeInstanceOf(Unit);
      expect(assignment.unit!.building).toBeInstanceOf(Building);
      expect(assignment.unit!.assignments!.some((a) => a.id === assignment.id)).toBe(true);
    }

    const flat = assignments.find((a) => a.unitId === KNOWN_PEOPLE.demoResident.flatUnitId)!.unit!;
    expect(flat.kind).toBe('flat');
    expect(flat.areaE2).toBe(4860);
    expect(flat.bankAccount).toMatch(/^\d{26}$/);
    expect(flat.building!.postalCode).toBe('95-200');
    expect(flat.building!.city).toBe('Pabianice');
    expect(flat.accounts!.map((a) => a.code).sort()).toEqual(['CO', 'EKS', 'MED', 'ODS', 'WOD']);
    for (const account of flat.accounts!) {
      expect(account).toBeInstanceOf(Account);
      expect(account.openedOn).toMatch(ISO_DATE);
      if (account.purpose === 'ledger') {
        expect(account.documents!.length).toBeGreaterThan(0);
        for (const document of account.documents!) {
          expect(document).toBeInstanceOf(LedgerDocument);
          expect(document.accountId).toBe(account.id);
          expect(document.date).toMatch(ISO_DATE);
          expect(Number.isSafeInteger(document.debitGr) && Number.isSafeInteger(document.creditGr)).toBe(
            true,
          );
        }
        const balances = (account as Account & { openingBalances: OpeningBalance[] }).openingBalances;
        expect(balances.length).toBeGreaterThan(0);
        for (const balance of balances) expect(balance).toBeInstanceOf(OpeningBalance);
        expect(account.settlements).toEqual([]);
      } else {
        expect(account.documents).toEqual([]);
        expect(account.settlements!.length).toBeGreaterThan(0);
        for (const settlement of account.settlements!) {
          expect(settlement).toBeInstanceOf(Settlement);
          expect(settlement.periodFrom).toMatch(ISO_DATE);
          expect(settlement.balanceGr).toBe(settlement.costGr - settlement.advancesGr);
        }
      }
    }
    const media = new Set(flat.meters!.map((m) => m.mediumCode));
    expect([...media].sort()).toEqual(['CO', 'CW', 'ZW']);
    for (const meter of flat.meters!) {
      expect(meter).toBeInstanceOf(Meter);
      const { medium } = meter as Meter & { medium: Medium };
      expect(medium).toBeInstanceOf(Medium);
      expect(medium.code).toBe(meter.mediumCode);
      expect(meter.installedOn).toMatch(ISO_DATE);
      for (const reading of meter.readings!) {
        expect(reading).toBeInstanceOf(Reading);
        expect(reading.meter!.id).toBe(meter.id);
        expect(reading.date).toMatch(ISO_DATE);
      }
    }
    expect(flat.meters!.some((m) => m.readings!.length > 0)).toBe(true);
  });

  it('query the flat tables with camelCase columns', async () => {
    const components = await FeeComponent.query(knex)
      .where({ unitId: KNOWN_PEOPLE.demoResident.flatUnitId, year: 2026, month: 11 })
      .orderBy('position');
    expect(components.length).toBeGreaterThanOrEqual(9);
    expect(components[0]).toMatchObject({
      position: 1,
      name: 'Eksploatacja',
      basis: 'm2',
      quantityE3: 48600,
    });
    for (const c of components)
      expect(c.amountGr).toBe(Math.floor((c.quantityE3 * c.rateE4 + 50_000) / 100_000));

    const media = await Medium.query(knex).orderBy('position');
    expect(media.map((m) => m.code)).toEqual(['ZW', 'CW', 'CO']);

    const balance = await OpeningBalance.query(knex).first();
    expect(balance).toBeInstanceOf(OpeningBalance);
    const byId = await OpeningBalance.query(knex).findById([balance!.accountId, balance!.year]);
    expect(byId!.amountGr).toBe(balance!.amountGr);

    const reading = await Reading.query(knex).withGraphFetched('meter.[medium, readings]').first();
    expect(reading!.meter!.readings!.some((r) => r.id === reading!.id)).toBe(true);

    const assignment = await Assignment.query(knex)
      .whereNotNull('dateTo')
      .withGraphFetched('[person, unit]')
      .first();
    expect(assignment!.dateTo).toMatch(ISO_DATE);
    expect(assignment!.person).toBeInstanceOf(Person);

    const buildings = await Building.query(knex);
    expect(buildings.length).toBeGreaterThan(0);
    expect(buildings.some((b) => b.hasLift === 1)).toBe(true);

    const documents = await LedgerDocument.query(knex).where('kind', 'interest').limit(3);
    expect(documents.length).toBeGreaterThan(0);
    const settlements = await Settlement.query(knex).whereNotNull('dueDate').limit(3);
    expect(settlements.every((s) => ISO_DATE.test(s.dueDate!))).toBe(true);
  });

  it('read and write the portal tables', async () => {
    const credentials = await Credential.query(knex);
    for (const credential of credentials) expect(typeof credential.login).toBe('string');

    await LoginThrottle.query(knex).insert({
      loginKey: 'foundation-test',
      failures: 2,
      lockCount: 0,
      lockedUntil: null,
      updatedAt: 1_790_000_000_000,
    });
    const throttle = await LoginThrottle.query(knex).findById('foundation-test');
    expect(throttle).toMatchObject({ failures: 2, updatedAt: 1_790_000_000_000 });

    const event = await AuditEvent.query(knex).insertAndFetch({
      at: 1_790_000_000_000,
      actor: 'foundation-test',
      action: 'test',
      target: null,
      ip: '127.0.0.1',
      detail: null,
    });
    expect(event.id).toBeGreaterThan(0);
    expect((await AuditEvent.query(knex).findById(event.id))!.actor).toBe('foundation-test');
  });
});
