/**
 * The deterministic demo-data generator: fills the billing tables of an embedded (SQLite)
 * database with a housing cooperative in Pabianice — buildings, units, people and their
 * assignments, monthly fee components, ledger accounts with charges, payments, interest notes and
 * corrections, opening balances, meters with half-yearly readings, and media settlements — for
 * `years` years of history up to the current month. The same options give the same database.
 *
 * Written for speed (20 000 units × 10 years: about 80 s of CPU on the 2-core development
 * machine, 18 million fee components and 6.5 million documents): rows go straight to
 * better-sqlite3 prepared statements inside one transaction on the raw connection, secondary
 * indexes are rebuilt once at the end, fee components are expanded inside SQLite, and nothing is
 * kept in memory beyond one unit's data. `STREFA_GENERATOR_TIMING=1` prints the CPU time of each
 * phase. All money is whole grosze in integers.
 *
 * The phases, each in its module: people.ts (persons), holdings.ts (buildings, units, who holds
 * them), fees.ts (rates and the fee plan), meters.ts (meters and readings), ledger.ts (accounts,
 * settlements, documents, opening balances), bulk-insert.ts (how the rows reach SQLite);
 * generation.ts holds one run's state. `onProgress` reports the phase, the units done and the
 * rows written (the `npm run generate` progress bar).
 */
import type { Knex } from 'knex';
import { bulkLoad, writeFeeComponents, type RawConnection } from './bulk-insert.ts';
import { isValidIsoDate, isoDate, todayInWarsaw } from './calendar.ts';
import { prepareFeePlan, planUnitFees } from './fees.ts';
import {
  Generation,
  historyShape,
  knownChangeMonth,
  type GenerateOptions,
  type RowCounts,
} from './generation.ts';
import { planUnit, writeReferenceData } from './holdings.ts';
import { writeLedger } from './ledger.ts';
import { writeMeters } from './meters.ts';
import { recordFreshness } from './freshness.ts';

export { KNOWN_PEOPLE, MIN_UNITS } from './known-people.ts';
export { ACCOUNT_NAMES } from './ledger.ts';
export { MEDIA, unitKindOf } from './holdings.ts';
export type { GenerateOptions } from './generation.ts';

export interface GenerateSummary extends RowCounts {
  /** First day of the generated history (1 January). */
  historyFrom: string;
  /** The last day of data ("today"). */
  historyTo: string;
  /** The day KNOWN_PEOPLE.changedHands' unit passed to its new owner, or null if history is too short. */
  ownerChangeDate: string | null;
}

/** Where a run is: reported at each phase and every few units. */
export interface GenerateProgress {
  phase: 'reference data' | 'units' | 'fee components' | 'indexes' | 'commit';
  unitsDone: number;
  units: number;
  /** Rows written so far (fee components as planned: SQLite expands them in their own phase). */
  rows: number;
}

/** Units between two progress reports (the reporter decides how often to draw). */
const PROGRESS_EVERY_UNITS = 50;

/**
 * Bumped whenever the generated data changes for the same options, so that cached databases
 * (the test templates) are made afresh.
 */
export const GENERATOR_VERSION = 6;

export const DEFAULT_OPTIONS = { units: 300, years: 6, seed: 1 } as const;

export function resolveOptions(options: GenerateOptions = {}): Required<GenerateOptions> {
  const resolved = {
    units: options.units ?? DEFAULT_OPTIONS.units,
    years: options.years ?? DEFAULT_OPTIONS.years,
    seed: options.seed ?? DEFAULT_OPTIONS.seed,
    today: options.today ?? todayInWarsaw(),
  };
  if (!Number.isInteger(resolved.units) || resolved.units < 1 || resolved.units > 1_000_000)
    throw new RangeError(`units: expected 1…1000000, got ${options.units}`);
  if (!Number.isInteger(resolved.years) || resolved.years < 1 || resolved.years > 50)
    throw new RangeError(`years: expected 1…50, got ${options.years}`);
  if (!Number.isInteger(resolved.seed))
    throw new RangeError(`seed: expected a whole number, got ${options.seed}`);
  if (!isValidIsoDate(resolved.today))
    throw new RangeError(`today: expected YYYY-MM-DD, got ${options.today}`);
  return resolved;
}

/** The day KNOWN_PEOPLE.changedHands' unit passed to its new owner (the 1st of a month), or null. */
export function ownerChangeDate(options: GenerateOptions = {}): string | null {
  const resolved = resolveOptions(options);
  const shape = historyShape(resolved);
  const month = knownChangeMonth(shape.monthCount);
  if (month === null) return null;
  return isoDate(shape.firstYear + Math.floor(month / 12), (month % 12) + 1, 1);
}

export async function generateDemoData(
  knex: Knex,
  options: GenerateOptions = {},
  onProgress: (progress: GenerateProgress) => void = () => {},
): Promise<GenerateSummary> {
  const client = knex.client.config.client;
  if (client !== 'better-sqlite3' && client !== 'sqlite3')
    throw new Error('The demo-data generator writes only to the embedded SQLite database.');
  const resolved = resolveOptions(options);
  const conn = (await knex.client.acquireConnection()) as RawConnection;
  try {
    let g: Generation | undefined;
    const timing = phaseTiming();
    return bulkLoad(
      conn,
      () => {
        g = new Generation(conn, resolved);
        return generateOn(g, (phase) => {
          timing(phase);
          onProgress(progressOf(g!, phase));
        });
      },
      (phase) => {
        timing(phase);
        if (g) onProgress(progressOf(g, phase as GenerateProgress['phase']));
      },
    );
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

function progressOf(g: Generation, phase: GenerateProgress['phase']): GenerateProgress {
  return { phase, unitsDone: g.count.units, units: g.options.units, rows: g.rowsWritten() };
}

/** CPU time of each phase on stderr when STREFA_GENERATOR_TIMING is set (for tuning). */
function phaseTiming(): (next: string) => void {
  let current: string | null = null;
  let start = process.cpuUsage();
  return (next) => {
    if (next === current) return;
    const used = process.cpuUsage(start);
    if (current && process.env.STREFA_GENERATOR_TIMING)
      console.error(`generator: ${current} ${Math.round((used.user + used.system) / 1000)} ms CPU`);
    current = next;
    start = process.cpuUsage();
  };
}

/** The phases in order; `phase` is told each one as it begins. */
function generateOn(g: Generation, phase: (name: GenerateProgress['phase']) => void): GenerateSummary {
  phase('reference data');
  const feePlan = prepareFeePlan(g);
  writeReferenceData(g);
  const knownChangeIndex = knownChangeMonth(g.monthCount);
  phase('units');
  for (let unitId = 1; unitId <= g.options.units; unitId++) {
    const random = g.rng.fork();
    const unit = planUnit(g, unitId, random, knownChangeIndex);
    const fees = planUnitFees(g, feePlan, unit);
    const readingLog = writeMeters(g, unit, random);
    writeLedger(g, unit, fees, readingLog, random);
    if (unitId % PROGRESS_EVERY_UNITS === 0) phase('units');
  }
  g.flush();
  phase('fee components');
  writeFeeComponents(g.conn);
  recordFreshness(g.conn, g.today);
  return {
    ...g.count,
    historyFrom: g.historyFrom,
    historyTo: g.today,
    ownerChangeDate: g.knownChange,
  };
}
