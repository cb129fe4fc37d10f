/**
 * Polish (and, through msg(), English) words for the API's codes that more than one widget shows:
 * kinds of units, legal titles, roles (one widget's own codes have their map in that widget). Each
 * is a map typed over every code, so a code added to @strefa/api-types without its words fails
 * the type check. The values are functions:
 * msg() must run at render time so a change of language re-renders with the other words.
 */
import { msg } from '@lit/localize';
import type { Assignment, AssignmentRole, LegalTitle, UnitKind } from '@strefa/api-types';

/** Words for every value of a code type. */
export type LabelMap<Code extends string> = { readonly [C in Code]: () => string };

/** The words for `code`; a code the server added after this build is shown as it is. */
export function labelOf<Code extends string>(map: LabelMap<Code>, code: Code): string {
  return Object.hasOwn(map, code) ? map[code]() : String(code);
}

const UNIT_KINDS: LabelMap<UnitKind> = {
  flat: () => msg('lokal mieszkalny'),
  commercial: () => msg('lokal użytkowy'),
  garage: () => msg('garaż'),
  parking_space: () => msg('miejsce postojowe'),
  storage: () => msg('komórka lokatorska'),
};

const LEGAL_TITLES: LabelMap<LegalTitle> = {
  ownership_coop: () => msg('spółdzielcze własnościowe prawo do lokalu'),
  tenancy_coop: () => msg('spółdzielcze lokatorskie prawo do lokalu'),
  separate_ownership: () => msg('odrębna własność lokalu'),
  lease: () => msg('najem'),
};

const ROLES: LabelMap<AssignmentRole> = {
  member: () => msg('członek'),
  co_owner: () => msg('współwłaściciel'),
  tenant: () => msg('najemca'),
};

export const unitKindLabel = (kind: UnitKind): string => labelOf(UNIT_KINDS, kind);
export const legalTitleLabel = (title: LegalTitle): string => labelOf(LEGAL_TITLES, title);
export const roleLabel = (role: AssignmentRole): string => labelOf(ROLES, role);

/** "Lokal mieszkalny: ul. Zamkowa 12 m. 4", for a unit switcher or a card's heading. */
export function unitTitle(assignment: Assignment): string {
  const kind = unitKindLabel(assignment.unit.kind);
  return `${kind.charAt(0).toLocaleUpperCase() + kind.slice(1)}: ${assignment.unit.address.text}`;
}
