/**
 * Realistic answers of Strefa's API for Storybook, typed with `@strefa/api-types` so a change of
 * the contract breaks the stories at compile time rather than silently. Values follow the domain
 * notes: a 48.6 m² flat with 2 persons at ul. Zamkowa in Pabianice plus a garage, 2026 rates.
 * Money is computed exactly in grosze (BigInt), never as a float, so every total adds up.
 */
import type {
  AccountsResponse,
  BalanceHistoryResponse,
  BalanceMonthStatus,
  Freshness,
  PaymentResponse,
  AdminPeopleResponse,
  AuditResponse,
  ChargesResponse,
  DocumentsResponse,
  FeeBasis,
  FeeComponent,
  FiltersResponse,
  IssuedCredentials,
  LedgerDocument,
  MeResponse,
  Money,
  ReadingsResponse,
  RecentLoginsResponse,
  SessionUser,
  SettlementsResponse,
} from '@strefa/api-types';

// ------------------------------------------------------------------ exact money

/** "48.6" → { value: 486n, scale: 1 } */
function parseDecimal(text: string): { value: bigint; scale: number } {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole + fraction);
  return { value: negative ? -value : value, scale: fraction.length };
}

/** Grosze → "1234.50". */
export function money(grosze: bigint): Money {
  const negative = grosze < 0n;
  const abs = negative ? -grosze : grosze;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** "1234.50" → grosze. */
export function grosze(amount: Money): bigint {
  const { value, scale } = parseDecimal(amount);
  return scale === 2 ? value : value * 10n ** BigInt(2 - scale);
}

/** quantity × rate rounded half-up to the grosz, as the billing program does. */
function multiply(quantity: string, rate: string): bigint {
  const q = parseDecimal(quantity);
  const r = parseDecimal(rate);
  const scale = q.scale + r.scale;
  const product = q.value * r.value;
  if (scale <= 2) return product * 10n ** BigInt(2 - scale);
  const divisor = 10n ** BigInt(scale - 2);
  return (product + divisor / 2n) / divisor;
}

const sum = (amounts: Money[]) => money(amounts.reduce((total, a) => total + grosze(a), 0n));

// ------------------------------------------------------------------ session

export const residentUser: SessionUser = {
  login: 'kowalska.a7',
  role: 'resident',
  displayName: 'Anna Kowalska',
  mustChangePassword: false,
};

export const newResidentUser: SessionUser = { ...residentUser, mustChangePassword: true };

export const clerkUser: SessionUser = {
  login: 'bom.nowak',
  role: 'clerk',
  displayName: 'Ewa Nowak (BOM)',
  mustChangePassword: false,
};

export const recentLogins: RecentLoginsResponse = {
  events: [
    { at: '2026-11-27T07:58:12.000+01:00', action: 'login_success', ip: '83.24.117.9' },
    { at: '2026-11-20T19:03:44.000+01:00', action: 'login_success', ip: '83.24.117.9' },
    { at: '2026-11-20T19:02:51.000+01:00', action: 'login_failure', ip: '83.24.117.9' },
  ],
};

// ------------------------------------------------------------------ resident

export const FLAT_ID = 1012;
export const GARAGE_ID = 1187;

export const me: MeResponse = {
  person: {
    displayName: 'Anna Kowalska',
    firstName: 'Anna',
    lastName: 'Kowalska',
    memberNumber: '04127',
    email: 'anna.kowalska@example.pl',
    phone: '+48 601 234 567',
    correspondenceAddress: null,
  },
  assignments: [
    {
      id: 5011,
      role: 'member',
      share: '1/1',
      from: '2009-03-01',
      to: null,
      unit: {
        id: FLAT_ID,
        kind: 'flat',
        address: {
          street: 'ul. Zamkowa',
          building: '12',
          number: '4',
          postalCode: '95-200',
          city: 'Pabianice',
          text: 'ul. Zamkowa 12 m. 4, 95-200 Pabianice',
        },
        estate: 'Osiedle Centrum',
        area: '48.6',
        persons: 2,
        legalTitle: 'ownership_coop',
        bankAccount: '61109010140000071219812874',
      },
    },
    {
      id: 5412,
      role: 'member',
      share: '1/1',
      from: '2015-06-01',
      to: null,
      unit: {
        id: GARAGE_ID,
        kind: 'garage',
        address: {
          street: 'ul. Łaska',
          building: '20',
          number: 'G7',
          postalCode: '95-200',
          city: 'Pabianice',
          text: 'ul. Łaska 20 garaż G7, 95-200 Pabianice',
        },
        estate: 'Osiedle Centrum',
        area: '17.5',
        persons: 0,
        legalTitle: 'separate_ownership',
        bankAccount: '27109010140000071219812875',
      },
    },
  ],
};

/** The same resident with the flat only: no unit switcher. */
export const meOneUnit: MeResponse = { ...me, assignments: me.assignments.slice(0, 1) };

export const filters: FiltersResponse = {
  years: [2026, 2025, 2024],
  latest: { year: 2026, month: 11 },
  media: [
    { code: 'cold_water', name: 'Zimna woda', unit: 'm³' },
    { code: 'hot_water', name: 'Ciepła woda', unit: 'm³' },
    { code: 'heat', name: 'Ciepło (podzielniki)', unit: 'j.' },
  ],
  accounts: [
    { id: 301, name: 'Opłaty eksploatacyjne' },
    { id: 302, name: 'Media' },
    { id: 303, name: 'Odsetki' },
  ],
  settlementAccounts: [
    { id: 302, name: 'Media' },
    { id: 304, name: 'Centralne ogrzewanie' },
  ],
};

const FEES_2026: Array<[string, FeeBasis, string, string]> = [
  ['Eksploatacja', 'm2', '48.6', '2.10'],
  ['Fundusz remontowy', 'm2', '48.6', '1.80'],
  ['Centralne ogrzewanie – zaliczka', 'm2', '48.6', '3.45'],
  ['Zimna woda i odprowadzanie ścieków – zaliczka', 'm3', '6.0', '15.28'],
  ['Podgrzanie wody – zaliczka', 'm3', '2.4', '31.50'],
  ['Gospodarowanie odpadami komunalnymi', 'person', '2', '32.00'],
  ['Dźwig', 'person', '2', '7.00'],
  ['Domofon', 'unit', '1', '4.50'],
  ['Energia elektryczna części wspólnych', 'm2', '48.6', '0.14'],
  ['Podatek od nieruchomości', 'm2', '48.6', '0.085'],
];

/** Fee components of a month: rates rose on 1 January 2026 (older years ~6% lower). */
export function charges(year: number, month: number): ChargesResponse {
  const factor = year >= 2026 ? 100n : year === 2025 ? 94n : 89n;
  const components: FeeComponent[] = FEES_2026.map(([name, basis, quantity, rate2026]) => {
    // Two-place rates scale with the year; the three-place tax rate stays as it is.
    const rate = rate2026.split('.')[1]!.length === 2 ? money((grosze(rate2026) * factor) / 100n) : rate2026;
    return { name, basis, quantity, rate, amount: money(multiply(quantity, rate)) };
  });
  return { year, month, components, total: sum(components.map((c) => c.amount)) };
}

export const emptyCharges = (year: number, month: number): ChargesResponse => ({
  year,
  month,
  components: [],
  total: '0.00',
});

/** Documents of an account in a year: a charge and a payment every month, one interest note. */
export function documents(accountId: number, year: number): DocumentsResponse {
  const account = filters.accounts.find((a) => a.id === accountId) ?? filters.accounts[0]!;
  const monthly = accountId === 301 ? charges(year, 1).total : accountId === 302 ? '96.84' : '0.00';
  const months = year === 2026 ? 11 : 12;
  const list: LedgerDocument[] = [];
  let id = accountId * 1000 + (year % 100) * 40;
  for (let m = 1; m <= months && monthly !== '0.00'; m++) {
    const mm = String(m).padStart(2, '0');
    list.push({
      id: id++,
      date: `${year}-${mm}-01`,
      number: `NC/${year}/${mm}/0412`,
      kind: 'charge',
      description: `Naliczenie za ${mm}.${year}`,
      debit: monthly,
      credit: '0.00',
    });
    // November of the current year is not paid yet: an arrear shows on the account.
    if (!(year === 2026 && m === 11)) {
      list.push({
        id: id++,
        date: `${year}-${mm}-${m === 2 ? '14' : '12'}`,
        number: `WB/${year}/${mm}/${1800 + m}`,
        kind: 'payment',
        description: 'Wpłata na rachunek indywidualny',
        debit: '0.00',
        credit: monthly,
      });
    }
  }
  if (accountId === 303) {
    list.push({
      id: id++,
      date: `${year}-04-30`,
      number: `NO/${year}/0031`,
      kind: 'interest',
      description: 'Nota odsetkowa za zwłokę w zapłacie',
      debit: '4.87',
      credit: '0.00',
    });
    list.push({
      id: id++,
      date: `${year}-05-10`,
      number: `WB/${year}/05/2290`,
      kind: 'payment',
      description: 'Wpłata odsetek',
      debit: '0.00',
      credit: '4.87',
    });
  }
  return { year, account, documents: list };
}

const OPENING: Record<number, Money> = { 301: '0.00', 302: '-35.20', 303: '0.00' };

export function accounts(year: number): AccountsResponse {
  return {
    year,
    accounts: filters.accounts.map((account) => {
      const docs = documents(account.id, year).documents;
      const openingBalance = year === 2026 ? (OPENING[account.id] ?? '0.00') : '0.00';
      const debit = sum(docs.map((d) => d.debit));
      const credit = sum(docs.map((d) => d.credit));
      return {
        ...account,
        openingBalance,
        debit,
        credit,
        balance: money(grosze(openingBalance) + grosze(debit) - grosze(credit)),
      };
    }),
  };
}

export function readings(year: number, mediumCode: string): ReadingsResponse {
  const medium = filters.media.find((m) => m.code === mediumCode) ?? filters.media[0]!;
  const meters =
    medium.code === 'heat'
      ? [
          { number: 'PD-77120', location: 'pokój' },
          { number: 'PD-77121', location: 'kuchnia' },
        ]
      : [
          { number: medium.code === 'hot_water' ? 'WC-440917' : 'WZ-440918', location: 'łazienka' },
          { number: medium.code === 'hot_water' ? 'WC-440919' : 'WZ-440920', location: 'kuchnia' },
        ];
  const result: ReadingsResponse['readings'] = [];
  const dates = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`];
  meters.forEach((meter, index) => {
    let value = 100 + index * 37 + (year - 2024) * 40;
    for (const [n, date] of dates.entries()) {
      const consumption = medium.code === 'heat' ? 120 + n * 15 : 9 + n + index;
      value += consumption;
      result.push({
        date,
        meter,
        kind: n === 1 ? 'estimated' : n === 2 ? 'remote' : 'actual',
        value: `${value}.${(n * 3 + index) % 10}`,
        consumption: `${consumption}.${(n * 3 + index) % 10}`,
      });
    }
  });
  return { year, medium, readings: result };
}

export function settlements(year: number, accountId: number): SettlementsResponse {
  const account =
    filters.settlementAccounts.find((a) => a.id === accountId) ?? filters.settlementAccounts[0]!;
  const list: SettlementsResponse['settlements'] =
    account.id === 304
      ? [
          {
            documentNumber: `RCO/${year}/0412`,
            date: `${year}-05-20`,
            periodFrom: `${year - 1}-07-01`,
            periodTo: `${year}-04-30`,
            name: 'Rozliczenie kosztów centralnego ogrzewania',
            consumption: '412.7',
            consumptionUnit: 'j.',
            unitPrice: '3.9120',
            cost: money(multiply('412.7', '3.9120')),
            advances: '1677.00',
            balance: money(multiply('412.7', '3.9120') - grosze('1677.00')),
            dueDate: null,
          },
        ]
      : [
          {
            documentNumber: `RW/${year}/H1/0412`,
            date: `${year}-07-15`,
            periodFrom: `${year}-01-01`,
            periodTo: `${year}-06-30`,
            name: 'Rozliczenie zimnej wody i ścieków',
            consumption: '33.4',
            consumptionUnit: 'm³',
            unitPrice: '15.28',
            cost: money(multiply('33.4', '15.28')),
            advances: '550.08',
            balance: money(multiply('33.4', '15.28') - grosze('550.08')),
            dueDate: `${year}-08-31`,
          },
          {
            documentNumber: `RW/${year}/H1/0413`,
            date: `${year}-07-15`,
            periodFrom: `${year}-01-01`,
            periodTo: `${year}-06-30`,
            name: 'Rozliczenie podgrzania wody',
            consumption: '12.1',
            consumptionUnit: 'm³',
            unitPrice: '31.50',
            cost: money(multiply('12.1', '31.50')),
            advances: '453.60',
            balance: money(multiply('12.1', '31.50') - grosze('453.60')),
            dueDate: null,
          },
        ];
  return { year, account, settlements: list };
}

// ------------------------------------------------------------------ clerk

export const people: AdminPeopleResponse = {
  people: [
    {
      id: 1,
      displayName: 'Anna Kowalska',
      memberNumber: '04127',
      units: [
        { id: FLAT_ID, address: 'ul. Zamkowa 12 m. 4' },
        { id: GARAGE_ID, address: 'ul. Łaska 20 garaż G7' },
      ],
      login: 'kowalska.a7',
      lockedUntil: null,
      lastLoginAt: '2026-11-27T07:58:12.000+01:00',
      mustChangePassword: false,
    },
    {
      id: 2,
      displayName: 'Jan Kowalski',
      memberNumber: '05311',
      units: [{ id: 1044, address: 'ul. Zamkowa 14 m. 21' }],
      login: null,
    },
    {
      id: 3,
      displayName: 'Zofia Kowalczyk',
      memberNumber: '02218',
      units: [{ id: 2210, address: 'ul. Piłsudskiego 8 m. 3' }],
      login: 'kowalczyk.z3',
      lockedUntil: '2026-11-27T10:45:00.000+01:00',
      lastLoginAt: '2026-10-02T18:21:40.000+02:00',
      mustChangePassword: false,
    },
    {
      id: 4,
      displayName: 'Marek Kowalewski',
      memberNumber: '06603',
      units: [{ id: 3120, address: 'ul. Moniuszki 3 m. 15' }],
      login: 'kowalewski.m9',
      lockedUntil: null,
      lastLoginAt: null,
      mustChangePassword: true,
    },
  ],
};

export const issued: IssuedCredentials = {
  login: 'kowalski.j5',
  oneTimePassword: 'TRZ4-KWX7-MN9P',
  expiresAt: '2026-12-11T23:59:59.000+01:00',
};

export const audit: AuditResponse = {
  events: [
    {
      at: '2026-11-27T07:58:12.000+01:00',
      actor: 'kowalska.a7',
      actorName: 'Anna Kowalska',
      action: 'login_success',
      target: 'kowalska.a7',
      ip: '83.24.117.9',
    },
    {
      at: '2026-11-20T19:02:51.000+01:00',
      actor: null,
      actorName: null,
      action: 'login_failure',
      target: 'kowalska.a7',
      ip: '83.24.117.9',
    },
    {
      at: '2026-03-02T09:14:05.000+01:00',
      actor: 'kowalska.a7',
      actorName: 'Anna Kowalska',
      action: 'password_change',
      target: 'kowalska.a7',
      ip: '83.24.117.9',
    },
    {
      at: '2026-03-02T09:12:30.000+01:00',
      actor: 'bom.nowak',
      actorName: 'Barbara Nowak',
      action: 'credentials_issued',
      target: 'kowalska.a7',
      ip: '10.0.4.17',
    },
  ],
};

// ------------------------------------------------------------------ paying (Do zapłaty, Skąd to saldo?)

/** The billing data's freshness as the API sends it with every answer: this morning's import. */
export function freshness(stale = false): Freshness {
  const at = new Date();
  at.setHours(5, 30, 0, 0);
  if (stale) at.setDate(at.getDate() - 5);
  return { asOf: at.toISOString(), stale };
}

/** A 2D payment text (ZBP) for the demo flat: NIP|PL|account|grosze|recipient|title|||. */
export function paymentQr(amount: Money): string {
  const gr = grosze(amount);
  const digits = gr > 0n && gr <= 999_999n ? gr.toString().padStart(6, '0') : '000000';
  return `7311948207|PL|${me.assignments[0]!.unit.bankAccount}|${digits}|Pabianicka SM|Zamkowa 12/4 czł. 04127|||`;
}

/** "Do zapłaty" for the flat, from this year's ledger: each account's balance, Σ positive due. */
export function payment(patch: Partial<PaymentResponse> = {}): PaymentResponse {
  const ledger = accounts(2026).accounts;
  const due = ledger.reduce((total, a) => (grosze(a.balance) > 0n ? total + grosze(a.balance) : total), 0n);
  const amountDue = money(due);
  return {
    ...freshness(),
    dueDay: 10,
    dueDate: '2026-12-10',
    amountDue,
    overdue: '0.00',
    overpaid: false,
    assignedUntil: null,
    accounts: ledger.map((a) => ({
      id: a.id,
      name: a.name,
      balance: a.balance,
      overdue: '0.00',
      currentCharge: a.id === 301 ? '412.37' : '0.00',
    })),
    transfer: {
      recipient: {
        name: 'Pabianicka Spółdzielnia Mieszkaniowa',
        address: 'ul. Zamkowa 42, 95-200 Pabianice',
        nip: '7311948207',
        shortName: 'Pabianicka SM',
      },
      account: me.assignments[0]!.unit.bankAccount ?? '61124030312000000000000017',
      title: 'Zamkowa 12/4 czł. 04127',
      amount: amountDue,
    },
    qr: paymentQr(amountDue),
    problem: null,
    ...patch,
  };
}

/** The flat's accounts month by month, December 2025 – November 2026, from the mocked documents. */
export function balanceHistory(): BalanceHistoryResponse {
  const months = [
    '2025-12',
    ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
  ];
  return {
    ...freshness(),
    from: months[0]!,
    to: months[months.length - 1]!,
    accounts: filters.accounts.map((account) => {
      let balance = grosze(accounts(2025).accounts.find((a) => a.id === account.id)?.balance ?? '0.00');
      const docs = [...documents(account.id, 2025).documents, ...documents(account.id, 2026).documents];
      return {
        id: account.id,
        name: account.name,
        months: months.map((month) => {
          if (month === '2026-01')
            balance = grosze(accounts(2026).accounts.find((a) => a.id === account.id)!.openingBalance);
          const inMonth = docs.filter((d) => d.date.startsWith(month));
          const charged = inMonth.reduce((t, d) => t + grosze(d.debit), 0n);
          const paid = inMonth.reduce((t, d) => t + grosze(d.credit), 0n);
          balance += charged - paid;
          const status: BalanceMonthStatus =
            balance < 0n ? 'overpaid' : balance === 0n ? 'paid' : balance >= charged ? 'unpaid' : 'partial';
          return { month, charged: money(charged), paid: money(paid), balance: money(balance), status };
        }),
      };
    }),
  };
}
