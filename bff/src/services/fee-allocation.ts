/**
 * "Skąd to saldo?": a fee account's month-by-month history, and what of its balance is overdue,
 * computed from the ledger alone (pure: the payment service feeds it the rows of two queries).
 *
 * The figures follow Księgowość (ledger-service.ts) exactly, year by year:
 * - a year's opening = its BO + every movement of that year before the person's first visible
 *   day of it (as `openingBalance` of `GET /accounts`);
 * - a month's `charged` is the visible debit (Wn) of the month, `paid` the visible credit (Ma):
 *   charges, interest notes, corrections and refunds on one side, payments and credit
 *   corrections on the other, so a year's months add up to that year's `debit` and `credit`;
 * - `balance` at a month's end = the year's opening + the year's visible movements up to then,
 *   so the last visible month of a year ends on that year's `balance`.
 *
 * Allocation: the billing schema records no allocation of payments to charges, so payments are
 * applied to the oldest unpaid charge first (FIFO), and an overpayment is carried forward to the
 * next charges. A positive opening balance is the oldest debt; a negative one is a credit. Where
 * a year's opening differs from the running balance (documents between two of the person's
 * windows belong to someone else's period), the difference enters as a debt or credit on 1 January.
 *
 * A month's status is that of its charges after every visible payment up to today:
 * `overpaid` when the month ended in credit; otherwise `paid` when nothing charged in the month
 * is still open, `unpaid` when all of it is, `partial` between. A month without charges that
 * ended in debt (older charges still open) is `unpaid`.
 */
import type { BalanceMonthStatus } from '@strefa/api-types';
import { clipToYear, nextDay, overlapsWindows, type DateWindow } from './access-service.ts';

export interface FeeMovement {
  /** YYYY-MM-DD. */
  date: string;
  kind: string;
  debit: bigint;
  credit: bigint;
}

export interface FeeAccountInput {
  openedOn: string;
  closedOn: string | null;
  /** The person's windows on the unit. */
  windows: DateWindow[];
  /** Opening balances (BO at 1 January) by year; a missing year is zero. */
  openings: Map<number, bigint>;
  /** Every document of the account from 1 January of `firstYear` up to today, in date (then id) order. */
  movements: FeeMovement[];
  firstYear: number;
  /** Today, YYYY-MM-DD (Europe/Warsaw). */
  today: string;
  /** The day of the month by which a month's fees are due. */
  dueDay: number;
}

export interface MonthFigures {
  /** YYYY-MM. */
  month: string;
  charged: bigint;
  paid: bigint;
  balance: bigint;
  status: BalanceMonthStatus;
}

export interface FeeAccountState {
  /** Every visible month from January of `firstYear` to today's month, oldest first. */
  months: MonthFigures[];
  /** The balance on the last visible day up to today (null: nothing of the account is visible). */
  balance: bigint | null;
  /** What of a positive balance is past its due date. */
  overdue: bigint;
  /** Charges (kind `charge`) dated in today's month and visible. */
  currentCharge: bigint;
}

/** An open (not yet paid) part of a debit: the month it was charged in, and when it is due. */
interface OpenItem {
  month: string | null;
  due: string;
  amount: bigint;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Days of each month in a common year (no Date objects: this runs per month and account). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDayOfMonth(year: number, month: number): string {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return `${year}-${pad2(month)}-${leap ? 29 : MONTH_DAYS[month - 1]!}`;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * When a debit is due: the month's due day for a debit posted up to it (the monthly charge is
 * posted on the 1st), else 14 days after it is posted (a correction or a note later in the month).
 */
export function dueDateOf(date: string, dueDay: number): string {
  return Number(date.slice(8, 10)) <= dueDay ? `${date.slice(0, 8)}${pad2(dueDay)}` : addDays(date, 14);
}

/** The FIFO state: open debit items, oldest first, and the credit carried forward. */
class Allocation {
  private items: OpenItem[] = [];
  private credit = 0n;

  /** The running balance: open debts minus carried credit. */
  get balance(): bigint {
    return this.items.reduce((sum, item) => sum + item.amount, 0n) - this.credit;
  }

  debit(amount: bigint, month: string | null, due: string): void {
    if (amount <= 0n) return;
    const used = this.credit < amount ? this.credit : amount;
    this.credit -= used;
    if (amount > used) this.items.push({ month, due, amount: amount - used });
  }

  pay(amount: bigint): void {
    let rest = amount;
    while (rest > 0n && this.items.length > 0) {
      const item = this.items[0]!;
      const part = rest < item.amount ? rest : item.amount;
      item.amount -= part;
      rest -= part;
      if (item.amount === 0n) this.items.shift();
    }
    this.credit += rest;
  }

  /** Moves the running balance to `target` (a year's opening) by a debt or credit on `date`. */
  adjustTo(target: bigint, date: string): void {
    const difference = target - this.balance;
    if (difference > 0n) this.debit(difference, null, date);
    else if (difference < 0n) this.pay(-difference);
  }

  openIn(month: string): bigint {
    return this.items.filter((item) => item.month === month).reduce((sum, item) => sum + item.amount, 0n);
  }

  overdueOn(today: string): bigint {
    return this.items.filter((item) => item.due < today).reduce((sum, item) => sum + item.amount, 0n);
  }
}

/** Whether `date` lies in one of the ranges ([from, until)). */
function inRanges(ranges: readonly { from: string; until: string }[], date: string): boolean {
  for (const range of ranges) if (range.from <= date && date < range.until) return true;
  return false;
}

/** Whether [first, last] overlaps one of the ranges ([from, to]). */
function overlapsRanges(
  ranges: readonly { from: string; to: string }[],
  first: string,
  last: string,
): boolean {
  for (const range of ranges) if (range.from <= last && first <= range.to) return true;
  return false;
}

/** The month history and today's state of one fee account, as the person may see it. */
export function feeAccountState(input: FeeAccountInput): FeeAccountState {
  const { today, dueDay } = input;
  const currentYear = Number(today.slice(0, 4));
  const currentMonth = today.slice(0, 7);
  const allocation = new Allocation();
  const months: (MonthFigures & { debited: bigint })[] = [];
  let balance: bigint | null = null;
  let currentCharge = 0n;
  let cursor = 0;
  const movements = input.movements;

  for (let year = input.firstYear; year <= currentYear; year++) {
    // The visible part of the year, up to today.
    const ranges = clipToYear(input.windows, year)
      .map((range) => (range.to > today ? { ...range, to: today, until: nextDay(today) } : range))
      .filter((range) => range.from <= range.to);
    const yearEnd = `${year + 1}-01-01`;
    if (ranges.length === 0 || !overlapsWindows(ranges, input.openedOn, input.closedOn)) {
      while (cursor < movements.length && movements[cursor]!.date < yearEnd) cursor++;
      continue;
    }
    let running = input.openings.get(year) ?? 0n;
    const yearStart = `${year}-01-01`;
    const firstVisible = ranges[0]!.from;
    const visible: FeeMovement[] = [];
    for (; cursor < movements.length && movements[cursor]!.date < yearEnd; cursor++) {
      const movement = movements[cursor]!;
      const date = movement.date;
      if (date < yearStart) continue;
      if (date < firstVisible) running += movement.debit - movement.credit;
      else if (inRanges(ranges, date)) visible.push(movement);
    }
    allocation.adjustTo(running, yearStart);

    let next = 0;
    for (let month = 1; month <= 12; month++) {
      const first = `${year}-${pad2(month)}-01`;
      const last = lastDayOfMonth(year, month);
      if (first > today) break;
      const key = first.slice(0, 7);
      let charged = 0n;
      let paid = 0n;
      for (; next < visible.length && visible[next]!.date <= last; next++) {
        const movement = visible[next]!;
        charged += movement.debit;
        paid += movement.credit;
        running += movement.debit - movement.credit;
        // Within a document, the debit before the credit (a document carries one of them).
        allocation.debit(movement.debit, key, dueDateOf(movement.date, dueDay));
        allocation.pay(movement.credit);
        if (key === currentMonth && movement.kind === 'charge') currentCharge += movement.debit;
      }
      const shown =
        overlapsRanges(ranges, first, last) &&
        input.openedOn <= last &&
        (input.closedOn === null || first <= input.closedOn);
      if (shown)
        months.push({ month: key, charged, paid, balance: running, status: 'paid', debited: charged });
    }
    balance = running;
  }

  for (const month of months) {
    const open = allocation.openIn(month.month);
    if (month.balance < 0n) month.status = 'overpaid';
    else if (month.debited === 0n) month.status = month.balance > 0n ? 'unpaid' : 'paid';
    else if (open === 0n) month.status = 'paid';
    else if (open >= month.debited) month.status = 'unpaid';
    else month.status = 'partial';
  }
  return {
    months: months.map(({ debited: _debited, ...figures }) => figures),
    balance,
    overdue: balance !== null && balance > 0n ? allocation.overdueOn(today) : 0n,
    currentCharge,
  };
}
