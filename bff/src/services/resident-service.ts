/**
 * The resident's own data (Dane osobowe) and the filters of a unit's tabs. `me()` lists every
 * assignment of the person in every unit of the cooperative, past ones too; `filters()` answers
 * what the person may choose on a unit: the years with visible data, the latest month with fee
 * components (the widgets' default), the media of the unit's meters and the visible accounts.
 */
import type {
  AccountRef,
  Address,
  Assignment,
  AssignmentRole,
  FiltersResponse,
  LegalTitle,
  MeResponse,
  Medium,
  UnitKind,
} from '@strefa/api-types';
import type { Knex } from 'knex';
import { fixedSelect } from '../db/select-rows.ts';
import { billing } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { formatDecimal } from '../lib/money.ts';
import { toIsoDate } from '../models/base-model.ts';
import {
  accessUnion,
  accountLookup,
  clipToYear,
  dbNumber,
  isoDateOrNull,
  lookupSelect,
  monthKeyRanges,
  overlapsWindows,
  whereAssigned,
  whereInWindows,
  windowBounds,
  type AccessService,
  type LookupRow,
  type WindowBounds,
} from './access-service.ts';
import type { ServiceContext } from './index.ts';

/** How the number of a unit reads in an address line, by kind. */
const NUMBER_PREFIX: Record<string, string> = {
  flat: 'm.',
  commercial: 'lok.',
  garage: 'garaż',
  parking_space: 'miejsce postojowe',
  storage: 'komórka',
};

/** Street names that already carry their kind (al., pl., os.) are not prefixed with "ul.". */
function streetLine(street: string): string {
  return /^(ul|al|pl|os|rondo|skwer)\.?\s/i.test(street) ? street : `ul. ${street}`;
}

export function formatAddress(building: {
  street: string;
  number: string;
  postalCode: string;
  city: string;
  unitKind: string;
  unitNumber: string | null;
}): Address {
  const unitPart = building.unitNumber
    ? ` ${NUMBER_PREFIX[building.unitKind] ?? 'lok.'} ${building.unitNumber}`
    : '';
  return {
    street: building.street,
    building: building.number,
    number: building.unitNumber,
    postalCode: building.postalCode,
    city: building.city,
    text: `${streetLine(building.street)} ${building.number}${unitPart}, ${building.postalCode} ${building.city}`,
  };
}

interface AssignmentRow {
  id: number;
  role: string;
  share: string;
  dateFrom: unknown;
  dateTo: unknown;
  unitId: number;
  kind: string;
  unitNumber: string | null;
  areaE2: number;
  persons: number;
  legalTitle: string;
  bankAccount: string;
  estate: string;
  street: string;
  buildingNumber: string;
  postalCode: string;
  city: string;
}

/** The person's own data (`GET /me`), compiled once. */
const personById = fixedSelect<
  [personId: number],
  {
    firstName: string;
    lastName: string;
    memberNumber: string | null;
    email: string | null;
    phone: string | null;
    correspondenceAddress: string | null;
  }
>((knex, personId) =>
  knex(billing('persons'))
    .select('firstName', 'lastName', 'memberNumber', 'email', 'phone', 'correspondenceAddress')
    .where({ id: personId })
    .limit(1),
);

/** Every assignment of the person with its unit and building (`GET /me`), compiled once. */
const assignmentsOfPerson = fixedSelect<[personId: number], AssignmentRow>((knex, personId) => {
  const a = billing('assignments');
  const u = billing('units');
  const b = billing('buildings');
  return knex(a)
    .join(u, `${u}.id`, `${a}.unitId`)
    .join(b, `${b}.id`, `${u}.buildingId`)
    .select(
      `${a}.id as id`,
      `${a}.role as role`,
      `${a}.share as share`,
      `${a}.dateFrom as dateFrom`,
      `${a}.dateTo as dateTo`,
      `${u}.id as unitId`,
      `${u}.kind as kind`,
      `${u}.number as unitNumber`,
      `${u}.areaE2 as areaE2`,
      `${u}.persons as persons`,
      `${u}.legalTitle as legalTitle`,
      `${u}.bankAccount as bankAccount`,
      `${b}.estate as estate`,
      `${b}.street as street`,
      `${b}.number as buildingNumber`,
      `${b}.postalCode as postalCode`,
      `${b}.city as city`,
    )
    .where(`${a}.personId`, personId)
    .orderBy([
      { column: `${a}.dateFrom`, order: 'asc' },
      { column: `${u}.id`, order: 'asc' },
      { column: `${a}.id`, order: 'asc' },
    ]);
});

/**
 * The access check with the unit's accounts and its meters' media (each medium once, without
 * DISTINCT: the media whose code is among the unit's meters'), compiled once.
 */
const accessWithUnitLookups = fixedSelect<[personId: number, unitId: number], LookupRow>(
  (knex, personId, unitId) => {
    const a = billing('accounts');
    const m = billing('media');
    const t = billing('meters');
    const accounts = accountLookup(knex, personId, unitId, { code: `${a}.code`, label: `${a}.purpose` });
    const mediumLookup = knex(m)
      .select(
        lookupSelect(knex, 'med', {
          position: `${m}.position`,
          name: `${m}.name`,
          code: `${m}.code`,
          label: `${m}.unit`,
        }),
      )
      .whereIn(
        `${m}.code`,
        whereAssigned(
          knex,
          knex(t).select(`${t}.mediumCode`).where(`${t}.unitId`, unitId),
          personId,
          `${t}.unitId`,
        ),
      );
    return accessUnion(knex, personId, unitId, [accounts, mediumLookup]);
  },
);

/**
 * One statement of typed rows, compiled once per shape of the windows: `fee` rows are (year,
 * latest month) of the fee months whose first day falls in a window; `doc`/`rdg`/`stl` rows are
 * the first and last visible date. Branches are not parenthesised (SQLite would refuse); every
 * column has one SQL type.
 */
const datedSpans = fixedSelect<
  [unitId: number, windows: WindowBounds[], keyRanges: { from: number; to: number | null }[]],
  { kind: string; year: unknown; month: unknown; first: unknown; last: unknown }
>((knex, unitId, windows, keyRanges) => {
  const a = billing('accounts');
  const t = billing('meters');
  const typedNull = (type: 'integer' | 'date', alias: string) =>
    knex.raw(`cast(null as ${type}) as ??`, [alias]);
  const span = (kind: string, table: string, owner: string, ownerTable: string) =>
    whereInWindows(
      knex,
      knex(table).select(
        knex.raw(`'${kind}' as ??`, ['kind']),
        typedNull('integer', 'year'),
        typedNull('integer', 'month'),
        knex.raw('min(??) as ??', ['date', 'first']),
        knex.raw('max(??) as ??', ['date', 'last']),
      ),
      'date',
      windows,
    ).whereIn(owner, knex(ownerTable).select('id').where({ unitId }));
  const branches: Knex.QueryBuilder[] = [
    span('doc', billing('documents'), 'accountId', a),
    span('rdg', billing('readings'), 'meterId', t),
    span('stl', billing('settlements'), 'accountId', a),
  ];
  if (keyRanges.length) {
    // Last, never leftmost: knex writes the leftmost builder's GROUP BY after all the UNION
    // ALL branches, where it would group the whole compound; a later branch keeps its own.
    branches.push(
      knex(billing('fee_components'))
        .select(
          knex.raw(`'fee' as ??`, ['kind']),
          knex.raw('?? as ??', ['year', 'year']),
          knex.raw('max(??) as ??', ['month', 'month']),
          typedNull('date', 'first'),
          typedNull('date', 'last'),
        )
        .where({ unitId })
        .where((outer) => {
          for (const range of keyRanges) {
            outer.orWhere((inner) => {
              inner.whereRaw('?? * 100 + ?? >= ?', ['year', 'month', range.from]);
              if (range.to !== null) inner.whereRaw('?? * 100 + ?? <= ?', ['year', 'month', range.to]);
            });
          }
        })
        .groupBy('year'),
    );
  }
  let datedQuery = branches[0]!;
  for (const branch of branches.slice(1)) datedQuery = datedQuery.unionAll(branch);
  return datedQuery;
});

export class ResidentService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /** `GET /me`: two queries whatever the number of assignments. */
  async me(personId: number): Promise<MeResponse> {
    const knex = this.context.knex;
    const [person] = await personById(knex, personId);
    if (!person) throw notFound('Nie znaleziono danych osoby.');
    const rows = await assignmentsOfPerson(knex, personId);
    const assignments: Assignment[] = rows.map((row) => ({
      id: dbNumber(row.id),
      role: row.role as AssignmentRole,
      share: row.share,
      from: String(toIsoDate(row.dateFrom)),
      to: isoDateOrNull(row.dateTo),
      unit: {
        id: dbNumber(row.unitId),
        kind: row.kind as UnitKind,
        address: formatAddress({
          street: row.street,
          number: row.buildingNumber,
          postalCode: row.postalCode,
          city: row.city,
          unitKind: row.kind,
          unitNumber: row.unitNumber,
        }),
        estate: row.estate,
        area: formatDecimal(row.areaE2, 2),
        persons: dbNumber(row.persons),
        legalTitle: row.legalTitle as LegalTitle,
        bankAccount: row.bankAccount,
      },
    }));
    return {
      person: {
        displayName: `${person.firstName} ${person.lastName}`,
        firstName: person.firstName,
        lastName: person.lastName,
        memberNumber: person.memberNumber ?? null,
        email: person.email ?? null,
        phone: person.phone ?? null,
        correspondenceAddress: person.correspondenceAddress ?? null,
      },
      assignments,
    };
  }

  /**
   * `GET /units/:unitId/filters`: two queries whatever the amount of data. The first is the
   * access check with the unit's accounts and its meters' media folded in (one UNION ALL, see
   * `accessUnion` in access-service.ts); the second, which needs the windows, is one UNION ALL of the
   * latest fee month per year and the first and last visible dated record of the ledger, the
   * readings and the settlements.
   */
  async filters(personId: number, unitId: number): Promise<FiltersResponse> {
    const knex = this.context.knex;
    const {
      access: { windows },
      rows: lookupRows,
    } = this.access.splitAccessRows(personId, unitId, await accessWithUnitLookups(knex, personId, unitId));

    // Display order, decided here because a UNION ALL has none of its own: accounts by code,
    // opening date and id (codes are plain ASCII, so code-unit order is the database's BINARY
    // order), media by their dictionary position.
    const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const accountRows = lookupRows
      .filter((row) => row.kind === 'acc')
      .map((row) => ({
        id: dbNumber(row.id),
        name: String(row.name),
        code: String(row.code),
        purpose: row.label,
        openedOn: String(toIsoDate(row.dateFrom)),
        closedOn: isoDateOrNull(row.dateTo),
      }))
      .sort((x, y) => byText(x.code, y.code) || byText(x.openedOn, y.openedOn) || x.id - y.id);
    const accounts: AccountRef[] = [];
    const settlementAccounts: AccountRef[] = [];
    for (const row of accountRows) {
      if (!overlapsWindows(windows, row.openedOn, row.closedOn)) continue;
      const ref = { id: row.id, name: row.name };
      if (row.purpose === 'ledger') accounts.push(ref);
      else if (row.purpose === 'settlement') settlementAccounts.push(ref);
    }
    const media: Medium[] = lookupRows
      .filter((row) => row.kind === 'med')
      .sort((x, y) => dbNumber(x.position) - dbNumber(y.position) || byText(String(x.code), String(y.code)))
      .map((row) => ({ code: String(row.code), name: String(row.name), unit: String(row.label) }));

    const dated = await datedSpans(knex, unitId, windowBounds(windows), monthKeyRanges(windows));
    const feeRows = dated.filter((row) => row.kind === 'fee');
    const spanRows = dated.filter((row) => row.kind !== 'fee');

    const years = new Set<number>();
    let latest: FiltersResponse['latest'] = null;
    for (const row of feeRows) {
      const year = dbNumber(row.year);
      const month = dbNumber(row.month);
      years.add(year);
      if (!latest || year > latest.year || (year === latest.year && month > latest.month)) {
        latest = { year, month };
      }
    }
    for (const row of spanRows) {
      if (row.first === null || row.first === undefined) continue;
      const first = Number(String(toIsoDate(row.first)).slice(0, 4));
      const last = Number(String(toIsoDate(row.last)).slice(0, 4));
      for (let year = first; year <= last; year++) {
        // Between two windows years apart there is nothing of this person's to choose.
        if (clipToYear(windows, year).length > 0) years.add(year);
      }
    }
    return {
      years: [...years].sort((x, y) => y - x),
      latest,
      media,
      accounts,
      settlementAccounts,
    };
  }
}
