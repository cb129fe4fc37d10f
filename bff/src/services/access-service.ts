/**
 * Object-level authorisation of the resident's data: the one home of the rule "a person sees a
 * unit's data only while assigned to it". Every unit-scoped service first asks for the person's
 * visibility windows on the unit (lib/date-windows.ts has their maths), or gets 404 `not_found`:
 * the same answer whether the unit is someone else's or does not exist, so ids cannot be probed.
 */
import { notFound } from '../errors.ts';
import { mergeWindows, type DateWindow } from '../lib/date-windows.ts';
import { dbNumber, isoDateOrNull, toIsoDate } from '../lib/db-values.ts';
import { accessWithAccount, assignmentDates } from '../queries/access.ts';
import { ACCESS_KIND, type LookupRow } from '../queries/lookups.ts';
import type { ServiceContext } from './context.ts';

export interface UnitAccess {
  personId: number;
  unitId: number;
  /** Merged, sorted, non-overlapping windows of the person's assignments to the unit. */
  windows: DateWindow[];
}

/** An account row of a lookup: its open period decides its visibility (ledger-service.ts). */
export interface VisibleAccountRow {
  id: number;
  name: string;
  openedOn: unknown;
  closedOn: unknown;
}

/** The answer for a unit that is not this person's: identical to a unit that does not exist. */
export const unitNotFound = () => notFound('Nie znaleziono lokalu.');

export class AccessService {
  constructor(readonly context: ServiceContext) {}

  /** The assignment rows of an access query with lookups as the access (or 404), and the lookups' rows. */
  splitAccessRows(
    personId: number,
    unitId: number,
    all: LookupRow[],
  ): { access: UnitAccess; rows: LookupRow[] } {
    const assignments = all.filter((row) => row.kind === ACCESS_KIND);
    return {
      access: this.accessFrom(personId, unitId, assignments),
      rows: all.filter((row) => row.kind !== ACCESS_KIND),
    };
  }

  /**
   * The windows of the person's assignment rows, or 404 when there are none. A row that ends
   * before it starts (a data-entry error in the billing program) grants no day at all: without
   * this, the overlap test of accounts would still show such a "window" the unit's open
   * accounts, and the documents endpoint their names.
   */
  private accessFrom(
    personId: number,
    unitId: number,
    rows: { dateFrom: unknown; dateTo: unknown }[],
  ): UnitAccess {
    const windows = mergeWindows(
      rows
        .map((row) => ({ from: String(toIsoDate(row.dateFrom)), to: isoDateOrNull(row.dateTo) }))
        .filter((window) => window.to === null || window.from <= window.to),
    );
    if (windows.length === 0) throw unitNotFound();
    return { personId, unitId, windows };
  }

  /**
   * The person's visibility windows on the unit, or 404 when the person has never been
   * assigned to it (or it does not exist): one indexed query on assignments(person_id, unit_id).
   */
  async unitAccess(personId: number, unitId: number): Promise<UnitAccess> {
    const rows = await this.context.queries.run(assignmentDates, personId, unitId);
    return this.accessFrom(personId, unitId, rows);
  }

  /**
   * The access check and the one account asked for (of this unit and purpose), in one query;
   * `account` is undefined when there is no such account. Used by the documents and
   * settlements endpoints.
   */
  async unitAccessWithAccount(
    personId: number,
    unitId: number,
    accountId: number,
    purpose: 'ledger' | 'settlement',
  ): Promise<{ windows: DateWindow[]; account: VisibleAccountRow | undefined }> {
    const all = await this.context.queries.run(accessWithAccount, personId, unitId, accountId, purpose);
    const { access, rows } = this.splitAccessRows(personId, unitId, all);
    const row = rows[0];
    return {
      windows: access.windows,
      account: row && {
        id: dbNumber(row.id),
        name: String(row.name),
        openedOn: row.dateFrom,
        closedOn: row.dateTo,
      },
    };
  }
}
