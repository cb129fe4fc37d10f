/**
 * The holdings phase of the demo-data generator: the buildings, each unit (kind, area, number,
 * legal title), who holds it and when (members, couples, tenants, a change of owner), how many
 * live there month by month, and the unit and assignment rows.
 */
import { unitBankAccount } from './bank-account.ts';
import { addDays, dayNumber, fromDayNumber } from './calendar.ts';
import type { BuildingInfo, Generation } from './generation.ts';
import { KNOWN_PEOPLE, MIN_UNITS } from './known-people.ts';
import { ESTATES } from './names.ts';
import { couple, createPerson, single, type Holder } from './people.ts';
import type { Random } from './random.ts';

export type UnitKind = 'flat' | 'garage' | 'parking_space' | 'storage' | 'commercial';

/** Layout of every block of 20 units (see known-people.ts). */
export function unitKindOf(unitId: number): UnitKind {
  const position = (unitId - 1) % 20;
  if (position < 15) return 'flat';
  if (position < 17) return 'garage';
  if (position === 17) return 'parking_space';
  if (position === 18) return 'storage';
  return 'commercial';
}

export const MEDIA = [
  { code: 'ZW', name: 'Zimna woda', unit: 'm³', position: 1 },
  { code: 'CW', name: 'Ciepła woda', unit: 'm³', position: 2 },
  { code: 'CO', name: 'Ciepło (podzielniki)', unit: 'jedn.', position: 3 },
] as const;

export interface Holding {
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

/** A unit as the later phases need it. */
export interface UnitPlan {
  unitId: number;
  kind: UnitKind;
  building: BuildingInfo;
  rooms: number;
  areaE2: number;
  /** Whether this is one of the first 20 units, whose people the tests and the demo know by name. */
  known: boolean;
  holdings: Holding[];
  /** The holding of a month of history (the latest for months after it). */
  holdingAt(mi: number): Holding;
  /** The number of persons living there in a month of a holding. */
  occupantsAt(holding: Holding, mi: number): number;
}

/** The media dictionary and the buildings, before any unit. */
export function writeReferenceData(g: Generation): void {
  for (const medium of MEDIA) g.sql.medium.run(medium.code, medium.name, medium.unit, medium.position);
  const buildingCount = Math.max(1, Math.round(g.options.units / 25));
  const streets = ESTATES.flatMap((estate) =>
    estate.streets.map((street) => ({ estate: estate.name, street })),
  );
  const buildingRandom = g.rng.fork();
  for (let b = 1; b <= buildingCount; b++) {
    const place = streets[(b - 1) % streets.length]!;
    const onStreet = Math.floor((b - 1) / streets.length);
    const tall = b === 1 || buildingRandom.chance(0.3);
    const houseNumber = String(3 + 2 * onStreet + buildingRandom.int(0, 1));
    const floors = tall ? buildingRandom.int(10, 11) : buildingRandom.int(4, 5);
    g.sql.building.run(
      b,
      place.estate,
      place.street,
      houseNumber,
      '95-200',
      'Pabianice',
      floors,
      tall ? 1 : 0,
    );
    g.count.buildings++;
    // Radio meters were fitted in some buildings: their readings are remote.
    g.buildings.push({
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
}

/** Decides a unit and its holdings, and writes its unit and assignment rows. */
export function planUnit(
  g: Generation,
  unitId: number,
  random: Random,
  knownChangeIndex: number | null,
): UnitPlan {
  const { options, monthCount } = g;
  const buildingCount = g.buildings.length;
  const known = options.units >= MIN_UNITS && unitId <= 20;
  const building =
    g.buildings[Math.min(buildingCount - 1, Math.floor(((unitId - 1) * buildingCount) / options.units))]!;
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
    fromDayNumber(random.int(dayNumber('1978-01-01'), g.historyFromDay - 30)).slice(0, 8) + '01';
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
    const fromMonth = Math.max(0, g.monthIndexOf(from) + (from.endsWith('-01') ? 0 : 1));
    const toMonth = to === null ? monthCount : Math.min(monthCount, g.monthIndexOf(to) + 1);
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

  const holdings: Holding[] = [];
  if (known && unitId === KNOWN_PEOPLE.demoResident.flatUnitId) {
    const d = KNOWN_PEOPLE.demoResident;
    createPerson(g, random, {
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
    createPerson(g, random, { firstName: 'Andrzej', lastName: 'Kamiński', female: false });
    createPerson(g, random, { firstName: 'Ewa', lastName: 'Kamińska', female: true, member: false });
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
    createPerson(g, random, { firstName: 'Stanisław', lastName: 'Zieliński', female: false });
    createPerson(g, random, { firstName: 'Katarzyna', lastName: 'Dąbrowska', female: true });
    if (knownChangeIndex === null) {
      holdings.push(
        makeHolding(single(KNOWN_PEOPLE.changedHands.previousOwnerPersonId), '1989-04-01', null, 2),
      );
    } else {
      const change = g.monthStart(knownChangeIndex);
      g.knownChange = change;
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
      createPerson(g, random, { firstName: 'Tomasz', lastName: 'Lewandowski', female: false });
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
        ? couple(g, random)
        : single(createPerson(g, random, { member: role === 'member' }).id, role);
    const first = holdersOf();
    // A few more flats change hands somewhere in history (sale, inheritance).
    if (!known && monthCount >= 2 && random.chance(0.02)) {
      const change = g.monthStart(random.int(1, monthCount - 1));
      const second = holdersOf();
      holdings.push(
        makeHolding(first, randomSince(), addDays(change, -1), occupantsFor()),
        makeHolding(second, change, null, occupantsFor()),
      );
    } else {
      holdings.push(makeHolding(first, randomSince(), null, occupantsFor()));
      if (role === 'member') g.stableHolders.push(first[0]!.personId);
    }
  } else if (kind === 'commercial') {
    holdings.push(
      makeHolding(single(createPerson(g, random, { member: false }).id, 'tenant'), randomSince(), null, 0),
    );
  } else {
    // Garages, parking spaces and storage rooms: mostly held by people with a flat nearby.
    const reuse = g.stableHolders.length > 0 && random.chance(kind === 'garage' ? 0.6 : 0.8);
    const personId = reuse ? random.pick(g.stableHolders) : createPerson(g, random).id;
    holdings.push(makeHolding(single(personId), randomSince(), null, 0));
  }

  // In some flats the number of persons changes once while the same holder stays; the fees
  // based on persons (water advances, waste, lift) follow from that month.
  for (const holding of holdings) {
    if (known || kind !== 'flat' || holding.toMonth - holding.fromMonth < 2 || !random.chance(0.12)) continue;
    const change = random.int(holding.fromMonth + 1, holding.toMonth - 1);
    const earlier =
      holding.occupants > 1 && random.chance(0.5) ? holding.occupants - 1 : holding.occupants + 1;
    holding.occupancy = [
      { fromMonth: holding.fromMonth, toMonth: change, occupants: earlier },
      { fromMonth: change, toMonth: holding.toMonth, occupants: holding.occupants },
    ];
  }

  const current = holdings[holdings.length - 1]!;
  g.sql.unit.run(
    unitId,
    building.id,
    kind,
    number,
    areaE2,
    current.occupants,
    legalTitle,
    unitBankAccount(unitId),
  );
  g.count.units++;
  for (const holding of holdings) {
    for (const holder of holding.holders) {
      g.sql.assignment.run(
        g.next.assignment++,
        holder.personId,
        unitId,
        holder.role,
        holder.share,
        holding.from,
        holding.to,
      );
      g.count.assignments++;
    }
  }
  return {
    unitId,
    kind,
    building,
    rooms,
    areaE2,
    known,
    holdings,
    holdingAt: (mi) => holdings.find((h) => mi >= h.fromMonth && mi < h.toMonth) ?? current,
    occupantsAt: (holding, mi) =>
      (holding.occupancy.find((o) => mi < o.toMonth) ?? holding.occupancy[holding.occupancy.length - 1]!)
        .occupants,
  };
}
