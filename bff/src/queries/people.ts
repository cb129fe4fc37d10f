/**
 * The clerk's people search as queries: what a clerk types ("Kaminska", "ul. Zamkowa 4 m. 12",
 * "000117", "kx7m-p9rt") parsed into a search, and the statement that finds the ids of the people
 * it means. Every branch is an index range scan, on SQLite and on Oracle:
 *
 * - names and streets are compared in a *folded* form (upper case, Polish letters without their
 *   marks: "Łaska" → "LASKA"), through an index on exactly that expression: on SQLite the indexes
 *   of migration 005, on Oracle the function-based indexes a DBA creates (docs/oracle-indexes.md,
 *   bff/sql/oracle/05-search-indexes.sql). A word matches the beginning of a name or street
 *   (`folded >= 'KAMI' AND folded < 'KAMJ'`), which an index serves; "contains" would not be.
 * - member numbers and identifiers use the unique indexes they already have.
 *
 * The branches are united into one `id IN (…)` list, so a person found twice is listed once.
 */
import type { Knex } from 'knex';
import { fold, foldedColumn } from '../db/folding.ts';
import { billing, portal } from '../db/tables.ts';

/** The longest word or street that is searched for (a name column is 80 characters). */
const MAX_WORD = 80;

/** What the clerk typed, understood. Empty lists and undefined mean "not this kind of search". */
export interface PeopleSearch {
  /** Folded words, each the beginning of the person's first or last name. */
  nameWords: string[];
  /** A folded street with its house and flat number, when the text reads as an address. */
  address?: { street: string; house?: string; flat?: string };
  /** Member numbers to look up exactly ("117" is also "000117"). */
  memberNumbers: string[];
  /** The beginning of a login identifier (lower case). */
  loginPrefix?: string;
}

const STREET_PREFIX = /^(?:ul|al|os|pl|ulica|aleja|al(?:eje)?|osiedle|plac)\.?\s+/i;
const FLAT = /(?:\s*\/\s*|\s+m\.?\s*|\s+lok\.?\s*)(\d{1,4}[a-z]?)$/i;
const HOUSE = /\s+(\d{1,4}[a-z]?)$/i;
/** Text that may be (the beginning of) a login identifier: one word of letters, digits, dashes. */
const LOGIN_PREFIX = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const WORD = /^[\p{L}][\p{L}'’.-]*$/u;

/** Reads a clerk's search text (already trimmed, at least two characters). */
export function parsePeopleSearch(raw: string): PeopleSearch {
  const text = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const search: PeopleSearch = { nameWords: [], memberNumbers: [] };

  if (/^\d{1,20}$/.test(text)) {
    // Member numbers are six digits with leading zeros; a clerk may leave the zeros out.
    search.memberNumbers = [...new Set([text, text.padStart(6, '0')])];
    return search;
  }
  const lower = text.toLowerCase();
  if (LOGIN_PREFIX.test(lower)) search.loginPrefix = lower;

  // An address: an optional "ul." / "al." / "os.", the street, a house number, a flat number.
  let rest = text.replace(STREET_PREFIX, '');
  const prefixed = rest !== text;
  let flat: string | undefined;
  let house: string | undefined;
  const flatMatch = FLAT.exec(rest);
  if (flatMatch && HOUSE.test(rest.slice(0, flatMatch.index))) {
    flat = flatMatch[1]!.toUpperCase();
    rest = rest.slice(0, flatMatch.index);
  }
  const houseMatch = HOUSE.exec(rest);
  if (houseMatch) {
    house = houseMatch[1]!.toUpperCase();
    rest = rest.slice(0, houseMatch.index);
  }
  const street = fold(rest.trim()).slice(0, MAX_WORD);
  if (street.length >= 2 && !/\d/.test(street)) search.address = { street, house, flat };

  // Names: only when every word is a word (no digits), and never for an "ul. …" address.
  const words = text.split(' ');
  if (!prefixed && words.every((word) => WORD.test(word))) {
    search.nameWords = words.map((word) => fold(word).slice(0, MAX_WORD)).filter((w) => w.length > 0);
  }
  return search;
}

/** `[from, to)`: every text that begins with `prefix` (binary order, as the indexes are kept). */
export function prefixRange(prefix: string): [string, string] {
  const last = prefix.codePointAt(prefix.length - 1)!;
  return [prefix, prefix.slice(0, -1) + String.fromCodePoint(last + 1)];
}

function whereStartsWith(qb: Knex.QueryBuilder, knex: Knex, column: string, prefix: string): void {
  // Oracle's UPPER() knows every letter ("Müller" → "MÜLLER"), SQLite's only a–z, as fold() does.
  const folded = knex.client.config.client === 'oracledb' ? prefix.toLocaleUpperCase('pl') : prefix;
  const [from, to] = prefixRange(folded);
  const expression = foldedColumn(knex, column);
  qb.where(expression, '>=', from).andWhere(expression, '<', to);
}

/**
 * The ids of the people `search` finds, as a sub-query for `id IN (…)`; null when it can find
 * nobody (no branch applies).
 */
export function peopleIdsQuery(knex: Knex, search: PeopleSearch): Knex.QueryBuilder | null {
  const persons = billing('persons');
  const branches: Knex.QueryBuilder[] = [];

  if (search.nameWords.length) {
    // The longest word drives the index (fewest rows); the others must match too.
    const words = [...search.nameWords].sort((a, b) => b.length - a.length);
    const [first, ...others] = words as [string, ...string[]];
    for (const column of ['lastName', 'firstName']) {
      const branch = knex(persons).select('id');
      whereStartsWith(branch, knex, column, first);
      for (const word of others) {
        branch.andWhere((qb) => {
          qb.where((inner) => whereStartsWith(inner, knex, 'lastName', word)).orWhere((inner) =>
            whereStartsWith(inner, knex, 'firstName', word),
          );
        });
      }
      branches.push(branch);
    }
  }

  if (search.address) {
    // Nested from the street inwards, so that the planner starts at the street's index (a
    // handful of buildings) whatever it knows of the tables' sizes.
    const { street, house, flat } = search.address;
    const buildings = knex(billing('buildings')).select('id');
    whereStartsWith(buildings, knex, 'street', street);
    if (house) buildings.andWhereRaw('upper(??) = ?', ['number', house]);
    const units = knex(billing('units')).select('id').whereIn('buildingId', buildings);
    if (flat) units.andWhereRaw('upper(??) = ?', ['number', flat]);
    branches.push(knex(billing('assignments')).select('personId as id').whereIn('unitId', units));
  }

  if (search.memberNumbers.length) {
    branches.push(knex(persons).select('id').whereIn('memberNumber', search.memberNumbers));
  }

  if (search.loginPrefix) {
    const [from, to] = prefixRange(search.loginPrefix);
    branches.push(
      knex(portal.credentials).select('personId as id').where('login', '>=', from).andWhere('login', '<', to),
    );
  }

  if (!branches.length) return null;
  const [head, ...tail] = branches as [Knex.QueryBuilder, ...Knex.QueryBuilder[]];
  return tail.length ? head.union(tail) : head;
}

/**
 * The found people's names and member numbers (at most `limit`, by folded surname: the service
 * sorts them in Polish order).
 */
export function foundPeopleQuery(knex: Knex, search: PeopleSearch, limit: number): Knex.QueryBuilder | null {
  const ids = peopleIdsQuery(knex, search);
  if (!ids) return null;
  const persons = billing('persons');
  return knex(persons)
    .select(`${persons}.id`, `${persons}.firstName`, `${persons}.lastName`, `${persons}.memberNumber`)
    .whereIn(`${persons}.id`, ids)
    .orderBy(foldedColumn(knex, `${persons}.lastName`) as unknown as string)
    .orderBy([{ column: `${persons}.firstName` }, { column: `${persons}.id` }])
    .limit(limit);
}

/** The found people's units with their addresses (former ones too: a clerk may need them). */
export function peopleUnitsQuery(knex: Knex, personIds: number[]): Knex.QueryBuilder {
  const assignments = billing('assignments');
  const units = billing('units');
  const buildings = billing('buildings');
  return knex(assignments)
    .join(units, `${units}.id`, `${assignments}.unitId`)
    .join(buildings, `${buildings}.id`, `${units}.buildingId`)
    .whereIn(`${assignments}.personId`, personIds)
    .select(
      `${assignments}.personId as personId`,
      `${units}.id as unitId`,
      `${units}.kind as kind`,
      `${units}.number as number`,
      `${buildings}.street as street`,
      `${buildings}.number as buildingNumber`,
      `${buildings}.postalCode as postalCode`,
      `${buildings}.city as city`,
    )
    .orderBy([{ column: `${assignments}.personId` }, { column: `${units}.id` }]);
}

/** The found people's logins and their state. */
export function peopleCredentialsQuery(knex: Knex, personIds: number[]): Knex.QueryBuilder {
  return knex(portal.credentials)
    .whereIn('personId', personIds)
    .select('login', 'personId', 'mustChangePassword', 'lastLoginAt');
}

/** The locks of these logins' throttle keys. */
export function loginLocksQuery(knex: Knex, keys: string[]): Knex.QueryBuilder {
  return knex(portal.loginThrottle).whereIn('loginKey', keys).select('loginKey', 'lockedUntil');
}
