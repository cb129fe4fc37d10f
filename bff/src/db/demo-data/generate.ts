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
 */
import type { Knex } from 'knex';
import { billing, BILLING_TABLES } from '../tables.ts';
import { unitBankAccount } from './bank-account.ts';
import {
  addDays,
  addYears,
  dayNumber,
  fromDayNumber,
  isValidIsoDate,
  isoDate,
  lastDayOfMonth,
  pad,
  todayInWarsaw,
} from './calendar.ts';
import { KNOWN_PEOPLE, MIN_UNITS } from './known-people.ts';
import {
  ESTATES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  ROOMS,
  SURNAMES,
  asciiLower,
  feminineSurname,
} from './names.ts';
import { FEE_LINES, lineQuantity, type FeeSet } from './fee-lines.ts';
import { Random } from './random.ts';
import { recordFreshness } from './freshness.ts';
import {
  amountGrosze,
  divideRounded,
  heatUnitPrice,
  lateInterestRate,
  rate,
  type TariffKey,
} from './tariffs.ts';

export { KNOWN_PEOPLE, MIN_UNITS } from './known-people.ts';

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

export interface GenerateSummary {
  units: number;
  persons: number;
  documents: number;
  readings: number;
  buildings: number;
  assignments: number;
  feeComponents: number;
  accounts: number;
  openingBalances: number;
  meters: number;
  settlements: number;
  /** First day of the generated history (1 January). */
  historyFrom: string;
  /** The last day of data ("today"). */
  historyTo: string;
  /** The day KNOWN_PEOPLE.changedHands' unit passed to its new owner, or null if history is too short. */
  ownerChangeDate: string | null;
}

/**
 * Bumped whenever the generated data changes for the same options, so that cached databases
 * (the test templates) are made afresh.
 */
export const GENERATOR_VERSION = 5;

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

/** The months of history: January of the first year up to today's month. */
function historyShape(options: Required<GenerateOptions>) {
  const currentYear = Number(options.today.slice(0, 4));
  const currentMonth = Number(options.today.slice(5, 7));
  const firstYear = currentYear - options.years + 1;
  const monthCount = (currentYear - firstYear) * 12 + currentMonth;
  return { firstYear, currentYear, currentMonth, monthCount };
}

/** The month index of the change of owner of KNOWN_PEOPLE.changedHands' unit, or null. */
function knownChangeMonth(monthCount: number): number | null {
  return monthCount >= 2 ? Math.max(1, Math.floor(monthCount / 2)) : null;
}

/** The day KNOWN_PEOPLE.changedHands' unit passed to its new owner (the 1st of a month), or null. */
export function ownerChangeDate(options: GenerateOptions = {}): string | null {
  const resolved = resolveOptions(options);
  const shape = historyShape(resolved);
  const month = knownChangeMonth(shape.monthCount);
  if (month === null) return null;
  return isoDate(shape.firstYear + Math.floor(month / 12), (month % 12) + 1, 1);
}

export const MEDIA = [
  { code: 'ZW', name: 'Zimna woda', unit: 'm³', position: 1 },
  { code: 'CW', name: 'Ciepła woda', unit: 'm³', position: 2 },
  { code: 'CO', name: 'Ciepło (podzielniki)', unit: 'jedn.', position: 3 },
] as const;

export const ACCOUNT_NAMES = {
  EKS: 'Opłaty eksploatacyjne',
  MED: 'Media – rozliczenia',
  ODS: 'Odsetki',
  WOD: 'Rozliczenie wody',
  CO: 'Rozliczenie centralnego ogrzewania',
} as const;

type UnitKind = 'flat' | 'garage' | 'parking_space' | 'storage' | 'commercial';

/** Layout of every block of 20 units (see known-people.ts). */
export function unitKindOf(unitId: number): UnitKind {
  const position = (unitId - 1) % 20;
  if (position < 15) return 'flat';
  if (position < 17) return 'garage';
  if (position === 17) return 'parking_space';
  if (position === 18) return 'storage';
  return 'commercial';
}

/** Polish mobile number prefixes (the first two digits). */
const MOBILE_PREFIXES = ['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'];

/** Share of the seasonal heat demand per month (January … December); sums to 5.45. */
const HEAT_WEIGHT = [1.0, 0.9, 0.75, 0.45, 0.1, 0, 0, 0, 0.1, 0.45, 0.75, 0.95];
const HEAT_WEIGHT_SUM = 5.45;

interface Holder {
  personId: number;
  role: 'member' | 'co_owner' | 'tenant';
  share: string;
}

interface Holding {
  holders: Holder[];
  from: string;
  to: string | null;
  /** Month indexes [fromMonth, toMonth) of history that this holding is charged for. */
  fromMonth: number;
  toMonth: number;
  /** Persons living there: the current number, for the unit row. */
  occupants: number;
  /** The number of persons by month ranges [fromMonth, toMonth) of the holding (a child is born, a parent moves in). */
  occupancy: { fromMonth: number; toMonth: number; occupants: number }[];
  /** Personal consumption habits: factors on the typical use. */
  coldFactor: number;
  hotFactor: number;
  heatFactor: number;
  payer: 'punctual' | 'standing' | 'sloppy';
}

interface LedgerAccount {
  id: number;
  code: 'EKS' | 'MED' | 'ODS';
  balance: number;
  openedOn: string;
  closedOn: string | null;
  initial: number;
  /** year → [debit, credit] */
  turnover: Map<number, [number, number]>;
}

interface MeterState {
  id: number;
  mediumCode: 'ZW' | 'CW' | 'CO';
  number: string;
  location: string;
  installedOn: string;
  legalisedUntil: string | null;
  removedOn: string | null;
}

interface SettlementResult {
  medium: 'ZW' | 'CW' | 'CO';
  date: string;
  number: string;
  periodFrom: string;
  periodTo: string;
  balance: number;
}

interface Statement {
  run(...params: unknown[]): unknown;
}
interface RawConnection {
  prepare(sql: string): Statement & { all(...params: unknown[]): unknown[] };
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  inTransaction: boolean;
}

export async function generateDemoData(knex: Knex, options: GenerateOptions = {}): Promise<GenerateSummary> {
  const client = knex.client.config.client;
  if (client !== 'better-sqlite3' && client !== 'sqlite3')
    throw new Error('The demo-data generator writes only to the embedded SQLite database.');
  const resolved = resolveOptions(options);
  const conn = (await knex.client.acquireConnection()) as RawConnection;
  try {
    return bulkLoad(conn, () => generateOn(conn, resolved));
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

let phaseStart = process.cpuUsage();
/** CPU time of the phases on stderr when STREFA_GENERATOR_TIMING is set (for tuning). */
function phase(name: string): void {
  const used = process.cpuUsage(phaseStart);
  if (process.env.STREFA_GENERATOR_TIMING)
    console.error(`generator: ${name} ${Math.round((used.user + used.system) / 1000)} ms CPU`);
  phaseStart = process.cpuUsage();
}

/** The billing tables' own indexes (not the primary keys), which are cheaper to build once at the end. */
function billingIndexes(conn: RawConnection): { name: string; sql: string }[] {
  const names = BILLING_TABLES.map((t) => billing(t));
  return conn
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...names) as { name: string; sql: string }[];
}

/**
 * Runs `fill` in one transaction tuned for a bulk load into empty tables: a rollback journal
 * instead of WAL (new pages of a fresh file need no journal, where WAL would write everything
 * twice), foreign keys not checked per row, and the secondary indexes
 * dropped and rebuilt. Everything is restored afterwards, also on failure. (The foundation
 * tests run `PRAGMA foreign_key_check` over generated data; checking here would cost seconds.)
 */
function bulkLoad<T>(conn: RawConnection, fill: () => T): T {
  const journal = String(conn.pragma('journal_mode', { simple: true }));
  const foreignKeys = Number(conn.pragma('foreign_keys', { simple: true }));
  const cacheSize = Number(conn.pragma('cache_size', { simple: true }));
  let switched = false;
  if (journal.toLowerCase() === 'wal') {
    try {
      switched = String(conn.pragma('journal_mode = DELETE', { simple: true })).toLowerCase() === 'delete';
    } catch {
      // Another connection holds the file open: stay in WAL, which is only slower.
    }
  }
  conn.pragma('foreign_keys = OFF');
  conn.pragma('cache_size = -262144'); // 256 MiB while loading
  // fee_components is filled in its index order (unit, year, month) by one INSERT … SELECT, which
  // appends to that index more cheaply than a rebuild would sort it: its indexes stay.
  const indexes = billingIndexes(conn).filter((index) => !index.name.includes('fee_components'));
  phaseStart = process.cpuUsage();
  try {
    conn.exec('BEGIN');
    try {
      for (const index of indexes) conn.exec(`DROP INDEX "${index.name}"`);
      const result = fill();
      phase('rows');
      for (const index of indexes) conn.exec(index.sql);
      phase('indexes');
      conn.exec('COMMIT');
      phase('commit');
      return result;
    } catch (error) {
      if (conn.inTransaction) conn.exec('ROLLBACK');
      throw error;
    }
  } finally {
    conn.pragma(`cache_size = ${cacheSize}`);
    conn.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    if (switched) conn.pragma('journal_mode = WAL');
  }
}

function generateOn(conn: RawConnection, options: Required<GenerateOptions>): GenerateSummary {
  const { firstYear, currentYear, monthCount } = historyShape(options);
  const today = options.today;
  const historyFrom = isoDate(firstYear, 1, 1);
  const historyFromDay = dayNumber(historyFrom);
  const midYearChange = firstYear + Math.floor(options.years / 2);
  const rng = new Random(options.seed);

  const monthYear = (mi: number) => firstYear + Math.floor(mi / 12);
  const monthOf = (mi: number) => (mi % 12) + 1;
  const monthStart = (mi: number) => isoDate(monthYear(mi), monthOf(mi), 1);
  const monthEnd = (mi: number) => lastDayOfMonth(monthYear(mi), monthOf(mi));
  /** Index of the month that contains `date` (may be < 0 or ≥ monthCount). */
  const monthIndexOf = (date: string) =>
    (Number(date.slice(0, 4)) - firstYear) * 12 + Number(date.slice(5, 7)) - 1;

  // --- statements ------------------------------------------------------------------------
  const insert = (table: Parameters<typeof billing>[0], columns: string[]) =>
    conn.prepare(
      `INSERT INTO ${billing(table)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
  const batched = (table: Parameters<typeof billing>[0], columns: string[]) =>
    new BatchInsert(conn, billing(table), columns);
  const documents = batched('documents', [
    'id',
    'account_id',
    'date',
    'number',
    'kind',
    'description',
    'debit_gr',
    'credit_gr',
  ]);
  const readingRows = batched('readings', [
    'id',
    'meter_id',
    'date',
    'document_number',
    'kind',
    'value_e3',
    'consumption_e3',
  ]);
  const settlementRows = batched('settlements', [
    'id',
    'account_id',
    'document_number',
    'date',
    'period_from',
    'period_to',
    'name',
    'consumption_e3',
    'consumption_unit',
    'unit_price_e4',
    'cost_gr',
    'advances_gr',
    'balance_gr',
    'due_date',
  ]);
  const openingRows = batched('opening_balances', ['account_id', 'year', 'amount_gr']);
  const meterRows = batched('meters', [
    'id',
    'unit_id',
    'medium_code',
    'number',
    'location',
    'installed_on',
    'legalised_until',
    'removed_on',
  ]);
  const sql = {
    person: insert('persons', [
      'id',
      'first_name',
      'last_name',
      'member_number',
      'email',
      'phone',
      'correspondence_address',
    ]),
    building: insert('buildings', [
      'id',
      'estate',
      'street',
      'number',
      'postal_code',
      'city',
      'floors',
      'has_lift',
    ]),
    unit: insert('units', [
      'id',
      'building_id',
      'kind',
      'number',
      'area_e2',
      'persons',
      'legal_title',
      'bank_account',
    ]),
    assignment: insert('assignments', [
      'id',
      'person_id',
      'unit_id',
      'role',
      'share',
      'date_from',
      'date_to',
    ]),
    account: insert('accounts', ['id', 'unit_id', 'purpose', 'code', 'name', 'opened_on', 'closed_on']),
    medium: insert('media', ['code', 'name', 'unit', 'position']),
  };

  const count = {
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

  /** Per-prefix, per-period running numbers of documents ("NAL/2026/11/00123"). */
  const sequences = new Map<string, number>();
  const nextNumber = (key: string, width = 5) => {
    const n = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, n);
    return `${key}/${pad(n, width)}`;
  };
  const monthlyNumber = (prefix: string, date: string) =>
    nextNumber(`${prefix}/${date.slice(0, 4)}/${date.slice(5, 7)}`);

  // --- fee components: rates per month, and the plan that one INSERT … SELECT expands ------------
  const rateTable = new Map<TariffKey, Int32Array>();
  for (const lines of Object.values(FEE_LINES)) {
    for (const line of lines) {
      if (rateTable.has(line.tariff)) continue;
      const rates = new Int32Array(monthCount);
      for (let mi = 0; mi < monthCount; mi++)
        rates[mi] = rate(line.tariff, monthYear(mi), monthOf(mi), midYearChange);
      rateTable.set(line.tariff, rates);
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
  // Every line of every kind of unit in every month, with that month's rate: the segments below
  // pick their range of it.
  const lineRow = conn.prepare('INSERT INTO temp.gen_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const [feeSet, lines] of Object.entries(FEE_LINES)) {
    for (let mi = 0; mi < monthCount; mi++) {
      lines.forEach((line, i) =>
        lineRow.run(
          feeSet,
          mi,
          i + 1,
          monthYear(mi),
          monthOf(mi),
          line.name,
          line.basis,
          line.quantity,
          line.factorE3,
          rateTable.get(line.tariff)![mi],
        ),
      );
    }
  }
  const segments = conn.prepare(
    'INSERT INTO temp.gen_segments (unit_id, fee_set, area_e2, occupants, from_mi, to_mi) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // --- people ------------------------------------------------------------------------------
  let nextPersonId = 1;
  const createPerson = (
    random: Random,
    fixed?: Partial<{
      firstName: string;
      lastName: string;
      female: boolean;
      member: boolean;
      memberNumber: string;
      email: string | null;
      phone: string | null;
    }>,
  ): { id: number; lastName: string; female: boolean } => {
    const id = nextPersonId++;
    const female = fixed?.female ?? random.chance(0.55);
    const surname = random.pick(SURNAMES);
    const lastName = fixed?.lastName ?? (female ? feminineSurname(surname) : surname);
    const firstName = fixed?.firstName ?? random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const member = fixed?.member ?? true;
    const memberNumber = fixed?.memberNumber ?? (member ? pad(1000 + id * 7, 6) : null);
    const email =
      fixed?.email !== undefined
        ? fixed.email
        : random.chance(0.55)
          ? `${asciiLower(firstName)}.${asciiLower(lastName)}${random.int(1, 99)}@${random.pick(['example.com', 'example.net', 'example.org'])}`
          : null;
    const phone =
      fixed?.phone !== undefined
        ? fixed.phone
        : random.chance(0.75)
          ? `+48 ${random.pick(MOBILE_PREFIXES)}${random.digits(1)} ${random.digits(3)} ${random.digits(3)}`
          : null;
    const correspondence = random.chance(0.06)
      ? random.chance(0.5)
        ? `ul. Piotrkowska ${random.int(1, 280)}/${random.int(1, 40)}, 90-${random.digits(3)} Łódź`
        : `ul. ${random.pick(ESTATES[0]!.streets)} ${random.int(1, 60)}/${random.int(1, 60)}, 95-200 Pabianice`
      : null;
    sql.person.run(id, firstName, lastName, memberNumber, email, phone, correspondence);
    count.persons++;
    return { id, lastName, female };
  };

  // --- reference data ----------------------------------------------------------------------
  for (const medium of MEDIA) sql.medium.run(medium.code, medium.name, medium.unit, medium.position);

  const buildingCount = Math.max(1, Math.round(options.units / 25));
  const streets = ESTATES.flatMap((estate) =>
    estate.streets.map((street) => ({ estate: estate.name, street })),
  );
  interface BuildingInfo {
    id: number;
    tall: boolean;
    radio: boolean;
    flats: number;
    garages: number;
    parking: number;
    storage: number;
    commercial: number;
  }
  const buildings: BuildingInfo[] = [];
  const buildingRandom = rng.fork();
  for (let b = 1; b <= buildingCount; b++) {
    const place = streets[(b - 1) % streets.length]!;
    const onStreet = Math.floor((b - 1) / streets.length);
    const tall = b === 1 || buildingRandom.chance(0.3);
    const houseNumber = String(3 + 2 * onStreet + buildingRandom.int(0, 1));
    const floors = tall ? buildingRandom.int(10, 11) : buildingRandom.int(4, 5);
    sql.building.run(b, place.estate, place.street, houseNumber, '95-200', 'Pabianice', floors, tall ? 1 : 0);
    count.buildings++;
    // Radio meters were fitted in some buildings: their readings are remote.
    buildings.push({
      id: b,
      tall,
      radio: b % 3 === 0,
      flats: 0,
      garages: 0,
      parking: 0,
      storage: 0,
      commercial: 0,
    });
  }

  /** Members who hold a flat for all of history: candidates for a garage or a storage room. */
  const stableHolders: number[] = [];
  let nextAssignmentId = 1;
  let nextAccountId = 1;
  let nextDocumentId = 1;
  let nextMeterId = 1;
  let nextReadingId = 1;
  let nextSettlementId = 1;
  let knownChange: string | null = null;

  const knownChangeIndex = knownChangeMonth(monthCount);

  for (let unitId = 1; unitId <= options.units; unitId++) {
    const random = rng.fork();
    const known = options.units >= MIN_UNITS && unitId <= 20;
    const building =
      buildings[Math.min(buildingCount - 1, Math.floor(((unitId - 1) * buildingCount) / options.units))]!;
    const kind = unitKindOf(unitId);

    // --- the unit -------------------------------------------------------------------------
    let areaE2: number;
    let rooms = 0;
    let number: string;
    let legalTitle: string;
    switch (kind) {
      case 'flat': {
        rooms = random.pick([1, 2, 2, 2, 3, 3, 3, 4]);
        const [min, max] = [
          [0, 0],
          [2500, 3600],
          [3600, 5000],
          [4800, 6400],
          [6000, 7500],
        ][rooms]!;
        areaE2 = random.int(min! / 10, max! / 10) * 10;
        building.flats++;
        number = String(building.flats);
        const t = random.next();
        legalTitle =
          t < 0.5 ? 'ownership_coop' : t < 0.83 ? 'separate_ownership' : t < 0.96 ? 'tenancy_coop' : 'lease';
        break;
      }
      case 'garage':
        areaE2 = random.int(150, 200) * 10;
        building.garages++;
        number = `G${building.garages}`;
        legalTitle = random.chance(0.6) ? 'ownership_coop' : 'separate_ownership';
        break;
      case 'parking_space':
        areaE2 = 1250;
        building.parking++;
        number = `P${building.parking}`;
        legalTitle = 'ownership_coop';
        break;
      case 'storage':
        areaE2 = random.int(20, 60) * 10;
        building.storage++;
        number = `K${building.storage}`;
        legalTitle = 'ownership_coop';
        break;
      case 'commercial':
        areaE2 = random.int(400, 1600) * 10;
        building.commercial++;
        number = `U${building.commercial}`;
        legalTitle = 'lease';
        break;
    }
    if (known && unitId === KNOWN_PEOPLE.demoResident.flatUnitId) {
      rooms = 2;
      areaE2 = 4860;
      legalTitle = 'ownership_coop';
    }
    if (known && kind === 'flat' && unitId <= 5)
      legalTitle = unitId === 2 ? 'separate_ownership' : 'ownership_coop';

    // --- who holds it, and when --------------------------------------------------------------
    const randomSince = () =>
      fromDayNumber(random.int(dayNumber('1978-01-01'), historyFromDay - 30)).slice(0, 8) + '01';
    const occupantsFor = () =>
      kind !== 'flat'
        ? 0
        : random.int(
            ...([
              [1, 1],
              [1, 2],
              [1, 3],
              [2, 4],
              [2, 5],
            ][rooms] as [number, number]),
          );
    const makeHolding = (holders: Holder[], from: string, to: string | null, occupants: number): Holding => {
      const fromMonth = Math.max(0, monthIndexOf(from) + (from.endsWith('-01') ? 0 : 1));
      const toMonth = to === null ? monthCount : Math.min(monthCount, monthIndexOf(to) + 1);
      const t = random.next();
      return {
        holders,
        from,
        to,
        fromMonth,
        toMonth,
        occupants,
        occupancy: [{ fromMonth, toMonth, occupants }],
        coldFactor: random.between(0.7, 1.3),
        hotFactor: random.between(0.7, 1.3),
        heatFactor: random.between(0.75, 1.25),
        payer: t < 0.55 ? 'punctual' : t < 0.8 ? 'standing' : 'sloppy',
      };
    };
    const single = (personId: number, role: Holder['role'] = 'member'): Holder[] => [
      { personId, role, share: '1/1' },
    ];
    const couple = (random: Random): Holder[] => {
      const first = createPerson(random);
      const spouse = random.chance(0.8);
      const second = spouse
        ? createPerson(random, {
            female: !first.female,
            lastName: first.female ? masculineOf(first.lastName) : feminineSurname(first.lastName),
            member: false,
          })
        : createPerson(random, { member: false });
      return [
        { personId: first.id, role: 'member', share: '1/2' },
        { personId: second.id, role: 'co_owner', share: '1/2' },
      ];
    };

    const holdings: Holding[] = [];
    if (known && unitId === KNOWN_PEOPLE.demoResident.flatUnitId) {
      const d = KNOWN_PEOPLE.demoResident;
      createPerson(random, {
        firstName: d.firstName,
        lastName: d.lastName,
        female: true,
        memberNumber: d.memberNumber,
        email: d.email,
        phone: d.phone,
      });
      holdings.push(makeHolding(single(d.personId), d.since, null, 2));
      holdings[0]!.payer = 'punctual';
    } else if (known && unitId === KNOWN_PEOPLE.demoResident.garageUnitId) {
      holdings.push(makeHolding(single(KNOWN_PEOPLE.demoResident.personId), '2001-05-01', null, 0));
    } else if (known && unitId === KNOWN_PEOPLE.coOwners.unitId) {
      createPerson(random, { firstName: 'Andrzej', lastName: 'Kamiński', female: false });
      createPerson(random, { firstName: 'Ewa', lastName: 'Kamińska', female: true, member: false });
      holdings.push(
        makeHolding(
          [
            { personId: KNOWN_PEOPLE.coOwners.memberPersonId, role: 'member', share: '1/2' },
            { personId: KNOWN_PEOPLE.coOwners.coOwnerPersonId, role: 'co_owner', share: '1/2' },
          ],
          '2003-09-01',
          null,
          occupantsFor(),
        ),
      );
    } else if (known && unitId === KNOWN_PEOPLE.changedHands.unitId) {
      createPerson(random, { firstName: 'Stanisław', lastName: 'Zieliński', female: false });
      createPerson(random, { firstName: 'Katarzyna', lastName: 'Dąbrowska', female: true });
      if (knownChangeIndex === null) {
        holdings.push(
          makeHolding(single(KNOWN_PEOPLE.changedHands.previousOwnerPersonId), '1989-04-01', null, 2),
        );
      } else {
        const change = monthStart(knownChangeIndex);
        knownChange = change;
        holdings.push(
          makeHolding(
            single(KNOWN_PEOPLE.changedHands.previousOwnerPersonId),
            '1989-04-01',
            addDays(change, -1),
            2,
          ),
          makeHolding(single(KNOWN_PEOPLE.changedHands.newOwnerPersonId), change, null, 3),
        );
      }
    } else if (known && (KNOWN_PEOPLE.twoUnits.unitIds as readonly number[]).includes(unitId)) {
      if (unitId === KNOWN_PEOPLE.twoUnits.unitIds[0]) {
        createPerson(random, { firstName: 'Tomasz', lastName: 'Lewandowski', female: false });
      }
      holdings.push(
        makeHolding(
          single(KNOWN_PEOPLE.twoUnits.personId),
          unitId === 4 ? '1998-02-01' : '2012-10-01',
          null,
          occupantsFor(),
        ),
      );
    } else if (kind === 'flat') {
      const role: Holder['role'] = legalTitle === 'lease' ? 'tenant' : 'member';
      const holdersOf = () =>
        role === 'member' && random.chance(0.18)
          ? couple(random)
          : single(createPerson(random, { member: role === 'member' }).id, role);
      const first = holdersOf();
      // A few more flats change hands somewhere in history (sale, inheritance).
      if (!known && monthCount >= 2 && random.chance(0.02)) {
        const change = monthStart(random.int(1, monthCount - 1));
        const second = holdersOf();
        holdings.push(
          makeHolding(first, randomSince(), addDays(change, -1), occupantsFor()),
          makeHolding(second, change, null, occupantsFor()),
        );
      } else {
        holdings.push(makeHolding(first, randomSince(), null, occupantsFor()));
        if (role === 'member') stableHolders.push(first[0]!.personId);
      }
    } else if (kind === 'commercial') {
      holdings.push(
        makeHolding(single(createPerson(random, { member: false }).id, 'tenant'), randomSince(), null, 0),
      );
    } else {
      // Garages, parking spaces and storage rooms: mostly held by people with a flat nearby.
      const reuse = stableHolders.length > 0 && random.chance(kind === 'garage' ? 0.6 : 0.8);
      const personId = reuse ? random.pick(stableHolders) : createPerson(random).id;
      holdings.push(makeHolding(single(personId), randomSince(), null, 0));
    }

    // In some flats the number of persons changes once while the same holder stays; the fees
    // based on persons (water advances, waste, lift) follow from that month.
    for (const holding of holdings) {
      if (known || kind !== 'flat' || holding.toMonth - holding.fromMonth < 2 || !random.chance(0.12))
        continue;
      const change = random.int(holding.fromMonth + 1, holding.toMonth - 1);
      const earlier =
        holding.occupants > 1 && random.chance(0.5) ? holding.occupants - 1 : holding.occupants + 1;
      holding.occupancy = [
        { fromMonth: holding.fromMonth, toMonth: change, occupants: earlier },
        { fromMonth: change, toMonth: holding.toMonth, occupants: holding.occupants },
      ];
    }
    const occupantsAt = (holding: Holding, mi: number) =>
      (holding.occupancy.find((o) => mi < o.toMonth) ?? holding.occupancy[holding.occupancy.length - 1]!)
        .occupants;

    const current = holdings[holdings.length - 1]!;
    sql.unit.run(
      unitId,
      building.id,
      kind,
      number,
      areaE2,
      current.occupants,
      legalTitle,
      unitBankAccount(unitId),
    );
    count.units++;
    for (const holding of holdings) {
      for (const holder of holding.holders) {
        sql.assignment.run(
          nextAssignmentId++,
          holder.personId,
          unitId,
          holder.role,
          holder.share,
          holding.from,
          holding.to,
        );
        count.assignments++;
      }
    }
    const holdingAt = (mi: number) => holdings.find((h) => mi >= h.fromMonth && mi < h.toMonth) ?? current;

    // --- fee components, every month of history -------------------------------------------------
    // The rows themselves are written in one INSERT … SELECT at the end (see writeFeeComponents);
    // here only the monthly totals and advances that the ledger and the settlements need.
    const feeSet: FeeSet = kind === 'flat' ? (building.tall ? 'flat_lift' : 'flat') : kind;
    const feeLines = FEE_LINES[feeSet];
    const total = new Array<number>(monthCount).fill(0);
    const coldAdvance = new Array<number>(monthCount).fill(0);
    const hotAdvance = new Array<number>(monthCount).fill(0);
    const heatAdvance = new Array<number>(monthCount).fill(0);
    for (const part of holdings.flatMap((holding) => holding.occupancy)) {
      if (part.fromMonth >= part.toMonth) continue;
      segments.run(unitId, feeSet, areaE2, part.occupants, part.fromMonth, part.toMonth);
      for (const line of feeLines) {
        const quantity = lineQuantity(line, areaE2, part.occupants);
        const rates = rateTable.get(line.tariff)!;
        for (let mi = part.fromMonth; mi < part.toMonth; mi++) {
          const amount = amountGrosze(quantity, rates[mi]!);
          total[mi] = total[mi]! + amount;
          if (line.tariff === 'coldWaterAdvance') coldAdvance[mi] = amount;
          else if (line.tariff === 'hotWaterAdvance') hotAdvance[mi] = amount;
          else if (line.tariff === 'heatingAdvance') heatAdvance[mi] = amount;
        }
        count.feeComponents += part.toMonth - part.fromMonth;
      }
    }

    // --- meters and readings (flats) -------------------------------------------------------
    /** Per medium, the readings' [day, consumption_e3], for the settlements. */
    const readingLog: Record<'ZW' | 'CW' | 'CO', [number, number][]> = { ZW: [], CW: [], CO: [] };
    if (kind === 'flat') {
      interface Slot {
        medium: 'ZW' | 'CW' | 'CO';
        location: string;
        share: number;
      }
      const slots: Slot[] = [
        { medium: 'ZW', location: 'kuchnia', share: 0.4 },
        { medium: 'ZW', location: 'łazienka', share: 0.6 },
        { medium: 'CW', location: 'kuchnia', share: 0.35 },
        { medium: 'CW', location: 'łazienka', share: 0.65 },
      ];
      const heatShares = [...ROOMS.slice(0, rooms).map(() => 1), 0.6];
      const heatTotal = heatShares.reduce((a, b) => a + b, 0);
      ROOMS.slice(0, rooms).forEach((room) =>
        slots.push({ medium: 'CO', location: room, share: 1 / heatTotal }),
      );
      slots.push({ medium: 'CO', location: 'kuchnia', share: 0.6 / heatTotal });

      // Reading rounds: end of June and end of December, plus a reading at every change of owner.
      const events: { date: string; monthsUpTo: number; label: string; change: boolean }[] = [];
      for (let year = firstYear; year <= currentYear; year++) {
        for (const [month, label] of [
          [6, 'I'],
          [12, 'II'],
        ] as const) {
          const date = lastDayOfMonth(year, month);
          if (date <= today)
            events.push({
              date,
              monthsUpTo: monthIndexOf(date) + 1,
              label: `${year}/${label}`,
              change: false,
            });
        }
      }
      for (const holding of holdings.slice(1)) {
        const date = addDays(holding.from, -1);
        const existing = events.find((e) => e.date === date);
        if (existing) existing.change = true;
        else
          events.push({
            date,
            monthsUpTo: monthIndexOf(date) + 1,
            label: `${date.slice(0, 4)}/Z`,
            change: true,
          });
      }
      events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

      const meterNumber = (medium: string, installed: string) =>
        medium === 'CO' ? random.digits(8) : `${installed.slice(2, 4)}${random.digits(6)}`;
      const meters: MeterState[] = [];
      const readings: [number, number, string, string, string, number, number][] = [];
      for (const slot of slots) {
        const water = slot.medium !== 'CO';
        const installedOn = water
          ? fromDayNumber(historyFromDay - random.int(30, 1640))
          : fromDayNumber(historyFromDay - random.int(200, 3000));
        let meter: MeterState = {
          id: nextMeterId++,
          mediumCode: slot.medium,
          number: meterNumber(slot.medium, installedOn),
          location: slot.location,
          installedOn,
          legalisedUntil: water ? addDays(addYears(installedOn, 5), -1) : null,
          removedOn: null,
        };
        meters.push(meter);
        let trueValue = water ? random.int(20_000, 900_000) : random.int(0, 4_000) * 1000;
        let recorded = trueValue;
        let monthsDone = 0;
        for (const event of events) {
          for (let mi = monthsDone; mi < event.monthsUpTo; mi++) {
            const holding = holdingAt(mi);
            const noise = random.between(0.85, 1.15);
            let use: number;
            if (slot.medium === 'ZW')
              use = Math.round(occupantsAt(holding, mi) * 3000 * holding.coldFactor * slot.share * noise);
            else if (slot.medium === 'CW')
              use = Math.round(occupantsAt(holding, mi) * 1200 * holding.hotFactor * slot.share * noise);
            else {
              const year = monthYear(mi);
              const yearlyUnits =
                ((areaE2 / 100) * (rate('heatingAdvance', year, 1, midYearChange) / 10_000) * 12) /
                (heatUnitPrice(year) / 10_000);
              use =
                Math.round(
                  ((yearlyUnits * holding.heatFactor * HEAT_WEIGHT[monthOf(mi) - 1]!) / HEAT_WEIGHT_SUM) *
                    slot.share *
                    noise,
                ) * 1000;
            }
            trueValue += use;
          }
          monthsDone = event.monthsUpTo;
          const replace =
            water &&
            !event.change &&
            meter.legalisedUntil !== null &&
            meter.legalisedUntil <= addDays(event.date, 183);
          let kind: string = building.radio ? 'remote' : 'actual';
          let value = trueValue;
          if (!building.radio && !event.change && !replace && random.chance(0.04)) {
            // No access to the flat: the value is estimated from earlier use, corrected at the next actual reading.
            kind = 'estimated';
            const step = trueValue - recorded;
            value =
              recorded +
              (water
                ? Math.floor(step * random.between(0.7, 1))
                : Math.floor((step / 1000) * random.between(0.7, 1)) * 1000);
          }
          if (replace) kind = 'actual';
          const documentNumber = `ODC/${event.label}/${pad(unitId, 6)}`;
          readings.push([
            nextReadingId++,
            meter.id,
            event.date,
            documentNumber,
            kind,
            value,
            value - recorded,
          ]);
          readingLog[slot.medium].push([dayNumber(event.date), value - recorded]);
          recorded = value;
          if (replace) {
            // Legalisation runs out: the fitter reads the old meter for the last time and fits a new one.
            meter.removedOn = event.date;
            const installed = addDays(event.date, 1);
            meter = {
              id: nextMeterId++,
              mediumCode: slot.medium,
              number: meterNumber(slot.medium, installed),
              location: slot.location,
              installedOn: installed,
              legalisedUntil: addDays(addYears(installed, 5), -1),
              removedOn: null,
            };
            meters.push(meter);
            trueValue = 0;
            recorded = 0;
          }
        }
      }
      for (const m of meters) {
        meterRows.add(
          m.id,
          unitId,
          m.mediumCode,
          m.number,
          m.location,
          m.installedOn,
          m.legalisedUntil,
          m.removedOn,
        );
      }
      for (const r of readings) readingRows.add(...r);
      count.meters += meters.length;
      count.readings += readings.length;
    }

    // --- accounts, settlements and documents, per holding -------------------------------------------
    for (const holding of holdings) {
      const closedOn = holding.to;
      const limit = closedOn !== null && closedOn < today ? closedOn : today;
      const limitDay = dayNumber(limit);
      const openedBeforeHistory = holding.from < historyFrom;

      const openLedger = (code: LedgerAccount['code'], initial: number): LedgerAccount => {
        const id = nextAccountId++;
        sql.account.run(id, unitId, 'ledger', code, ACCOUNT_NAMES[code], holding.from, closedOn);
        count.accounts++;
        return { id, code, balance: initial, openedOn: holding.from, closedOn, initial, turnover: new Map() };
      };
      const post = (
        account: LedgerAccount,
        date: string,
        number: string,
        kind: 'charge' | 'payment' | 'interest' | 'correction' | 'settlement',
        description: string,
        debit: number,
        credit: number,
      ) => {
        documents.add(nextDocumentId++, account.id, date, number, kind, description, debit, credit);
        count.documents++;
        account.balance += debit - credit;
        const year = Number(date.slice(0, 4));
        const t = account.turnover.get(year);
        if (t) {
          t[0] += debit;
          t[1] += credit;
        } else account.turnover.set(year, [debit, credit]);
      };

      const firstCharge = total[holding.fromMonth] ?? 0;
      let ekInitial = 0;
      if (openedBeforeHistory) {
        const t = random.next();
        if (t < 0.2) ekInitial = random.int(100, Math.max(100, firstCharge));
        else if (t < 0.35) ekInitial = -random.int(1_000, 15_000);
      }
      const eks = openLedger('EKS', ekInitial);
      const med = kind === 'flat' ? openLedger('MED', 0) : null;
      const ods = kind === 'flat' || kind === 'commercial' ? openLedger('ODS', 0) : null;

      // Media settlements (flats): water per half-year, heating per year, on this holding's accounts.
      const settlements: SettlementResult[] = [];
      if (kind === 'flat') {
        const accountIds: Record<'WOD' | 'CO', number> = { WOD: 0, CO: 0 };
        for (const code of ['WOD', 'CO'] as const) {
          accountIds[code] = nextAccountId++;
          sql.account.run(
            accountIds[code],
            unitId,
            'settlement',
            code,
            ACCOUNT_NAMES[code],
            holding.from,
            closedOn,
          );
          count.accounts++;
        }
        // The readings of all meters of a medium, summed per reading date.
        const usePerDay = {
          ZW: new Map<number, number>(),
          CW: new Map<number, number>(),
          CO: new Map<number, number>(),
        };
        for (const medium of ['ZW', 'CW', 'CO'] as const) {
          for (const [day, use] of readingLog[medium])
            usePerDay[medium].set(day, (usePerDay[medium].get(day) ?? 0) + use);
        }
        const periods: { medium: 'ZW' | 'CW' | 'CO'; from: string; to: string; regular: string }[] = [];
        for (let year = firstYear; year <= currentYear; year++) {
          for (const [from, to] of [
            [isoDate(year, 1, 1), isoDate(year, 6, 30)],
            [isoDate(year, 7, 1), isoDate(year, 12, 31)],
          ] as const) {
            const regular = addDays(to, 45);
            periods.push({ medium: 'ZW', from, to, regular }, { medium: 'CW', from, to, regular });
          }
          periods.push({
            medium: 'CO',
            from: isoDate(year, 1, 1),
            to: isoDate(year, 12, 31),
            regular: addDays(isoDate(year, 12, 31), 105),
          });
        }
        for (const period of periods) {
          const from = period.from > holding.from ? period.from : holding.from;
          const to = closedOn !== null && closedOn < period.to ? closedOn : period.to;
          if (from > to || to > today) continue;
          let date = to === closedOn ? closedOn : period.regular;
          if (closedOn !== null && date > closedOn) date = closedOn;
          if (date > today) continue;
          const fromDay = dayNumber(from);
          const toDay = dayNumber(to);
          let consumption = 0;
          for (const [day, use] of usePerDay[period.medium])
            if (day >= fromDay && day <= toDay) consumption += use;
          const advancesOf =
            period.medium === 'ZW' ? coldAdvance : period.medium === 'CW' ? hotAdvance : heatAdvance;
          let advances = 0;
          for (let mi = monthIndexOf(from); mi <= monthIndexOf(to); mi++) advances += advancesOf[mi] ?? 0;
          const year = Number(to.slice(0, 4));
          const unitPrice =
            period.medium === 'ZW'
              ? rate('coldWaterAdvance', year, Number(to.slice(5, 7)), midYearChange)
              : period.medium === 'CW'
                ? rate('hotWaterAdvance', year, Number(to.slice(5, 7)), midYearChange)
                : heatUnitPrice(year);
          const cost = amountGrosze(consumption, unitPrice);
          const balance = cost - advances;
          const prefix = period.medium === 'ZW' ? 'RZW' : period.medium === 'CW' ? 'RCW' : 'RCO';
          const documentNumber = nextNumber(`${prefix}/${date.slice(0, 4)}`, 6);
          const name =
            period.medium === 'ZW'
              ? 'Zimna woda i odprowadzanie ścieków'
              : period.medium === 'CW'
                ? 'Podgrzanie wody'
                : 'Centralne ogrzewanie';
          settlementRows.add(
            nextSettlementId++,
            period.medium === 'CO' ? accountIds.CO : accountIds.WOD,
            documentNumber,
            date,
            from,
            to,
            name,
            consumption,
            period.medium === 'CO' ? 'jedn.' : 'm³',
            unitPrice,
            cost,
            advances,
            balance,
            balance > 0 ? addDays(date, 30) : null,
          );
          count.settlements++;
          settlements.push({
            medium: period.medium,
            date,
            number: documentNumber,
            periodFrom: from,
            periodTo: to,
            balance,
          });
        }
        settlements.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      }

      // The MED ledger: each settlement's result, then its payment, refund or transfer.
      const transfers: { day: number; amount: number }[] = [];
      if (med) {
        const human = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
        for (const s of settlements) {
          if (s.balance === 0) continue;
          const what =
            s.medium === 'ZW'
              ? 'zimnej wody i ścieków'
              : s.medium === 'CW'
                ? 'podgrzania wody'
                : 'centralnego ogrzewania';
          const period = `${human(s.periodFrom)}–${human(s.periodTo)}`;
          if (s.balance > 0) {
            post(
              med,
              s.date,
              s.number,
              'settlement',
              `Rozliczenie ${what} za okres ${period} – niedopłata`,
              s.balance,
              0,
            );
            const t = random.next();
            // Mostly before the due date, some late, a few only after a reminder months later.
            const day =
              dayNumber(s.date) +
              (t < 0.85 ? random.int(5, 28) : t < 0.95 ? random.int(31, 75) : random.int(90, 200));
            if (day <= limitDay) {
              const date = fromDayNumber(day);
              post(
                med,
                date,
                monthlyNumber('WB', date),
                'payment',
                `Wpłata – niedopłata z rozliczenia ${s.number}`,
                0,
                s.balance,
              );
            }
          } else {
            const refund = -s.balance;
            post(
              med,
              s.date,
              s.number,
              'settlement',
              `Rozliczenie ${what} za okres ${period} – nadpłata`,
              0,
              refund,
            );
            if (random.chance(0.55)) {
              const day = dayNumber(s.date) + random.int(10, 21);
              if (day <= limitDay) {
                const date = fromDayNumber(day);
                post(
                  med,
                  date,
                  monthlyNumber('PRZ', date),
                  'payment',
                  `Zwrot nadpłaty z rozliczenia ${s.number} na rachunek bankowy`,
                  refund,
                  0,
                );
              }
            } else {
              const day = dayNumber(s.date) + random.int(3, 10);
              if (day <= limitDay) {
                const date = fromDayNumber(day);
                post(
                  med,
                  date,
                  monthlyNumber('PK', date),
                  'correction',
                  `Przeksięgowanie nadpłaty z rozliczenia ${s.number} na opłaty eksploatacyjne`,
                  refund,
                  0,
                );
                transfers.push({ day, amount: refund });
              }
            }
          }
        }
      }

      // The EKS ledger: the monthly charge, and the holder's payments (open charges paid oldest first).
      const open: { due: number; amount: number }[] = [];
      let credit = 0;
      let pendingInterest = 0;
      const charge = (amount: number, dueDay: number) => {
        const used = Math.min(credit, amount);
        credit -= used;
        if (amount - used > 0) open.push({ due: dueDay, amount: amount - used });
      };
      const settle = (amount: number, day: number, withInterest: boolean) => {
        let rest = amount;
        while (rest > 0 && open.length > 0) {
          const item = open[0]!;
          const part = Math.min(rest, item.amount);
          if (withInterest && day > item.due) {
            const rateBp = lateInterestRate(Number(fromDayNumber(day).slice(0, 4)));
            pendingInterest += divideRounded(part * rateBp * (day - item.due), 365 * 10_000);
          }
          item.amount -= part;
          rest -= part;
          if (item.amount === 0) open.shift();
        }
        credit += rest;
      };
      const due = () => open.reduce((sum, item) => sum + item.amount, 0) - credit;
      if (ekInitial > 0) open.push({ due: historyFromDay - 17, amount: ekInitial });
      else credit = -ekInitial;

      const applyTransfers = (untilDay: number) => {
        while (transfers.length > 0 && transfers[0]!.day <= untilDay) {
          const transfer = transfers.shift()!;
          const date = fromDayNumber(transfer.day);
          post(
            eks,
            date,
            monthlyNumber('PK', date),
            'correction',
            'Przeksięgowanie nadpłaty z rozliczenia mediów',
            0,
            transfer.amount,
          );
          settle(transfer.amount, transfer.day, false);
        }
      };
      transfers.sort((a, b) => a.day - b.day);
      let standingOrder = 0;
      for (let mi = holding.fromMonth; mi < holding.toMonth; mi++) {
        const year = monthYear(mi);
        const month = monthOf(mi);
        const first = monthStart(mi);
        const firstDay = dayNumber(first);
        const mm = pad(month, 2);
        post(
          eks,
          first,
          monthlyNumber('NAL', first),
          'charge',
          `Naliczenie opłat za ${mm}/${year}`,
          total[mi]!,
          0,
        );
        charge(total[mi]!, firstDay + 14);

        if (random.chance(0.012)) {
          const day = firstDay + random.int(19, 27);
          if (day <= limitDay) {
            const date = fromDayNumber(day);
            const amount = random.int(500, 6_000);
            const reason = random.pick([
              'zmiana liczby osób',
              'korekta powierzchni',
              'korekta stawki',
              'reklamacja',
            ]);
            const debit = random.chance(0.5);
            post(
              eks,
              date,
              monthlyNumber('KOR', date),
              'correction',
              `Korekta naliczenia za ${mm}/${year} – ${reason}`,
              debit ? amount : 0,
              debit ? 0 : amount,
            );
            if (debit) charge(amount, day + 14);
            else settle(amount, day, false);
          }
        }

        // When and how much the holder pays this month.
        let payDay: number | null = null;
        let amount = 0;
        const t = random.next();
        if (holding.payer === 'standing') {
          if (month === 1 || mi === holding.fromMonth) standingOrder = Math.ceil(total[mi]! / 1000) * 1000;
          if (t < 0.98) {
            payDay = firstDay + 9;
            amount = month === 1 ? Math.max(0, due()) : standingOrder;
          }
        } else {
          // The rest of the probability (3 % / 15 %): the month is missed and paid with the next one.
          const [onTime, over, late] = holding.payer === 'punctual' ? [0.85, 0.07, 0.05] : [0.45, 0.1, 0.3];
          if (t < onTime) payDay = firstDay + random.int(2, 14);
          else if (t < onTime + over) payDay = firstDay + random.int(2, 14);
          else if (t < onTime + over + late) payDay = firstDay + random.int(15, 27);
          const owed = due();
          if (payDay !== null) {
            amount = owed;
            if (t >= onTime && t < onTime + over)
              amount = Math.ceil((owed + random.int(1, 10_000)) / 5_000) * 5_000;
            if (holding.payer === 'sloppy' && random.chance(0.05)) amount = Math.floor(owed / 2);
          }
        }
        applyTransfers(payDay ?? firstDay + 27);
        if (payDay !== null && payDay <= limitDay && amount > 0) {
          const date = fromDayNumber(payDay);
          post(eks, date, monthlyNumber('WB', date), 'payment', 'Wpłata – opłaty eksploatacyjne', 0, amount);
          settle(amount, payDay, ods !== null);
          // Interest is often paid together with the fee, once a note has been issued.
          if (ods && ods.balance > 0 && random.chance(0.5)) {
            post(ods, date, monthlyNumber('WB', date), 'payment', 'Wpłata – odsetki', 0, ods.balance);
          }
        }
        // Interest notes at the end of the month, once the interest has reached 1 zł.
        if (ods && pendingInterest >= 100) {
          const end = monthEnd(mi);
          const noteDate = closedOn !== null && closedOn < end ? closedOn : end;
          if (noteDate <= today) {
            post(
              ods,
              noteDate,
              monthlyNumber('NO', noteDate),
              'interest',
              `Nota odsetkowa – odsetki za zwłokę w zapłacie opłat (${mm}/${year})`,
              pendingInterest,
              0,
            );
            pendingInterest = 0;
          }
        }
      }
      applyTransfers(limitDay);

      // A holder who sells settles every account to zero on the last day: final payment or refund.
      if (closedOn !== null) {
        if (ods && pendingInterest > 0) {
          post(
            ods,
            closedOn,
            monthlyNumber('NO', closedOn),
            'interest',
            'Nota odsetkowa – rozliczenie końcowe',
            pendingInterest,
            0,
          );
          pendingInterest = 0;
        }
        for (const account of [eks, med, ods]) {
          if (!account || account.balance === 0) continue;
          if (account.balance > 0)
            post(
              account,
              closedOn,
              monthlyNumber('WB', closedOn),
              'payment',
              'Wpłata – rozliczenie końcowe przy zbyciu lokalu',
              0,
              account.balance,
            );
          else
            post(
              account,
              closedOn,
              monthlyNumber('PRZ', closedOn),
              'payment',
              'Zwrot nadpłaty – rozliczenie końcowe przy zbyciu lokalu',
              -account.balance,
              0,
            );
        }
      }

      // Opening balances: one per ledger account and year it is open; BO(y+1) = BO(y) + Wn − Ma.
      const openYear = Number(holding.from.slice(0, 4));
      const lastYear = closedOn === null ? currentYear : Number(closedOn.slice(0, 4));
      for (const account of [eks, med, ods]) {
        if (!account) continue;
        let bo = openedBeforeHistory ? account.initial : 0;
        for (let year = Math.max(firstYear, openYear); year <= lastYear; year++) {
          openingRows.add(account.id, year, bo);
          count.openingBalances++;
          const t = account.turnover.get(year);
          if (t) bo += t[0] - t[1];
        }
      }
    }
  }
  for (const rows of [documents, readingRows, settlementRows, openingRows, meterRows]) rows.flush();
  phase('units, documents, readings');
  writeFeeComponents(conn);
  phase('fee components');
  recordFreshness(conn, today);
  return {
    ...count,
    historyFrom,
    historyTo: today,
    ownerChangeDate: knownChange,
  };
}

/**
 * Expands the fee plan (units × holdings × months × the lines of the unit's kind) into
 * fee_components inside SQLite: tens of millions of rows for the largest sizes, which would cost
 * far more bound one by one. CROSS JOIN fixes the loop order (segment, month, line), so ids are
 * assigned in unit/month/position order. The amount is round-half-up of quantity × rate in
 * integers, exactly as `amountGrosze` computes the totals posted to the ledger.
 */
function writeFeeComponents(conn: RawConnection): void {
  const quantity = `CASE l.quantity WHEN 'area' THEN s.area_e2 * 10 WHEN 'occupants' THEN s.occupants * l.factor_e3 ELSE l.factor_e3 END`;
  if (process.env.STREFA_GENERATOR_TIMING) {
    const plan = conn
      .prepare(
        `EXPLAIN QUERY PLAN SELECT s.unit_id FROM temp.gen_segments s CROSS JOIN temp.gen_lines l
         WHERE l.fee_set = s.fee_set AND l.mi >= s.from_mi AND l.mi < s.to_mi ORDER BY s.seq, l.mi, l.position`,
      )
      .all();
    console.error(JSON.stringify(plan));
  }
  conn.exec(`
    INSERT INTO ${billing('fee_components')} (unit_id, year, month, position, name, basis, quantity_e3, rate_e4, amount_gr)
    SELECT s.unit_id, l.year, l.month, l.position, l.name, l.basis, ${quantity}, l.rate_e4,
           (${quantity} * l.rate_e4 + 50000) / 100000
    FROM temp.gen_segments s
    CROSS JOIN temp.gen_lines l
    WHERE l.fee_set = s.fee_set AND l.mi >= s.from_mi AND l.mi < s.to_mi
    ORDER BY s.seq, l.mi, l.position;
    DROP TABLE temp.gen_lines;
    DROP TABLE temp.gen_segments;
  `);
}

/**
 * Inserts rows `size` at a time with one multi-row statement: fewer statement executions than
 * row-by-row, which is most of the cost of a bulk load through better-sqlite3.
 */
class BatchInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly buffer: unknown[] = [];
  private readonly width: number;

  constructor(
    conn: RawConnection,
    table: string,
    columns: string[],
    private readonly size = 64,
  ) {
    this.width = columns.length;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.many = conn.prepare(head + Array.from({ length: size }, () => row).join(', '));
    this.one = conn.prepare(head + row);
  }

  add(...values: unknown[]): void {
    for (const value of values) this.buffer.push(value);
    if (this.buffer.length === this.size * this.width) {
      this.many.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  flush(): void {
    for (let i = 0; i < this.buffer.length; i += this.width)
      this.one.run(this.buffer.slice(i, i + this.width));
    this.buffer.length = 0;
  }
}

/** The masculine form of a surname (for a husband of a woman generated first). */
function masculineOf(surname: string): string {
  if (surname.endsWith('ska') || surname.endsWith('cka') || surname.endsWith('dzka'))
    return surname.slice(0, -1) + 'i';
  return surname;
}
