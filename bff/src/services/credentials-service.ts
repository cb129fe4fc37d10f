/**
 * Credentials: the cooperative's access procedure in one place. A clerk issues an identifier and a
 * one-time start password (or a new start password on reset); a person signs in, is locked out
 * after repeated failures, must replace a start password at the first sign-in, and can change
 * their password. Routers stay thin and call these methods; the tests target them through HTTP.
 *
 * Enumeration: a login that does not exist walks the same path as a wrong password — the same
 * queries, a scrypt verification against a dummy hash, the same throttle row keyed by the typed
 * login, the same answer — so neither the body, the status nor the timing tells them apart.
 *
 * The lockout lives in login-throttle.ts, the per-client limits in login-limits.ts, the policy in
 * password-policy/.
 */
import type { IssuedCredentials, Role } from '@strefa/api-types';
import type { Knex } from 'knex';
import { ApiError, notFound } from '../errors.ts';
import { generateLogin, generateOneTimePassword } from '../lib/secrets.ts';
import { formatInstant, polishDuration } from '../lib/time.ts';
import { billing, portal } from '../db/tables.ts';
import { Credential, Person } from '../models/index.ts';
import type { AuditService } from './audit-service.ts';
import type { ServiceContext } from './context.ts';
import { isLimitRefusal, LoginLimits } from './login-limits.ts';
import { isUniqueViolation, LoginThrottleService } from './login-throttle.ts';
import type { PolicyReason } from './password-policy/policy.ts';
import { normaliseLogin, normaliseStartPassword, type PasswordService } from './password-service.ts';

export { MAX_LOCK_MS } from './login-throttle.ts';

/** The person behind a session; what `ctx.state.user` holds. */
export interface AuthenticatedUser {
  login: string;
  role: Role;
  personId: number | null;
  displayName: string;
  mustChangePassword: boolean;
}

const DAY_MS = 86_400_000;
/** Width of the audit's login columns (migration 002). */
const AUDIT_LOGIN_WIDTH = 40;

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
  readonly throttle: LoginThrottleService;
  readonly limits: LoginLimits;

  constructor(
    readonly context: ServiceContext,
    readonly passwords: PasswordService,
    readonly audit: AuditService,
  ) {
    this.throttle = new LoginThrottleService(context);
    this.limits = new LoginLimits(context);
  }

  private get knex() {
    return this.context.knex;
  }

  private now(): number {
    return this.context.now();
  }

  /** Lock length after the n-th lock (1-based): base, 2×base, 4×base… up to MAX_LOCK_MS. */
  lockDuration(lockCount: number): number {
    return this.throttle.lockDuration(lockCount);
  }

  static throttleKey(login: string): string {
    return LoginThrottleService.key(login);
  }

  async findCredential(login: string): Promise<Credential | undefined> {
    return Credential.query(this.knex).findById(normaliseLogin(login));
  }

  /** The lock that holds now for a typed login, if any (epoch ms of its end). */
  async lockedUntil(login: string): Promise<number | null> {
    return this.throttle.lockedUntil(login);
  }

  /** Verifies a password as the credential takes it: a start password in any case and spacing. */
  private verifyFor(credential: Credential, password: string): Promise<boolean> {
    const start = Boolean(Number(credential.mustChangePassword));
    return this.passwords.verify(
      credential.passwordHash,
      start ? normaliseStartPassword(password) : password,
    );
  }

  /**
   * Signs in with a login and password. In order, each before any password is hashed: 429
   * `too_many_requests` over a per-client limit (services/login-limits.ts), 423 `account_locked`
   * while locked — the attempt is counted here, atomically (services/login-throttle.ts). Then 401
   * `invalid_credentials` for a wrong password or an unknown login (identically), 401
   * `start_password_expired` for a correct but expired start password. Upgrades the hash when
   * its scrypt parameters are below the settings.
   */
  async login(loginTyped: string, password: string, info: RequestInfo): Promise<AuthenticatedUser> {
    try {
      const slot = this.limits.enter(info.ip);
      try {
        return await this.loginChecked(loginTyped, password, info);
      } finally {
        slot.release();
      }
    } catch (error) {
      // A client over its limits is answered ever more slowly (LoginLimits.holdBack).
      if (isLimitRefusal(error)) await this.limits.holdBack(info.ip);
      throw error;
    }
  }

  private async loginChecked(
    loginTyped: string,
    password: string,
    info: RequestInfo,
  ): Promise<AuthenticatedUser> {
    await this.limits.count(info.ip, loginTyped);
    const key = LoginThrottleService.key(loginTyped);
    const credential = await Credential.query(this.knex).findById(key);
    // The audit names every login normalised (an existing one canonically, an unknown one as
    // typed but in lower case), so a clerk's lookup finds failures typed in any letter case.
    const target = credential?.login ?? key.slice(0, AUDIT_LOGIN_WIDTH);
    const reservation = await this.throttle.reserve(key);
    if (reservation.kind === 'locked') {
      await this.audit.record({
        action: 'login_failure',
        actor: null,
        target,
        ip: info.ip,
        detail: 'locked',
      });
      throw accountLocked(reservation.until, this.now());
    }

    let ok: boolean;
    try {
      await this.passwords.prepareDummy();
      ok = credential
        ? await this.verifyFor(credential, password)
        : await this.passwords.verifyDummy(password);
    } catch (error) {
      // Not examined (429: the hashing line is full): the attempt does not count.
      await this.throttle.release(key, reservation);
      throw error;
    }

    if (!ok || !credential) {
      await this.audit.record({
        action: 'login_failure',
        actor: null,
        target,
        ip: info.ip,
        detail: 'invalid_credentials',
      });
      if (reservation.locks) {
        const { until, lockCount } = reservation.locks;
        await this.audit.record({
          action: 'account_locked',
          actor: null,
          target,
          ip: info.ip,
          detail: `lock ${lockCount}, ${Math.round(this.lockDuration(lockCount) / 60_000)} min`,
        });
        throw accountLocked(until, this.now());
      }
      throw invalidCredentials();
    }

    // The password was right: the attempt's count is given back (a success resets the count).
    await this.throttle.clear(key);
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
      patch.passwordHash = await this.passwords.hash(
        mustChange ? normaliseStartPassword(password) : password,
      );
    }
    await Credential.query(this.knex).findById(credential.login).patch(patch);
    await this.audit.record({
      action: 'login_success',
      actor: credential.login,
      target: credential.login,
      ip: info.ip,
    });
    return toUser(credential);
  }

  /** What a guesser knows about the person: names, e-mail, member number, addresses. */
  private async personalWords(credential: Credential): Promise<string[]> {
    const words = [credential.displayName];
    if (credential.personId === null) return words;
    const person = await Person.query(this.knex).findById(credential.personId);
    if (!person) return words;
    words.push(person.firstName, person.lastName, person.memberNumber ?? '', person.email ?? '');
    words.push(person.correspondenceAddress ?? '');
    const buildings: { street: string; number: string; postalCode: string; city: string }[] = await this.knex(
      `${billing('assignments')} as a`,
    )
      .join(`${billing('units')} as u`, 'u.id', 'a.unitId')
      .join(`${billing('buildings')} as b`, 'b.id', 'u.buildingId')
      .where('a.personId', credential.personId)
      .distinct('b.street', 'b.number', 'b.postalCode', 'b.city')
      .limit(20);
    for (const b of buildings)
      words.push(b.street, `${b.street} ${b.number}`, b.number, b.postalCode, b.city);
    return words.filter(Boolean);
  }

  /**
   * Replaces the password of a signed-in user after checking the current one (a wrong current
   * password counts towards the lockout like a failed login, before it is hashed) and the
   * policy, including the password used before the last reset. The new hash, the end of the
   * login's other sessions, the throttle's reset and the audit event are one transaction; the
   * caller regenerates the current session.
   */
  async changePassword(
    login: string,
    currentPassword: string,
    newPassword: string,
    info: RequestInfo & { keepSessionId?: string },
  ): Promise<AuthenticatedUser> {
    // Up to three hashes per request: the same per-client limits as a sign-in, before any of them.
    const slot = this.limits.enter(info.ip);
    try {
      await this.limits.count(info.ip, login);
      return await this.changePasswordChecked(login, currentPassword, newPassword, info);
    } finally {
      slot.release();
    }
  }

  private async changePasswordChecked(
    login: string,
    currentPassword: string,
    newPassword: string,
    info: RequestInfo & { keepSessionId?: string },
  ): Promise<AuthenticatedUser> {
    const credential = await this.findCredential(login);
    if (!credential) throw new ApiError(401, 'unauthenticated', 'Sesja wygasła. Zaloguj się ponownie.');
    const reservation = await this.throttle.reserve(credential.login);
    if (reservation.kind === 'locked') throw accountLocked(reservation.until, this.now());
    let ok: boolean;
    try {
      ok = await this.verifyFor(credential, currentPassword);
    } catch (error) {
      await this.throttle.release(credential.login, reservation); // not examined: not counted
      throw error;
    }
    if (!ok) {
      await this.audit.record({
        action: 'login_failure',
        actor: credential.login,
        target: credential.login,
        ip: info.ip,
        detail: 'password_change: wrong current password',
      });
      if (reservation.locks) {
        await this.endSessions(credential.login);
        throw accountLocked(reservation.locks.until, this.now());
      }
      throw new ApiError(401, 'invalid_credentials', 'Obecne hasło jest nieprawidłowe.', {
        field: 'currentPassword',
      });
    }
    await this.throttle.clear(credential.login);
    const fromStart = Boolean(Number(credential.mustChangePassword));
    const more: PolicyReason[] = [];
    if (fromStart && normaliseStartPassword(newPassword) === normaliseStartPassword(currentPassword)) {
      more.push({ code: 'same_as_current', message: 'Nowe hasło musi się różnić od obecnego.' });
    }
    if (
      credential.previousPasswordHash &&
      (await this.passwords.verify(credential.previousPasswordHash, newPassword))
    ) {
      more.push({
        code: 'reused_password',
        message: 'To hasło było już używane przed ostatnią zmianą lub resetem. Wybierz nowe.',
      });
    }
    this.passwords.assertPolicy(
      newPassword,
      { login: credential.login, currentPassword, userInputs: await this.personalWords(credential) },
      more.filter((r) => !(r.code === 'same_as_current' && newPassword === currentPassword)),
    );
    const now = this.now();
    const passwordHash = await this.passwords.hash(newPassword);
    await this.knex.transaction(async (trx) => {
      // Only over the password that was verified: a clerk's reset that landed while this request
      // was hashing wins, and the change is refused (its sessions have ended anyway).
      const replaced = await Credential.query(trx)
        .where({ login: credential.login, passwordHash: credential.passwordHash })
        .patch({
          passwordHash,
          // The own password before this one (a start password is not worth remembering).
          previousPasswordHash: fromStart ? credential.previousPasswordHash : credential.passwordHash,
          mustChangePassword: 0,
          oneTimeExpiresAt: null,
          passwordChangedAt: now,
        });
      if (replaced !== 1) throw passwordChangedMeanwhile();
      await this.endSessions(credential.login, info.keepSessionId, trx);
      await this.throttle.clear(credential.login, trx);
      await this.audit.write(
        { action: 'password_change', actor: credential.login, target: credential.login, ip: info.ip },
        trx,
      );
    });
    return { ...toUser(credential), mustChangePassword: false };
  }

  /** Ends every session of a login (on every instance: the sessions live in the database). */
  async endSessions(login: string, exceptHashedId?: string, knex: Knex = this.knex): Promise<number> {
    const query = knex(portal.sessions).where({ login });
    if (exceptHashedId) query.whereNot({ id: exceptHashedId });
    return query.delete();
  }

  private startPasswordExpiry(): number {
    return this.now() + this.context.config.oneTimePasswordDays * DAY_MS;
  }

  /**
   * Issues an identifier and a start password to a person; 409 when they already have one. The
   * new credential, the cleared throttle of its login and the audit event are one transaction.
   */
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
        await this.knex.transaction(async (trx) => {
          await Credential.query(trx).insert({
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
          await this.throttle.clear(login, trx);
          await this.audit.write(
            { action: 'credentials_issued', actor: clerk, target: login, ip: info.ip },
            trx,
          );
        });
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
   * The identifier stays the same. The new hash, the ended sessions, the cleared throttle and the
   * audit event are one transaction: a failure part-way leaves the old password and sessions.
   */
  async reset(loginTyped: string, actor: string, info: RequestInfo): Promise<IssuedCredentials> {
    const credential = await this.findCredential(loginTyped);
    if (!credential) throw notFound('Nie ma takiego identyfikatora.');
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await this.passwords.hash(oneTimePassword);
    const expiresAt = this.startPasswordExpiry();
    const ownPassword = !Number(credential.mustChangePassword);
    await this.knex.transaction(async (trx) => {
      await Credential.query(trx)
        .findById(credential.login)
        .patch({
          passwordHash,
          // Kept so the next own password cannot be the one used before the reset.
          previousPasswordHash: ownPassword ? credential.passwordHash : credential.previousPasswordHash,
          mustChangePassword: 1,
          oneTimeExpiresAt: expiresAt,
        });
      await this.endSessions(credential.login, undefined, trx);
      await this.throttle.clear(credential.login, trx);
      await this.audit.write(
        { action: 'credentials_reset', actor, target: credential.login, ip: info.ip },
        trx,
      );
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
    const passwordHash = await this.passwords.hash(oneTimePassword);
    await this.knex.transaction(async (trx) => {
      await Credential.query(trx).insert({
        login,
        role: 'clerk',
        personId: null,
        displayName: name,
        passwordHash,
        mustChangePassword: 1,
        oneTimeExpiresAt: expiresAt,
        createdAt: this.now(),
        createdBy: actor,
        passwordChangedAt: null,
        lastLoginAt: null,
      });
      await this.throttle.clear(login, trx);
      await this.audit.write({ action: 'clerk_created', actor, target: login, ip: null }, trx);
    });
    return { login, oneTimePassword, expiresAt: formatInstant(expiresAt) };
  }
}

const passwordChangedMeanwhile = () =>
  new ApiError(
    401,
    'unauthenticated',
    'Hasło zostało w międzyczasie zmienione (np. biuro wydało nowe hasło startowe). Zaloguj się ponownie.',
  );

const alreadyIssued = (login: string) =>
  new ApiError(
    409,
    'already_issued',
    `Ta osoba ma już identyfikator ${login}. Jeśli zgubiła hasło, wydaj nowe hasło startowe (reset).`,
  );
