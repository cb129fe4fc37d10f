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
import { billing } from '../db/tables.ts';
import { notFound } from '../errors.ts';
import { formatDecimal } from '../lib/money.ts';
import { toIsoDate } from '../models/base-model.ts';
import {
  clipToYear,
  isoDateOrNull,
  monthKeyRanges,
  overlapsWindows,
  type AccessService,
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

export class ResidentService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /** `GET /me`: two queries whatever the number of assignments. */
  async me(personId: number): Promise<MeResponse> {
    const knex = this.context.knex;
    const person = await knex(billing('persons'))
      .select('firstName', 'lastName', 'memberNumber', 'email', 'phone', 'correspondenceAddress')
      .where({ id: personId })
      .first();
    if (!person) throw notFound('Nie znaleziono danych osoby.');
    const a = billing('assignments');
    const u = billing('units');
    const b = billing('buildings');
    const rows: AssignmentRow[] = await knex(a)
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
    const assignments: Assignment[] = rows.map((row) => ({
      id: Number(row.id),
      role: row.role as AssignmentRole,
      share: row.share,
      from: String(toIsoDate(row.dateFrom)),
      to: isoDateOrNull(row.dateTo),
      unit: {
        id: Number(row.unitId),
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
        persons: Number(row.persons),
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
   * `GET /units/:unitId/filters`: five queries whatever the amount of data (access, accounts,
   * media, fee months per year, first and last dated record).
   */
  async filters(personId: number, unitId: number): Promise<FiltersResponse> {
    const { windows } = await this.access.unitAccess(personId, unitId);
    const knex = this.context.knex;

    const accountRows: {
      id: number;
      name: string;
      purpose: string;
      openedOn: unknown;
      closedOn: unknown;
    }[] = await knex(billing('accounts'))
      .select('id', 'name', 'purpose', 'openedOn', 'closedOn')
      .where({ unitId })
      .orderBy([{ column: 'code' }, { column: 'openedOn' }, { column: 'id' }]);
    const accounts: AccountRef[] = [];
    const settlementAccounts: AccountRef[] = [];
    for (const row of accountRows) {
      if (!overlapsWindows(windows, String(toIsoDate(row.openedOn)), isoDateOrNull(row.closedOn))) continue;
      const ref = { id: Number(row.id), name: row.name };
      if (row.purpose === 'ledger') accounts.push(ref);
      else if (row.purpose === 'settlement') settlementAccounts.push(ref);
    }

    const m = billing('media');
    const t = billing('meters');
    const media: Medium[] = (
      await knex(m)
        .distinct(`${m}.code as code`, `${m}.name as name`, `${m}.unit as unit`, `${m}.position as position`)
        .join(t, `${t}.mediumCode`, `${m}.code`)
        .where(`${t}.unitId`, unitId)
        .orderBy('position')
    ).map((row: Medium) => ({ code: row.code, name: row.name, unit: row.unit }));

    // Fee months whose first day falls in a window, as year → latest month.
    const keyRanges = monthKeyRanges(windows);
    const feeRows: { year: number; month: number }[] = keyRanges.length
      ? await knex(billing('fee_components'))
          .select('year')
          .max({ month: 'month' })
          .where({ unitId })
          .where((outer) => {
            for (const range of keyRanges) {
              outer.orWhere((inner) => {
                inner.whereRaw('?? * 100 + ?? >= ?', ['year', 'month', range.from]);
                if (range.to !== null) inner.whereRaw('?? * 100 + ?? <= ?', ['year', 'month', range.to]);
              });
            }
          })
          .groupBy('year')
      : [];

    // The first and last visible dated record of the ledger, the readings and the settlements
    // (one UNION ALL; not parenthesised, which SQLite would refuse).
    const a = billing('accounts');
    const span = (table: string, owner: string, ownerTable: string) =>
      this.access
        .whereInWindows(knex(table).min({ first: 'date' }).max({ last: 'date' }), 'date', windows)
        .whereIn(owner, knex(ownerTable).select('id').where({ unitId }));
    const spanRows: { first: unknown; last: unknown }[] = await span(billing('documents'), 'accountId', a)
      .unionAll(span(billing('readings'), 'meterId', t))
      .unionAll(span(billing('settlements'), 'accountId', a));

    const years = new Set<number>();
    let latest: FiltersResponse['latest'] = null;
    for (const row of feeRows) {
      const year = Number(row.year);
      const month = Number(row.month);
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
