/**
 * The contract's invariants over the WHOLE generated test database (60 units, three years), for
 * every person and every unit they are assigned to, every visible year, every month, account,
 * medium and settlement account, through the services (breadth; http.test.ts covers the wire):
 *
 * - charges: total = Σ components, and = the month's EKS charge document (Czynsz = ledger);
 * - accounts: balance = opening + debit − credit; Σ documents = debit and credit;
 *   a year's closing balance is the next year's opening balance while the person stays;
 * - settlements: balance = cost − advances; every money string has exactly two places;
 * - the windows: the previous owner of the flat that changed hands sees nothing from the
 *   handover on, the new owner nothing before it, co-owners see the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsResponse, FiltersResponse } from '@strefa/api-types';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { ownerChangeDate } from '../../src/db/demo-data/generate.ts';
import { billing } from '../../src/db/tables.ts';
import { parseMoney } from '../../src/lib/money.ts';
import { createTestContext, DEFAULT_TEST_DATA, type TestContext } from '../support/test-app.ts';

const MONEY = /^-?\d+\.\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

let ctx: TestContext;
let pairs: { personId: number; unitId: number }[];

beforeAll(async () => {
  ctx = await createTestContext();
  pairs = await ctx
    .knex(billing('assignments'))
    .distinct('personId', 'unitId')
    .orderBy(['personId', 'unitId']);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

/** Asserts a value is a money string and returns it as whole grosze. */
function grosze(value: string): bigint {
  expect(value).toMatch(MONEY);
  return parseMoney(value);
}

/** Every visible view of one person on one unit, checked; returns what was seen for later rules. */
async function checkPair(personId: number, unitId: number) {
  const s = ctx.services;
  const filters: FiltersResponse = await s.resident.filters(personId, unitId);
  expect([...filters.years].sort((a, b) => b - a)).toEqual(filters.years);
  const seen = {
    filters,
    dates: [] as string[],
    months: [] as string[],
    accounts: new Map<number, AccountsResponse>(),
  };
  let checkedMonths = 0;
  for (const year of filters.years) {
    for (let month = 1; month <= 12; month++) {
      const charges = await s.ledger.charges(personId, unitId, year, month);
      const sum = charges.components.reduce((acc, c) => {
        expect(c.quantity).toMatch(DECIMAL);
        expect(c.rate).toMatch(DECIMAL);
        return acc + grosze(c.amount);
      }, 0n);
      expect(grosze(charges.total)).toBe(sum);
      if (charges.components.length) {
        seen.months.push(`${year}-${String(month).padStart(2, '0')}`);
        checkedMonths++;
      }
    }
    const accounts = await s.ledger.accounts(personId, unitId, year);
    seen.accounts.set(year, accounts);
    for (const account of accounts.accounts) {
      const opening = grosze(account.openingBalance);
      const debit = grosze(account.debit);
      const credit = grosze(account.credit);
      expect(grosze(account.balance)).toBe(opening + debit - credit);
      const docs = await s.ledger.documents(personId, unitId, account.id, year);
      expect(docs.account.id).toBe(account.id);
      let d = 0n;
      let c = 0n;
      for (const doc of docs.documents) {
        expect(doc.date).toMatch(DATE);
        expect(doc.date.slice(0, 4)).toBe(String(year));
        d += grosze(doc.debit);
        c += grosze(doc.credit);
        seen.dates.push(doc.date);
      }
      expect({ account: account.id, year, debit: d, credit: c }).toEqual({
        account: account.id,
        year,
        debit,
        credit,
      });
      // The Czynsz tab and the EKS charges agree month by month.
      if (account.name === 'Opłaty eksploatacyjne') {
        for (const doc of docs.documents.filter((x) => x.kind === 'charge' && x.date.endsWith('-01'))) {
          const charges = await s.ledger.charges(personId, unitId, year, Number(doc.date.slice(5, 7)));
          expect({ date: doc.date, total: charges.total }).toEqual({ date: doc.date, total: doc.debit });
        }
      }
    }
    for (const medium of filters.media) {
      const readings = await s.media.readings(personId, unitId, year, medium.code);
      expect(readings.medium).toEqual(medium);
      for (const reading of readings.readings) {
        expect(reading.date.slice(0, 4)).toBe(String(year));
        expect(reading.value).toMatch(DECIMAL);
        expect(reading.consumption).toMatch(DECIMAL);
        seen.dates.push(reading.date);
      }
    }
    for (const account of filters.settlementAccounts) {
      const settlements = await s.media.settlements(personId, unitId, year, account.id);
      for (const settlement of settlements.settlements) {
        expect(grosze(settlement.balance)).toBe(grosze(settlement.cost) - grosze(settlement.advances));
        expect(settlement.unitPrice).toMatch(DECIMAL);
        expect(settlement.periodFrom <= settlement.periodTo).toBe(true);
        seen.dates.push(settlement.date);
      }
    }
  }
  // A year's closing balance opens the next year (the person's window covers both).
  for (const year of filters.years) {
    const next = seen.accounts.get(year + 1);
    if (!next) continue;
    for (const account of seen.accounts.get(year)!.accounts) {
      const following = next.accounts.find((a) => a.id === account.id);
      if (following) expect(following.openingBalance).toBe(account.balance);
    }
  }
  if (filters.latest) {
    const latest = filters.latest;
    expect(seen.months).toContain(`${latest.year}-${String(latest.month).padStart(2, '0')}`);
  }
  return { ...seen, checkedMonths };
}

describe('invariants over every person, unit, year and month of the generated data', () => {
  it('covers the whole database', async () => {
    expect(pairs.length).toBeGreaterThan(DEFAULT_TEST_DATA.units / 2);
    let months = 0;
    let withLedger = 0;
    for (const { personId, unitId } of pairs) {
      const seen = await checkPair(personId, unitId);
      months += seen.checkedMonths;
      if ([...seen.accounts.values()].some((a) => a.accounts.length)) withLedger++;
    }
    // Not vacuous: most pairs have months with fees and ledger accounts.
    expect(months).toBeGreaterThan(pairs.length * 12);
    expect(withLedger).toBeGreaterThan(pairs.length / 2);
  }, 120_000);
});

describe('windows on the generated data', () => {
  const change = ownerChangeDate(DEFAULT_TEST_DATA)!;

  it('the flat that changed hands: nothing of the other owner’s period', async () => {
    expect(change).toMatch(DATE);
    const { unitId, previousOwnerPersonId, newOwnerPersonId } = KNOWN_PEOPLE.changedHands;
    const before = await checkPair(previousOwnerPersonId, unitId);
    const after = await checkPair(newOwnerPersonId, unitId);
    expect(before.dates.length).toBeGreaterThan(0);
    expect(after.dates.length).toBeGreaterThan(0);
    expect(before.dates.every((d) => d < change)).toBe(true);
    expect(after.dates.every((d) => d >= change)).toBe(true);
    expect(before.months.every((m) => `${m}-01` < change)).toBe(true);
    expect(after.months.every((m) => `${m}-01` >= change)).toBe(true);
    // Their accounts are different accounts.
    const ids = (f: FiltersResponse) => [...f.accounts, ...f.settlementAccounts].map((a) => a.id);
    const shared = ids(before.filters).filter((id) => ids(after.filters).includes(id));
    expect(shared).toEqual([]);
    // And each is refused the other's accounts.
    for (const account of before.filters.accounts) {
      await expect(
        ctx.services.ledger.documents(newOwnerPersonId, unitId, account.id, Number(change.slice(0, 4))),
      ).rejects.toMatchObject({ status: 404 });
    }
    for (const account of after.filters.settlementAccounts) {
      await expect(
        ctx.services.media.settlements(previousOwnerPersonId, unitId, Number(change.slice(0, 4)), account.id),
      ).rejects.toMatchObject({ status: 404 });
    }
  }, 60_000);

  it('co-owners see the same unit', async () => {
    const { unitId, memberPersonId, coOwnerPersonId } = KNOWN_PEOPLE.coOwners;
    const member = await ctx.services.resident.filters(memberPersonId, unitId);
    const coOwner = await ctx.services.resident.filters(coOwnerPersonId, unitId);
    expect(coOwner).toEqual(member);
    expect(member.accounts.length).toBeGreaterThan(0);
    const year = member.latest!.year;
    expect(await ctx.services.ledger.accounts(coOwnerPersonId, unitId, year)).toEqual(
      await ctx.services.ledger.accounts(memberPersonId, unitId, year),
    );
  });

  it('the demo resident has a flat and a garage with data in every year of history', async () => {
    const { personId, flatUnitId, garageUnitId } = KNOWN_PEOPLE.demoResident;
    const me = await ctx.services.resident.me(personId);
    expect(me.assignments.map((a) => [a.unit.id, a.unit.kind])).toEqual(
      expect.arrayContaining([
        [flatUnitId, 'flat'],
        [garageUnitId, 'garage'],
      ]),
    );
    const filters = await ctx.services.resident.filters(personId, flatUnitId);
    const today = DEFAULT_TEST_DATA.today;
    const first = Number(today.slice(0, 4)) - DEFAULT_TEST_DATA.years + 1;
    expect(filters.years).toEqual(
      [...Array(DEFAULT_TEST_DATA.years)].map((_, i) => first + DEFAULT_TEST_DATA.years - 1 - i),
    );
    expect(filters.latest).toEqual({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
    for (const a of me.assignments) {
      expect(a.unit.area).toMatch(DECIMAL);
      expect(a.unit.bankAccount).toMatch(/^\d{26}$/);
      expect(a.unit.address.text).toMatch(/^(ul\.|al\.|pl\.|os\.).+ \d{2}-\d{3} \S+/);
    }
  });

  it('opening balances equal the billing BO for a person assigned all year', async () => {
    const { personId, flatUnitId } = KNOWN_PEOPLE.demoResident;
    const filters = await ctx.services.resident.filters(personId, flatUnitId);
    for (const year of filters.years) {
      const { accounts } = await ctx.services.ledger.accounts(personId, flatUnitId, year);
      for (const account of accounts) {
        const row = await ctx
          .knex(billing('opening_balances'))
          .where({ accountId: account.id, year })
          .first();
        expect({ year, id: account.id, opening: grosze(account.openingBalance) }).toEqual({
          year,
          id: account.id,
          opening: BigInt(row?.amountGr ?? 0),
        });
      }
    }
  });
});

/**
 * "Skąd to saldo?" and "Do zapłaty" agree with Księgowość: for every person and unit, every
 * fee account and every visible year, the history's months add up to the year's debit (charged)
 * and credit (paid), the first month opens on the year's opening balance, the last ends on its
 * balance, and the payment's balances are the history's last month.
 */
describe('balance history and payment agree with Księgowość over the whole database', () => {
  it('every unit, account, year and month', async () => {
    const s = ctx.services;
    let checkedMonths = 0;
    let checkedYears = 0;
    for (const { personId, unitId } of pairs) {
      const history = await s.payment.balanceHistory(personId, unitId, 60);
      const payment = await s.payment.payment(personId, unitId);
      const filters = await s.resident.filters(personId, unitId);
      // The test database's history (three years) fits in 60 months: every visible month is here.
      expect(history.from <= `${Math.min(...filters.years)}-01`).toBe(true);
      const byId = new Map(history.accounts.map((a) => [a.id, a]));
      for (const year of filters.years) {
        for (const account of (await s.ledger.accounts(personId, unitId, year)).accounts) {
          const months = (byId.get(account.id)?.months ?? []).filter((m) => m.month.startsWith(`${year}-`));
          expect(months.length, `${personId}/${unitId} ${account.id} ${year}`).toBeGreaterThan(0);
          const charged = months.reduce((sum, m) => sum + grosze(m.charged), 0n);
          const paid = months.reduce((sum, m) => sum + grosze(m.paid), 0n);
          const first = months[0]!;
          const last = months[months.length - 1]!;
          expect({ account: account.id, year, charged, paid, last: last.balance }).toEqual({
            account: account.id,
            year,
            charged: grosze(account.debit),
            paid: grosze(account.credit),
            last: account.balance,
          });
          expect(grosze(first.balance) - grosze(first.charged) + grosze(first.paid)).toBe(
            grosze(account.openingBalance),
          );
          let running = grosze(account.openingBalance);
          for (const month of months) {
            running += grosze(month.charged) - grosze(month.paid);
            expect(grosze(month.balance)).toBe(running);
            checkedMonths++;
          }
          checkedYears++;
        }
      }
      // Oldest charge paid first, in closed form: what is still open today is the newest charges
      // worth today's balance, so a month's open part is today's balance less everything charged
      // after it, within [0, charged]. (The years' balances chain, checked above and in checkPair.)
      for (const account of history.accounts) {
        const today = grosze(account.months[account.months.length - 1]!.balance);
        let chargedAfter = 0n;
        for (const month of [...account.months].reverse()) {
          const charged = grosze(month.charged);
          const rest = today - chargedAfter;
          const open = rest <= 0n ? 0n : rest >= charged ? charged : rest;
          const balance = grosze(month.balance);
          const expected =
            balance < 0n
              ? 'overpaid'
              : charged === 0n
                ? balance > 0n
                  ? 'unpaid'
                  : 'paid'
                : open === 0n
                  ? 'paid'
                  : open === charged
                    ? 'unpaid'
                    : 'partial';
          expect({ account: account.id, month: month.month, status: month.status }).toEqual({
            account: account.id,
            month: month.month,
            status: expected,
          });
          chargedAfter += charged;
        }
      }
      // The payment's accounts are the history's, with the last month's balance.
      let due = 0n;
      for (const account of payment.accounts) {
        const months = byId.get(account.id)?.months ?? [];
        expect(account.balance).toBe(months[months.length - 1]?.balance ?? '0.00');
        const balance = grosze(account.balance);
        if (balance > 0n) due += balance;
        expect(
          grosze(account.overdue) >= 0n && grosze(account.overdue) <= (balance > 0n ? balance : 0n),
        ).toBe(true);
      }
      expect(grosze(payment.amountDue)).toBe(due);
      if (payment.transfer) expect(payment.transfer.amount).toBe(payment.amountDue);
    }
    expect(checkedYears).toBeGreaterThan(pairs.length);
    expect(checkedMonths).toBeGreaterThan(pairs.length * 12);
  }, 120_000);
});
