/**
 * Passwords: hashing and verification with scrypt (scrypt-kdf; logN from the settings, r 8, p 1,
 * the parameters stored inside each hash so they can be raised later and old hashes upgraded at
 * the next login), a bounded queue in front of every scrypt call, and the password policy.
 *
 * Policy (NIST SP 800-63B style, as the issue asks): a minimum and maximum length, no composition
 * rules, any Unicode (Polish letters, spaces, pasting) after NFC normalisation, not the login, not
 * the current password, and not common or easily guessed according to zxcvbn-ts with its common
 * and Polish dictionaries (score below 3 is refused).
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnPl from '@zxcvbn-ts/language-pl';
import * as scryptModule from 'scrypt-kdf';
import type { PasswordPolicyReason } from '@strefa/api-types';
import { ApiError } from '../errors.ts';
import { QueueFullError, Semaphore } from '../lib/semaphore.ts';
import type { ServiceContext } from './context.ts';

// scrypt-kdf 4 ships only a default export (a class of static methods) while its typings declare
// named functions; take the default at run time and keep the typings.
const scrypt = (scryptModule as unknown as { default: typeof scryptModule }).default;

export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score (0–4) a new password must reach. */
export const MIN_STRENGTH_SCORE = 3;
// The default of scrypt jobs at once; each takes 128 × r × 2^logN bytes (128 MiB at logN 17).
export { SCRYPT_CONCURRENCY } from '../config.ts';
/** scrypt jobs allowed to wait; beyond this a login is answered 429 at once. */
export const SCRYPT_MAX_WAITING = 16;
const SCRYPT_R = 8;
const SCRYPT_P = 1;

/** Unicode NFC, so "ą" typed on a Mac (a + combining ogonek) and on Windows are one password. */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/** The key the lockout counters and login lookups use: NFC, trimmed, lower case. */
export function normaliseLogin(login: string): string {
  return login.normalize('NFC').trim().toLowerCase();
}

let zxcvbn: ZxcvbnFactory | undefined;
function strengthChecker(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment to index and most requests never need them.
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnPl.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnPl.translations,
    // The l33t matcher is combinatorial: with the default cap a 20-character password full of
    // digits and symbols took ~0.4 s of blocked event loop. 12 substitutions still catch
    // "p@ssw0rd"-style variants; a password needing more is not a dictionary word anyway.
    l33tMaxSubstitutions: 12,
    // Characters beyond this are not examined: a password this long is strong on its length,
    // and the matchers' cost grows faster than linearly.
    maxLength: 64,
  });
  return zxcvbn;
}

export interface PolicyReason {
  code: PasswordPolicyReason;
  message: string;
}

export interface PolicyOptions {
  login: string;
  minLength: number;
  /** The password being replaced, when known: a new one must differ. */
  currentPassword?: string;
  /** Other words a guesser would try first (the resident's name, the cooperative). */
  userInputs?: string[];
}

/** Words anyone guessing a Strefa password tries first. */
const SITE_WORDS = ['strefa', 'mieszkańca', 'spółdzielnia', 'pabianice', 'psm', 'hasło', 'haslo'];

/**
 * Checks a new password against the policy; returns every reason it is refused (empty: accepted).
 * Pure apart from the zxcvbn dictionaries, so the widgets' rules and these can be tested alike.
 */
export function checkPasswordPolicy(password: string, options: PolicyOptions): PolicyReason[] {
  const value = normalisePassword(password);
  const reasons: PolicyReason[] = [];
  // Length in code points, as a person counts letters ("ż" is one, an emoji is one).
  const length = [...value].length;
  if (length < options.minLength) {
    reasons.push({
      code: 'too_short',
      message: `Hasło musi mieć co najmniej ${options.minLength} znaków (teraz: ${length}).`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    reasons.push({
      code: 'too_long',
      message: `Hasło może mieć najwyżej ${PASSWORD_MAX_LENGTH} znaków.`,
    });
  }
  const login = normaliseLogin(options.login);
  const lowered = value.toLowerCase();
  if (login && (lowered === login || lowered.replace(/[\s-]/g, '') === login.replace(/[\s-]/g, ''))) {
    reasons.push({ code: 'same_as_login', message: 'Hasło nie może być takie samo jak identyfikator.' });
  }
  if (options.currentPassword !== undefined && normalisePassword(options.currentPassword) === value) {
    reasons.push({
      code: 'same_as_current',
      message: 'Nowe hasło musi się różnić od obecnego.',
    });
  }
  if (length >= 1 && length <= PASSWORD_MAX_LENGTH) {
    const result = strengthChecker().check(value, [login, ...SITE_WORDS, ...(options.userInputs ?? [])]);
    if (result.score < MIN_STRENGTH_SCORE) {
      const common = result.sequence.some(
        (match) =>
          match.pattern === 'dictionary' &&
          'dictionaryName' in match &&
          match.dictionaryName === 'passwords-common' &&
          match.token.length >= Math.min(length, 6),
      );
      const hint = result.feedback.warning ? ` ${result.feedback.warning}` : '';
      reasons.push(
        common
          ? {
              code: 'too_common',
              message: `To hasło jest zbyt popularne i łatwe do odgadnięcia.${hint} Wybierz inne, np. kilka niezwiązanych słów.`,
            }
          : {
              code: 'too_weak',
              message: `To hasło jest zbyt łatwe do odgadnięcia.${hint} Dodaj kilka mniej oczywistych słów.`,
            },
      );
    }
  }
  return reasons;
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
  check(password: string, options: Omit<PolicyOptions, 'minLength'>): PolicyReason[] {
    return checkPasswordPolicy(password, { ...options, minLength: this.context.config.passwordMinLength });
  }

  /** Throws 422 `password_policy` with every reason when the password is refused. */
  assertPolicy(password: string, options: Omit<PolicyOptions, 'minLength'>): void {
    const reasons = this.check(password, options);
    if (reasons.length) {
      throw new ApiError(422, 'password_policy', 'Hasło nie spełnia wymagań.', { reasons });
    }
  }
}
