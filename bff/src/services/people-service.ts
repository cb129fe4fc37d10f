/**
 * The clerk's search for people: by name, member number, address or login identifier. A fixed
 * number of queries whatever the result size (persons, then their units, then their logins and
 * locks), at most PEOPLE_LIMIT people in Polish alphabetical order.
 */
import type { AdminPerson } from '@strefa/api-types';
import {
  foundPeopleQuery,
  loginLocksQuery,
  parsePeopleSearch,
  peopleCredentialsQuery,
  peopleUnitsQuery,
} from '../queries/people.ts';
import { formatInstant } from '../lib/time.ts';
import { CredentialsService } from './credentials-service.ts';
import type { ServiceContext } from './context.ts';
import { formatAddress } from './resident-service.ts';

export const PEOPLE_LIMIT = 50;

/** Polish alphabetical order: "Głowacki" before "Górska", every L before "Łaska". */
const polishOrder = new Intl.Collator('pl', { sensitivity: 'variant', numeric: true });

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
   * People that `q` (already validated: ≥ 2 characters) names: the beginnings of their first and
   * last names in any case and with or without Polish marks ("kaminska" finds Kamińska), an
   * address ("ul. Zamkowa 4 m. 12", "Zamkowa 4/12", "Partyzancka 3"), a member number ("117" or
   * "000117") or the beginning of their login identifier. See queries/people.ts for how each is
   * an index search. At most PEOPLE_LIMIT, in Polish alphabetical order.
   */
  async search(q: string): Promise<AdminPerson[]> {
    // The searches branch on the words typed (how many, which kind), so they run as builders
    // through the query runner (`select`), not as cached shapes.
    const { knex, queries } = this.context;
    const query = foundPeopleQuery(knex, parsePeopleSearch(q), PEOPLE_LIMIT);
    if (!query) return [];
    const people = (await queries.select<PersonRow>(query)).sort(
      (a, b) =>
        polishOrder.compare(a.lastName, b.lastName) ||
        polishOrder.compare(a.firstName, b.firstName) ||
        Number(a.id) - Number(b.id),
    );
    if (!people.length) return [];
    const ids = people.map((p) => Number(p.id));

    const [units, credentials] = await Promise.all([
      queries.select<UnitRow>(peopleUnitsQuery(knex, ids)),
      queries.select<{
        login: string;
        personId: number;
        mustChangePassword: number;
        lastLoginAt: number | null;
      }>(peopleCredentialsQuery(knex, ids)),
    ]);
    const keys = credentials.map((c) => CredentialsService.throttleKey(c.login));
    const locks = keys.length
      ? await queries.select<{ loginKey: string; lockedUntil: number | null }>(loginLocksQuery(knex, keys))
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
