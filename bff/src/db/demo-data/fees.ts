/**
 * The fees phase of the demo-data generator: every tariff's rate in every month, the fee lines
 * of every kind of unit (a temporary table), and per unit the segments of history with their
 * area and number of persons. The fee component rows themselves are expanded from these inside
 * SQLite at the end (`writeFeeComponents` in bulk-insert.ts); here only the monthly totals and
 * advances that the ledger and the settlements need.
 */
import type { Statement } from './bulk-insert.ts';
import { FEE_LINES, lineQuantity, type FeeSet } from './fee-lines.ts';
import type { Generation } from './generation.ts';
import type { UnitPlan } from './holdings.ts';
import { amountGrosze, rate } from './tariffs.ts';

/** The statement that adds a unit's segment to the fee plan. */
export interface FeePlan {
  segments: Statement;
}

/** A unit's charges per month of history (grosze), in total and the three media advances. */
export interface UnitFees {
  total: number[];
  coldAdvance: number[];
  hotAdvance: number[];
  heatAdvance: number[];
}

/** The rates of every month, and the fee lines of every kind of unit in every month. */
export function prepareFeePlan(g: Generation): FeePlan {
  const { conn, monthCount } = g;
  for (const lines of Object.values(FEE_LINES)) {
    for (const line of lines) {
      if (g.rateTable.has(line.tariff)) continue;
      const rates = new Int32Array(monthCount);
      for (let mi = 0; mi < monthCount; mi++)
        rates[mi] = rate(line.tariff, g.monthYear(mi), g.monthOf(mi), g.midYearChange);
      g.rateTable.set(line.tariff, rates);
    }
  }
  conn.exec(`
    DROP TABLE IF EXISTS temp.gen_lines;
    DROP TABLE IF EXISTS temp.gen_segments;
    CREATE TEMP TABLE gen_lines (fee_set TEXT NOT NULL, mi INTEGER NOT NULL, position INTEGER NOT NULL,
      year INTEGER NOT NULL, month INTEGER NOT NULL, name TEXT NOT NULL, basis TEXT NOT NULL,
      quantity TEXT NOT NULL, factor_e3 INTEGER NOT NULL, rate_e4 INTEGER NOT NULL,
      PRIMARY KEY (fee_set, mi, position)) WITHOUT ROWID;
    CREATE TEMP TABLE gen_segments (seq INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL, fee_set TEXT NOT NULL,
      area_e2 INTEGER NOT NULL, occupants INTEGER NOT NULL, from_mi INTEGER NOT NULL, to_mi INTEGER NOT NULL);
  `);
  // Every line of every kind of unit in every month, with that month's rate: the segments
  // pick their range of it.
  const lineRow = conn.prepare('INSERT INTO temp.gen_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const [feeSet, lines] of Object.entries(FEE_LINES)) {
    for (let mi = 0; mi < monthCount; mi++) {
      lines.forEach((line, i) =>
        lineRow.run(
          feeSet,
          mi,
          i + 1,
          g.monthYear(mi),
          g.monthOf(mi),
          line.name,
          line.basis,
          line.quantity,
          line.factorE3,
          g.rateTable.get(line.tariff)![mi],
        ),
      );
    }
  }
  return {
    segments: conn.prepare(
      'INSERT INTO temp.gen_segments (unit_id, fee_set, area_e2, occupants, from_mi, to_mi) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}

/** Adds the unit's segments to the plan and answers its charges per month. */
export function planUnitFees(g: Generation, plan: FeePlan, unit: UnitPlan): UnitFees {
  const { monthCount } = g;
  const { unitId, kind, building, areaE2, holdings } = unit;
  const feeSet: FeeSet = kind === 'flat' ? (building.tall ? 'flat_lift' : 'flat') : kind;
  const feeLines = FEE_LINES[feeSet];
  const total = new Array<number>(monthCount).fill(0);
  const coldAdvance = new Array<number>(monthCount).fill(0);
  const hotAdvance = new Array<number>(monthCount).fill(0);
  const heatAdvance = new Array<number>(monthCount).fill(0);
  for (const part of holdings.flatMap((holding) => holding.occupancy)) {
    if (part.fromMonth >= part.toMonth) continue;
    plan.segments.run(unitId, feeSet, areaE2, part.occupants, part.fromMonth, part.toMonth);
    for (const line of feeLines) {
      const quantity = lineQuantity(line, areaE2, part.occupants);
      const rates = g.rateTable.get(line.tariff)!;
      for (let mi = part.fromMonth; mi < part.toMonth; mi++) {
        const amount = amountGrosze(quantity, rates[mi]!);
        total[mi] = total[mi]! + amount;
        if (line.tariff === 'coldWaterAdvance') coldAdvance[mi] = amount;
        else if (line.tariff === 'hotWaterAdvance') hotAdvance[mi] = amount;
        else if (line.tariff === 'heatingAdvance') heatAdvance[mi] = amount;
      }
      g.count.feeComponents += part.toMonth - part.fromMonth;
    }
  }
  return { total, coldAdvance, hotAdvance, heatAdvance };
}
