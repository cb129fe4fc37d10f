/**
 * The yearly statement of a unit (Zestawienie roczne): everything the person may see of the unit
 * in one year, gathered in a fixed number of queries whatever the number of months, accounts,
 * meters and documents, with the figures the other endpoints give for the same unit and year:
 *
 * 1. the access check with the unit's settlement accounts (404 `not_found` as everywhere else);
 * 2. the person and the unit (one row by primary keys);
 * 3–4. the ledger accounts' states: `LedgerService.accounts`, the very code of
 *    `GET /accounts?year` (its access check and its one aggregate), so the opening balances,
 *    turnovers and closing balances cannot drift from what Księgowość shows;
 * 5. the fee components of all twelve months (the charges endpoint's month rule,
 *    `isMonthVisible`, decides which months are shown);
 * 6. the documents of all ledger accounts, 7. the readings of all media, 8. the settlements of
 *    all settlement accounts: each one statement over the person's ranges of the year
 *    (`clipToYear`), split by account or medium here.
 *
 * A year outside the person's assignment is answered as the other endpoints answer it: a
 * statement without data (their empty lists), not an error. The queries live in
 * queries/statement.ts; this file says what is needed and applies the rules.
 */
import type {
  AccountRef,
  AccountState,
  Address,
  DocumentKind,
  FeeBasis,
  FeeComponent,
  LedgerDocument,
  LegalTitle,
  Medium,
  Money,
  Reading,
  ReadingKind,
  Settlement,
  UnitKind,
} from '@strefa/api-types';
import { defineQuery } from '../db/query-runner.ts';
import { formatDecimal, formatMoney, parseMoney, sumGrosze } from '../lib/money.ts';
import { warsawDate } from '../lib/time.ts';
import { toIsoDate } from '../models/base-model.ts';
import {
  accessWithSettlementAccounts,
  documentsOfLedgerAccounts,
  feeComponentsOfYear,
  readingsOfUnit,
  settlementsOfUnit,
  statementHeader,
  type FeeComponentRow,
  type StatementDocumentRow,
  type StatementHeaderRow,
  type StatementReadingRow,
  type StatementSettlementRow,
} from '../queries/statement.ts';
import { type AccessService } from './access-service.ts';
import { isMonthVisible } from '../lib/date-windows.ts';
import { clipToYear, rangeBounds, type DateRange, type DateWindow } from '../lib/date-windows.ts';
import { dbInteger, dbNumber, isoDateOrNull } from '../lib/db-values.ts';
import { type LookupRow } from '../queries/lookups.ts';
import type { ServiceContext } from './context.ts';
import { accountVisible, type LedgerService } from './ledger-service.ts';
import { formatAddress } from './resident-service.ts';

/** One month's fee components, as `GET /charges?year&month` answers them. */
export interface StatementMonth {
  month: number;
  components: FeeComponent[];
  total: Money;
}

/** A ledger account's state in the year (as `GET /accounts`) and its documents (as `/documents`). */
export interface StatementAccount extends AccountState {
  documents: LedgerDocument[];
}

/** Everything a yearly statement shows, in the API's own representations (decimal strings). */
export interface StatementData {
  year: number;
  /** "Stan na dzień": the last day of the year, or today for the current year. */
  asOf: string;
  /** Epoch ms of the statement's making. */
  madeAt: number;
  /** The cooperative's name and address (settings); null when the operator set none. */
  cooperative: { name: string; address: string } | null;
  person: { displayName: string; memberNumber: string | null };
  unit: {
    id: number;
    kind: UnitKind;
    address: Address;
    estate: string;
    area: string;
    persons: number;
    legalTitle: LegalTitle;
    bankAccount: string;
  };
  /** The person's days in the year (closed ranges); empty for a year outside the assignment. */
  ranges: { from: string; to: string }[];
  /** The months the person sees (the charges endpoint's rule), each with its components. */
  months: StatementMonth[];
  /** The sum of the months' totals. */
  feesTotal: Money;
  accounts: StatementAccount[];
  media: { medium: Medium; readings: Reading[] }[];
  settlementAccounts: { account: AccountRef; settlements: Settlement[] }[];
}

const accessLookups = defineQuery<[personId: number, unitId: number], LookupRow>(
  'accessLookups',
  accessWithSettlementAccounts,
);
const headerRows = defineQuery<[personId: number, unitId: number], StatementHeaderRow>(
  'headerRows',
  statementHeader,
);
const feeRows = defineQuery<[unitId: number, year: number], FeeComponentRow>('feeRows', feeComponentsOfYear);
const documentRows = defineQuery<
  [unitId: number, ranges: ReturnType<typeof rangeBounds>],
  StatementDocumentRow
>('documentRows', documentsOfLedgerAccounts);
const readingRows = defineQuery<
  [unitId: number, ranges: ReturnType<typeof rangeBounds>],
  StatementReadingRow
>('readingRows', readingsOfUnit);
const settlementRows = defineQuery<
  [unitId: number, ranges: ReturnType<typeof rangeBounds>],
  StatementSettlementRow
>('settlementRows', settlementsOfUnit);

const isoDate = (value: unknown) => String(toIsoDate(value));

/** Code-unit order of two strings (the database's BINARY order for ASCII codes). */
const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Appends `item` to the list kept under `key`. */
function push<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export class StatementService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
    readonly ledger: LedgerService,
  ) {}

  /** The statement's data; 404 for a unit that is not the person's, like every unit endpoint. */
  async yearly(personId: number, unitId: number, year: number): Promise<StatementData> {
    const { access, rows: lookupRows } = this.access.splitAccessRows(
      personId,
      unitId,
      await this.context.queries.run(accessLookups, personId, unitId),
    );
    const { windows } = access;
    const [header] = await this.context.queries.run(headerRows, personId, unitId);
    if (!header) throw new Error(`statement: no person ${personId} or unit ${unitId} after the access check`);

    const ranges = clipToYear(windows, year);
    const bounds = rangeBounds(ranges);
    const { accounts: states } = await this.ledger.accounts(personId, unitId, year);
    const months = ranges.length
      ? this.months(await this.context.queries.run(feeRows, unitId, year), windows, year)
      : [];
    const documents =
      ranges.length && states.length ? await this.context.queries.run(documentRows, unitId, bounds) : [];
    const readings = ranges.length ? await this.context.queries.run(readingRows, unitId, bounds) : [];
    const settlements = ranges.length ? await this.context.queries.run(settlementRows, unitId, bounds) : [];

    const today = warsawDate(this.context.now());
    const yearEnd = `${year}-12-31`;
    return {
      year,
      asOf: today < yearEnd ? today : yearEnd,
      madeAt: this.context.now(),
      cooperative: this.context.config.cooperative
        ? { name: this.context.config.cooperative.name, address: this.context.config.cooperative.address }
        : null,
      person: {
        displayName: `${header.firstName} ${header.lastName}`,
        memberNumber: header.memberNumber ?? null,
      },
      unit: {
        id: unitId,
        kind: header.kind as UnitKind,
        address: formatAddress({
          street: header.street,
          number: header.buildingNumber,
          postalCode: header.postalCode,
          city: header.city,
          unitKind: header.kind,
          unitNumber: header.unitNumber,
        }),
        estate: header.estate,
        area: formatDecimal(dbInteger(header.areaE2), 2),
        persons: dbNumber(header.persons),
        legalTitle: header.legalTitle as LegalTitle,
        bankAccount: header.bankAccount,
      },
      ranges: ranges.map(({ from, to }) => ({ from, to })),
      months,
      feesTotal: formatMoney(
        sumGrosze(months.flatMap((month) => month.components.map((c) => parseMoney(c.amount)))),
      ),
      accounts: this.accountsWithDocuments(states, documents),
      media: this.media(readings),
      settlementAccounts: this.settlementAccounts(lookupRows, windows, ranges, settlements),
    };
  }

  /** The visible months of the year with their components (the charges endpoint's mapping). */
  private months(rows: FeeComponentRow[], windows: DateWindow[], year: number): StatementMonth[] {
    const byMonth = new Map<number, FeeComponentRow[]>();
    for (const row of rows) push(byMonth, dbNumber(row.month), row);
    const months: StatementMonth[] = [];
    for (let month = 1; month <= 12; month++) {
      const monthRows = byMonth.get(month);
      if (!monthRows || !isMonthVisible(windows, year, month)) continue;
      months.push({
        month,
        components: monthRows.map((row) => ({
          name: row.name,
          basis: row.basis as FeeBasis,
          quantity: formatDecimal(dbInteger(row.quantityE3), 3),
          rate: formatDecimal(dbInteger(row.rateE4), 4, 2),
          amount: formatMoney(dbInteger(row.amountGr)),
        })),
        total: formatMoney(sumGrosze(monthRows.map((row) => dbInteger(row.amountGr)))),
      });
    }
    return months;
  }

  /** Each account of `GET /accounts` with its documents (the documents endpoint's mapping). */
  private accountsWithDocuments(states: AccountState[], rows: StatementDocumentRow[]): StatementAccount[] {
    const byAccount = new Map<number, LedgerDocument[]>();
    for (const row of rows) {
      push(byAccount, dbNumber(row.accountId), {
        id: dbNumber(row.id),
        date: isoDate(row.date),
        number: row.number,
        kind: row.kind as DocumentKind,
        description: row.description,
        debit: formatMoney(dbInteger(row.debitGr)),
        credit: formatMoney(dbInteger(row.creditGr)),
      });
    }
    return states.map((state) => ({ ...state, documents: byAccount.get(state.id) ?? [] }));
  }

  /** The readings split by medium, in the media dictionary's order (the readings endpoint's mapping). */
  private media(rows: StatementReadingRow[]): StatementData['media'] {
    const media: StatementData['media'] = [];
    for (const row of rows) {
      let last = media[media.length - 1];
      if (!last || last.medium.code !== row.mediumCode) {
        last = { medium: { code: row.mediumCode, name: row.mediumName, unit: row.mediumUnit }, readings: [] };
        media.push(last);
      }
      last.readings.push({
        date: isoDate(row.date),
        meter: { number: row.number, location: row.location },
        kind: row.kind as ReadingKind,
        value: formatDecimal(dbInteger(row.valueE3), 3),
        consumption: formatDecimal(dbInteger(row.consumptionE3), 3),
      });
    }
    return media;
  }

  /**
   * The settlement accounts the settlements endpoint would answer for (open in a window of the
   * person's) that are open during the person's days of the year or have a settlement dated in
   * them; each with its settlements (the settlements
   * endpoint's mapping), in code, opening date and id order.
   */
  private settlementAccounts(
    lookupRows: LookupRow[],
    windows: DateWindow[],
    ranges: DateRange[],
    rows: StatementSettlementRow[],
  ): StatementData['settlementAccounts'] {
    const byAccount = new Map<number, Settlement[]>();
    for (const row of rows) {
      const cost = dbInteger(row.costGr);
      const advances = dbInteger(row.advancesGr);
      push(byAccount, dbNumber(row.accountId), {
        documentNumber: row.documentNumber,
        date: isoDate(row.date),
        periodFrom: isoDate(row.periodFrom),
        periodTo: isoDate(row.periodTo),
        name: row.name,
        consumption: formatDecimal(dbInteger(row.consumptionE3), 3),
        consumptionUnit: row.consumptionUnit,
        unitPrice: formatDecimal(dbInteger(row.unitPriceE4), 4, 2),
        cost: formatMoney(cost),
        advances: formatMoney(advances),
        balance: formatMoney(cost - advances),
        dueDate: isoDateOrNull(row.dueDate),
      });
    }
    if (ranges.length === 0) return [];
    return (
      lookupRows
        .filter((row) => row.kind === 'acc')
        .map((row) => ({
          id: dbNumber(row.id),
          name: String(row.name),
          code: String(row.code),
          openedOn: row.dateFrom,
          closedOn: row.dateTo,
        }))
        // Never an account the settlements endpoint refuses (not open in any of the person's
        // windows); of those, the ones open in this year or with a settlement dated in it.
        .filter(
          (row) => accountVisible(row, windows) && (accountVisible(row, ranges) || byAccount.has(row.id)),
        )
        .sort(
          (x, y) =>
            compareText(x.code, y.code) ||
            compareText(isoDate(x.openedOn), isoDate(y.openedOn)) ||
            x.id - y.id,
        )
        .map((row) => ({ account: { id: row.id, name: row.name }, settlements: byAccount.get(row.id) ?? [] }))
    );
  }
}
