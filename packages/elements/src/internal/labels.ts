/**
 * Polish (and, through msg(), English) words for the API's codes that more than one widget shows:
 * kinds of units, legal titles, roles. Functions, not constants: msg() must run at render time so
 * a change of language re-renders with the other words.
 */
import { msg } from '@lit/localize';
import type { Assignment, AssignmentRole, LegalTitle, UnitKind } from '@strefa/api-types';

export function unitKindLabel(kind: UnitKind): string {
  switch (kind) {
    case 'flat':
      return msg('lokal mieszkalny');
    case 'commercial':
      return msg('lokal użytkowy');
    case 'garage':
      return msg('garaż');
    case 'parking_space':
      return msg('miejsce postojowe');
    case 'storage':
      return msg('komórka lokatorska');
    default:
      return String(kind);
  }
}

export function legalTitleLabel(title: LegalTitle): string {
  switch (title) {
    case 'ownership_coop':
      return msg('spółdzielcze własnościowe prawo do lokalu');
    case 'tenancy_coop':
      return msg('spółdzielcze lokatorskie prawo do lokalu');
    case 'separate_ownership':
      return msg('odrębna własność lokalu');
    case 'lease':
      return msg('najem');
    default:
      return String(title);
  }
}

export function roleLabel(role: AssignmentRole): string {
  switch (role) {
    case 'member':
      return msg('członek');
    case 'co_owner':
      return msg('współwłaściciel');
    case 'tenant':
      return msg('najemca');
    default:
      return String(role);
  }
}

/** "Lokal mieszkalny: ul. Zamkowa 12 m. 4", for a unit switcher or a card's heading. */
export function unitTitle(assignment: Assignment): string {
  const kind = unitKindLabel(assignment.unit.kind);
  return `${kind.charAt(0).toLocaleUpperCase() + kind.slice(1)}: ${assignment.unit.address.text}`;
}
