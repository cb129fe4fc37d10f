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
import { notFound } from '../errors.ts';
import {
  clipToYear,
  firstDayOfMonth,
  mergeWindows,
  monthKeyRanges,
  overlapsWindows,
  windowBounds,
  type DateWindow,
} from '../lib/date-windows.ts';
import { dbInteger, dbNumber, isoDateOrNull, toIsoDate } from '../lib/db-values.ts';
import { formatDecimal } from '../lib/money.ts';
import { warsawDate } from '../lib/time.ts';
import { assignmentsOfPerson, type AssignmentRow } from '../queries/assignments.ts';
import { personsChargedInMonths } from '../queries/fee-components.ts';
import { personById } from '../queries/persons.ts';
import { accessWithUnitLookups, datedSpans } from '../queries/unit-filters.ts';
import type { AccessService } from './access-service.ts';
import type { ServiceContext } from './context.ts';

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

export class ResidentService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /**
   * `GET /me`: two queries whatever the number of assignments, a third when the person held a
   * unit that is no longer theirs. A former holder sees a unit only as it was within their
   * assignments: the persons charged for in the last month of their last window (or null when
   * no month of it was charged per person), and no payment account: the billing program keeps
   * only the unit's current one, the new holder's, which a former holder must not pay into.
   */
  async me(personId: number): Promise<MeResponse> {
    const queries = this.context.queries;
    const [person] = await queries.run(personById, personId);
    if (!person) throw notFound('Nie znaleziono danych osoby.');
    const rows = await queries.run(assignmentsOfPerson, personId);
    const asOfEnd = await this.formerUnits(rows);
    const assignments: Assignment[] = rows.map((row) => {
      const unitId = dbNumber(row.unitId);
      const former = asOfEnd.get(unitId);
      return {
        id: dbNumber(row.id),
        role: row.role as AssignmentRole,
        share: row.share,
        from: String(toIsoDate(row.dateFrom)),
        to: isoDateOrNull(row.dateTo),
        unit: {
          id: unitId,
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
          persons: former ? former.persons : dbNumber(row.persons),
          legalTitle: row.legalTitle as LegalTitle,
          bankAccount: former ? null : row.bankAccount,
          ...(former ? { asOf: former.asOf } : {}),
        },
      };
    });
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
   * The units the person no longer holds (every window on them ended before today, in Warsaw),
   * with the persons charged for in the last month of the last window: one query for all.
   */
  private async formerUnits(
    rows: AssignmentRow[],
  ): Promise<Map<number, { asOf: string; persons: number | null }>> {
    const today = warsawDate(this.context.now());
    const windowsByUnit = new Map<number, DateWindow[]>();
    for (const row of rows) {
      const unitId = dbNumber(row.unitId);
      const window = { from: String(toIsoDate(row.dateFrom)), to: isoDateOrNull(row.dateTo) };
      if (window.to !== null && window.to < window.from) continue; // grants no day (access-service.ts)
      windowsByUnit.set(unitId, [...(windowsByUnit.get(unitId) ?? []), window]);
    }
    const former = new Map<number, { asOf: string; month: { year: number; month: number } | null }>();
    for (const [unitId, windows] of windowsByUnit) {
      const last = mergeWindows(windows).at(-1)!;
      if (last.to === null || last.to >= today) continue;
      const [year, month] = last.to.split('-').map(Number) as [number, number];
      // The month is charged on its first day: it is the holder's only if that day is in the window.
      const charged = firstDayOfMonth(year, month) >= last.from ? { year, month } : null;
      former.set(unitId, { asOf: last.to, month: charged });
    }
    const months = [...former].flatMap(([unitId, { month }]) => (month ? [{ unitId, ...month }] : []));
    const persons = new Map<number, number>();
    if (months.length > 0) {
      for (const row of await this.context.queries.run(personsChargedInMonths, months)) {
        persons.set(dbNumber(row.unitId), Number(dbInteger(row.quantityE3) / 1000n));
      }
    }
    return new Map(
      [...former].map(([unitId, { asOf }]) => [unitId, { asOf, persons: persons.get(unitId) ?? null }]),
    );
  }

  /**
   * `GET /units/:unitId/filters`: two queries whatever the amount of data. The first is the
   * access check with the unit's accounts and its meters' media folded in (one UNION ALL, see
   * queries/lookups.ts); the second, which needs the windows, is one UNION ALL of the
   * latest fee month per year and the first and last visible dated record of the ledger, the
   * readings and the settlements.
   */
  async filters(personId: number, unitId: number): Promise<FiltersResponse> {
    const queries = this.context.queries;
    const {
      access: { windows },
      rows: lookupRows,
    } = this.access.splitAccessRows(
      personId,
      unitId,
      await queries.run(accessWithUnitLookups, personId, unitId),
    );

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

    const dated = await queries.run(datedSpans, unitId, windowBounds(windows), monthKeyRanges(windows));
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
