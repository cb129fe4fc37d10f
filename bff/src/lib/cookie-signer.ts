/**
 * The signer of the session cookie (`strefa_session.sig`): the same signatures as keygrip, the
 * signer Koa uses by default (HMAC-SHA1 of `name=value`, base64url without padding), so a cookie
 * signed before a deploy still verifies after it, and keys rotate the same way (sign with the
 * first, accept any).
 *
 * Why not keygrip itself: Koa builds a new Keygrip for every request, and keygrip compares
 * digests with tsscmp, which draws 32 random bytes and computes two more HMACs to compare two
 * strings. With the signature made again for the response's rolling cookie, that was about a
 * tenth of the CPU of a data request in `npm run bench` (when koa-session still signed the
 * rolling cookie again for every response). Here the keys are parsed once
 * (KeyObject) and the comparison is `crypto.timingSafeEqual`: one HMAC per verification.
 *
 * Signatures of cookies seen lately are kept (a bounded map, `SIGNATURE_CACHE_SIZE`): a page's
 * burst of API calls verifies the same cookie several times, and the rolling expiry signs it
 * again now and then. Only signatures this signer made and that verified are kept, so a
 * client cannot fill the cache with values of its choosing.
 *
 * Koa accepts any object with keygrip's `sign`/`verify`/`index` as `app.keys` (its documentation
 * shows a KeyGrip instance there); the cookies library then uses it as is.
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { BoundedMap } from './bounded-map.ts';

/** Cookie values whose signature is kept; enough for the sessions active in a few minutes. */
export const SIGNATURE_CACHE_SIZE = 2_000;

export class CookieSigner {
  private readonly keys: KeyObject[];
  /** `name=value` → its signature with the first key. */
  private readonly signatures = new BoundedMap<string, string>(SIGNATURE_CACHE_SIZE);

  /** `secrets[0]` signs; every one of them verifies (the newest first). */
  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('CookieSigner needs at least one secret');
    this.keys = secrets.map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
  }

  sign(data: string): string {
    let signature = this.signatures.get(data);
    if (signature === undefined) {
      signature = CookieSigner.digest(data, this.keys[0]!);
      this.signatures.set(data, signature);
    }
    return signature;
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }

  /** The index of the key that made `digest` for `data`, or -1. Constant time per key. */
  index(data: string, digest: string): number {
    if (typeof digest !== 'string') return -1;
    const given = Buffer.from(digest, 'utf8');
    const known = this.signatures.get(data);
    if (known !== undefined && CookieSigner.equal(known, given)) return 0;
    for (let i = 0; i < this.keys.length; i++) {
      const expected = CookieSigner.digest(data, this.keys[i]!);
      if (CookieSigner.equal(expected, given)) {
        if (i === 0) this.signatures.set(data, expected);
        return i;
      }
    }
    return -1;
  }

  /** Constant time for digests of one length; the length of a valid digest is public anyway. */
  private static equal(expected: string, given: Buffer): boolean {
    const expectedBytes = Buffer.from(expected, 'utf8');
    return expectedBytes.length === given.length && timingSafeEqual(expectedBytes, given);
  }

  private static digest(data: string, key: KeyObject): string {
    return createHmac('sha1', key).update(data).digest('base64url');
  }
}
