/**
 * The request and response bodies of Strefa's HTTP API (`/api/v1`; docs/api.md describes it and
 * docs/openapi.yaml, checked against real answers in the tests, specifies it). The widgets' API
 * client and the BFF's routers both import these types, so a change of the API is a compile
 * error on both sides at once. The API only grows: a field is added (optional for older
 * servers), never renamed or removed, and an error is always `{error: {code, message, field?}}`.
 *
 * Conventions that the types cannot express:
 * - `Money` is a decimal string with exactly two places: `"1234.50"`, `"-12.30"`.
 * - `Decimal` is an exact decimal string without a fixed number of places: `"48.6"`, `"0.085"`.
 * - `IsoDate` is `YYYY-MM-DD` (a Polish calendar date); `Instant` is ISO 8601 with the offset of
 *   Europe/Warsaw, and every widget shows it on the Warsaw clock.
 */

/** A decimal string with exactly two places, e.g. `"1234.50"` or `"-12.30"`. Never a float. */
export type Money = string;
/** An exact decimal string, e.g. `"48.6"` (m²) or `"0.085"` (a rate). Never a float. */
export type Decimal = string;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An instant, ISO 8601 with offset, e.g. `2026-11-27T08:15:00.000+01:00`. */
export type Instant = string;

// ---------------------------------------------------------------- errors

export type ErrorCode =
  | 'invalid_parameter'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'start_password_expired'
  | 'forbidden'
  | 'password_change_required'
  | 'csrf'
  | 'not_found'
  | 'already_issued'
  | 'password_policy'
  | 'account_locked'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal'
  /** 405: the path exists, the method does not (the answer's `Allow` lists those that do). */
  | 'method_not_allowed'
  /** 431: the request's headers (cookies included) are too large to read. */
  | 'headers_too_large'
  /** 400: not a well-formed HTTP request (answered before the app reads it). */
  | 'bad_request'
  /** 408: the request did not arrive in full within the server's time limits. */
  | 'request_timeout';

/** Why a new password was refused; each has a Polish message in `message`. */
export type PasswordPolicyReason =
  | 'too_short'
  | 'too_long'
  | 'same_as_login'
  | 'too_common'
  | 'too_weak'
  | 'same_as_current'
  /** Built from the person's own data (names, login, address, member number). */
  | 'personal_data'
  /** Built from the cooperative's or the portal's words (name, town, "strefa"…). */
  | 'site_words'
  /** The example phrase of the password form's hint. */
  | 'example_phrase'
  /** Neighbouring keys of a keyboard ("zaq1@WSX"). */
  | 'keyboard_pattern'
  /** The password used before the last reset, or the one being replaced. */
  | 'reused_password';

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    /** Polish, for a person. */
    message: string;
    /** The request field that was refused, where there is one. */
    field?: string;
    /** With `password_policy`: every reason the password was refused. */
    reasons?: { code: PasswordPolicyReason; message: string }[];
    /** With `account_locked`: when the lock ends. */
    lockedUntil?: Instant;
    /** With `too_many_requests`: seconds to wait. */
    retryAfter?: number;
  };
}

// ---------------------------------------------------------------- session

export type Role = 'resident' | 'clerk';

export interface SessionUser {
  login: string;
  role: Role;
  displayName: string;
  /** True after a start password: every endpoint but the password change answers 403. */
  mustChangePassword: boolean;
}

export interface SessionResponse {
  user: SessionUser;
}

/** `GET /session`: the user, or null when nobody is logged in (200 either way). */
export interface SessionCheckResponse {
  user: SessionUser | null;
  /**
   * With `?include=me`, for a signed-in resident past the start password: what `GET /me`
   * answers, so a page needs one round trip, not two, before its data.
   */
  me?: MeResponse & Freshness;
}

export interface LoginRequest {
  login: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `GET /api/v1/session/logins`: the resident's own recent sign-ins. */
export interface RecentLoginsResponse {
  events: { at: Instant; action: 'login_success' | 'login_failure'; ip: string | null }[];
}

// ---------------------------------------------------------------- resident

export type UnitKind = 'flat' | 'commercial' | 'garage' | 'parking_space' | 'storage';
export type LegalTitle = 'ownership_coop' | 'tenancy_coop' | 'separate_ownership' | 'lease';
export type AssignmentRole = 'member' | 'co_owner' | 'tenant';

export interface Address {
  street: string;
  building: string;
  /** Flat, garage or storage number; null for a whole building. */
  number: string | null;
  postalCode: string;
  city: string;
  /** One line, as a letter would put it: `ul. Zamkowa 12 m. 4, 95-200 Pabianice`. */
  text: string;
}

export interface Unit {
  id: number;
  kind: UnitKind;
  address: Address;
  estate: string;
  /** Floor area in m², exact. */
  area: Decimal;
  /**
   * Persons the fees are charged for. For a unit the person no longer holds: as of the end of
   * their assignment (`asOf`), or null when no month of it was charged per person.
   */
  persons: number | null;
  legalTitle: LegalTitle;
  /**
   * 26-digit NRB of the unit's individual bank account, digits only; null for a unit the person
   * no longer holds (the account is the current holder's).
   */
  bankAccount: string | null;
  /** Only for a unit the person no longer holds: the last day of their assignment, which `persons` describes. */
  asOf?: IsoDate;
}

export interface Assignment {
  id: number;
  role: AssignmentRole;
  /** Share in the unit, e.g. `"1/1"` or `"1/2"`. */
  share: string;
  from: IsoDate;
  to: IsoDate | null;
  unit: Unit;
}

export interface Person {
  displayName: string;
  firstName: string;
  lastName: string;
  memberNumber: string | null;
  email: string | null;
  phone: string | null;
  correspondenceAddress: string | null;
}

export interface MeResponse {
  person: Person;
  assignments: Assignment[];
}

export interface Medium {
  code: string;
  name: string;
  /** Unit of measure of its readings, e.g. `m³`. */
  unit: string;
}

export interface AccountRef {
  id: number;
  name: string;
}

export interface FiltersResponse {
  /** Years with data visible to this person, newest first. */
  years: number[];
  /** The latest year and month with fee components: the widgets' default period. */
  latest: { year: number; month: number } | null;
  media: Medium[];
  accounts: AccountRef[];
  settlementAccounts: AccountRef[];
}

export type FeeBasis = 'm2' | 'person' | 'unit' | 'm3';

export interface FeeComponent {
  name: string;
  basis: FeeBasis;
  quantity: Decimal;
  rate: Decimal;
  amount: Money;
}

export interface ChargesResponse {
  year: number;
  month: number;
  components: FeeComponent[];
  /** The sum of the components' amounts, to the grosz. */
  total: Money;
}

export interface AccountState {
  id: number;
  name: string;
  openingBalance: Money;
  debit: Money;
  credit: Money;
  /** openingBalance + debit − credit: positive is arrears, negative an overpayment. */
  balance: Money;
}

export interface AccountsResponse {
  year: number;
  accounts: AccountState[];
}

export type DocumentKind = 'charge' | 'payment' | 'interest' | 'correction' | 'settlement';

export interface LedgerDocument {
  id: number;
  date: IsoDate;
  number: string;
  kind: DocumentKind;
  description: string;
  debit: Money;
  credit: Money;
}

export interface DocumentsResponse {
  year: number;
  account: AccountRef;
  documents: LedgerDocument[];
}

export type ReadingKind = 'actual' | 'estimated' | 'remote';

export interface Reading {
  date: IsoDate;
  meter: { number: string; location: string };
  kind: ReadingKind;
  value: Decimal;
  consumption: Decimal;
}

export interface ReadingsResponse {
  year: number;
  medium: Medium;
  readings: Reading[];
}

export interface Settlement {
  documentNumber: string;
  date: IsoDate;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  name: string;
  consumption: Decimal;
  /** Unit of the consumption, e.g. `m³`. */
  consumptionUnit: string;
  unitPrice: Decimal;
  cost: Money;
  advances: Money;
  /** cost − advances: positive to pay (niedopłata), negative to refund (nadpłata). */
  balance: Money;
  dueDate: IsoDate | null;
}

export interface SettlementsResponse {
  year: number;
  account: AccountRef;
  settlements: Settlement[];
}

// ---------------------------------------------------------------- clerk

export interface AdminPerson {
  id: number;
  displayName: string;
  memberNumber: string | null;
  units: { id: number; address: string }[];
  login: string | null;
  /** With a login: whether it is locked now, and until when. */
  lockedUntil?: Instant | null;
  lastLoginAt?: Instant | null;
  mustChangePassword?: boolean;
}

export interface AdminPeopleResponse {
  people: AdminPerson[];
}

export interface IssueCredentialsRequest {
  personId: number;
}

export interface IssuedCredentials {
  login: string;
  oneTimePassword: string;
  expiresAt: Instant;
}

export type AuditAction =
  | 'login_success'
  | 'login_failure'
  | 'logout'
  | 'password_change'
  | 'credentials_issued'
  | 'credentials_reset'
  | 'account_locked'
  | 'clerk_created';

export interface AuditEvent {
  at: Instant;
  actor: string | null;
  /** The actor's name ("Anna Nowak" for a clerk), null for an anonymous attempt or a removed login. */
  actorName?: string | null;
  action: AuditAction;
  target: string | null;
  ip: string | null;
}

export interface AuditResponse {
  events: AuditEvent[];
}

// ---------------------------------------------------------------- freshness and paying

/**
 * Carried by every data answer of the resident's endpoints (`/me`, `/units/:id/*`), added by the
 * routers: when the billing data were last brought up to date, and whether that is longer ago
 * than the server's STALE_AFTER_HOURS (the widgets then say the figures may be out of date).
 */
export interface Freshness {
  /** The billing program's last posting or import; null when the billing schema does not say. */
  asOf: Instant | null;
  /** True when `asOf` is unknown or older than STALE_AFTER_HOURS. */
  stale: boolean;
}

/** A response of a resident's data endpoint as it arrives: its own fields and the freshness. */
export type WithFreshness<T> = T & Freshness;

/** The status of a month's charges after the payments so far (oldest charge paid first). */
export type BalanceMonthStatus = 'paid' | 'partial' | 'unpaid' | 'overpaid';

export interface PaymentAccount {
  id: number;
  name: string;
  /** Today's balance (on the last day of the person's assignment if that has ended). */
  balance: Money;
  /** What of a positive balance is past its due date. */
  overdue: Money;
  /** This month's charge (the monthly fee posted on the 1st), zero when none is visible. */
  currentCharge: Money;
}

export interface PaymentRecipient {
  name: string;
  address: string;
  /** 10 digits. */
  nip: string;
  /** The name as the QR code carries it (≤ 20 characters, the standard's characters only). */
  shortName: string;
}

export interface PaymentTransfer {
  recipient: PaymentRecipient;
  /** The unit's individual account number: 26 digits, check digits verified. */
  account: string;
  /** Unit address and member number, ≤ 32 characters of the standard's set. */
  title: string;
  /** = amountDue. */
  amount: Money;
}

/** Why there is no transfer to show: a setting missing, or an account number that fails its check. */
export type PaymentProblem = 'recipient_not_configured' | 'invalid_account_number';

export interface PaymentResponse extends Freshness {
  /** Day of the month by which the month's fees are due (PAYMENT_DUE_DAY). */
  dueDay: number;
  /** This month's due date, YYYY-MM-DD. */
  dueDate: IsoDate;
  /** What to pay now to be up to date: Σ of the accounts' positive balances; "0.00" when nothing is due. */
  amountDue: Money;
  /** Of amountDue, what is past its due date. */
  overdue: Money;
  /** True when nothing is due and an account is in credit (paid in advance). */
  overpaid: boolean;
  /** The last day of the person's assignment when it has ended (figures are as of that day), else null. */
  assignedUntil: IsoDate | null;
  accounts: PaymentAccount[];
  /** Null when `problem` says why (never a transfer to an account number that fails its check). */
  transfer: PaymentTransfer | null;
  /** The payment code's text (Rekomendacja ZBP "Standard 2D"): `NIP|PL|account|amount|recipient|title|||`. */
  qr: string | null;
  problem: PaymentProblem | null;
}

export interface BalanceMonth {
  /** YYYY-MM. */
  month: string;
  /** The month's debit (Wn): charges, interest notes, corrections, refunds. */
  charged: Money;
  /** The month's credit (Ma): payments and credit corrections. */
  paid: Money;
  /** The balance at the month's end (on today for the current month). */
  balance: Money;
  status: BalanceMonthStatus;
}

export interface BalanceHistoryAccount {
  id: number;
  name: string;
  /** Oldest first; only months the person may see. */
  months: BalanceMonth[];
}

export interface BalanceHistoryResponse extends Freshness {
  /** First and last month of the range, YYYY-MM. */
  from: string;
  to: string;
  accounts: BalanceHistoryAccount[];
}

// ---------------------------------------------------------------- charts (history and comparison)

/** How a building's consumption is averaged: per person (water) or per m² of area (heat). */
export type ComparisonBasis = 'person' | 'm2';

/** One reading period (a half-year) of the consumption chart. */
export interface ConsumptionPeriod {
  year: number;
  /** 1: January–June, 2: July–December (readings are taken on 30 June and 31 December). */
  half: 1 | 2;
  from: IsoDate;
  to: IsoDate;
  /** The unit's own consumption in the medium's unit; null: no reading visible in the period. */
  consumption: Decimal | null;
  /** The unit's own consumption per person or per m² (today's persons and area); null when unknown. */
  perBasis: Decimal | null;
  /**
   * The average per person or per m² of the units of the same kind in the building (the unit
   * itself included); null when fewer than `minimumUnits` of them have readings in the period,
   * so that no neighbour can be recognised.
   */
  building: { units: number; average: Decimal } | null;
}

/** `GET /units/:unitId/readings/comparison?year=&medium=`: the chosen year and the one before. */
export interface ReadingsComparisonResponse {
  year: number;
  medium: Medium;
  basis: ComparisonBasis;
  /** The fewest units a building average is computed from (5). */
  minimumUnits: number;
  /** The four half-years of year − 1 and year, oldest first, always four. */
  periods: ConsumptionPeriod[];
}

/** A fee component that differs from the month before (new, gone, another rate or quantity). */
export interface ChargeChange {
  name: string;
  basis: FeeBasis;
  /** null: the component is new this month. */
  previousRate: Decimal | null;
  /** null: the component is gone this month. */
  rate: Decimal | null;
  previousQuantity: Decimal | null;
  quantity: Decimal | null;
  previousAmount: Money | null;
  amount: Money | null;
}

export interface ChargeHistoryMonth {
  year: number;
  month: number;
  /** The month's fee; null when the month has no components the person may see. */
  total: Money | null;
  /** Against the previous month with a fee (empty for the first one). */
  changes: ChargeChange[];
}

/** `GET /units/:unitId/charges/history?year=&month=`: the 24 months ending with the given one. */
export interface ChargeHistoryResponse {
  /** The months, oldest first, always 24. */
  months: ChargeHistoryMonth[];
}

/** `GET /units/:unitId/settlements/history?year=&account=`: the settlements of up to 10 years. */
export interface SettlementHistoryResponse {
  fromYear: number;
  toYear: number;
  account: AccountRef;
  /** Oldest period first. */
  settlements: Settlement[];
}
