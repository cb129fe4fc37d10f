/**
 * The charts' answers for Storybook (`/readings/comparison`, `/charges/history`,
 * `/settlements/history`), built from the same mock data as the tables (data.ts), so a chart and
 * its widget's table tell the same story; plus the states only a chart has (a building of fewer
 * than 5 units, a chart whose data is missing).
 */
import type {
  ChargeChange,
  ChargeHistoryResponse,
  ReadingsComparisonResponse,
  SettlementHistoryResponse,
} from '@strefa/api-types';
import { charges, filters, settlements } from './data.ts';

/** Own and building consumption per half-year of `year − 1` and `year` (the building: 24 flats). */
export function readingsComparison(
  year: number,
  mediumCode: string,
  { building = true, empty = false } = {},
): ReadingsComparisonResponse {
  const medium = filters.media.find((m) => m.code === mediumCode) ?? filters.media[0]!;
  const heat = medium.code === 'heat';
  // [own, own per basis, building average] per half-year, oldest first; the second half of
  // the chosen year is not read yet (null).
  const figures: ([string, string, string] | null)[] = heat
    ? [['261.5', '5.381', '5.902'], ['148.2', '3.049', '3.311'], ['247.9', '5.101', '5.744'], null]
    : [['34.6', '17.3', '16.871'], ['35.4', '17.7', '17.055'], ['30.4', '15.2', '16.902'], null];
  return {
    year,
    medium,
    basis: heat ? 'm2' : 'person',
    minimumUnits: 5,
    periods: figures.map((f, i) => {
      const periodYear = i < 2 ? year - 1 : year;
      const half = ((i % 2) + 1) as 1 | 2;
      const shown = empty ? null : f;
      return {
        year: periodYear,
        half,
        from: `${periodYear}-${half === 1 ? '01-01' : '07-01'}`,
        to: `${periodYear}-${half === 1 ? '06-30' : '12-31'}`,
        consumption: shown ? shown[0] : null,
        perBasis: shown ? shown[1] : null,
        building: shown && building ? { units: 24, average: shown[2] } : null,
      };
    }),
  };
}

/** 24 months to `year`/`month` from the month mock: rates change every January. */
export function chargeHistory(year: number, month: number, { empty = false } = {}): ChargeHistoryResponse {
  const months: ChargeHistoryResponse['months'] = [];
  let previous: ReturnType<typeof charges> | null = null;
  for (let i = 23; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    if (empty) {
      months.push({ year: y, month: m, total: null, changes: [] });
      continue;
    }
    const current = charges(y, m);
    const changes: ChargeChange[] = [];
    if (previous) {
      for (const c of current.components) {
        const before = previous.components.find((p) => p.name === c.name);
        if (before && before.rate !== c.rate) {
          changes.push({
            name: c.name,
            basis: c.basis,
            previousRate: before.rate,
            rate: c.rate,
            previousQuantity: before.quantity,
            quantity: c.quantity,
            previousAmount: before.amount,
            amount: c.amount,
          });
        }
      }
    }
    months.push({ year: y, month: m, total: current.total, changes });
    previous = current;
  }
  return { months };
}

/** The settlements of ten years to `year` (the mock has data from 2024 on). */
export function settlementHistory(
  year: number,
  accountId: number,
  { empty = false } = {},
): SettlementHistoryResponse {
  const fromYear = year - 9;
  const list = empty
    ? []
    : [2024, 2025, 2026].filter((y) => y <= year).flatMap((y) => settlements(y, accountId).settlements);
  return { fromYear, toYear: year, account: settlements(year, accountId).account, settlements: list };
}
