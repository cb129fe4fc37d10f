/**
 * Random identifiers and secrets, all from the operating system's CSPRNG (`node:crypto`), with
 * rejection sampling (`randomInt`) so no character is likelier than another.
 *
 * Alphabets leave out characters that are easy to confuse on paper or on the phone: 0/O/o, 1/l/I/i.
 * Residents type the identifier and start password from a printed letter, often slowly; both are
 * lower case so Caps Lock or a phone's automatic capital does not matter for the identifier (the
 * login is compared case-insensitively) and nothing needs the Shift key.
 */
import { hash, randomBytes, randomInt } from 'node:crypto';

/** 31 characters: a–z without i, l, o; 2–9. */
export const UNAMBIGUOUS_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function randomString(length: number, alphabet = UNAMBIGUOUS_ALPHABET): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A login identifier like `kx7m-p9rt`: 8 characters (≈ 40 bits), grouped for reading aloud. */
export function generateLogin(): string {
  return `${randomString(4)}-${randomString(4)}`;
}

export const LOGIN_PATTERN = /^[abcdefghjkmnpqrstuvwxyz23456789]{4}-[abcdefghjkmnpqrstuvwxyz23456789]{4}$/;

/** Length of a one-time start password: 12 × log2(31) ≈ 59 bits, far beyond online guessing. */
export const ONE_TIME_PASSWORD_LENGTH = 12;

export function generateOneTimePassword(): string {
  return randomString(ONE_TIME_PASSWORD_LENGTH);
}

/** A session id: 256 random bits, base64url (43 characters). */
export function generateSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * SHA-256 in hex: what the session table stores instead of the id itself. The one-shot
 * `crypto.hash` (Node 20.12, the engines' floor) makes no Hash object: a third of the cost on
 * every API request with a session.
 */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}
