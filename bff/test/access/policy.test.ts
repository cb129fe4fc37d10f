/**
 * The password policy, the secrets' formats and the bounded scrypt queue, as pure units.
 */
import { describe, expect, it } from 'vitest';
import {
  generateLogin,
  generateOneTimePassword,
  generateSessionId,
  LOGIN_PATTERN,
  UNAMBIGUOUS_ALPHABET,
} from '../../src/lib/secrets.ts';
import { QueueFullError, Semaphore } from '../../src/lib/semaphore.ts';
import { checkPasswordPolicy } from '../../src/services/password-service.ts';

const policy = (password: string, extra: { currentPassword?: string; login?: string } = {}) =>
  checkPasswordPolicy(password, { login: extra.login ?? 'kx7m-p9rt', minLength: 12, ...extra });
const codes = (password: string, extra: { currentPassword?: string; login?: string } = {}) =>
  policy(password, extra).map((r) => r.code);

describe('password policy', () => {
  it('accepts a long passphrase with Polish letters and spaces, no composition rules', () => {
    expect(policy('słoneczny dzień nad Dobrzynką')).toEqual([]);
    expect(policy('żółta łódź płynie po źródle')).toEqual([]);
  });

  it('refuses a short password, naming the minimum in Polish', () => {
    const reasons = policy('Xq7#vLm2');
    expect(reasons.map((r) => r.code)).toContain('too_short');
    expect(reasons.find((r) => r.code === 'too_short')!.message).toMatch(/co najmniej 12 znaków/);
  });

  it('counts letters, not bytes or UTF-16 units', () => {
    // 12 Polish letters: long enough even though it is 24 bytes in UTF-8.
    expect(codes('ąęśćżźńółĄĘŚ')).not.toContain('too_short');
    // 11 letters, one of them outside the BMP: still too short.
    expect(codes('ąęśćżźńół🙂a')).toContain('too_short');
  });

  it('refuses more than 128 characters', () => {
    expect(codes('ab cd '.repeat(22))).toContain('too_long');
    expect(codes('zielony balkon '.repeat(8).slice(0, 128))).not.toContain('too_long');
  });

  it('refuses the login itself, whatever the case or hyphen', () => {
    expect(codes('demo-resident-x', { login: 'demo-resident-x' })).toContain('same_as_login');
    expect(codes('KX7MP9RTKX7M', { login: 'kx7mp9rtkx7m' })).toContain('same_as_login');
  });

  it('refuses common and guessable passwords with a Polish reason', () => {
    for (const weak of ['password1234', 'qwertyuiop12', '123456789012', 'Warszawa1234', 'kochamciebie']) {
      const reasons = policy(weak);
      expect(reasons.length, weak).toBeGreaterThan(0);
      expect(
        reasons.some((r) => r.code === 'too_common' || r.code === 'too_weak'),
        weak,
      ).toBe(true);
      for (const r of reasons) expect(r.message).toMatch(/[ąćęłńóśźż]|hasło/i);
    }
    expect(codes('password1234')).toContain('too_common');
  });

  it('refuses the current password, comparing after NFC normalisation', () => {
    const composed = 'zażółć gęślą jaźń dziś';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(codes(composed, { currentPassword: decomposed })).toContain('same_as_current');
    expect(codes(composed, { currentPassword: 'inne hasło całkiem' })).not.toContain('same_as_current');
  });

  it('gives every reason at once', () => {
    expect(codes('kx7m-p9rt', { currentPassword: 'kx7m-p9rt' })).toEqual(
      expect.arrayContaining(['too_short', 'same_as_login', 'same_as_current']),
    );
  });
});

describe('identifiers and one-time passwords', () => {
  it('generates human-friendly logins without 0/O/1/l/I', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const login = generateLogin();
      expect(login).toMatch(LOGIN_PATTERN);
      expect(login).not.toMatch(/[0O1lIio]/);
      seen.add(login);
    }
    expect(seen.size).toBe(2000);
  });

  it('generates 12-character start passwords from the unambiguous alphabet, evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const otp = generateOneTimePassword();
      expect(otp).toMatch(/^[abcdefghjkmnpqrstuvwxyz23456789]{12}$/);
      for (const c of otp) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // 36 000 characters over 31 symbols: about 1161 each; a biased generator would stray far.
    expect(counts.size).toBe(UNAMBIGUOUS_ALPHABET.length);
    for (const n of counts.values()) expect(n).toBeGreaterThan(950);
  });

  it('generates 256-bit session ids', () => {
    const id = generateSessionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    expect(generateSessionId()).not.toBe(id);
  });
});

describe('bounded queue', () => {
  it('runs at most `concurrency` jobs at once and refuses beyond the waiting line', async () => {
    const queue = new Semaphore(2, 3);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      new Promise<void>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const accepted = Array.from({ length: 5 }, () => queue.run(job));
    await expect(queue.run(job)).rejects.toBeInstanceOf(QueueFullError);
    expect(queue.active).toBe(2);
    expect(queue.queued).toBe(3);
    while (releases.length || queue.active) {
      await new Promise((r) => setTimeout(r, 1));
      releases.shift()?.();
    }
    await Promise.all(accepted);
    expect(peak).toBe(2);
    expect(queue.active).toBe(0);
  });

  it('frees the slot when a job fails', async () => {
    const queue = new Semaphore(1, 0);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 42)).resolves.toBe(42);
  });
});
