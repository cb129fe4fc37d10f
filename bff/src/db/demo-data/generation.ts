/**
 * One run of the demo-data generator: the options and the shape of history, the statements and
 * batches rows are written through, the running ids, counts and document numbers. The phases
 * (people.ts, holdings.ts, fees.ts, meters.ts, ledger.ts) take it and add their rows.
 */
import { billingColumns } from '../billing-schema.ts';
import { billing, type BillingTable } from '../tables.ts';
import { BatchInsert, type RawConnection, type Statement } from './bulk-insert.ts';
import { dayNumber, isoDate, lastDayOfMonth, pad } from './calendar.ts';
import { Random } from './random.ts';
import type { TariffKey } from './tariffs.ts';

export interface GenerateOptions {
  /** Number of units (lokale); default 300. */
  units?: number;
  /** Years of history, ending with the current year; default 6. */
  years?: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** The last day of data, YYYY-MM-DD; defaults to today in Europe/Warsaw. */
  today?: string;
}

/** The rows written so far, per table. */
export interface RowCounts {
  persons: number;
  buildings: number;
  units: number;
  assignments: number;
  feeComponents: number;
  accounts: number;
  openingBalances: number;
  documents: number;
  meters: number;
  readings: number;
  settlements: number;
}

/** The months of history: January of the first year up to today's month. */
export function historyShape(options: Required<GenerateOptions>) {
  const currentYear = Number(options.today.slice(0, 4));
  const currentMonth = Number(options.today.slice(5, 7));
  const firstYear = currentYear - options.years + 1;
  const monthCount = (currentYear - firstYear) * 12 + currentMonth;
  return { firstYear, currentYear, currentMonth, monthCount };
}

/** The month index of the change of owner of KNOWN_PEOPLE.changedHands' unit, or null. */
export function knownChangeMonth(monthCount: number): number | null {
  return monthCount >= 2 ? Math.max(1, Math.floor(monthCount / 2)) : null;
}

export interface BuildingInfo {
  id: number;
  tall: boolean;
  radio: boolean;
  flats: number;
  garages: number;
  parking: number;
  storage: number;
  commercial: number;
}

export class Generation {
  readonly today: string;
  readonly firstYear: number;
  readonly currentYear: number;
  readonly monthCount: number;
  /** 1 January of the first year of history. */
  readonly historyFrom: string;
  readonly historyFromDay: number;
  /** The year in which tariffs change in the middle (July), for realistic rate histories. */
  readonly midYearChange: number;
  readonly rng: Random;

  readonly sql: Record<'person' | 'building' | 'unit' | 'assignment' | 'account' | 'medium', Statement>;
  readonly documents: BatchInsert;
  readonly readings: BatchInsert;
  readonly settlements: BatchInsert;
  readonly openingBalances: BatchInsert;
  readonly meters: BatchInsert;

  readonly count: RowCounts = {
    persons: 0,
    buildings: 0,
    units: 0,
    assignments: 0,
    feeComponents: 0,
    accounts: 0,
    openingBalances: 0,
    documents: 0,
    meters: 0,
    readings: 0,
    settlements: 0,
  };

  /** The next id of each table the generator numbers itself. */
  readonly next = { person: 1, assignment: 1, account: 1, document: 1, meter: 1, reading: 1, settlement: 1 };

  /** Every tariff's rate (×10⁴) in every month of history. */
  readonly rateTable = new Map<TariffKey, Int32Array>();
  readonly buildings: BuildingInfo[] = [];
  /** Members who hold a flat for all of history: candidates for a garage or a storage room. */
  readonly stableHolders: number[] = [];
  /** The day KNOWN_PEOPLE.changedHands' unit passed to its new owner, once generated. */
  knownChange: string | null = null;

  /** Per-prefix, per-period running numbers of documents ("NAL/2026/11/00123"). */
  private readonly sequences = new Map<string, number>();

  constructor(
    readonly conn: RawConnection,
    readonly options: Required<GenerateOptions>,
  ) {
    const shape = historyShape(options);
    this.today = options.today;
    this.firstYear = shape.firstYear;
    this.currentYear = shape.currentYear;
    this.monthCount = shape.monthCount;
    this.historyFrom = isoDate(shape.firstYear, 1, 1);
    this.historyFromDay = dayNumber(this.historyFrom);
    this.midYearChange = shape.firstYear + Math.floor(options.years / 2);
    this.rng = new Random(options.seed);

    const insert = (table: BillingTable) => {
      const columns = billingColumns(table);
      return conn.prepare(
        `INSERT INTO ${billing(table)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
    };
    const batched = (table: BillingTable) => new BatchInsert(conn, billing(table), billingColumns(table));
    this.documents = batched('documents');
    this.readings = batched('readings');
    this.settlements = batched('settlements');
    this.openingBalances = batched('opening_balances');
    this.meters = batched('meters');
    this.sql = {
      person: insert('persons'),
      building: insert('buildings'),
      unit: insert('units'),
      assignment: insert('assignments'),
      account: insert('accounts'),
      medium: insert('media'),
    };
  }

  /** Every row written so far (fee components counted as planned: they are written at the end). */
  rowsWritten(): number {
    return Object.values(this.count).reduce((sum, n) => sum + n, 0);
  }

  /** Writes the rows still held in the batches. */
  flush(): void {
    for (const rows of [this.documents, this.readings, this.settlements, this.openingBalances, this.meters])
      rows.flush();
  }

  monthYear(mi: number): number {
    return this.firstYear + Math.floor(mi / 12);
  }

  monthOf(mi: number): number {
    return (mi % 12) + 1;
  }

  monthStart(mi: number): string {
    return isoDate(this.monthYear(mi), this.monthOf(mi), 1);
  }

  monthEnd(mi: number): string {
    return lastDayOfMonth(this.monthYear(mi), this.monthOf(mi));
  }

  /** Index of the month that contains `date` (may be < 0 or ≥ monthCount). */
  monthIndexOf(date: string): number {
    return (Number(date.slice(0, 4)) - this.firstYear) * 12 + Number(date.slice(5, 7)) - 1;
  }

  /** The next number of a series: `KEY/00001`. */
  nextNumber(key: string, width = 5): string {
    const n = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, n);
    return `${key}/${pad(n, width)}`;
  }

  /** The next number of a monthly series: `PREFIX/YYYY/MM/00001`. */
  monthlyNumber(prefix: string, date: string): string {
    return this.nextNumber(`${prefix}/${date.slice(0, 4)}/${date.slice(5, 7)}`);
  }
}
