/**
 * "Do zapłaty" and "Skąd to saldo?": the allocation rule on hand-made cases, the payment codes
 * (NRB, NIP, the ZBP 2D text), the windows of a handover on the hand-made fixture (a former
 * owner's figures end on the handover, a new owner's start there), and over the wire: bad
 * input, unknown units, the QR text of real generated units, an overpaid unit's 000000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentResponse } from '@strefa/api-types';
import { loadConfig } from '../../src/config.ts';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { ownerChangeDate } from '../../src/db/demo-data/generate.ts';
import { billing } from '../../src/db/tables.ts';
import { createLogger } from '../../src/logger.ts';
import {
  groupNrb,
  hasOnlyQrCharacters,
  isValidNip,
  isValidNrb,
  qrRecipient,
  qrText,
  zbp2dText,
} from '../../src/lib/payment-codes.ts';
import { parseMoney } from '../../src/lib/money.ts';
import { dueDateOf, feeAccountState, type FeeMovement } from '../../src/services/fee-allocation.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { monthsBack, transferTitle } from '../../src/services/payment-service.ts';
import {
  createTestContext,
  DEFAULT_TEST_DATA,
  type TestClient,
  type TestContext,
} from '../support/test-app.ts';
import { loginAsPerson } from '../support/residents.ts';
import { ANNA, BARTEK, CELINA, createFixture, FLAT, GARAGE, type Fixture } from './fixture.ts';

const m = (date: string, kind: string, debit: number, credit: number): FeeMovement => ({
  date,
  kind,
  debit: BigInt(debit),
  credit: BigInt(credit),
});

/** One account open since 2020, one window since 2020, 2026 history up to 30 June. */
function state(movements: FeeMovement[], opening = 0, options: { today?: string; from?: string } = {}) {
  return feeAccountState({
    openedOn: '2020-01-01',
    closedOn: null,
    windows: [{ from: options.from ?? '2020-01-01', to: null }],
    openings: new Map([[2026, BigInt(opening)]]),
    movements,
    firstYear: 2026,
    today: options.today ?? '2026-06-30',
    dueDay: 10,
  });
}

const brief = (s: ReturnType<typeof state>) =>
  s.months.map((x) => `${x.month} ${x.charged}/${x.paid} → ${x.balance} ${x.status}`);

describe('allocation: oldest unpaid charge first, overpayment carried forward', () => {
  it('partial payments pay January before February', () => {
    const s = state([
      m('2026-01-01', 'charge', 50000, 0),
      m('2026-01-15', 'payment', 0, 30000),
      m('2026-02-01', 'charge', 50000, 0),
      m('2026-02-20', 'payment', 0, 40000),
      m('2026-03-01', 'charge', 50000, 0),
    ]);
    // 70000 paid: January (500) whole, February 200 of 500, March nothing.
    expect(brief(s).slice(0, 3)).toEqual([
      '2026-01 50000/30000 → 20000 paid',
      '2026-02 50000/40000 → 30000 partial',
      '2026-03 50000/0 → 80000 unpaid',
    ]);
    // April–June: nothing charged, debt from earlier months still open.
    expect(s.months.slice(3).map((x) => x.status)).toEqual(['unpaid', 'unpaid', 'unpaid']);
    expect([s.balance, s.overdue, s.currentCharge]).toEqual([80000n, 80000n, 0n]);
  });

  it('an overpayment is carried forward to the next charges', () => {
    const s = state([
      m('2026-01-01', 'charge', 40000, 0),
      m('2026-01-05', 'payment', 0, 100000),
      m('2026-02-01', 'charge', 40000, 0),
      m('2026-03-01', 'charge', 40000, 0),
    ]);
    expect(brief(s).slice(0, 3)).toEqual([
      '2026-01 40000/100000 → -60000 overpaid',
      '2026-02 40000/0 → -20000 overpaid',
      '2026-03 40000/0 → 20000 partial',
    ]);
    expect([s.balance, s.overdue]).toEqual([20000n, 20000n]);
  });

  it('a payment before the charge pays the charge when it comes', () => {
    const s = state(
      [
        m('2026-01-01', 'charge', 40000, 0),
        m('2026-01-08', 'payment', 0, 40000),
        m('2026-01-28', 'payment', 0, 40000),
        m('2026-02-01', 'charge', 40000, 0),
      ],
      0,
      { today: '2026-02-05' },
    );
    expect(brief(s)).toEqual(['2026-01 40000/80000 → -40000 overpaid', '2026-02 40000/0 → 0 paid']);
    expect([s.balance, s.overdue, s.currentCharge]).toEqual([0n, 0n, 40000n]);
  });

  it('a correction: a credit note pays the oldest charge, a debit correction is a charge of its month', () => {
    const s = state(
      [
        m('2026-01-01', 'charge', 40000, 0),
        m('2026-02-01', 'charge', 40000, 0),
        m('2026-02-12', 'correction', 0, 15000), // e.g. fewer persons in January
        m('2026-02-20', 'correction', 2500, 0), // a rate corrected upwards, due 14 days later
        m('2026-03-01', 'charge', 40000, 0),
        m('2026-03-03', 'payment', 0, 65000),
      ],
      0,
      { today: '2026-03-06' },
    );
    // Credits 15000 + 65000 = 80000 pay January's 40000 and February's 40000, oldest first;
    // February's correction (2500) and March's charge (40000) stay open.
    expect(brief(s)).toEqual([
      '2026-01 40000/0 → 40000 paid',
      '2026-02 42500/15000 → 67500 partial',
      '2026-03 40000/65000 → 42500 unpaid',
    ]);
    // The February correction is due on 6 March (posted on the 20th: 14 days), March's charge on 10 March.
    expect(dueDateOf('2026-02-20', 10)).toBe('2026-03-06');
    expect([s.balance, s.overdue, s.currentCharge]).toEqual([42500n, 0n, 40000n]);
  });

  it('a debt brought forward is the oldest; a credit brought forward pays the first charges', () => {
    const debt = state([m('2026-01-01', 'charge', 40000, 0), m('2026-01-09', 'payment', 0, 40000)], 12345);
    expect(brief(debt)[0]).toBe('2026-01 40000/40000 → 12345 partial');
    expect(debt.overdue).toBe(12345n);
    const credit = state([m('2026-01-01', 'charge', 40000, 0)], -50000);
    expect(brief(credit)[0]).toBe('2026-01 40000/0 → -10000 overpaid');
  });

  it('a window that starts mid-year opens with the movements before it, and shows nothing before', () => {
    const s = state(
      [
        m('2026-01-01', 'charge', 40000, 0),
        m('2026-03-01', 'charge', 40000, 0),
        m('2026-03-20', 'payment', 0, 1),
      ],
      500,
      { from: '2026-03-15' },
    );
    expect(brief(s)).toEqual([
      '2026-03 0/1 → 80499 unpaid',
      '2026-04 0/0 → 80499 unpaid',
      '2026-05 0/0 → 80499 unpaid',
      '2026-06 0/0 → 80499 unpaid',
    ]);
  });

  it('months back across a year boundary', () => {
    expect(monthsBack('2026-02-10', 0)).toBe('2026-02');
    expect(monthsBack('2026-02-10', 2)).toBe('2025-12');
    expect(monthsBack('2026-02-10', 59)).toBe('2021-03');
  });
});

describe('payment codes', () => {
  it('NRB and NIP check digits', () => {
    expect(isValidNrb('61109010140000071219812874')).toBe(true); // the IBAN standard's Polish example
    expect(isValidNrb('61109010140000071219812875')).toBe(false);
    expect(isValidNrb('6110901014000007121981287')).toBe(false);
    expect(isValidNrb('12345678901234567890123456')).toBe(false);
    expect(groupNrb('61109010140000071219812874')).toBe('61 1090 1014 0000 0712 1981 2874');
    expect(isValidNip('7311948207')).toBe(true);
    expect(isValidNip('7311948208')).toBe(false);
    expect(isValidNip('123456789')).toBe(false);
  });

  it('only the standard’s characters, cut at a word', () => {
    expect(qrText('Opłata „czynsz” – luty (2026): 100% ok!', 40)).toBe('Opłata czynsz - luty 2026 100 ok');
    expect(hasOnlyQrCharacters(qrText('Zażółć gęślą jaźń ÉÇ ⚡ 12/4', 32))).toBe(true);
    expect(qrText('Ąą'.repeat(30), 32)).toHaveLength(32);
    expect(qrRecipient('Pabianicka Spółdzielnia Mieszkaniowa')).toBe('Pabianicka SM');
    expect(
      qrRecipient('Spółdzielnia Mieszkaniowa Lokatorsko-Własnościowa „Przyszłość” w Pabianicach').length,
    ).toBeLessThanOrEqual(20);
  });

  it('the 2D text, its amount in grosze, 000000 when the payer types it, never a wrong account', () => {
    const fields = {
      nip: '7311948207',
      account: '61109010140000071219812874',
      recipient: 'Pabianicka SM',
      title: 'Zamkowa 12/4 czł. M-0001',
    };
    expect(zbp2dText({ ...fields, amountGr: 41007n })).toBe(
      '7311948207|PL|61109010140000071219812874|041007|Pabianicka SM|Zamkowa 12/4 czł. M-0001|||',
    );
    expect(zbp2dText({ ...fields, amountGr: 0n }).split('|')[3]).toBe('000000');
    expect(zbp2dText({ ...fields, amountGr: 1_000_000n }).split('|')[3]).toBe('000000');
    expect(zbp2dText({ ...fields, amountGr: null }).split('|')[3]).toBe('000000');
    expect(() => zbp2dText({ ...fields, account: '61109010140000071219812875', amountGr: 1n })).toThrow();
  });

  it('a transfer title within 32 characters', () => {
    const unit = { street: 'ul. Zamkowa', building: '12', kind: 'flat', number: '4' };
    expect(transferTitle(unit, 'M-0001')).toBe('Zamkowa 12/4 czł. M-0001');
    expect(transferTitle({ ...unit, kind: 'garage', number: '7' }, null)).toBe('Zamkowa 12 gar. 7');
    const long = transferTitle({ ...unit, street: 'al. Marszałka Józefa Piłsudskiego' }, '0001234');
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long.endsWith('0001234')).toBe(true);
    expect(hasOnlyQrCharacters(long)).toBe(true);
  });
});

describe('windows of a handover (hand-made fixture, today 2026-11-27)', () => {
  let fx: Fixture;
  let s: Services;
  beforeAll(async () => {
    fx = await createFixture();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'sqlite::memory:',
      SESSION_SECRET: 'fixture-secret-fixture-secret-0123456789',
      STREFA_DEMO: 'on',
      LOG_LEVEL: 'silent',
    });
    s = createServices({
      config,
      knex: fx.knex,
      logger: createLogger('silent'),
      now: () => Date.parse('2026-11-27T10:00:00Z'),
    });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('the former owner’s figures end on the handover: none of the new owner’s balance', async () => {
    const history = await s.payment.balanceHistory(ANNA, FLAT, 60);
    expect(history.accounts.map((a) => a.id)).toEqual([100]);
    const months = history.accounts[0]!.months;
    expect(months[months.length - 1]).toEqual({
      month: '2025-03',
      charged: '400.10',
      paid: '800.15',
      balance: '0.00',
      status: 'paid',
    });
    const payment = await s.payment.payment(ANNA, FLAT);
    expect(payment.assignedUntil).toBe('2025-03-14');
    // Her own account as it was settled on the handover; not a word of Bartek's account 101.
    expect([payment.amountDue, payment.accounts]).toEqual([
      '0.00',
      [{ id: 100, name: 'Opłaty eksploatacyjne', balance: '0.00', overdue: '0.00', currentCharge: '0.00' }],
    ]);
  });

  it('the new owner sees nothing before the handover; the co-owner nothing before 5 April', async () => {
    const history = await s.payment.balanceHistory(BARTEK, FLAT, 60);
    expect(history.accounts.map((a) => a.id)).toEqual([101]);
    const months = history.accounts[0]!.months;
    expect(months[0]!.month).toBe('2025-03');
    expect(months.slice(0, 3).map((x) => `${x.month} ${x.charged}/${x.paid} ${x.balance}`)).toEqual([
      '2025-03 0.00/0.00 0.00',
      '2025-04 410.07/410.07 0.00',
      '2025-05 410.07/0.00 410.07',
    ]);
    const payment = await s.payment.payment(BARTEK, FLAT);
    expect(payment.assignedUntil).toBeNull();
    expect(payment.accounts).toEqual([
      { id: 101, name: 'Opłaty eksploatacyjne', balance: '420.03', overdue: '420.03', currentCharge: '0.00' },
    ]);
    expect(payment.amountDue).toBe('420.03');
    const celina = await s.payment.balanceHistory(CELINA, FLAT, 60);
    expect(celina.accounts[0]!.months[0]!.month).toBe('2025-04');
  });

  it('an account number that fails its check is reported, never payable', async () => {
    const payment = await s.payment.payment(ANNA, GARAGE);
    expect(payment).toMatchObject({ transfer: null, qr: null, problem: 'invalid_account_number' });
    expect(payment.accounts.length).toBe(1);
    // Made valid, the same unit is payable.
    await fx
      .knex(billing('units'))
      .where({ id: GARAGE })
      .update({ bankAccount: '61109010140000071219812874' });
    const fixed = await s.payment.payment(ANNA, GARAGE);
    expect(fixed.problem).toBeNull();
    expect(fixed.qr).toBe(
      `7311948207|PL|61109010140000071219812874|${String(parseMoney(fixed.amountDue)).padStart(6, '0')}|Pabianicka SM|Zamkowa 12 gar. 7 czł. M-0001|||`,
    );
  });

  it('a unit that is not the person’s is 404 on both', async () => {
    await expect(s.payment.payment(BARTEK, GARAGE)).rejects.toMatchObject({ status: 404 });
    await expect(s.payment.balanceHistory(BARTEK, GARAGE, 12)).rejects.toMatchObject({ status: 404 });
  });
});

describe('over the wire, on the generated database', () => {
  let ctx: TestContext;
  let alice: TestClient;
  const A = KNOWN_PEOPLE.demoResident;
  beforeAll(async () => {
    ctx = await createTestContext();
    alice = await loginAsPerson(ctx, A.personId);
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('months: 0, 61, abc, empty, repeated → 400 invalid_parameter naming the field; 60 and none are fine', async () => {
    for (const months of ['0', '61', 'abc', '', '-1', '1.5', '12&months=12']) {
      const response = await alice.get(`/api/v1/units/${A.flatUnitId}/balance-history?months=${months}`);
      expect({ months, status: response.status, body: response.body }).toMatchObject({
        months,
        status: 400,
        body: { error: { code: 'invalid_parameter', field: 'months' } },
      });
    }
    const sixty = await alice.get(`/api/v1/units/${A.flatUnitId}/balance-history?months=60`);
    expect(sixty.status).toBe(200);
    const plain = await alice.get(`/api/v1/units/${A.flatUnitId}/balance-history`);
    expect(plain.status).toBe(200);
    expect(plain.body.accounts[0].months).toHaveLength(12);
  });

  it('the generator records the data as of midnight of its "today" in Poland: one row, the answers’ asOf', async () => {
    const rows = await ctx.knex(billing('freshness')).select('*');
    expect(rows).toEqual([{ updatedAt: '2026-11-15T00:00:00.000+01:00' }]);
    const me = await alice.get('/api/v1/me');
    // Twelve days before the real "now" of this run's clock: well past STALE_AFTER_HOURS (48).
    expect([me.body.asOf, me.body.stale]).toEqual(['2026-11-15T00:00:00.000+01:00', true]);
  });

  it('the flat that changed hands: the former owner’s figures stop at the handover, the new owner’s start there', async () => {
    const { unitId, previousOwnerPersonId, newOwnerPersonId } = KNOWN_PEOPLE.changedHands;
    const change = ownerChangeDate(DEFAULT_TEST_DATA)!;
    const s = ctx.services;
    const before = await s.payment.balanceHistory(previousOwnerPersonId, unitId, 60);
    const after = await s.payment.balanceHistory(newOwnerPersonId, unitId, 60);
    const months = (h: typeof before) => h.accounts.flatMap((a) => a.months.map((m) => m.month));
    expect(months(before).length).toBeGreaterThan(0);
    expect(months(after).length).toBeGreaterThan(0);
    expect(months(before).every((m) => m <= change.slice(0, 7))).toBe(true);
    expect(months(after).every((m) => m >= change.slice(0, 7))).toBe(true);
    const ids = (h: typeof before) => h.accounts.map((a) => a.id);
    expect(ids(before).filter((id) => ids(after).includes(id))).toEqual([]);
    const former = await s.payment.payment(previousOwnerPersonId, unitId);
    const current = await s.payment.payment(newOwnerPersonId, unitId);
    expect(former.assignedUntil! < change).toBe(true);
    expect(current.assignedUntil).toBeNull();
    expect(former.accounts.map((a) => a.id).sort()).toEqual(ids(before).sort());
    expect(former.accounts.some((a) => ids(after).includes(a.id))).toBe(false);
    // The former owner settled everything on leaving (the generator's final payment or refund).
    expect(former.amountDue).toBe('0.00');
  });

  it('an unknown unit, or someone else’s, is the same 404', async () => {
    const other = KNOWN_PEOPLE.twoUnits.unitIds[0];
    for (const unit of [2_000_000_000, other]) {
      for (const suffix of ['payment', 'balance-history?months=12']) {
        const response = await alice.get(`/api/v1/units/${unit}/${suffix}`);
        expect([response.status, response.body.error.code]).toEqual([404, 'not_found']);
      }
    }
    const bad = await alice.get('/api/v1/units/abc/payment');
    expect([bad.status, bad.body.error.field]).toEqual([400, 'unitId']);
  });

  it('every unit’s QR text keeps to the standard and to the answer, field by field; overpaid gives 000000', async () => {
    const pairs: { personId: number; unitId: number }[] = await ctx
      .knex(billing('assignments'))
      .whereNull('dateTo')
      .distinct('personId', 'unitId');
    let overpaid = 0;
    let payable = 0;
    for (const { personId, unitId } of pairs) {
      const payment: Omit<PaymentResponse, 'asOf' | 'stale'> = await ctx.services.payment.payment(
        personId,
        unitId,
      );
      expect(payment.problem).toBeNull();
      const fields = payment.qr!.split('|');
      expect(fields).toHaveLength(9);
      const [nip, country, account, amount, recipient, title, ...reserved] = fields;
      const transfer = payment.transfer!;
      expect(nip).toBe(transfer.recipient.nip);
      expect(country).toBe('PL');
      expect(account).toBe(transfer.account);
      expect(isValidNrb(account!)).toBe(true);
      expect(amount).toMatch(/^\d{6}$/);
      expect(recipient).toBe(transfer.recipient.shortName);
      expect(recipient!.length).toBeLessThanOrEqual(20);
      expect(title).toBe(transfer.title);
      expect(title!.length).toBeLessThanOrEqual(32);
      expect(hasOnlyQrCharacters(recipient!) && hasOnlyQrCharacters(title!)).toBe(true);
      expect(reserved).toEqual(['', '', '']);
      const due = parseMoney(payment.amountDue);
      expect(amount).toBe(due > 0n && due <= 999_999n ? String(due).padStart(6, '0') : '000000');
      if (payment.overpaid) {
        overpaid++;
        expect(amount).toBe('000000');
        expect(payment.amountDue).toBe('0.00');
      }
      if (due > 0n) payable++;
    }
    // Not vacuous: the generated data hold both kinds.
    expect(overpaid).toBeGreaterThan(0);
    expect(payable).toBeGreaterThan(0);
  });
});
