/**
 * "Do zapłaty" (`GET /units/:id/payment`) and "Skąd to saldo?" (`GET /units/:id/balance-history`),
 * from the billing data alone, exact to the grosz, as of today in Europe/Warsaw.
 *
 * Two statements per request whatever the unit's history (queries/payments.ts): the access
 * check with the fee accounts, their opening balances, the unit and the person folded in; then
 * the accounts' documents from 1 January of the first year needed up to today. The month
 * figures and the allocation of payments are computed here (fee-allocation.ts), so they agree
 * with Księgowość by construction and the invariants test checks that they do.
 *
 * Authorisation is the access service's: a unit that is not the person's is 404 exactly like
 * one that does not exist, and only the person's windows are seen: a former owner's figures
 * stop on the last day of their assignment (the new owner's balance is never theirs), a new
 * owner sees nothing before the handover.
 */
import type {
  BalanceHistoryResponse,
  Freshness,
  PaymentProblem,
  PaymentResponse,
  PaymentTransfer,
} from '@strefa/api-types';
import { BoundedMap } from '../lib/bounded-map.ts';
import { formatMoney } from '../lib/money.ts';
import { isValidNrb, qrRecipient, qrText, QR_LIMITS, zbp2dText } from '../lib/payment-codes.ts';
import { warsawDate } from '../lib/time.ts';
import { toIsoDate } from '../models/base-model.ts';
import {
  accessWithFeeAccounts,
  FEE_LOOKUP,
  feeAccountMovements,
  type MovementRow,
} from '../queries/payments.ts';
import { type AccessService } from './access-service.ts';
import { dbInteger, dbNumber, isoDateOrNull } from '../lib/db-values.ts';
import { nextDay, overlapsWindows, type DateWindow } from '../lib/date-windows.ts';
import { type LookupRow } from '../queries/lookups.ts';
import { feeAccountState, type FeeAccountState, type FeeMovement } from './fee-allocation.ts';
import type { ServiceContext } from './context.ts';

/** The most months `balance-history` answers (five years back from the current month). */
export const MAX_HISTORY_MONTHS = 60;

/** How a unit's number reads in a short transfer title, by kind. */
const TITLE_NUMBER: Record<string, (n: string) => string> = {
  flat: (n) => `/${n}`,
  commercial: (n) => ` lok. ${n}`,
  garage: (n) => ` gar. ${n}`,
  parking_space: (n) => ` m.p. ${n}`,
  storage: (n) => ` kom. ${n}`,
};

/**
 * The transfer title: the unit's short address and the person's member number, within the 32
 * characters of the standard ("Zamkowa 12/4 czł. M-0001"); a longer one drops the word "czł.",
 * then is cut (the address first: the cooperative books by the account number anyway).
 */
export function transferTitle(
  unit: { street: string; building: string; kind: string; number: string | null },
  memberNumber: string | null,
): string {
  const street = unit.street.replace(/^(ul|al|pl|os)\.\s*/i, '');
  const address = `${street} ${unit.building}${unit.number ? (TITLE_NUMBER[unit.kind] ?? TITLE_NUMBER.commercial!)(unit.number) : ''}`;
  const member = memberNumber ? qrText(memberNumber, 20) : '';
  for (const candidate of member ? [`${address} czł. ${member}`, `${address} ${member}`] : [address]) {
    const text = qrText(candidate, 200);
    if (text.length <= QR_LIMITS.title) return text;
  }
  if (!member) return qrText(address, QR_LIMITS.title);
  const room = QR_LIMITS.title - member.length - 1;
  return room >= 8
    ? `${qrText(address, 200).slice(0, room).trim()} ${member}`
    : qrText(address, QR_LIMITS.title);
}

/** `YYYY-MM` of the month `back` months before the month of `today`. */
export function monthsBack(today: string, back: number): string {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

interface FeeAccountRow {
  id: number;
  name: string;
  code: string;
  openedOn: string;
  closedOn: string | null;
}

interface UnitFacts {
  accounts: FeeAccountRow[];
  openings: Map<number, Map<number, bigint>>;
  unit: { street: string; building: string; bankAccount: string; kind: string; number: string | null } | null;
  memberNumber: string | null;
}

/** The lookups of `accessWithFeeAccounts`, sorted out of the UNION ALL's rows. */
function factsFrom(rows: LookupRow[]): UnitFacts {
  const facts: UnitFacts = { accounts: [], openings: new Map(), unit: null, memberNumber: null };
  let unitNumber: { kind: string; number: string | null } = { kind: 'flat', number: null };
  let unit: { street: string; building: string; bankAccount: string } | null = null;
  for (const row of rows) {
    switch (row.kind) {
      case FEE_LOOKUP.account:
        facts.accounts.push({
          id: dbNumber(row.id),
          name: String(row.name),
          code: String(row.code),
          openedOn: String(toIsoDate(row.dateFrom)),
          closedOn: isoDateOrNull(row.dateTo),
        });
        break;
      case FEE_LOOKUP.opening: {
        const accountId = dbNumber(row.id);
        let years = facts.openings.get(accountId);
        if (!years) facts.openings.set(accountId, (years = new Map()));
        years.set(dbNumber(row.position), dbInteger(row.amountGr));
        break;
      }
      case FEE_LOOKUP.unit:
        unit = {
          street: String(row.name),
          building: String(row.label),
          bankAccount: String(row.code).trim(),
        };
        break;
      case FEE_LOOKUP.unitNumber:
        unitNumber = { kind: String(row.code), number: row.label === null ? null : String(row.label) };
        break;
      case FEE_LOOKUP.person:
        facts.memberNumber = row.label === null ? null : String(row.label).trim() || null;
        break;
    }
  }
  if (unit) facts.unit = { ...unit, ...unitNumber };
  // Display order as in Księgowość: code, opening date, id (a UNION ALL has no order).
  facts.accounts.sort(
    (x, y) =>
      (x.code < y.code ? -1 : x.code > y.code ? 1 : 0) ||
      (x.openedOn < y.openedOn ? -1 : x.openedOn > y.openedOn ? 1 : 0) ||
      x.id - y.id,
  );
  return facts;
}

/** The driver's document rows, grouped per account, as the allocation wants them. */
function movementsByAccount(rows: MovementRow[]): Map<number, FeeMovement[]> {
  const byAccount = new Map<number, FeeMovement[]>();
  for (const row of rows) {
    const accountId = dbNumber(row.accountId);
    let list = byAccount.get(accountId);
    if (!list) byAccount.set(accountId, (list = []));
    list.push({
      date: String(toIsoDate(row.date)),
      kind: row.kind,
      debit: dbInteger(row.debitGr),
      credit: dbInteger(row.creditGr),
    });
  }
  return byAccount;
}

export class PaymentService {
  /** Units whose wrong account number was already logged: once per unit and process, not per request. */
  private readonly reportedAccounts = new BoundedMap<number, true>(1_000);

  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /** Today in Poland. */
  today(): string {
    return warsawDate(this.context.now());
  }

  /** The two statements, then every visible fee account's history from January of `firstYear`. */
  private async load(personId: number, unitId: number, firstYear: number, today: string) {
    const currentYear = Number(today.slice(0, 4));
    const all = await this.context.queries.run(
      accessWithFeeAccounts,
      personId,
      unitId,
      firstYear,
      currentYear,
    );
    const { access, rows } = this.access.splitAccessRows(personId, unitId, all);
    const facts = factsFrom(rows);
    const windows: DateWindow[] = access.windows;
    const visible = facts.accounts.filter(
      (account) => account.openedOn <= today && overlapsWindows(windows, account.openedOn, account.closedOn),
    );
    const movements = visible.length
      ? movementsByAccount(
          await this.context.queries.run(feeAccountMovements, unitId, `${firstYear}-01-01`, nextDay(today)),
        )
      : new Map<number, FeeMovement[]>();
    const states = visible.map((account) => ({
      account,
      state: feeAccountState({
        openedOn: account.openedOn,
        closedOn: account.closedOn,
        windows,
        openings: facts.openings.get(account.id) ?? new Map(),
        movements: movements.get(account.id) ?? [],
        firstYear,
        today,
        dueDay: this.context.config.paymentDueDay,
      }),
    }));
    return { windows, facts, states };
  }

  /** `GET /units/:unitId/balance-history?months`: month by month, per fee account. */
  async balanceHistory(
    personId: number,
    unitId: number,
    months: number,
  ): Promise<Omit<BalanceHistoryResponse, keyof Freshness>> {
    const today = this.today();
    const from = monthsBack(today, months - 1);
    const to = today.slice(0, 7);
    const { states } = await this.load(personId, unitId, Number(from.slice(0, 4)), today);
    return {
      from,
      to,
      accounts: states
        .map(({ account, state }) => ({
          id: account.id,
          name: account.name,
          months: state.months
            .filter((m) => m.month >= from)
            .map((m) => ({
              month: m.month,
              charged: formatMoney(m.charged),
              paid: formatMoney(m.paid),
              balance: formatMoney(m.balance),
              status: m.status,
            })),
        }))
        .filter((account) => account.months.length > 0),
    };
  }

  /**
   * `GET /units/:unitId/payment`: what to pay now, by when, to which account. The history needed
   * for the allocation reaches back to January of last year: a debt older than that is wholly
   * overdue whichever charge it came from, and the year's opening balance carries it.
   */
  async payment(personId: number, unitId: number): Promise<Omit<PaymentResponse, keyof Freshness>> {
    const today = this.today();
    const config = this.context.config;
    const { windows, facts, states } = await this.load(
      personId,
      unitId,
      Number(today.slice(0, 4)) - 1,
      today,
    );
    const lastDay = windows[windows.length - 1]!.to;
    const assignedUntil = lastDay !== null && lastDay < today ? lastDay : null;

    const shown = states.filter(({ state }) => state.balance !== null) as {
      account: FeeAccountRow;
      state: FeeAccountState & { balance: bigint };
    }[];
    let amountDue = 0n;
    let overdue = 0n;
    let net = 0n;
    for (const { state } of shown) {
      if (state.balance > 0n) amountDue += state.balance;
      overdue += state.overdue;
      net += state.balance;
    }
    const dueDate = `${today.slice(0, 8)}${String(config.paymentDueDay).padStart(2, '0')}`;

    let problem: PaymentProblem | null = null;
    let transfer: PaymentTransfer | null = null;
    let qr: string | null = null;
    const unit = facts.unit;
    if (!config.cooperative) problem = 'recipient_not_configured';
    else if (!unit || !isValidNrb(unit.bankAccount)) {
      problem = 'invalid_account_number';
      // Reported to the operators (the billing data hold a wrong number), never shown as payable.
      this.context.logger.warn(
        { unitId },
        'the unit’s bank account fails the NRB check: no transfer data shown',
      );
    } else {
      const recipient = { ...config.cooperative, shortName: qrRecipient(config.cooperative.name) };
      const title = transferTitle(unit, facts.memberNumber);
      transfer = { recipient, account: unit.bankAccount, title, amount: formatMoney(amountDue) };
      qr = zbp2dText({
        nip: recipient.nip,
        account: unit.bankAccount,
        amountGr: amountDue,
        recipient: recipient.shortName,
        title,
      });
    }

    return {
      dueDay: config.paymentDueDay,
      dueDate,
      amountDue: formatMoney(amountDue),
      overdue: formatMoney(overdue),
      overpaid: amountDue === 0n && net < 0n,
      assignedUntil,
      accounts: shown.map(({ account, state }) => ({
        id: account.id,
        name: account.name,
        balance: formatMoney(state.balance),
        overdue: formatMoney(state.overdue),
        currentCharge: formatMoney(state.currentCharge),
      })),
      transfer,
      qr,
      problem,
    };
  }
}
