/**
 * The data of the widgets' charts: consumption per reading period beside the building's average
 * (Media – odczyty), cost against advances over the last years (Media – rozliczenia), and the
 * monthly fee over 24 months with what changed (Czynsz). Same rule as every unit endpoint: 404
 * for a unit that is not the person's, and only the person's assignment windows are looked at.
 * Each request runs two queries whatever the span: the access check, then one data query
 * (`bff/src/queries/`).
 */
import type {
  ChargeChange,
  ChargeHistoryMonth,
  ChargeHistoryResponse,
  ComparisonBasis,
  ConsumptionPeriod,
  FeeBasis,
  ReadingsComparisonResponse,
  SettlementHistoryResponse,
} from '@strefa/api-types';
import { defineQuery } from '../db/query-runner.ts';
import { invalidParameter } from '../errors.ts';
import { formatDecimal, formatMoney, sumGrosze } from '../lib/money.ts';
import { UNKNOWN_MEDIUM_MESSAGE } from '../lib/validation.ts';
import { feeComponentsOfYearsQuery, type FeeComponentHistoryRow } from '../queries/charge-history.ts';
import {
  accessWithMediumQuery,
  buildingConsumptionQuery,
  type BuildingConsumptionRow,
} from '../queries/consumption.ts';
import { settlementsInRanges } from '../queries/settlements.ts';
import { settlementBody } from './media-service.ts';
import { type AccessService } from './access-service.ts';
import { isMonthVisible } from '../lib/date-windows.ts';
import {
  clipToYear,
  rangeBounds,
  type DateRange,
  type DateWindow,
  type RangeBounds,
} from '../lib/date-windows.ts';
import { dbInteger, dbNumber } from '../lib/db-values.ts';
import { type LookupRow } from '../queries/lookups.ts';
import type { ServiceContext } from './context.ts';
import { accountNotFound, accountVisible } from './ledger-service.ts';

/** A building average needs at least this many units, so that no neighbour can be recognised. */
export const MINIMUM_UNITS_FOR_AVERAGE = 5;
/** Months of the Czynsz chart. */
export const CHARGE_HISTORY_MONTHS = 24;
/** Years of the Media – rozliczenia chart. */
export const SETTLEMENT_HISTORY_YEARS = 10;

const accessWithMedium = defineQuery<[personId: number, unitId: number, mediumCode: string], LookupRow>(
  'accessWithMedium',
  accessWithMediumQuery,
);
const buildingConsumption = defineQuery<
  [
    unitId: number,
    mediumCode: string,
    halfStarts: readonly [string, string, string, string, string],
    ranges: readonly RangeBounds[],
  ],
  BuildingConsumptionRow
>('buildingConsumption', buildingConsumptionQuery);
const feeComponentsOfYears = defineQuery<
  [unitId: number, fromYear: number, toYear: number],
  FeeComponentHistoryRow
>('feeComponentsOfYears', feeComponentsOfYearsQuery);

/** `numerator / denominator` with three places, rounded half up (both non-negative); null for /0. */
export function ratioE3(numeratorE3: bigint, denominator: bigint, denominatorScale = 1n): bigint | null {
  if (denominator <= 0n) return null;
  const scaled = numeratorE3 * denominatorScale;
  return (scaled * 2n + denominator) / (denominator * 2n);
}

/** The medium's basis of comparison: water (measured in m³) per person, anything else per m². */
export function comparisonBasis(mediumUnit: string): ComparisonBasis {
  return mediumUnit.trim().toLowerCase() === 'm³' || mediumUnit.trim().toLowerCase() === 'm3'
    ? 'person'
    : 'm2';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export class TrendsService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /** `GET /units/:unitId/readings/comparison?year&medium`. */
  async readingsComparison(
    personId: number,
    unitId: number,
    year: number,
    mediumCode: string,
  ): Promise<ReadingsComparisonResponse> {
    const {
      access: { windows },
      rows: mediumRows,
    } = this.access.splitAccessRows(
      personId,
      unitId,
      await this.context.queries.run(accessWithMedium, personId, unitId, mediumCode),
    );
    const row = mediumRows[0];
    if (!row) throw invalidParameter('medium', UNKNOWN_MEDIUM_MESSAGE);
    const medium = { code: String(row.code), name: String(row.name), unit: String(row.label) };
    const basis = comparisonBasis(medium.unit);
    const ranges = [...clipToYear(windows, year - 1), ...clipToYear(windows, year)];
    const halfStarts = [
      `${year - 1}-01-01`,
      `${year - 1}-07-01`,
      `${year}-01-01`,
      `${year}-07-01`,
      `${year + 1}-01-01`,
    ] as const;
    const rows = ranges.length
      ? await this.context.queries.run(
          buildingConsumption,
          unitId,
          medium.code,
          halfStarts,
          rangeBounds(ranges),
        )
      : [];
    const byHalf = new Map(rows.map((r) => [dbNumber(r.half), r]));
    const periods: ConsumptionPeriod[] = [0, 1, 2, 3].map((index) => {
      const periodYear = index < 2 ? year - 1 : year;
      const half = (index % 2) + 1;
      const found = byHalf.get(index);
      const perBasis = (consumption: bigint, persons: bigint, areaE2: bigint) =>
        basis === 'person' ? ratioE3(consumption, persons) : ratioE3(consumption, areaE2, 100n);
      const own = found && found.ownConsumptionE3 !== null ? dbInteger(found.ownConsumptionE3) : null;
      const ownPer =
        found && own !== null ? perBasis(own, dbInteger(found.ownPersons), dbInteger(found.ownAreaE2)) : null;
      const units = found ? dbNumber(found.units) : 0;
      const average =
        found && units >= MINIMUM_UNITS_FOR_AVERAGE
          ? perBasis(dbInteger(found.consumptionE3), dbInteger(found.persons), dbInteger(found.areaE2))
          : null;
      return {
        year: periodYear,
        half: half as 1 | 2,
        from: `${periodYear}-${half === 1 ? '01-01' : '07-01'}`,
        to: `${periodYear}-${half === 1 ? '06-30' : '12-31'}`,
        consumption: own === null ? null : formatDecimal(own, 3),
        perBasis: ownPer === null ? null : formatDecimal(ownPer, 3),
        building: average === null ? null : { units, average: formatDecimal(average, 3) },
      };
    });
    return { year, medium, basis, minimumUnits: MINIMUM_UNITS_FOR_AVERAGE, periods };
  }

  /** `GET /units/:unitId/charges/history?year&month`: the 24 months ending with year/month. */
  async chargeHistory(
    personId: number,
    unitId: number,
    year: number,
    month: number,
  ): Promise<ChargeHistoryResponse> {
    const { windows } = await this.access.unitAccess(personId, unitId);
    const wanted: { year: number; month: number }[] = [];
    for (let i = CHARGE_HISTORY_MONTHS - 1; i >= 0; i--) {
      const index = year * 12 + (month - 1) - i;
      wanted.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
    }
    const visible = wanted.filter((m) => isMonthVisible(windows, m.year, m.month));
    const rows = visible.length
      ? await this.context.queries.run(
          feeComponentsOfYears,
          unitId,
          visible[0]!.year,
          visible[visible.length - 1]!.year,
        )
      : [];
    const byMonth = new Map<string, FeeComponentHistoryRow[]>();
    for (const row of rows) {
      const key = `${dbNumber(row.year)}-${pad2(dbNumber(row.month))}`;
      let list = byMonth.get(key);
      if (!list) byMonth.set(key, (list = []));
      list.push(row);
    }
    let previous: FeeComponentHistoryRow[] | null = null;
    const months: ChargeHistoryMonth[] = wanted.map(({ year: y, month: m }) => {
      const components = isMonthVisible(windows, y, m) ? byMonth.get(`${y}-${pad2(m)}`) : undefined;
      if (!components || components.length === 0) return { year: y, month: m, total: null, changes: [] };
      const changes = previous ? chargeChanges(previous, components) : [];
      previous = components;
      return {
        year: y,
        month: m,
        total: formatMoney(sumGrosze(components.map((c) => dbInteger(c.amountGr)))),
        changes,
      };
    });
    return { months };
  }

  /** `GET /units/:unitId/settlements/history?year&account`: the settlements of 10 years to `year`. */
  async settlementHistory(
    personId: number,
    unitId: number,
    year: number,
    accountId: number,
  ): Promise<SettlementHistoryResponse> {
    const { windows, account } = await this.access.unitAccessWithAccount(
      personId,
      unitId,
      accountId,
      'settlement',
    );
    if (!account || !accountVisible(account, windows)) throw accountNotFound();
    const fromYear = year - SETTLEMENT_HISTORY_YEARS + 1;
    const ranges = clipToYears(windows, fromYear, year);
    const rows = ranges.length
      ? await this.context.queries.run(settlementsInRanges, accountId, rangeBounds(ranges))
      : [];
    return {
      fromYear,
      toYear: year,
      account: { id: dbNumber(account.id), name: account.name },
      settlements: rows.map(settlementBody),
    };
  }
}

/** The windows clipped to the calendar years from…to as one list of ranges (adjacent years merged). */
function clipToYears(windows: DateWindow[], fromYear: number, toYear: number): DateRange[] {
  const ranges: DateRange[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    for (const range of clipToYear(windows, y)) {
      const last = ranges[ranges.length - 1];
      // A range running into the next year continues the previous one: one SQL range, not ten.
      if (last && last.until === range.from) {
        last.to = range.to;
        last.until = range.until;
      } else ranges.push({ ...range });
    }
  }
  return ranges;
}

/** What differs between two months' components, matched by name and basis, in the later month's order. */
export function chargeChanges(
  before: FeeComponentHistoryRow[],
  after: FeeComponentHistoryRow[],
): ChargeChange[] {
  const key = (c: FeeComponentHistoryRow) => `${c.basis}\u0000${c.name}`;
  const earlier = new Map(before.map((c) => [key(c), c]));
  const later = new Set(after.map(key));
  const changes: ChargeChange[] = [];
  const describe = (c: FeeComponentHistoryRow | undefined) =>
    c
      ? {
          rate: formatDecimal(dbInteger(c.rateE4), 4, 2),
          quantity: formatDecimal(dbInteger(c.quantityE3), 3),
          amount: formatMoney(dbInteger(c.amountGr)),
        }
      : { rate: null, quantity: null, amount: null };
  const push = (b: FeeComponentHistoryRow | undefined, a: FeeComponentHistoryRow | undefined) => {
    const x = describe(b);
    const y = describe(a);
    const c = (a ?? b)!;
    changes.push({
      name: c.name,
      basis: c.basis as FeeBasis,
      previousRate: x.rate,
      rate: y.rate,
      previousQuantity: x.quantity,
      quantity: y.quantity,
      previousAmount: x.amount,
      amount: y.amount,
    });
  };
  for (const component of after) {
    const old = earlier.get(key(component));
    if (
      !old ||
      dbInteger(old.rateE4) !== dbInteger(component.rateE4) ||
      dbInteger(old.quantityE3) !== dbInteger(component.quantityE3)
    ) {
      push(old, component);
    }
  }
  for (const component of before) if (!later.has(key(component))) push(component, undefined);
  return changes;
}
