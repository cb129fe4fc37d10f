/**
 * The clerk tool's words for codes and counts: audit actions, a person's access state, and
 * "found N people" with Polish plural forms.
 */
import { msg, str } from '@lit/localize';
import type { AdminPerson, AuditAction } from '@strefa/api-types';
import { formatDateTime } from '../internal/localization.ts';

const AUDIT_ACTIONS: { readonly [A in AuditAction]: () => string } = {
  login_success: () => msg('Udane logowanie'),
  login_failure: () => msg('Nieudane logowanie'),
  logout: () => msg('Wylogowanie'),
  password_change: () => msg('Zmiana hasła'),
  credentials_issued: () => msg('Wydanie identyfikatora i hasła startowego'),
  credentials_reset: () => msg('Nowe hasło startowe'),
  account_locked: () => msg('Blokada po nieudanych logowaniach'),
  clerk_created: () => msg('Utworzenie konta pracownika'),
};

/** The action of an audit event, in words (an action newer than this build as it came). */
export function auditActionLabel(action: AuditAction | string): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as AuditAction]() : action;
}

/** Where a person's access stands, in words, with a class for its colour. */
export function accessStatus(person: AdminPerson, now = Date.now()): { text: string; kind: string } {
  if (!person.login) return { text: msg('Brak dostępu'), kind: 'none' };
  if (person.lockedUntil && Date.parse(person.lockedUntil) > now) {
    return {
      text: msg(str`Zablokowany do ${formatDateTime(person.lockedUntil)}`),
      kind: 'locked',
    };
  }
  if (person.mustChangePassword) return { text: msg('Czeka na zmianę hasła startowego'), kind: 'pending' };
  return { text: msg('Aktywny'), kind: 'active' };
}

/** "Found N people", with Polish plural forms. */
export function foundMessage(count: number): string {
  if (count === 0) return msg('Nie znaleziono nikogo. Sprawdź pisownię albo wpisz mniej znaków.');
  switch (new Intl.PluralRules('pl').select(count)) {
    case 'one':
      return msg('Znaleziono 1 osobę.');
    case 'few':
      return msg(str`Znaleziono ${count} osoby.`);
    default:
      return msg(str`Znaleziono ${count} osób.`);
  }
}
