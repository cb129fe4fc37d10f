/**
 * The password policy (NIST SP 800-63B style): a minimum and maximum length, no composition
 * rules, any Unicode after NFC normalisation, and nothing a guesser tries first. A new password
 * is refused, with every reason at once, when it is
 *
 * - the login, or the password being replaced (`same_as_login`, `same_as_current`);
 * - built from the person's own data — names, login, street, town, postcode, member number,
 *   e-mail — with only something easy to guess besides (`personal_data`);
 * - built from the site's words — the cooperative's name and town (STREFA_PASSWORD_WORDS),
 *   "strefa", "mieszkańca", "spółdzielnia" — likewise (`site_words`);
 * - the example phrase of the form's own hint, in Polish or English (`example_phrase`);
 * - a walk along the keyboard such as "zaq1@WSXcde3" (`keyboard_pattern`);
 * - among the common passwords (zxcvbn-ts's 49,233 from public leaks, plus the Polish ones in
 *   polish-passwords.ts), alone or with digits around it (`too_common`);
 * - otherwise rated below 3 of 4 by zxcvbn-ts with its common and Polish dictionaries, checked
 *   as typed and folded (lower case, no diacritics, so "Kochamcię1234" is "kochamcie1234")
 *   (`too_weak`).
 *
 * "Built from … with only something easy to guess besides": those words are taken out of the
 * folded password and what remains (digits, a year, a few letters) is rated on its own; a
 * passphrase that merely contains one such word among others of its own stays allowed.
 * The previous password (before a reset) is checked by the credentials service against its
 * stored hash (`reused_password`): this module never sees hashes.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnPl from '@zxcvbn-ts/language-pl';
import type { PasswordPolicyReason } from '@strefa/api-types';
import { POLISH_PASSWORDS } from './polish-passwords.ts';

export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score (0–4) a new password, and what remains of it without known words, must reach. */
export const MIN_STRENGTH_SCORE = 3;

/** Words anyone guessing a Strefa password tries first, whatever the cooperative. */
export const PORTAL_WORDS = [
  'Strefa Mieszkańca',
  'strefa',
  'mieszkańca',
  'mieszkaniec',
  'spółdzielnia',
  'spółdzielnia mieszkaniowa',
  'mieszkaniowa',
  'hasło',
  'password',
];

/**
 * The example phrases of the password form's hint (resident-login.password-step.ts and its
 * English translation in xliff/en.xlf): people copy them.
 */
export const HINT_EXAMPLES = ['zielony rower pod starym oknem', 'green bicycle under the old window'];

/** Unicode NFC, so "ą" typed on a Mac (a + combining ogonek) and on Windows are one password. */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/** Lower case without diacritics ("Łąka" → "laka"): how a guesser's list spells things. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'l')
    .toLowerCase()
    .normalize('NFC');
}

/** Folded, letters and digits only: "Pabianice 95-200" → "pabianice95200". */
const squash = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, '');

let zxcvbn: ZxcvbnFactory | undefined;
function strengthChecker(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment to index and most requests never need them.
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: {
      ...zxcvbnCommon.dictionary,
      ...zxcvbnPl.dictionary,
      'passwords-pl': [...POLISH_PASSWORDS],
    },
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

let commonSet: Set<string> | undefined;
/** The common-password lists, as one set (for naming the reason, not for rating). */
function commonPasswords(): Set<string> {
  commonSet ??= new Set([...(zxcvbnCommon.dictionary['passwords-common'] as string[]), ...POLISH_PASSWORDS]);
  return commonSet;
}

// ------------------------------------------------------------------ keyboard walks

/** The shifted characters of a Polish (programmer's = US) keyboard's digit row, unshifted. */
const UNSHIFT: Record<string, string> = {
  '!': '1',
  '@': '2',
  '#': '3',
  $: '4',
  '%': '5',
  '^': '6',
  '&': '7',
  '*': '8',
  '(': '9',
  ')': '0',
  _: '-',
  '+': '=',
};

function keyOf(char: string): string {
  return UNSHIFT[char] ?? char.toLowerCase();
}

let qwertyNeighbours: Map<string, Set<string>> | undefined;
function neighbours(): Map<string, Set<string>> {
  if (!qwertyNeighbours) {
    qwertyNeighbours = new Map();
    for (const [key, adjacent] of Object.entries(zxcvbnCommon.adjacencyGraphs.qwerty)) {
      const set = new Set<string>();
      for (const pair of adjacent as (string | null)[]) if (pair) set.add(keyOf(pair[0]!));
      qwertyNeighbours.set(keyOf(key), set);
    }
  }
  return qwertyNeighbours;
}

/**
 * True when the password is mostly a walk along neighbouring keys (rows, columns, zig-zags,
 * with or without Shift): at least 8 keys and four in five steps to a neighbour.
 */
export function isKeyboardWalk(password: string): boolean {
  const keys = [...password].filter((c) => !/\s/.test(c)).map(keyOf);
  if (keys.length < 8) return false;
  const graph = neighbours();
  let adjacent = 0;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i] === keys[i - 1] || graph.get(keys[i - 1]!)?.has(keys[i]!)) adjacent++;
  }
  return adjacent / (keys.length - 1) >= 0.8;
}

// ------------------------------------------------------------------ known words

/** The pieces of a person's or site's data worth refusing: whole values and their words. */
export function wordsOf(values: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    const whole = squash(value);
    if (whole.length >= 3) words.add(whole);
    for (const part of fold(value).split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  // Longest first, so "spoldzielniamieszkaniowa" goes before "spoldzielnia" does.
  return [...words].sort((a, b) => b.length - a.length);
}

/** The squashed password with every occurrence of the words taken out; null if none occurs. */
function without(squashed: string, words: readonly string[]): string | null {
  let rest = squashed;
  let found = false;
  for (const word of words) {
    if (rest.includes(word)) {
      found = true;
      rest = rest.split(word).join(' ');
    }
  }
  return found ? rest.replace(/ /g, '') : null;
}

/** Three consecutive words of each hint example, and the whole of it. */
function hintPieces(): string[] {
  const pieces = new Set<string>();
  for (const example of HINT_EXAMPLES) {
    const words = fold(example).split(/\s+/);
    pieces.add(words.join(''));
    for (let i = 0; i + 3 <= words.length; i++) pieces.add(words.slice(i, i + 3).join(''));
  }
  return [...pieces].sort((a, b) => b.length - a.length);
}

// ------------------------------------------------------------------ the check

export interface PolicyReason {
  code: PasswordPolicyReason;
  message: string;
}

export interface PolicyOptions {
  login: string;
  minLength: number;
  /** The password being replaced, when known: a new one must differ. */
  currentPassword?: string;
  /** The person's own data: names, street, town, postcode, member number, e-mail. */
  userInputs?: readonly (string | null | undefined)[];
  /** This cooperative's words (name, town, postcode); PORTAL_WORDS are always added. */
  siteWords?: readonly string[];
}

/** True when what is left besides known words is easy to guess on its own (or nothing). */
function weakRemainder(rest: string): boolean {
  if (rest.length < 6) return true;
  return strengthChecker().check(rest).score < MIN_STRENGTH_SCORE;
}

/**
 * Checks a new password against the policy; returns every reason it is refused (empty: accepted).
 * Pure apart from the zxcvbn dictionaries, so the widgets' rules and these can be tested alike.
 */
export function checkPasswordPolicy(password: string, options: PolicyOptions): PolicyReason[] {
  const value = normalisePassword(password);
  const reasons: PolicyReason[] = [];
  const add = (code: PasswordPolicyReason, message: string) => {
    if (!reasons.some((r) => r.code === code)) reasons.push({ code, message });
  };
  // Length in code points, as a person counts letters ("ż" is one, an emoji is one).
  const length = [...value].length;
  if (length < options.minLength) {
    add('too_short', `Hasło musi mieć co najmniej ${options.minLength} znaków (teraz: ${length}).`);
  }
  if (length > PASSWORD_MAX_LENGTH)
    add('too_long', `Hasło może mieć najwyżej ${PASSWORD_MAX_LENGTH} znaków.`);
  const login = options.login.normalize('NFC').trim().toLowerCase();
  const squashed = squash(value);
  if (login && (value.toLowerCase() === login || squashed === squash(login))) {
    add('same_as_login', 'Hasło nie może być takie samo jak identyfikator.');
  }
  if (options.currentPassword !== undefined && normalisePassword(options.currentPassword) === value) {
    add('same_as_current', 'Nowe hasło musi się różnić od obecnego.');
  }
  if (length < 1 || length > PASSWORD_MAX_LENGTH) return reasons;

  const hint = without(squashed, hintPieces());
  if (hint !== null && weakRemainder(hint)) {
    add(
      'example_phrase',
      'To przykład z podpowiedzi formularza: znają go wszyscy. Wymyśl własne, niezwiązane słowa.',
    );
  }
  const personal = wordsOf([login, ...login.split(/[-._]/), ...(options.userInputs ?? [])]);
  const mine = without(squashed, personal);
  if (mine !== null && weakRemainder(mine)) {
    add(
      'personal_data',
      'Hasło opiera się na Twoich danych (imię, nazwisko, identyfikator, adres, numer członkowski), które inni mogą znać. Wybierz słowa niezwiązane z Tobą.',
    );
  }
  const site = wordsOf([...PORTAL_WORDS, ...(options.siteWords ?? [])]);
  const ours = without(squashed, site);
  if (ours !== null && weakRemainder(ours)) {
    add(
      'site_words',
      'Hasło opiera się na nazwie spółdzielni, miejscowości lub portalu: to pierwsze, co zgadujący sprawdzi. Wybierz inne słowa.',
    );
  }
  if (isKeyboardWalk(value)) {
    add(
      'keyboard_pattern',
      'Hasło to sąsiednie klawisze klawiatury (np. „zaq1@WSX”): takie układy są na listach do zgadywania.',
    );
  }

  const inputs = [...personal, ...site].slice(0, 200);
  const checker = strengthChecker();
  const results = [checker.check(value, inputs), checker.check(fold(value), inputs)];
  const weakest = results.reduce((a, b) => (b.score < a.score ? b : a));
  if (weakest.score < MIN_STRENGTH_SCORE) {
    // A word of the password lists, whichever dictionary zxcvbn rated it by ("misiek" is a
    // Polish word and a favourite password alike).
    const common = weakest.sequence.some(
      (match) =>
        match.token.length >= Math.min(length, 6) &&
        ((match.pattern === 'dictionary' && commonPasswords().has(String(match.matchedWord))) ||
          // "kochaniekochanie": a favourite, repeated
          (match.pattern === 'repeat' && commonPasswords().has(fold(String(match.baseToken))))),
    );
    const warning = weakest.feedback.warning ? ` ${weakest.feedback.warning}` : '';
    if (common) {
      add(
        'too_common',
        `To hasło jest zbyt popularne i łatwe do odgadnięcia.${warning} Wybierz inne, np. kilka niezwiązanych słów.`,
      );
    } else {
      add(
        'too_weak',
        `To hasło jest zbyt łatwe do odgadnięcia.${warning} Dodaj kilka mniej oczywistych słów.`,
      );
    }
  }
  return reasons;
}
