/**
 * The ledger phase of the demo-data generator, per holding of a unit: the ledger accounts (EKS
 * fees, MED media, ODS interest) and the settlement accounts (WOD water, CO heating), the media
 * settlements from the readings, and the documents: monthly charges, payments by each holder's
 * habits, corrections, transfers, interest notes, the final settlement of a holder who sells,
 * and the opening balance of every account and year (BO(y+1) = BO(y) + Wn − Ma).
 */
import { addDays, dayNumber, fromDayNumber, isoDate, pad } from './calendar.ts';
import type { UnitFees } from './fees.ts';
import type { Generation } from './generation.ts';
import type { UnitPlan } from './holdings.ts';
import type { ReadingLog } from './meters.ts';
import type { Random } from './random.ts';
import { amountGrosze, divideRounded, heatUnitPrice, lateInterestRate, rate } from './tariffs.ts';

export const ACCOUNT_NAMES = {
  EKS: 'Opłaty eksploatacyjne',
  MED: 'Media – rozliczenia',
  ODS: 'Odsetki',
  WOD: 'Rozliczenie wody',
  CO: 'Rozliczenie centralnego ogrzewania',
} as const;

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

interface SettlementResult {
  medium: 'ZW' | 'CW' | 'CO';
  date: string;
  number: string;
  periodFrom: string;
  periodTo: string;
  balance: number;
}

/** Writes the accounts, settlements, documents and opening balances of every holding of a unit. */
export function writeLedger(
  g: Generation,
  unit: UnitPlan,
  fees: UnitFees,
  readingLog: ReadingLog,
  random: Random,
): void {
  const { today, historyFrom, firstYear, currentYear } = g;
  const { unitId, kind, holdings } = unit;
  const { total, coldAdvance, hotAdvance, heatAdvance } = fees;
  for (const holding of holdings) {
    const closedOn = holding.to;
    const limit = closedOn !== null && closedOn < today ? closedOn : today;
    const limitDay = dayNumber(limit);
    const openedBeforeHistory = holding.from < historyFrom;

    const openLedger = (code: LedgerAccount['code'], initial: number): LedgerAccount => {
      const id = g.next.account++;
      g.sql.account.run(id, unitId, 'ledger', code, ACCOUNT_NAMES[code], holding.from, closedOn);
      g.count.accounts++;
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
      g.documents.add(g.next.document++, account.id, date, number, kind, description, debit, credit);
      g.count.documents++;
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
        accountIds[code] = g.next.account++;
        g.sql.account.run(
          accountIds[code],
          unitId,
          'settlement',
          code,
          ACCOUNT_NAMES[code],
          holding.from,
          closedOn,
        );
        g.count.accounts++;
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
        for (let mi = g.monthIndexOf(from); mi <= g.monthIndexOf(to); mi++) advances += advancesOf[mi] ?? 0;
        const year = Number(to.slice(0, 4));
        const unitPrice =
          period.medium === 'ZW'
            ? rate('coldWaterAdvance', year, Number(to.slice(5, 7)), g.midYearChange)
            : period.medium === 'CW'
              ? rate('hotWaterAdvance', year, Number(to.slice(5, 7)), g.midYearChange)
              : heatUnitPrice(year);
        const cost = amountGrosze(consumption, unitPrice);
        const balance = cost - advances;
        const prefix = period.medium === 'ZW' ? 'RZW' : period.medium === 'CW' ? 'RCW' : 'RCO';
        const documentNumber = g.nextNumber(`${prefix}/${date.slice(0, 4)}`, 6);
        const name =
          period.medium === 'ZW'
            ? 'Zimna woda i odprowadzanie ścieków'
            : period.medium === 'CW'
              ? 'Podgrzanie wody'
              : 'Centralne ogrzewanie';
        g.settlements.add(
          g.next.settlement++,
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
        g.count.settlements++;
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
              g.monthlyNumber('WB', date),
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
                g.monthlyNumber('PRZ', date),
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
                g.monthlyNumber('PK', date),
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
    if (ekInitial > 0) open.push({ due: g.historyFromDay - 17, amount: ekInitial });
    else credit = -ekInitial;

    const applyTransfers = (untilDay: number) => {
      while (transfers.length > 0 && transfers[0]!.day <= untilDay) {
        const transfer = transfers.shift()!;
        const date = fromDayNumber(transfer.day);
        post(
          eks,
          date,
          g.monthlyNumber('PK', date),
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
      const year = g.monthYear(mi);
      const month = g.monthOf(mi);
      const first = g.monthStart(mi);
      const firstDay = dayNumber(first);
      const mm = pad(month, 2);
      post(
        eks,
        first,
        g.monthlyNumber('NAL', first),
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
            g.monthlyNumber('KOR', date),
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
        post(eks, date, g.monthlyNumber('WB', date), 'payment', 'Wpłata – opłaty eksploatacyjne', 0, amount);
        settle(amount, payDay, ods !== null);
        // Interest is often paid together with the fee, once a note has been issued.
        if (ods && ods.balance > 0 && random.chance(0.5)) {
          post(ods, date, g.monthlyNumber('WB', date), 'payment', 'Wpłata – odsetki', 0, ods.balance);
        }
      }
      // Interest notes at the end of the month, once the interest has reached 1 zł.
      if (ods && pendingInterest >= 100) {
        const end = g.monthEnd(mi);
        const noteDate = closedOn !== null && closedOn < end ? closedOn : end;
        if (noteDate <= today) {
          post(
            ods,
            noteDate,
            g.monthlyNumber('NO', noteDate),
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
          g.monthlyNumber('NO', closedOn),
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
            g.monthlyNumber('WB', closedOn),
            'payment',
            'Wpłata – rozliczenie końcowe przy zbyciu lokalu',
            0,
            account.balance,
          );
        else
          post(
            account,
            closedOn,
            g.monthlyNumber('PRZ', closedOn),
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
        g.openingBalances.add(account.id, year, bo);
        g.count.openingBalances++;
        const t = account.turnover.get(year);
        if (t) bo += t[0] - t[1];
      }
    }
  }
}
