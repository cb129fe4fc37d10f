/**
 * The demo-data generator's invariants, checked over the whole generated database with SQL that
 * recomputes each figure independently of the generator's code: fee totals, opening-balance
 * chains, bank account check digits, assignment periods, settlements, readings, and that the same
 * options always give the same rows.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KNOWN_PEOPLE,
  MIN_UNITS,
  ownerChangeDate,
  type GenerateOptions,
  type GenerateSummary,
} from '../../src/db/demo-data/generate.ts';
import { billing, BILLING_TABLES, type BillingTable } from '../../src/db/tables.ts';
import { DEFAULT_TEST_DATA } from '../support/test-app.ts';
import { freshDatabase, rows, scalar, type FreshDatabase } from './support.ts';

const T = (name: BillingTable) => billing(name);

/** Two shapes: the shared test data, and a different size, seed and "today" (a January). */
const SHAPES: Required<GenerateOptions>[] = [
  DEFAULT_TEST_DATA,
  { units: 47, years: 4, seed: 12345, today: '2025-01-09' },
];

/** Unit-months whose fee total differs from their single EKS charge of the 1st (or has none). */
async function feeChargeMismatches(knex: Knex): Promise<number> {
  return scalar(
    knex,
    `WITH fees AS (
       SELECT unit_id, year, month, sum(amount_gr) AS total FROM ${T('fee_components')} GROUP BY unit_id, year, month),
     charges AS (
       SELECT a.unit_id, d.date, sum(d.debit_gr) AS debit, count(*) AS c
       FROM ${T('documents')} d JOIN ${T('accounts')} a ON a.id = d.account_id
       WHERE d.kind = 'charge' AND a.code = 'EKS' GROUP BY a.unit_id, d.date)
     SELECT count(*) AS n FROM fees f LEFT JOIN charges c
       ON c.unit_id = f.unit_id AND c.date = printf('%04d-%02d-01', f.year, f.month)
     WHERE c.debit IS NULL OR c.debit <> f.total OR c.c <> 1`,
  );
}

/** Fee components whose amount is not round-half-up(quantity × rate), or with odd values. */
async function feeAmountErrors(knex: Knex): Promise<number> {
  return scalar(
    knex,
    `SELECT count(*) AS n FROM ${T('fee_components')}
     WHERE amount_gr <> (quantity_e3 * rate_e4 + 50000) / 100000 OR quantity_e3 < 0 OR rate_e4 <= 0
        OR basis NOT IN ('m2', 'person', 'unit', 'm3')`,
  );
}

/** Pairs of consecutive opening balances that break BO(y+1) = BO(y) + debit(y) − credit(y). */
async function openingBalanceBreaks(knex: Knex): Promise<number> {
  return scalar(
    knex,
    `SELECT count(*) AS n FROM ${T('opening_balances')} b
     JOIN ${T('opening_balances')} nx ON nx.account_id = b.account_id AND nx.year = b.year + 1
     WHERE nx.amount_gr <> b.amount_gr + coalesce((SELECT sum(d.debit_gr - d.credit_gr) FROM ${T('documents')} d
       WHERE d.account_id = b.account_id AND d.date >= printf('%04d-01-01', b.year)
         AND d.date <= printf('%04d-12-31', b.year)), 0)`,
  );
}

/** Pairs of assignments of the same role to the same unit whose periods overlap. */
async function assignmentOverlaps(knex: Knex): Promise<number> {
  return scalar(
    knex,
    `SELECT count(*) AS n FROM ${T('assignments')} a JOIN ${T('assignments')} b
       ON a.unit_id = b.unit_id AND a.role = b.role AND a.id < b.id
     WHERE a.date_from <= coalesce(b.date_to, '9999-12-31') AND b.date_from <= coalesce(a.date_to, '9999-12-31')`,
  );
}

function monthsOfHistory(options: Required<GenerateOptions>): number {
  return (options.years - 1) * 12 + Number(options.today.slice(5, 7));
}

describe.each(SHAPES)('generated data: $units units, $years years, seed $seed, today $today', (shape) => {
  let db: FreshDatabase;
  let knex: Knex;
  let summary: GenerateSummary;

  beforeAll(async () => {
    db = await freshDatabase(shape);
    knex = db.knex;
    summary = db.summary!;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports what it wrote, and covers the whole history', async () => {
    expect(summary.units).toBe(shape.units);
    expect(await scalar(knex, `SELECT count(*) AS n FROM ${T('units')}`)).toBe(shape.units);
    expect(await scalar(knex, `SELECT count(*) AS n FROM ${T('persons')}`)).toBe(summary.persons);
    expect(await scalar(knex, `SELECT count(*) AS n FROM ${T('documents')}`)).toBe(summary.documents);
    expect(await scalar(knex, `SELECT count(*) AS n FROM ${T('readings')}`)).toBe(summary.readings);
    expect(await scalar(knex, `SELECT count(*) AS n FROM ${T('fee_components')}`)).toBe(
      summary.feeComponents,
    );
    expect(summary.historyFrom).toBe(`${Number(shape.today.slice(0, 4)) - shape.years + 1}-01-01`);
    expect(summary.historyTo).toBe(shape.today);
    // Every unit has fee components in every month of history, and none outside it.
    const unitMonths = await scalar(
      knex,
      `SELECT count(*) AS n FROM (SELECT DISTINCT unit_id, year, month FROM ${T('fee_components')})`,
    );
    expect(unitMonths).toBe(shape.units * monthsOfHistory(shape));
    const [range] = await rows<{ lo: number; hi: number }>(
      knex,
      `SELECT min(year * 100 + month) AS lo, max(year * 100 + month) AS hi FROM ${T('fee_components')}`,
    );
    expect(range!.lo).toBe(Number(summary.historyFrom.slice(0, 4)) * 100 + 1);
    expect(range!.hi).toBe(Number(shape.today.slice(0, 4)) * 100 + Number(shape.today.slice(5, 7)));
  });

  it('computes every fee component as round-half-up(quantity × rate) in whole grosze', async () => {
    expect(await feeAmountErrors(knex)).toBe(0);
    // Positions run 1…n without gaps in each unit-month.
    const gaps = await scalar(
      knex,
      `SELECT count(*) AS n FROM (SELECT unit_id, year, month, count(*) AS c, max(position) AS p, min(position) AS f
         FROM ${T('fee_components')} GROUP BY unit_id, year, month) WHERE c <> p OR f <> 1`,
    );
    expect(gaps).toBe(0);
  });

  it('follows the number of persons month by month in person-based components', async () => {
    // Some flats gain or lose a person while the holder stays: the waste fee quantity changes.
    const changed = await scalar(
      knex,
      `SELECT count(*) AS n FROM (SELECT f.unit_id FROM ${T('fee_components')} f
         WHERE f.name = 'Gospodarowanie odpadami komunalnymi' AND f.basis = 'person'
           AND NOT EXISTS (SELECT 1 FROM ${T('assignments')} a WHERE a.unit_id = f.unit_id AND a.date_to IS NOT NULL)
         GROUP BY f.unit_id HAVING count(DISTINCT f.quantity_e3) > 1)`,
    );
    expect(changed).toBeGreaterThan(0);
    // The unit row holds today's number, which is the last month's quantity.
    const stale = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('units')} u JOIN ${T('fee_components')} f ON f.unit_id = u.id
       WHERE f.name = 'Gospodarowanie odpadami komunalnymi' AND f.basis = 'person'
         AND f.year * 100 + f.month = ? AND f.quantity_e3 <> u.persons * 1000`,
      [Number(shape.today.slice(0, 4)) * 100 + Number(shape.today.slice(5, 7))],
    );
    expect(stale).toBe(0);
  });

  it("charges each month's fee total, exactly, once on the unit's EKS account dated the 1st", async () => {
    expect(await feeChargeMismatches(knex)).toBe(0);
    const charges = await scalar(knex, `SELECT count(*) AS n FROM ${T('documents')} WHERE kind = 'charge'`);
    expect(charges).toBe(shape.units * monthsOfHistory(shape));
    // …and no charge without its fee components.
    const orphanCharges = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('documents')} d JOIN ${T('accounts')} a ON a.id = d.account_id
       WHERE d.kind = 'charge' AND NOT EXISTS (SELECT 1 FROM ${T('fee_components')} f
         WHERE f.unit_id = a.unit_id AND printf('%04d-%02d-01', f.year, f.month) = d.date)`,
    );
    expect(orphanCharges).toBe(0);
  });

  it('keeps the opening-balance chain BO(y+1) = BO(y) + debit(y) − credit(y) for every account', async () => {
    expect(await openingBalanceBreaks(knex)).toBe(0);
    const chains = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('opening_balances')} b
       JOIN ${T('opening_balances')} nx ON nx.account_id = b.account_id AND nx.year = b.year + 1`,
    );
    expect(chains).toBeGreaterThan(shape.units);
    // One row per ledger account and year it is open within history, none for others.
    const firstYear = Number(summary.historyFrom.slice(0, 4));
    const lastYear = Number(shape.today.slice(0, 4));
    const [coverage] = await rows<{ expected: number; actual: number }>(
      knex,
      `SELECT (SELECT sum(min(coalesce(cast(substr(closed_on, 1, 4) AS INTEGER), ?), ?)
                        - max(cast(substr(opened_on, 1, 4) AS INTEGER), ?) + 1)
                FROM ${T('accounts')} WHERE purpose = 'ledger') AS expected,
              (SELECT count(*) FROM ${T('opening_balances')}) AS actual`,
      [lastYear, lastYear, firstYear],
    );
    expect(coverage!.actual).toBe(coverage!.expected);
    const onSettlementAccounts = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('opening_balances')} b JOIN ${T('accounts')} a ON a.id = b.account_id
       WHERE a.purpose <> 'ledger'`,
    );
    expect(onSettlementAccounts).toBe(0);
    // An account opened within history starts at zero.
    const nonZeroStart = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('opening_balances')} b JOIN ${T('accounts')} a ON a.id = b.account_id
       WHERE a.opened_on >= ? AND b.year = cast(substr(a.opened_on, 1, 4) AS INTEGER) AND b.amount_gr <> 0`,
      [summary.historyFrom],
    );
    expect(nonZeroStart).toBe(0);
    // Some accounts carry a balance into the first year (arrears or overpayment), as real ones do.
    const carried = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('opening_balances')} WHERE year = ? AND amount_gr <> 0`,
      [firstYear],
    );
    expect(carried).toBeGreaterThan(0);
  });

  it('posts documents only while their account is open, never after today, one side each', async () => {
    const outside = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('documents')} d JOIN ${T('accounts')} a ON a.id = d.account_id
       WHERE d.date < a.opened_on OR (a.closed_on IS NOT NULL AND d.date > a.closed_on) OR d.date > ? OR d.date < ?
          OR a.purpose <> 'ledger'`,
      [shape.today, summary.historyFrom],
    );
    expect(outside).toBe(0);
    const sides = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('documents')}
       WHERE debit_gr < 0 OR credit_gr < 0 OR (debit_gr > 0) + (credit_gr > 0) <> 1`,
    );
    expect(sides).toBe(0);
    const kinds = await rows<{ kind: string }>(
      knex,
      `SELECT DISTINCT kind FROM ${T('documents')} ORDER BY kind`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['charge', 'correction', 'interest', 'payment', 'settlement']);
  });

  it('closes the accounts of a unit that changed hands at zero on the day before the change', async () => {
    const closed = await rows<{ id: number; closed: string; balance: number }>(
      knex,
      `SELECT a.id AS id, a.closed_on AS closed,
              b.amount_gr + coalesce((SELECT sum(d.debit_gr - d.credit_gr) FROM ${T('documents')} d
                WHERE d.account_id = a.id AND d.date >= printf('%04d-01-01', b.year)), 0) AS balance
       FROM ${T('accounts')} a
       JOIN ${T('opening_balances')} b ON b.account_id = a.id AND b.year = cast(substr(a.closed_on, 1, 4) AS INTEGER)
       WHERE a.closed_on IS NOT NULL AND a.purpose = 'ledger'`,
    );
    expect(closed.length).toBeGreaterThan(0);
    for (const account of closed) expect(account.balance, `account ${account.id}`).toBe(0);
  });

  it('gives every unit a unique 26-digit account number with valid IBAN check digits', async () => {
    const accounts = await rows<{ nrb: string }>(knex, `SELECT bank_account AS nrb FROM ${T('units')}`);
    expect(accounts).toHaveLength(shape.units);
    expect(new Set(accounts.map((a) => a.nrb)).size).toBe(shape.units);
    for (const { nrb } of accounts) {
      expect(nrb).toMatch(/^\d{26}$/);
      // ISO 13616: BBAN + "PL" as digits (25 21) + check digits, mod 97, is 1.
      expect(BigInt(nrb.slice(2) + '2521' + nrb.slice(0, 2)) % 97n, nrb).toBe(1n);
    }
  });

  it('never overlaps two assignments of the same role to the same unit', async () => {
    expect(await assignmentOverlaps(knex)).toBe(0);
    const reversed = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('assignments')} WHERE date_to IS NOT NULL AND date_to < date_from`,
    );
    expect(reversed).toBe(0);
    // Every unit is held by someone today, and its shares add up to a whole.
    const unheld = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('units')} u WHERE NOT EXISTS (SELECT 1 FROM ${T('assignments')} a
         WHERE a.unit_id = u.id AND a.date_from <= ? AND (a.date_to IS NULL OR a.date_to >= ?))`,
      [shape.today, shape.today],
    );
    expect(unheld).toBe(0);
    const shares = await rows<{ unit: number; shares: string }>(
      knex,
      `SELECT unit_id AS unit, group_concat(share) AS shares FROM ${T('assignments')} WHERE date_to IS NULL GROUP BY unit_id`,
    );
    for (const { unit, shares: list } of shares) {
      const sum = list.split(',').reduce((acc, s) => acc + 1 / Number(s.split('/')[1]), 0);
      expect(sum, `unit ${unit}`).toBeCloseTo(1, 9);
    }
  });

  it('balances every settlement as cost − advances, with cost and advances recomputed', async () => {
    const settlements = await rows<{
      id: number;
      unit: number;
      name: string;
      pfrom: string;
      pto: string;
      consumption: number;
      price: number;
      cost: number;
      advances: number;
      balance: number;
      due: string | null;
      sdate: string;
    }>(
      knex,
      `SELECT s.id AS id, a.unit_id AS unit, s.name AS name, s.period_from AS pfrom, s.period_to AS pto,
              s.consumption_e3 AS consumption, s.unit_price_e4 AS price, s.cost_gr AS cost,
              s.advances_gr AS advances, s.balance_gr AS balance, s.due_date AS due, s.date AS sdate
       FROM ${T('settlements')} s JOIN ${T('accounts')} a ON a.id = s.account_id`,
    );
    expect(settlements.length).toBeGreaterThan(shape.units);
    expect(settlements.some((s) => s.balance > 0)).toBe(true);
    expect(settlements.some((s) => s.balance < 0)).toBe(true);
    const advanceComponent: Record<string, string> = {
      'Zimna woda i odprowadzanie ścieków': 'Zimna woda i odprowadzanie ścieków – zaliczka',
      'Podgrzanie wody': 'Podgrzanie wody – zaliczka',
      'Centralne ogrzewanie': 'Centralne ogrzewanie – zaliczka',
    };
    const medium: Record<string, string> = {
      'Zimna woda i odprowadzanie ścieków': 'ZW',
      'Podgrzanie wody': 'CW',
      'Centralne ogrzewanie': 'CO',
    };
    const advances = await rows<{ unit: number; ym: string; name: string; amount: number }>(
      knex,
      `SELECT unit_id AS unit, printf('%04d-%02d-01', year, month) AS ym, name AS name, amount_gr AS amount
       FROM ${T('fee_components')} WHERE name LIKE '%zaliczka'`,
    );
    const advanceIndex = new Map<string, number>();
    for (const a of advances) advanceIndex.set(`${a.unit}|${a.ym}|${a.name}`, a.amount);
    const used = await rows<{ unit: number; medium: string; date: string; c: number }>(
      knex,
      `SELECT m.unit_id AS unit, m.medium_code AS medium, r.date AS date, sum(r.consumption_e3) AS c
       FROM ${T('readings')} r JOIN ${T('meters')} m ON m.id = r.meter_id GROUP BY m.unit_id, m.medium_code, r.date`,
    );
    for (const s of settlements) {
      expect(s.balance, `settlement ${s.id}`).toBe(s.cost - s.advances);
      expect(s.cost, `settlement ${s.id}`).toBe(
        Number((BigInt(s.consumption) * BigInt(s.price) + 50_000n) / 100_000n),
      );
      let expected = 0;
      for (let d = s.pfrom; d <= s.pto;) {
        expected += advanceIndex.get(`${s.unit}|${d}|${advanceComponent[s.name]}`) ?? 0;
        const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
        d = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      }
      expect(s.advances, `advances of settlement ${s.id}`).toBe(expected);
      const consumption = used
        .filter(
          (u) => u.unit === s.unit && u.medium === medium[s.name] && u.date >= s.pfrom && u.date <= s.pto,
        )
        .reduce((sum, u) => sum + u.c, 0);
      expect(s.consumption, `consumption of settlement ${s.id}`).toBe(consumption);
      expect(s.due, `due date of settlement ${s.id}`).toBe(
        s.balance > 0 ? new Date(Date.parse(s.sdate) + 30 * 86_400_000).toISOString().slice(0, 10) : null,
      );
    }
    // Each non-zero result is posted on the unit's MED ledger account under its document number.
    const unposted = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('settlements')} s JOIN ${T('accounts')} sa ON sa.id = s.account_id
       WHERE s.balance_gr <> 0 AND NOT EXISTS (
         SELECT 1 FROM ${T('documents')} d JOIN ${T('accounts')} la ON la.id = d.account_id
         WHERE la.unit_id = sa.unit_id AND la.code = 'MED' AND la.opened_on = sa.opened_on
           AND d.kind = 'settlement' AND d.number = s.document_number AND d.date = s.date
           AND d.debit_gr - d.credit_gr = s.balance_gr)`,
    );
    expect(unposted).toBe(0);
  });

  it("records each reading's consumption as the difference of the meter's values", async () => {
    const readings = await rows<{ meter: number; value: number; consumption: number; date: string }>(
      knex,
      `SELECT meter_id AS meter, value_e3 AS value, consumption_e3 AS consumption, date AS date
       FROM ${T('readings')} ORDER BY meter_id, date`,
    );
    expect(readings.length).toBeGreaterThan(shape.units * 4);
    let previous: (typeof readings)[number] | undefined;
    for (const r of readings) {
      expect(r.consumption, `meter ${r.meter} on ${r.date}`).toBeGreaterThanOrEqual(0);
      if (previous && previous.meter === r.meter) {
        expect(r.date > previous.date).toBe(true);
        expect(r.consumption, `meter ${r.meter} on ${r.date}`).toBe(r.value - previous.value);
      } else {
        expect(r.consumption).toBeLessThanOrEqual(r.value);
      }
      previous = r;
    }
    // Readings only while a meter is fitted, only up to today, and of the three kinds.
    const misplaced = await scalar(
      knex,
      `SELECT count(*) AS n FROM ${T('readings')} r JOIN ${T('meters')} m ON m.id = r.meter_id
       WHERE r.date < m.installed_on OR (m.removed_on IS NOT NULL AND r.date > m.removed_on) OR r.date > ?
          OR r.kind NOT IN ('actual', 'estimated', 'remote')`,
      [shape.today],
    );
    expect(misplaced).toBe(0);
  });

  it('lets every foreign key point at an existing row', async () => {
    const broken = await rows(knex, 'PRAGMA foreign_key_check');
    expect(broken).toEqual([]);
  });
});

describe('KNOWN_PEOPLE', () => {
  for (const shape of [
    { units: MIN_UNITS, years: 2, seed: 99, today: '2026-03-31' },
    { ...DEFAULT_TEST_DATA },
  ]) {
    it(`holds for ${shape.units} units, seed ${shape.seed}`, async () => {
      const db = await freshDatabase(shape);
      try {
        const { knex } = db;
        const person = async (id: number) =>
          (
            await rows<{
              first: string;
              last: string;
              member: string | null;
              email: string | null;
              phone: string | null;
            }>(
              knex,
              `SELECT first_name AS first, last_name AS last, member_number AS member, email AS email, phone AS phone
             FROM ${T('persons')} WHERE id = ?`,
              [id],
            )
          )[0];
        const assignments = async (personId: number) =>
          rows<{
            unit: number;
            role: string;
            share: string;
            dfrom: string;
            dto: string | null;
            kind: string;
          }>(
            knex,
            `SELECT a.unit_id AS unit, a.role AS role, a.share AS share, a.date_from AS dfrom, a.date_to AS dto, u.kind AS kind
             FROM ${T('assignments')} a JOIN ${T('units')} u ON u.id = a.unit_id WHERE a.person_id = ? ORDER BY a.unit_id`,
            [personId],
          );

        const demo = KNOWN_PEOPLE.demoResident;
        expect(await person(demo.personId)).toEqual({
          first: demo.firstName,
          last: demo.lastName,
          member: demo.memberNumber,
          email: demo.email,
          phone: demo.phone,
        });
        const demoUnits = await assignments(demo.personId);
        expect(demoUnits.map((a) => [a.unit, a.kind, a.role, a.share, a.dto])).toEqual([
          [demo.flatUnitId, 'flat', 'member', '1/1', null],
          [demo.garageUnitId, 'garage', 'member', '1/1', null],
        ]);
        for (const a of demoUnits) expect(a.dfrom < db.summary!.historyFrom).toBe(true);

        const pair = KNOWN_PEOPLE.coOwners;
        const member = await assignments(pair.memberPersonId);
        const coOwner = await assignments(pair.coOwnerPersonId);
        expect(member.map((a) => [a.unit, a.role, a.share])).toEqual([[pair.unitId, 'member', '1/2']]);
        expect(coOwner.map((a) => [a.unit, a.role, a.share])).toEqual([[pair.unitId, 'co_owner', '1/2']]);
        expect([coOwner[0]!.dfrom, coOwner[0]!.dto]).toEqual([member[0]!.dfrom, member[0]!.dto]);

        const change = ownerChangeDate(shape);
        expect(change).toBe(db.summary!.ownerChangeDate);
        expect(change! > db.summary!.historyFrom && change! <= shape.today).toBe(true);
        const hands = KNOWN_PEOPLE.changedHands;
        const before = await assignments(hands.previousOwnerPersonId);
        const after = await assignments(hands.newOwnerPersonId);
        const dayBefore = new Date(Date.parse(change!) - 86_400_000).toISOString().slice(0, 10);
        expect(before.map((a) => [a.unit, a.role, a.dto])).toEqual([[hands.unitId, 'member', dayBefore]]);
        expect(after.map((a) => [a.unit, a.role, a.dfrom, a.dto])).toEqual([
          [hands.unitId, 'member', change, null],
        ]);
        const accounts = await rows<{ code: string; opened: string; closed: string | null }>(
          knex,
          `SELECT code AS code, opened_on AS opened, closed_on AS closed FROM ${T('accounts')} WHERE unit_id = ? ORDER BY id`,
          [hands.unitId],
        );
        expect(
          accounts
            .filter((a) => a.closed === dayBefore)
            .map((a) => a.code)
            .sort(),
        ).toEqual(['CO', 'EKS', 'MED', 'ODS', 'WOD'].sort());
        expect(
          accounts
            .filter((a) => a.opened === change && a.closed === null)
            .map((a) => a.code)
            .sort(),
        ).toEqual(['CO', 'EKS', 'MED', 'ODS', 'WOD'].sort());
        // A reading of every meter on the last day of the previous owner.
        const changeReadings = await scalar(
          knex,
          `SELECT count(*) AS n FROM ${T('readings')} r JOIN ${T('meters')} m ON m.id = r.meter_id
           WHERE m.unit_id = ? AND r.date = ?`,
          [hands.unitId, dayBefore],
        );
        expect(changeReadings).toBeGreaterThanOrEqual(5);

        const two = await assignments(KNOWN_PEOPLE.twoUnits.personId);
        expect(two.map((a) => a.unit)).toEqual([...KNOWN_PEOPLE.twoUnits.unitIds]);
        expect(two.every((a) => a.kind === 'flat' && a.dto === null)).toBe(true);
      } finally {
        await db.close();
      }
    });
  }
});

describe('determinism', () => {
  const shape = { units: 41, years: 2, seed: 5, today: '2026-07-03' };

  async function fingerprint(options: GenerateOptions): Promise<string> {
    const db = await freshDatabase(options);
    try {
      const hash = createHash('sha256');
      for (const table of BILLING_TABLES) {
        // billing_freshness has one column (and one row).
        const all = await db
          .knex(billing(table))
          .select('*')
          .orderByRaw(table === 'freshness' ? '1' : '1, 2');
        hash.update(table + JSON.stringify(all));
      }
      return hash.digest('hex');
    } finally {
      await db.close();
    }
  }

  it('gives the same rows for the same options, and different rows for another seed', async () => {
    const first = await fingerprint(shape);
    expect(await fingerprint(shape)).toBe(first);
    expect(await fingerprint({ ...shape, seed: 6 })).not.toBe(first);
  });

  it('refuses bad options instead of writing odd data', async () => {
    const db = await freshDatabase();
    try {
      const { generateDemoData } = await import('../../src/db/demo-data/generate.ts');
      await expect(generateDemoData(db.knex, { units: 0 })).rejects.toThrow(/units/);
      await expect(generateDemoData(db.knex, { years: 0 })).rejects.toThrow(/years/);
      await expect(generateDemoData(db.knex, { today: '2026-02-30' })).rejects.toThrow(/today/);
      expect(await scalar(db.knex, `SELECT count(*) AS n FROM ${T('units')}`)).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe('the invariant checks themselves', () => {
  // Each check above must be able to fail: break one row of a fresh database and look again.
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase({ units: 25, years: 2, seed: 3, today: '2026-05-20' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('catch a fee component that no longer matches its charge, or its own rounding', async () => {
    const { knex } = db;
    expect(await feeChargeMismatches(knex)).toBe(0);
    expect(await feeAmountErrors(knex)).toBe(0);
    await knex.raw(`UPDATE ${T('fee_components')} SET amount_gr = amount_gr + 1 WHERE id = 7`);
    expect(await feeChargeMismatches(knex)).toBe(1);
    expect(await feeAmountErrors(knex)).toBe(1);
  });

  it('catch a broken opening-balance chain', async () => {
    const { knex } = db;
    expect(await openingBalanceBreaks(knex)).toBe(0);
    await knex.raw(
      `UPDATE ${T('documents')} SET credit_gr = credit_gr + 1 WHERE id = (SELECT min(id) FROM ${T('documents')} WHERE kind = 'payment' AND date < '2026-01-01')`,
    );
    expect(await openingBalanceBreaks(knex)).toBe(1);
  });

  it('catch overlapping assignments', async () => {
    const { knex } = db;
    expect(await assignmentOverlaps(knex)).toBe(0);
    await knex.raw(
      `INSERT INTO ${T('assignments')} (id, person_id, unit_id, role, share, date_from, date_to) VALUES (100000, 1, 2, 'member', '1/1', '2026-01-01', NULL)`,
    );
    expect(await assignmentOverlaps(knex)).toBe(1);
  });
});
