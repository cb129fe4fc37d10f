/**
 * Credentials: the cooperative's access procedure in one place. A clerk issues an identifier and a
 * one-time start password (or a new start password on reset); a person signs in, is locked out
 * after repeated failures, must replace a start password at the first sign-in, and can change
 * their password. Routers stay thin and call these methods; the tests target them through HTTP.
 *
 * Enumeration: a login that does not exist walks the same path as a wrong password — the same
 * queries, a scrypt verification against a dummy hash, the same throttle row keyed by the typed
 * login, the same answer — so neither the body, the status nor the timing tells them apart.
 */
import type { IssuedCredentials, Role } from '@strefa/api-types';
import { ApiError, notFound } from '../errors.ts';
import { generateLogin, generateOneTimePassword } from '../lib/secrets.ts';
import { formatInstant, polishDuration } from '../lib/time.ts';
import { portal } from '../db/tables.ts';
import { Credential, LoginThrottle, Person } from '../models/index.ts';
import type { AuditService } from './audit-service.ts';
import type { ServiceContext } from './context.ts';
import { normaliseLogin, type PasswordService } from './password-service.ts';

/** The person behind a session; what `ctx.state.user` holds. */
export interface AuthenticatedUser {
  login: string;
  role: Role;
  personId: number | null;
  displayName: string;
  mustChangePassword: boolean;
}

/** The longest a lockout lasts however often it repeats (the doubling stops here). */
export const MAX_LOCK_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;
const THROTTLE_SWEEP_EVERY_MS = 3_600_000;
/** Width of the throttle key column (migration 002). */
const THROTTLE_KEY_WIDTH = 128;

/** Logins a clerk may choose for a clerk account (the CLI); residents get generated ones. */
export const CLERK_LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,39}$/;

export const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', 'Nieprawidłowy identyfikator lub hasło.');

export const startPasswordExpired = () =>
  new ApiError(
    401,
    'start_password_expired',
    'Hasło startowe wygasło. Zgłoś się do biura spółdzielni z dokumentem tożsamości po nowe hasło startowe.',
  );

export const accountLocked = (lockedUntil: number, now: number) => {
  const seconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  return new ApiError(
    423,
    'account_locked',
    `Zbyt wiele nieudanych prób logowania. Logowanie zablokowano na ${polishDuration(lockedUntil - now)}; spróbuj ponownie później lub poproś biuro spółdzielni o nowe hasło startowe.`,
    { lockedUntil: formatInstant(lockedUntil) },
    { 'Retry-After': String(seconds) },
  );
};

export interface RequestInfo {
  ip: string | null;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errorNum?: number; message?: string };
  return (
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.errorNum === 1 || // ORA-00001 unique constraint violated
    /ORA-00001|UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export function toUser(credential: Credential): AuthenticatedUser {
  return {
    login: credential.login,
    role: credential.role,
    personId: credential.personId === null ? null : Number(credential.personId),
    displayName: credential.displayName,
    mustChangePassword: Boolean(Number(credential.mustChangePassword)),
  };
}

export class CredentialsService {
  constructor(
    readonly context: ServiceContext,
    readonly passwords: PasswordService,
    readonly audit: AuditService,
  ) {}

  private get knex() {
    return this.context.knex;
  }

  private now(): number {
    return this.context.now();
  }

  /** Lock length after the n-th lock (1-based): base, 2×base, 4×base… up to MAX_LOCK_MS. */
  lockDuration(lockCount: number): number {
    const base = this.context.config.lockoutBaseMs;
    return Math.min(MAX_LOCK_MS, base * 2 ** Math.min(Math.max(lockCount - 1, 0), 30));
  }

  static throttleKey(login: string): string {
    return normaliseLogin(login).slice(0, THROTTLE_KEY_WIDTH);
  }

  async findCredential(login: string): Promise<Credential | undefined> {
    return Credential.query(this.knex).findById(normaliseLogin(login));
  }

  /** The lock that holds now for a typed login, if any (epoch ms of its end). */
  async lockedUntil(login: string): Promise<number | null> {
    const row = await LoginThrottle.query(this.knex).findById(CredentialsService.throttleKey(login));
    const until =
      row?.lockedUntil === null || row?.lockedUntil === undefined ? null : Number(row.lockedUntil);
    return until !== null && until > this.now() ? until : null;
  }

  /**
   * Counts one failure for a typed login (known or not) and locks it at the threshold. Returns the
   * lock's end when this failure locked it. Increments are single UPDATE statements and the lock is
   * taken by a conditional UPDATE, so two instances failing at once cannot lose a count.
   */
  private async recordFailure(key: string, info: RequestInfo): Promise<number | null> {
    const now = this.now();
    await this.sweepThrottle(now);
    const table = () => this.knex(portal.loginThrottle);
    const updated = await table()
      .where({ loginKey: key })
      .update({ failures: this.knex.raw('?? + 1', ['failures']), updatedAt: now });
    if (!updated) {
      try {
        await table().insert({ loginKey: key, failures: 1, lockCount: 0, lockedUntil: null, updatedAt: now });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await table()
          .where({ loginKey: key })
          .update({ failures: this.knex.raw('?? + 1', ['failures']), updatedAt: now });
      }
    }
    const row = await LoginThrottle.query(this.knex).findById(key);
    if (!row || Number(row.failures) < this.context.config.lockoutThreshold) return null;
    const lockCount = Number(row.lockCount) + 1;
    const until = now + this.lockDuration(lockCount);
    const locked = await table()
      .where({ loginKey: key })
      .where('failures', '>=', this.context.config.lockoutThreshold)
      .update({ failures: 0, lockCount, lockedUntil: until, updatedAt: now });
    if (!locked) return null;
    await this.audit.record({
      action: 'account_locked',
      actor: null,
      target: key,
      ip: info.ip,
      detail: `lock ${lockCount}, ${Math.round((until - now) / 60_000)} min`,
    });
    return until;
  }

  private lastThrottleSweep = 0;

  /**
   * Forgets counters that have been quiet for a day and hold no lock, so guessing random logins
   * cannot grow the table without bound. (A login quiet for a day starts its doubling afresh.)
   */
  private async sweepThrottle(now: number): Promise<void> {
    if (now - this.lastThrottleSweep < THROTTLE_SWEEP_EVERY_MS) return;
    this.lastThrottleSweep = now;
    await this.knex(portal.loginThrottle)
      .where('updatedAt', '<', now - MAX_LOCK_MS)
      .where((q) => {
        q.whereNull('lockedUntil').orWhere('lockedUntil', '<', now);
      })
      .delete();
  }

  private async clearThrottle(key: string): Promise<void> {
    await this.knex(portal.loginThrottle).where({ loginKey: key }).delete();
  }

  /**
   * Signs in with a login and password. Throws 423 `account_locked` while locked, 401
   * `invalid_credentials` for a wrong password or an unknown login (identically), 401
   * `start_password_expired` for a correct but expired start password. Upgrades the hash when
   * its scrypt parameters are below the settings.
   */
  async login(loginTyped: string, password: string, info: RequestInfo): Promise<AuthenticatedUser> {
    const key = CredentialsService.throttleKey(loginTyped);
    const [credential, throttle] = await Promise.all([
      Credential.query(this.knex).findById(key),
      LoginThrottle.query(this.knex).findById(key),
    ]);
    const now = this.now();
    // The audit names an existing login canonically (so the clerk's view of it is complete) and
    // an unknown one as typed (cut to the column), so spraying is visible too.
    const target = credential?.login ?? loginTyped;
    const lockedUntil = throttle?.lockedUntil == null ? null : Number(throttle.lockedUntil);
    if (lockedUntil !== null && lockedUntil > now) {
      await this.audit.record({
        action: 'login_failure',
        actor: null,
        target,
        ip: info.ip,
        detail: 'locked',
      });
      throw accountLocked(lockedUntil, now);
    }

    await this.passwords.prepareDummy();
    const ok = credential
      ? await this.passwords.verify(credential.passwordHash, password)
      : await this.passwords.verifyDummy(password);

    if (!ok || !credential) {
      const until = await this.recordFailure(key, info);
      await this.audit.record({
        action: 'login_failure',
        actor: null,
        target,
        ip: info.ip,
        detail: 'invalid_credentials',
      });
      if (until !== null) throw accountLocked(until, this.now());
      throw invalidCredentials();
    }

    const mustChange = Boolean(Number(credential.mustChangePassword));
    const expiresAt = credential.oneTimeExpiresAt == null ? null : Number(credential.oneTimeExpiresAt);
    if (mustChange && expiresAt !== null && expiresAt <= this.now()) {
      await this.audit.record({
        action: 'login_failure',
        actor: null,
        target: credential.login,
        ip: info.ip,
        detail: 'start_password_expired',
      });
      throw startPasswordExpired();
    }

    const patch: Partial<Credential> = { lastLoginAt: this.now() };
    if (this.passwords.needsRehash(credential.passwordHash)) {
      patch.passwordHash = await this.passwords.hash(password);
    }
    await Credential.query(this.knex).findById(credential.login).patch(patch);
    if (throttle) await this.clearThrottle(key);
    await this.audit.record({
      action: 'login_success',
      actor: credential.login,
      target: credential.login,
      ip: info.ip,
    });
    return toUser(credential);
  }

  /**
   * Replaces the password of a signed-in user after checking the current one (a wrong current
   * password counts towards the lockout like a failed login) and the policy. Ends the login's
   * other sessions; the caller regenerates the current one.
   */
  async changePassword(
    login: string,
    currentPassword: string,
    newPassword: string,
    info: RequestInfo & { keepSessionId?: string },
  ): Promise<AuthenticatedUser> {
    const credential = await this.findCredential(login);
    if (!credential) throw new ApiError(401, 'unauthenticated', 'Sesja wygasła. Zaloguj się ponownie.');
    const key = CredentialsService.throttleKey(login);
    const lockedUntil = await this.lockedUntil(login);
    if (lockedUntil !== null) throw accountLocked(lockedUntil, this.now());
    if (!(await this.passwords.verify(credential.passwordHash, currentPassword))) {
      const until = await this.recordFailure(key, info);
      await this.audit.record({
        action: 'login_failure',
        actor: credential.login,
        target: credential.login,
        ip: info.ip,
        detail: 'password_change: wrong current password',
      });
      if (until !== null) {
        await this.endSessions(credential.login);
        throw accountLocked(until, this.now());
      }
      throw new ApiError(401, 'invalid_credentials', 'Obecne hasło jest nieprawidłowe.', {
        field: 'currentPassword',
      });
    }
    let userInputs: string[] = [credential.displayName, ...credential.displayName.split(/\s+/)];
    if (credential.personId !== null) {
      const person = await Person.query(this.knex).findById(credential.personId);
      if (person) userInputs = [...userInputs, person.memberNumber ?? '', person.email ?? ''];
    }
    this.passwords.assertPolicy(newPassword, {
      login: credential.login,
      currentPassword,
      userInputs: userInputs.filter(Boolean),
    });
    const now = this.now();
    const passwordHash = await this.passwords.hash(newPassword);
    await Credential.query(this.knex).findById(credential.login).patch({
      passwordHash,
      mustChangePassword: 0,
      oneTimeExpiresAt: null,
      passwordChangedAt: now,
    });
    await this.endSessions(credential.login, info.keepSessionId);
    await this.audit.record({
      action: 'password_change',
      actor: credential.login,
      target: credential.login,
      ip: info.ip,
    });
    return { ...toUser(credential), mustChangePassword: false };
  }

  /** Ends every session of a login (on every instance: the sessions live in the database). */
  async endSessions(login: string, exceptHashedId?: string): Promise<number> {
    const query = this.knex(portal.sessions).where({ login });
    if (exceptHashedId) query.whereNot({ id: exceptHashedId });
    return query.delete();
  }

  private startPasswordExpiry(): number {
    return this.now() + this.context.config.oneTimePasswordDays * DAY_MS;
  }

  /** Issues an identifier and a start password to a person; 409 when they already have one. */
  async issue(personId: number, clerk: string, info: RequestInfo): Promise<IssuedCredentials> {
    const person = await Person.query(this.knex).findById(personId);
    if (!person) throw notFound('Nie ma osoby o takim numerze w ewidencji spółdzielni.');
    const existing = await Credential.query(this.knex).where({ personId }).first();
    if (existing) throw alreadyIssued(existing.login);

    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await this.passwords.hash(oneTimePassword);
    const expiresAt = this.startPasswordExpiry();
    const displayName = `${person.firstName} ${person.lastName}`.slice(0, 120);
    for (let attempt = 0; ; attempt++) {
      const login = generateLogin();
      try {
        await Credential.query(this.knex).insert({
          login,
          role: 'resident',
          personId,
          displayName,
          passwordHash,
          mustChangePassword: 1,
          oneTimeExpiresAt: expiresAt,
          createdAt: this.now(),
          createdBy: clerk,
          passwordChangedAt: null,
          lastLoginAt: null,
        });
        // A stranger may have typed this identifier before it existed: start with a clean slate.
        await this.clearThrottle(CredentialsService.throttleKey(login));
        await this.audit.record({ action: 'credentials_issued', actor: clerk, target: login, ip: info.ip });
        return { login, oneTimePassword, expiresAt: formatInstant(expiresAt) };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Either the person got a login a moment ago (a double click), or the random login exists.
        const raced = await Credential.query(this.knex).where({ personId }).first();
        if (raced) throw alreadyIssued(raced.login);
        if (attempt >= 5) throw error;
      }
    }
  }

  /**
   * A new start password for an existing login: ends its sessions everywhere and lifts a lockout.
   * The identifier stays the same.
   */
  async reset(loginTyped: string, actor: string, info: RequestInfo): Promise<IssuedCredentials> {
    const credential = await this.findCredential(loginTyped);
    if (!credential) throw notFound('Nie ma takiego identyfikatora.');
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await this.passwords.hash(oneTimePassword);
    const expiresAt = this.startPasswordExpiry();
    await Credential.query(this.knex).findById(credential.login).patch({
      passwordHash,
      mustChangePassword: 1,
      oneTimeExpiresAt: expiresAt,
    });
    await this.endSessions(credential.login);
    await this.clearThrottle(CredentialsService.throttleKey(credential.login));
    await this.audit.record({
      action: 'credentials_reset',
      actor,
      target: credential.login,
      ip: info.ip,
    });
    return { login: credential.login, oneTimePassword, expiresAt: formatInstant(expiresAt) };
  }

  /** A clerk account with a start password (the `admin create-clerk` command). */
  async createClerk(
    loginTyped: string,
    displayName: string,
    actor: string | null,
  ): Promise<IssuedCredentials> {
    const login = normaliseLogin(loginTyped);
    if (!CLERK_LOGIN_PATTERN.test(login)) {
      throw new ApiError(
        400,
        'invalid_parameter',
        'Identyfikator: 3–40 znaków, małe litery łacińskie, cyfry, kropka, podkreślenie lub myślnik; zaczyna się literą.',
        { field: 'login' },
      );
    }
    const name = displayName.normalize('NFC').trim();
    if (!name || name.length > 120) {
      throw new ApiError(400, 'invalid_parameter', 'Podaj imię i nazwisko (do 120 znaków).', {
        field: 'displayName',
      });
    }
    if (await this.findCredential(login)) {
      throw new ApiError(409, 'already_issued', `Identyfikator ${login} już istnieje.`);
    }
    const oneTimePassword = generateOneTimePassword();
    const expiresAt = this.startPasswordExpiry();
    await Credential.query(this.knex).insert({
      login,
      role: 'clerk',
      personId: null,
      displayName: name,
      passwordHash: await this.passwords.hash(oneTimePassword),
      mustChangePassword: 1,
      oneTimeExpiresAt: expiresAt,
      createdAt: this.now(),
      createdBy: actor,
      passwordChangedAt: null,
      lastLoginAt: null,
    });
    await this.clearThrottle(CredentialsService.throttleKey(login));
    await this.audit.record({ action: 'clerk_created', actor, target: login, ip: null });
    return { login, oneTimePassword, expiresAt: formatInstant(expiresAt) };
  }
}

const alreadyIssued = (login: string) =>
  new ApiError(
    409,
    'already_issued',
    `Ta osoba ma już identyfikator ${login}. Jeśli zgubiła hasło, wydaj nowe hasło startowe (reset).`,
  );
