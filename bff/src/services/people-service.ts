/**
 * The clerk's search for people: by name, member number, street or login identifier. A fixed number of queries
 * whatever the result size (persons, then their units, then their logins and locks), at most
 * PEOPLE_LIMIT people ordered by surname and first name.
 */
import type { AdminPerson } from '@strefa/api-types';
import { billing, portal } from '../db/tables.ts';
import { formatInstant } from '../lib/time.ts';
import { CredentialsService } from './credentials-service.ts';
import type { ServiceContext } from './context.ts';
import { formatAddress } from './resident-service.ts';

export const PEOPLE_LIMIT = 50;

/** Escapes LIKE wildcards so "50%" or "a_b" search for themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The text with its first letter in upper case: "łaska" → "Łaska" (see `search`). */
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('pl') + text.slice(1);
}

interface PersonRow {
  id: number;
  firstName: string;
  lastName: string;
  memberNumber: string | null;
}

interface UnitRow {
  personId: number;
  unitId: number;
  kind: string;
  number: string | null;
  street: string;
  buildingNumber: string;
  postalCode: string;
  city: string;
}

export class PeopleService {
  constructor(readonly context: ServiceContext) {}

  /**
   * People whose name, member number or street contains `q` (already validated: ≥ 2 characters).
   *
   * Case: Oracle's LOWER() knows Polish letters, SQLite's only ASCII; each column is therefore
   * compared both lower-cased (`lower(col) like 'wiś%'`) and as typed with a capital first
   * letter (`col like 'Łas%'`, SQLite's LIKE ignoring ASCII case), which covers names and streets
   * that start with Ł, Ś, Ż… whichever way the clerk types them.
   */
  async search(q: string): Promise<AdminPerson[]> {
    const knex = this.context.knex;
    const text = q.normalize('NFC').trim().replace(/\s+/g, ' ');
    const lower = likePattern(text.toLocaleLowerCase('pl'));
    const upper = likePattern(capitalised(text));
    const persons = billing('persons');
    const matches = (column: string) => (qb: import('knex').Knex.QueryBuilder) =>
      qb
        .orWhereRaw(`lower(??) like ? escape '\\'`, [column, lower])
        .orWhereRaw(`?? like ? escape '\\'`, [column, upper]);
    const fullName = knex.raw(`?? || ' ' || ??`, [`${persons}.firstName`, `${persons}.lastName`]);
    const reversedName = knex.raw(`?? || ' ' || ??`, [`${persons}.lastName`, `${persons}.firstName`]);

    const people = (await knex(persons)
      .select(`${persons}.id`, `${persons}.firstName`, `${persons}.lastName`, `${persons}.memberNumber`)
      .where((qb) => {
        matches(`${persons}.lastName`)(qb);
        matches(`${persons}.firstName`)(qb);
        qb.orWhereRaw(`lower(?) like ? escape '\\'`, [fullName, lower]);
        qb.orWhereRaw(`lower(?) like ? escape '\\'`, [reversedName, lower]);
        qb.orWhereRaw(`?? like ? escape '\\'`, [`${persons}.memberNumber`, likePattern(text)]);
        // The clerk may be told an identifier ("my login is kx7m-p9rt") rather than a name.
        qb.orWhereExists(
          knex(portal.credentials)
            .whereRaw('?? = ??', [`${portal.credentials}.personId`, `${persons}.id`])
            .whereRaw(`?? like ? escape '\\'`, [`${portal.credentials}.login`, lower])
            .select(knex.raw('1')),
        );
        qb.orWhereExists(
          knex(billing('assignments'))
            .join(billing('units'), `${billing('units')}.id`, `${billing('assignments')}.unitId`)
            .join(billing('buildings'), `${billing('buildings')}.id`, `${billing('units')}.buildingId`)
            .whereRaw('?? = ??', [`${billing('assignments')}.personId`, `${persons}.id`])
            .where((sub) => {
              matches(`${billing('buildings')}.street`)(sub);
            })
            .select(knex.raw('1')),
        );
      })
      .orderBy([
        { column: `${persons}.lastName` },
        { column: `${persons}.firstName` },
        { column: `${persons}.id` },
      ])
      .limit(PEOPLE_LIMIT)) as PersonRow[];
    if (!people.length) return [];
    const ids = people.map((p) => Number(p.id));

    const [units, credentials] = await Promise.all([
      knex(billing('assignments'))
        .join(billing('units'), `${billing('units')}.id`, `${billing('assignments')}.unitId`)
        .join(billing('buildings'), `${billing('buildings')}.id`, `${billing('units')}.buildingId`)
        .whereIn(`${billing('assignments')}.personId`, ids)
        .select(
          `${billing('assignments')}.personId as personId`,
          `${billing('units')}.id as unitId`,
          `${billing('units')}.kind as kind`,
          `${billing('units')}.number as number`,
          `${billing('buildings')}.street as street`,
          `${billing('buildings')}.number as buildingNumber`,
          `${billing('buildings')}.postalCode as postalCode`,
          `${billing('buildings')}.city as city`,
        )
        .orderBy([
          { column: `${billing('assignments')}.personId` },
          { column: `${billing('units')}.id` },
        ]) as Promise<UnitRow[]>,
      knex(portal.credentials)
        .whereIn('personId', ids)
        .select('login', 'personId', 'mustChangePassword', 'lastLoginAt') as Promise<
        { login: string; personId: number; mustChangePassword: number; lastLoginAt: number | null }[]
      >,
    ]);
    const keys = credentials.map((c) => CredentialsService.throttleKey(c.login));
    const locks = keys.length
      ? ((await knex(portal.loginThrottle).whereIn('loginKey', keys).select('loginKey', 'lockedUntil')) as {
          loginKey: string;
          lockedUntil: number | null;
        }[])
      : [];

    const now = this.context.now();
    const lockByKey = new Map(
      locks.map((l) => [l.loginKey, l.lockedUntil === null ? null : Number(l.lockedUntil)]),
    );
    const credentialByPerson = new Map(credentials.map((c) => [Number(c.personId), c]));
    const unitsByPerson = new Map<number, AdminPerson['units']>();
    for (const row of units) {
      const list = unitsByPerson.get(Number(row.personId)) ?? [];
      if (!list.some((u) => u.id === Number(row.unitId))) {
        list.push({
          id: Number(row.unitId),
          address: formatAddress({
            street: row.street,
            number: row.buildingNumber,
            postalCode: row.postalCode,
            city: row.city,
            unitKind: row.kind,
            unitNumber: row.number,
          }).text,
        });
      }
      unitsByPerson.set(Number(row.personId), list);
    }

    return people.map((person) => {
      const credential = credentialByPerson.get(Number(person.id));
      const locked = credential ? lockByKey.get(CredentialsService.throttleKey(credential.login)) : null;
      const result: AdminPerson = {
        id: Number(person.id),
        displayName: `${person.firstName} ${person.lastName}`,
        memberNumber: person.memberNumber,
        units: unitsByPerson.get(Number(person.id)) ?? [],
        login: credential?.login ?? null,
      };
      if (credential) {
        result.lockedUntil = locked && locked > now ? formatInstant(locked) : null;
        result.lastLoginAt =
          credential.lastLoginAt == null ? null : formatInstant(Number(credential.lastLoginAt));
        result.mustChangePassword = Boolean(Number(credential.mustChangePassword));
      }
      return result;
    });
  }
}
