/**
 * Passwords: hashing and verification with scrypt (scrypt-kdf; logN from the settings, r 8, p 1,
 * the parameters stored inside each hash so they can be raised later and old hashes upgraded at
 * the next login), a bounded queue in front of every scrypt call, and the password policy.
 *
 * The policy itself is in password-policy/policy.ts.
 */
import * as scryptModule from 'scrypt-kdf';
import { ApiError } from '../errors.ts';
import { QueueFullError, Semaphore } from '../lib/semaphore.ts';
import type { ServiceContext } from './index.ts';
import {
  checkPasswordPolicy,
  normalisePassword,
  type PolicyOptions,
  type PolicyReason,
} from './password-policy/policy.ts';

export {
  checkPasswordPolicy,
  MIN_STRENGTH_SCORE,
  normalisePassword,
  PASSWORD_MAX_LENGTH,
  type PolicyOptions,
  type PolicyReason,
} from './password-policy/policy.ts';

// scrypt-kdf 4 ships only a default export (a class of static methods) while its typings declare
// named functions; take the default at run time and keep the typings.
const scrypt = (scryptModule as unknown as { default: typeof scryptModule }).default;

// The default of scrypt jobs at once; each takes 128 × r × 2^logN bytes (128 MiB at logN 17).
export { SCRYPT_CONCURRENCY } from '../config.ts';
/** scrypt jobs allowed to wait; beyond this a login is answered 429 at once. */
export const SCRYPT_MAX_WAITING = 16;
const SCRYPT_R = 8;
const SCRYPT_P = 1;

/** The key the lockout counters and login lookups use: NFC, trimmed, lower case. */
export function normaliseLogin(login: string): string {
  return login.normalize('NFC').trim().toLowerCase();
}

/**
 * A start password as the resident may type it: start passwords use one letter case (see
 * lib/secrets.ts), so they are compared trimmed, without inner spaces and in lower case — a
 * password typed with Caps Lock or pasted with spaces still works. Own passwords are compared
 * exactly (after NFC), never like this.
 */
export function normaliseStartPassword(password: string): string {
  return password.normalize('NFC').replace(/\s+/g, '').toLowerCase();
}

export interface HashParams {
  logN: number;
  r: number;
  p: number;
}

export class PasswordService {
  /** Every scrypt call goes through this line; see Config.scryptConcurrency / SCRYPT_MAX_WAITING. */
  readonly queue: Semaphore;
  private dummyHash: Promise<string> | undefined;

  constructor(readonly context: ServiceContext) {
    this.queue = new Semaphore(context.config.scryptConcurrency, SCRYPT_MAX_WAITING, 2);
  }

  private get params(): HashParams {
    return { logN: this.context.config.scryptLogN, r: SCRYPT_R, p: SCRYPT_P };
  }

  private async queued<T>(job: () => Promise<T>): Promise<T> {
    try {
      return await this.queue.run(job);
    } catch (error) {
      if (error instanceof QueueFullError) {
        throw new ApiError(
          429,
          'too_many_requests',
          'Serwer jest w tej chwili bardzo obciążony. Spróbuj ponownie za chwilę.',
          { retryAfter: error.retryAfterSeconds },
          { 'Retry-After': String(error.retryAfterSeconds) },
        );
      }
      throw error;
    }
  }

  /** A new hash (base64 of scrypt-kdf's 96-byte key, parameters inside). */
  async hash(password: string): Promise<string> {
    const value = normalisePassword(password);
    const key = await this.queued(() => scrypt.kdf(value, this.params));
    return Buffer.from(key).toString('base64');
  }

  /** Whether `password` matches `hash`; a malformed hash is a mismatch, never a crash. */
  async verify(hash: string, password: string): Promise<boolean> {
    const value = normalisePassword(password);
    return this.queued(async () => {
      try {
        return await scrypt.verify(hash, value);
      } catch {
        return false;
      }
    });
  }

  /**
   * Spends the same work as a real verification, for logins that do not exist, so that their
   * answer takes as long as a wrong password (no enumeration by timing). Always false.
   */
  async verifyDummy(password: string): Promise<false> {
    const hash = await this.prepareDummy();
    await this.verify(hash, `${password}\u0000`);
    return false;
  }

  /**
   * The dummy hash (same parameters as real ones), made once. Every sign-in awaits it before
   * verifying, known login or not, so even the first attempt after a start costs both paths alike.
   */
  prepareDummy(): Promise<string> {
    this.dummyHash ??= this.hash('strefa-dummy-password-for-timing-parity').catch((error) => {
      this.dummyHash = undefined;
      throw error;
    });
    return this.dummyHash;
  }

  /** The parameters stored in a hash, or null when it is not a scrypt-kdf hash. */
  static hashParams(hash: string): HashParams | null {
    try {
      return scrypt.viewParams(hash);
    } catch {
      return null;
    }
  }

  /** True when the hash was made with weaker parameters than the settings ask for now. */
  needsRehash(hash: string): boolean {
    const params = PasswordService.hashParams(hash);
    const wanted = this.params;
    return !params || params.logN < wanted.logN || params.r < wanted.r || params.p < wanted.p;
  }

  /** The policy with this installation's minimum length. */
  check(password: string, options: Omit<PolicyOptions, 'minLength' | 'siteWords'>): PolicyReason[] {
    return checkPasswordPolicy(password, {
      ...options,
      minLength: this.context.config.passwordMinLength,
      siteWords: this.context.config.passwordWords,
    });
  }

  /** Throws 422 `password_policy` with every reason when the password is refused. */
  assertPolicy(
    password: string,
    options: Omit<PolicyOptions, 'minLength' | 'siteWords'>,
    more: PolicyReason[] = [],
  ): void {
    const reasons = [...this.check(password, options), ...more];
    if (reasons.length) {
      throw new ApiError(422, 'password_policy', 'Hasło nie spełnia wymagań.', { reasons });
    }
  }
}
