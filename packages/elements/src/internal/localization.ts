/**
 * Localisation of every Strefa element: @lit/localize in runtime mode, Polish as the source locale
 * (the strings in `msg('…')` are Polish) and English as the one translation
 * (`xliff/en.xlf` → `lit-localize build` → `src/generated/locales/en.ts`).
 *
 * @lit/localize keeps ONE locale per page, so every widget on a page speaks the same language. The
 * locale comes from the widgets' `lang`: an element's own `lang` attribute wins (a web editor wrote
 * it on purpose), otherwise the nearest `lang` above it (usually `<html lang>`). See
 * `StrefaElement`, which calls `requestLocale()` on connect and on every change of `lang`.
 *
 * A new or changed `msg()` string: `npm run localize:extract -w @strefa/elements` adds it to
 * `xliff/en.xlf` (existing `<target>`s are kept); write its `<target>` there (placeholders stay
 * as the `<x id=…/>` tags of the source); `npm run localize -w @strefa/elements` extracts and
 * builds `src/generated/` again. A string without a target shows in Polish in English mode, and
 * the build says "missing".
 *
 * Also here: the Polish (or English) sentence for every API error code, so that every widget words
 * the same failure the same way and never shows raw JSON.
 */
import { configureLocalization, msg, str } from '@lit/localize';
import type { ErrorCode } from '@strefa/api-types';
import { ApiClientError, type ClientErrorCode } from './api-client.ts';
import { sourceLocale, targetLocales } from '../generated/locale-codes.ts';
import { formatWarsawLabelled } from './warsaw-time.ts';

export type StrefaLocale = typeof sourceLocale | (typeof targetLocales)[number];

interface LocalizationRuntime {
  getLocale: () => string;
  setLocale: (locale: string) => Promise<void>;
}

// configureLocalization may run only once per page. Two copies of this module (two separately
// built bundles on one CMS page) would otherwise throw; the second copy reuses the first runtime.
const RUNTIME_KEY = Symbol.for('strefa.localization');
const globalSlot = globalThis as unknown as Record<symbol, LocalizationRuntime | undefined>;
const runtime: LocalizationRuntime =
  globalSlot[RUNTIME_KEY] ??
  (globalSlot[RUNTIME_KEY] = configureLocalization({
    sourceLocale,
    targetLocales,
    // A dynamic import: Polish pages never download the English strings.
    loadLocale: () => import('../generated/locales/en.ts'),
  }));

/** The locale the widgets render in now: `'pl'` or `'en'`. */
export function getLocale(): StrefaLocale {
  return runtime.getLocale() as StrefaLocale;
}

/** Maps any BCP 47 tag to a locale we have: `en`, `en-GB`, `en-US` → `en`; anything else → `pl`. */
export function normalizeLocale(lang: string | null | undefined): StrefaLocale {
  return (lang ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'pl';
}

/** Switches every Strefa widget on the page to `lang` ('en…' → English, anything else → Polish). */
export async function applyLocale(lang: string | null | undefined): Promise<void> {
  const locale = normalizeLocale(lang);
  if (runtime.getLocale() === locale) return;
  await runtime.setLocale(locale);
}

/** The Intl locale for dates and numbers in the current language. */
export function intlLocale(): string {
  return getLocale() === 'en' ? 'en-GB' : 'pl-PL';
}

// Elements with their own `lang` attribute, in the order they asked. The last one decides while
// it is connected; when none is left, the locale follows the page's own `lang` again.
const explicitRequests = new Map<Element, string>();

/**
 * Called by StrefaElement on connect, disconnect and `lang` changes. `own` is the element's own
 * `lang` attribute (null if none), `inherited` the nearest `lang` above it.
 */
export function requestLocale(element: Element, own: string | null, inherited: string | null): Promise<void> {
  if (own && element.isConnected) {
    explicitRequests.delete(element);
    explicitRequests.set(element, own);
  } else {
    explicitRequests.delete(element);
  }
  const explicit = [...explicitRequests.values()].at(-1);
  if (explicit) return applyLocale(explicit);
  if (!element.isConnected) return applyLocale(globalThis.document?.documentElement.lang);
  return applyLocale(inherited);
}

/** The nearest `lang` attribute at or above `element`, crossing shadow roots; null if none. */
export function inheritedLang(element: Element): string | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

// ---------------------------------------------------------------- shared sentences

/** How many minutes until `until` (at least 1), for "locked, try again in N minutes". */
function minutesUntil(until: string, now = Date.now()): number | null {
  const at = Date.parse(until);
  if (Number.isNaN(at)) return null;
  return Math.max(1, Math.ceil((at - now) / 60_000));
}

/** A time of day in Europe/Warsaw, labelled, in the current language: `14:05 (czas polski)`. */
export function formatTime(instant: string): string {
  return formatWarsawLabelled(instant, getLocale() === 'en' ? 'en' : 'pl', { timeOnly: true });
}

/**
 * A date and time in Europe/Warsaw, labelled, in the current language:
 * `27.11.2026, 14:05 (czas polski)`. Never the browser's zone (a clerk's laptop set to UTC, a
 * resident abroad): the office, the letter and the audit trail name the same hour.
 */
export function formatDateTime(instant: string): string {
  return formatWarsawLabelled(instant, getLocale() === 'en' ? 'en' : 'pl');
}

/** The sentence for a locked account: how long until `lockedUntil`. */
export function lockedMessage(lockedUntil: string | null | undefined): string {
  const minutes = lockedUntil ? minutesUntil(lockedUntil) : null;
  if (!lockedUntil || minutes === null) {
    return msg('Konto jest tymczasowo zablokowane po kilku nieudanych próbach logowania. Spróbuj później.');
  }
  const time = formatTime(lockedUntil);
  return msg(
    str`Konto jest tymczasowo zablokowane po kilku nieudanych próbach logowania. Spróbuj ponownie za ${minutes} min (o godz. ${time}).`,
  );
}

/** The sentence for an expired start password: where to get a new one. */
export function startPasswordExpiredMessage(): string {
  return msg(
    'Hasło startowe wygasło. Po nowe hasło zgłoś się z dowodem tożsamości do Biura Obsługi Mieszkańców, ul. Zamkowa 42, pokój nr 3.',
  );
}

/** A login the browser would not keep on this page (a third-party cookie: see SessionStore). */
export function cookieBlockedMessage(): string {
  return msg(
    'Twoja przeglądarka zablokowała logowanie na tej stronie, bo Strefa Mieszkańca działa pod innym adresem. Poinformuj administratora strony.',
  );
}

/**
 * The sentence for any failure of an API call, in the current language. Widgets show this, never
 * the server's raw body. Codes that need more context (locked, expired start password) get it.
 */
export function errorMessage(error: unknown): string {
  const code: ErrorCode | ClientErrorCode = error instanceof ApiClientError ? error.code : 'network';
  const body = error instanceof ApiClientError ? error.body : null;
  switch (code) {
    case 'invalid_credentials':
      return msg('Nieprawidłowy identyfikator lub hasło.');
    case 'account_locked':
      return lockedMessage(body?.lockedUntil);
    case 'start_password_expired':
      return startPasswordExpiredMessage();
    case 'too_many_requests': {
      const seconds = body?.retryAfter;
      return seconds
        ? msg(str`Zbyt wiele prób w krótkim czasie. Odczekaj ${seconds} s i spróbuj ponownie.`)
        : msg('Zbyt wiele prób w krótkim czasie. Odczekaj chwilę i spróbuj ponownie.');
    }
    case 'unavailable':
      return msg('Serwis jest chwilowo niedostępny. Spróbuj ponownie za kilka minut.');
    case 'network':
      return msg('Brak połączenia z serwerem. Sprawdź połączenie z internetem i spróbuj ponownie.');
    case 'unauthenticated':
      return msg('Sesja wygasła. Zaloguj się ponownie.');
    case 'origin_not_allowed':
      return msg('Ta strona nie może korzystać ze Strefy Mieszkańca. Poinformuj administratora strony.');
    case 'cookie_blocked':
      return cookieBlockedMessage();
    case 'password_change_required':
      return msg('Przed dalszą pracą ustaw własne hasło.');
    case 'forbidden':
      return msg('Nie masz uprawnień do tej operacji.');
    case 'csrf':
      return msg(
        'Żądanie zostało odrzucone przez zabezpieczenia serwisu. Odśwież stronę i spróbuj ponownie.',
      );
    case 'not_found':
      return msg('Nie znaleziono danych.');
    case 'invalid_parameter':
      return msg('Nieprawidłowe dane w formularzu.');
    case 'already_issued':
      return msg('Ta osoba ma już identyfikator. Użyj „Nowe hasło startowe”.');
    case 'password_policy': {
      // Only a password change gets this code, and its form (the login's password step, loaded
      // on demand) words every reason itself with `passwordReasonMessage`
      // (password-reasons.ts), kept out of the login's first load. Anywhere else: the server's
      // own sentences.
      const reasons = body?.reasons ?? [];
      return reasons.length ? reasons.map((r) => r.message).join(' ') : msg('Hasło nie spełnia wymagań.');
    }
    case 'aborted':
      return '';
    default:
      return msg('Wystąpił nieoczekiwany błąd. Spróbuj ponownie.');
  }
}
