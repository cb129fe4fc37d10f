/**
 * Księgowość (the ledger) and Czynsz (fee components) of a unit, as the person may see them.
 *
 * The ledger rule, within the person's windows on the unit (see access-service.ts):
 * - an account is visible when its open period [opened_on, closed_on] overlaps a window;
 * - for a year, the visible part is the windows clipped to that year; the documents listed are
 *   those dated within it, and `debit`/`credit` are exactly their sums;
 * - `openingBalance` is the account's BO at 1 January plus every movement of that year before
 *   the first visible day (a person assigned from 15 March opens with the state on 15 March);
 * - `balance` = openingBalance + debit − credit, all in whole grosze (bigint), formatted once.
 * A few documents can fall between two windows of one year (a person who left and came back);
 * they belong to someone else's period and are neither listed nor summed.
 *
 * Each request runs two queries whatever the data size: the access check with the accounts it
 * needs folded in (queries/accounts.ts, queries/lookups.ts), then the documents or their sums.
 */
import type {
  AccountsResponse,
  AccountState,
  ChargesResponse,
  DocumentKind,
  DocumentsResponse,
  FeeBasis,
} from '@strefa/api-types';
import { notFound } from '../errors.ts';
import {
  clipToYear,
  isMonthVisible,
  overlapsWindows,
  rangeBounds,
  type DateRange,
  type DateWindow,
} from '../lib/date-windows.ts';
import { dbInteger, dbNumber, toIsoDate } from '../lib/db-values.ts';
import { formatDecimal, formatMoney, sumGrosze } from '../lib/money.ts';
import { accessWithLedgerAccounts } from '../queries/accounts.ts';
import { documentsInRanges, ledgerYearSums } from '../queries/documents.ts';
import { feeComponentsOfMonth, type FeeComponentRow } from '../queries/fee-components.ts';
import type { AccessService } from './access-service.ts';
import type { ServiceContext } from './context.ts';

/** The 404 of an account that is not visible in this unit: same as one that does not exist. */
export const accountNotFound = () => notFound('Nie znaleziono konta.');

interface AccountRow {
  id: number;
  name: string;
  openedOn: unknown;
  closedOn: unknown;
}

/** Whether an account's open period overlaps the given windows or year ranges. */
export function accountVisible(row: AccountRow, windows: DateWindow[] | DateRange[]): boolean {
  const closed = row.closedOn === null || row.closedOn === undefined ? null : String(toIsoDate(row.closedOn));
  return overlapsWindows(windows, String(toIsoDate(row.openedOn)), closed);
}

/** Code-unit order of two strings (the database's BINARY order for ASCII codes). */
const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export class LedgerService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /** `GET /units/:unitId/charges?year&month`: the fee components of a month, and their total. */
  async charges(personId: number, unitId: number, year: number, month: number): Promise<ChargesResponse> {
    const { windows } = await this.access.unitAccess(personId, unitId);
    // A month outside the person's windows is answered like a month without data.
    const rows: FeeComponentRow[] = isMonthVisible(windows, year, month)
      ? await this.context.queries.run(feeComponentsOfMonth, unitId, year, month)
      : [];
    return {
      year,
      month,
      components: rows.map((row) => ({
        name: row.name,
        basis: row.basis as FeeBasis,
        quantity: formatDecimal(dbInteger(row.quantityE3), 3),
        rate: formatDecimal(dbInteger(row.rateE4), 4, 2),
        amount: formatMoney(dbInteger(row.amountGr)),
      })),
      total: formatMoney(sumGrosze(rows.map((row) => dbInteger(row.amountGr)))),
    };
  }

  /** `GET /units/:unitId/accounts?year`: the state of every visible ledger account in a year. */
  async accounts(personId: number, unitId: number, year: number): Promise<AccountsResponse> {
    const queries = this.context.queries;
    const {
      access: { windows },
      rows,
    } = this.access.splitAccessRows(
      personId,
      unitId,
      await queries.run(accessWithLedgerAccounts, personId, unitId, year),
    );
    const ranges = clipToYear(windows, year);
    if (ranges.length === 0) return { year, accounts: [] };
    const accountRows: (AccountRow & { code: string; openingGr: unknown })[] = rows
      .map((row) => ({
        id: dbNumber(row.id),
        name: String(row.name),
        code: String(row.code),
        openedOn: row.dateFrom,
        closedOn: row.dateTo,
        openingGr: row.amountGr,
      }))
      // Display order (a UNION ALL has none): code, opening date, id; codes are plain ASCII.
      .sort(
        (x, y) =>
          compareText(x.code, y.code) ||
          compareText(String(toIsoDate(x.openedOn)), String(toIsoDate(y.openedOn))) ||
          x.id - y.id,
      );
    const visible = accountRows.filter((row) => accountVisible(row, ranges));
    if (visible.length === 0) return { year, accounts: [] };

    // One aggregate over the year's documents of the unit's ledger accounts: the movements before
    // the first visible day, and the visible turnover.
    const sums = await queries.run(
      ledgerYearSums,
      unitId,
      ranges[0]!.from,
      { from: `${year}-01-01`, until: `${year + 1}-01-01` },
      rangeBounds(ranges),
    );
    const byAccount = new Map(sums.map((row) => [dbNumber(row.accountId), row]));

    const accounts: AccountState[] = visible.map((row) => {
      const sum = byAccount.get(dbNumber(row.id));
      const opening = dbInteger(row.openingGr) + dbInteger(sum?.beforeGr);
      const debit = dbInteger(sum?.debitGr);
      const credit = dbInteger(sum?.creditGr);
      return {
        id: dbNumber(row.id),
        name: row.name,
        openingBalance: formatMoney(opening),
        debit: formatMoney(debit),
        credit: formatMoney(credit),
        balance: formatMoney(opening + debit - credit),
      };
    });
    return { year, accounts };
  }

  /** `GET /units/:unitId/accounts/:accountId/documents?year`: every visible document. */
  async documents(
    personId: number,
    unitId: number,
    accountId: number,
    year: number,
  ): Promise<DocumentsResponse> {
    const { windows, account } = await this.access.unitAccessWithAccount(
      personId,
      unitId,
      accountId,
      'ledger',
    );
    if (!account || !accountVisible(account, windows)) throw accountNotFound();
    const ranges = clipToYear(windows, year);
    const rows = ranges.length
      ? await this.context.queries.run(documentsInRanges, accountId, rangeBounds(ranges))
      : [];
    return {
      year,
      account: { id: dbNumber(account.id), name: account.name },
      documents: rows.map((row) => ({
        id: dbNumber(row.id),
        date: String(toIsoDate(row.date)),
        number: row.number,
        kind: row.kind as DocumentKind,
        description: row.description,
        debit: formatMoney(dbInteger(row.debitGr)),
        credit: formatMoney(dbInteger(row.creditGr)),
      })),
    };
  }
}
