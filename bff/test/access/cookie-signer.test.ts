/**
 * The session cookie's signer (lib/cookie-signer.ts): keygrip's signatures exactly (so cookies
 * issued before the change still verify), key rotation, and a cache that never makes a wrong
 * signature pass.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookieSigner, SIGNATURE_CACHE_SIZE } from '../../src/lib/cookie-signer.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const OLD_SECRET = 'an-older-secret-an-older-secret-0000000';

/** keygrip's algorithm, written out: HMAC-SHA1, base64 with / + = replaced by _ - and nothing. */
function keygripSignature(data: string, secret: string): string {
  return createHmac('sha1', secret)
    .update(data)
    .digest('base64')
    .replace(/\/|\+|=/g, (c) => ({ '/': '_', '+': '-', '=': '' })[c]!);
}

describe('CookieSigner', () => {
  const data = 'strefa_session=Q2hvY2lhxbwgamVzdCB0byB0eWxrbyB0ZXN0LCBuaWUgaWQ';

  it('signs exactly like keygrip and verifies keygrip signatures', () => {
    const signer = new CookieSigner([SECRET]);
    expect(signer.sign(data)).toBe(keygripSignature(data, SECRET));
    expect(signer.index(data, keygripSignature(data, SECRET))).toBe(0);
    expect(signer.verify(data, keygripSignature(data, SECRET))).toBe(true);
  });

  it('signs with the first key and accepts the older ones (rotation)', () => {
    const signer = new CookieSigner([SECRET, OLD_SECRET]);
    expect(signer.index(data, keygripSignature(data, OLD_SECRET))).toBe(1);
    expect(signer.sign(data)).toBe(keygripSignature(data, SECRET));
    expect(() => new CookieSigner([])).toThrow();
  });

  it('refuses wrong, truncated, foreign and non-string signatures, also after a good one was cached', () => {
    const signer = new CookieSigner([SECRET]);
    const good = signer.sign(data);
    expect(signer.verify(data, good)).toBe(true);
    for (const bad of [
      '',
      good.slice(0, -1),
      `${good}A`,
      good.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      keygripSignature(data, OLD_SECRET),
      keygripSignature('strefa_session=another-id', SECRET),
      undefined as unknown as string,
    ]) {
      expect(signer.index(data, bad)).toBe(-1);
    }
    // The good signature of one value never verifies another value.
    expect(signer.verify('strefa_session=another-id', good)).toBe(false);
  });

  it('stays correct when its cache overflows', () => {
    const signer = new CookieSigner([SECRET]);
    const first = signer.sign(data);
    for (let i = 0; i < SIGNATURE_CACHE_SIZE + 10; i++) signer.sign(`strefa_session=${i}`);
    expect(signer.verify(data, first)).toBe(true);
    expect(signer.sign(data)).toBe(first);
    expect(signer.verify(`strefa_session=${SIGNATURE_CACHE_SIZE + 5}`, first)).toBe(false);
  });
});
