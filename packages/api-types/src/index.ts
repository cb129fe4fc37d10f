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
  | 'internal';

/** Why a new password was refused; each has a Polish message in `message`. */
export type PasswordPolicyReason =
  'too_short' | 'too_long' | 'same_as_login' | 'too_common' | 'too_weak' | 'same_as_current';

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
  /** Persons the fees are charged for. */
  persons: number;
  legalTitle: LegalTitle;
  /** 26-digit NRB of the unit's individual bank account, digits only. */
  bankAccount: string;
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
