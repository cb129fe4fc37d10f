/**
 * The clerk's people search as a clerk types: without Polish marks, in any case, with "ul." and
 * house and flat numbers, by member number and identifier; every statement an index search (the
 * query plan of SQLite, the same shape as the Oracle SQL in production/oracle-compile.test.ts);
 * the answer in Polish alphabetical order.
 *
 * The expected people are computed here from the whole (small) test database with a folding of
 * our own (Unicode decomposition), not with the search's `fold()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPerson } from '@strefa/api-types';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { foundPeopleQuery, parsePeopleSearch } from '../../src/queries/people.ts';
import { PEOPLE_LIMIT } from '../../src/services/people-service.ts';
import { DEMO_CLERK, DEMO_RESIDENT, loginAs } from '../support/residents.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let clerk: TestClient;

interface Row {
  personId: number;
  firstName: string;
  lastName: string;
  street: string;
  house: string;
  flat: string | null;
}
let rows: Row[];

beforeAll(async () => {
  ctx = await createTestContext();
  clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
  await addAddresses();
  rows = await ctx
    .knex('billing_persons as p')
    .leftJoin('billing_assignments as a', 'a.personId', 'p.id')
    .leftJoin('billing_units as u', 'u.id', 'a.unitId')
    .leftJoin('billing_buildings as b', 'b.id', 'u.buildingId')
    .select(
      'p.id as personId',
      'p.firstName',
      'p.lastName',
      'b.street',
      'b.number as house',
      'u.number as flat',
    );
});
afterAll(async () => {
  await ctx?.close();
});

/**
 * The small test database has two streets; the examples need Łaska, Partyzancka and
 * Zamkowa 4 (with flats): buildings with units and assignments of existing people, added to this
 * test's copy of the database.
 */
async function addAddresses(): Promise<void> {
  const knex = ctx.knex;
  const max = async (table: string) => Number((await knex(table).max({ top: 'id' }).first())?.top);
  let building = await max('billing_buildings');
  let unit = await max('billing_units');
  let assignment = await max('billing_assignments');
  const persons = (await knex('billing_persons').select('id').orderBy('id').limit(40)).map((p) => p.id);
  let next = 0;
  for (const [street, number] of [
    ['Łaska', '12'],
    ['Partyzancka', '3'],
    ['Partyzancka', '31'],
    ['Zamkowa', '4'],
    ['Zamkowa', '40'],
  ] as const) {
    building += 1;
    await knex('billing_buildings').insert({
      id: building,
      estate: 'Test',
      street,
      number,
      postalCode: '95-200',
      city: 'Pabianice',
      floors: 4,
      hasLift: 0,
    });
    for (const flat of ['1', '2', '12']) {
      unit += 1;
      assignment += 1;
      await knex('billing_units').insert({
        id: unit,
        buildingId: building,
        kind: 'flat',
        number: flat,
        areaE2: 5000,
        persons: 2,
        legalTitle: 'ownership_coop',
        bankAccount: String(90000000000000000000000000n + BigInt(unit)),
      });
      await knex('billing_assignments').insert({
        id: assignment,
        personId: persons[next++ % persons.length],
        unitId: unit,
        role: 'member',
        share: '1/1',
        dateFrom: '2020-01-01',
      });
    }
  }
}

/** Our own folding: decomposed, marks dropped, ł → l, upper case. */
const plain = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toUpperCase();

const search = async (q: string): Promise<AdminPerson[]> => {
  const answer = await clerk.get<{ people: AdminPerson[] }>(
    `/api/v1/admin/people?q=${encodeURIComponent(q)}`,
  );
  expect(answer.status, q).toBe(200);
  return answer.body.people;
};
const ids = (people: AdminPerson[]) => [...new Set(people.map((p) => p.id))].sort((a, b) => a - b);
const expected = (match: (row: Row) => boolean) =>
  [...new Set(rows.filter(match).map((r) => r.personId))].sort((a, b) => a - b);

describe('what a clerk types', () => {
  it.each(['Kaminska', 'kaminska', 'KAMIŃSKA', 'kamińska', 'Kamin'])('%s finds Kamińska', async (q) => {
    const want = expected(
      (r) => plain(r.lastName).startsWith(plain(q)) || plain(r.firstName).startsWith(plain(q)),
    );
    expect(want.length).toBeGreaterThan(0);
    expect(rows.some((r) => want.includes(r.personId) && r.lastName === 'Kamińska')).toBe(true);
    expect(ids(await search(q))).toEqual(want);
  });

  it('"wisniewska" and "zofia wisniewska" find the demo resident', async () => {
    const demo = KNOWN_PEOPLE.demoResident;
    expect(ids(await search('wisniewska'))).toContain(demo.personId);
    expect(ids(await search('zofia wisniewska'))).toContain(demo.personId);
    expect(ids(await search('Wisniewska Zofia'))).toContain(demo.personId);
    // Both words must match: a Zofia with another surname is not listed.
    for (const person of await search('zofia wisniewska'))
      expect(person.displayName).toMatch(/Zofia Wiśniewska/);
  });

  it.each<[string, string, string | undefined]>([
    ['Laska', 'Łaska', undefined],
    ['ul. Zamkowa', 'Zamkowa', undefined],
    ['UL. ZAMKOWA', 'Zamkowa', undefined],
    ['Zamkowa 4', 'Zamkowa', '4'],
    ['Partyzancka 3', 'Partyzancka', '3'],
  ])('%s finds the people of %s %s', async (q, street, house) => {
    const want = expected((r) => r.street === street && (house === undefined || r.house === house));
    const got = await search(q);
    if (street === 'Łaska') {
      // "Laska" is also the beginning of surnames; the street's people are among those found.
      for (const id of want) expect(ids(got)).toContain(id);
    } else {
      expect(ids(got)).toEqual(want.slice(0, PEOPLE_LIMIT));
    }
    expect(want.length, `the test database has people on ${street} ${house ?? ''}`).toBeGreaterThan(0);
  });

  it('a flat: "Zamkowa 4 m. 2", "ul. Zamkowa 4/2" and "zamkowa 4 m2" are the same flat', async () => {
    const flat = { flat: '2' };
    const want = expected((r) => r.street === 'Zamkowa' && r.house === '4' && r.flat === flat.flat);
    for (const q of [`Zamkowa 4 m. ${flat.flat}`, `ul. Zamkowa 4/${flat.flat}`, `zamkowa 4 m${flat.flat}`]) {
      expect(ids(await search(q)), q).toEqual(want);
    }
  });

  it('a member number, with or without its leading zeros, and an identifier', async () => {
    const demo = KNOWN_PEOPLE.demoResident;
    expect(ids(await search(demo.memberNumber))).toEqual([demo.personId]);
    expect(ids(await search(String(Number(demo.memberNumber))))).toEqual([demo.personId]);
    expect(ids(await search(DEMO_RESIDENT.login))).toEqual([demo.personId]);
  });

  it('answers in Polish alphabetical order: Ł after L, Głowacki before Górska', async () => {
    const top = Number((await ctx.knex('billing_persons').max({ top: 'id' }).first())?.top);
    const names = ['Łaszewska', 'Lis', 'Górska', 'Głowacki', 'Lasota', 'Zając', 'Żak', 'Łuczak'];
    await ctx
      .knex('billing_persons')
      .insert(names.map((lastName, i) => ({ id: top + 1 + i, firstName: 'Testowa', lastName })));
    const found = (await search('testowa')).map((p) => p.displayName.replace('Testowa ', ''));
    expect(found).toEqual(['Głowacki', 'Górska', 'Lasota', 'Lis', 'Łaszewska', 'Łuczak', 'Zając', 'Żak']);
  });

  it('nothing found for text that names nobody', async () => {
    expect(await search('Qqqqxyz')).toEqual([]);
    expect(await search('%%')).toEqual([]);
    expect(await search('__')).toEqual([]);
  });
});

describe('every search is an index search', () => {
  it.each(['Kaminska', 'zofia wisniewska', 'ul. Zamkowa 4 m. 2', 'Partyzancka 3', '000117', 'kx7m-p9rt'])(
    '%s: no scan of persons, buildings, units or assignments',
    async (q) => {
      const query = foundPeopleQuery(ctx.knex, parsePeopleSearch(q), PEOPLE_LIMIT)!;
      const { sql, bindings } = query.toSQL().toNative();
      const plan: { detail: string }[] = await ctx.knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as never);
      const details = plan.map((step) => step.detail);
      expect(details.join('\n')).not.toMatch(
        /\bSCAN (billing_\w+|portal_credentials)\b(?! USING INTEGER PRIMARY KEY)/,
      );
      expect(details.join('\n')).toMatch(/SEARCH/);
    },
  );
});

describe('reading what a clerk typed', () => {
  it.each([
    ['ul. Zamkowa 4 m. 12', { street: 'ZAMKOWA', house: '4', flat: '12' }],
    ['Zamkowa 4/12', { street: 'ZAMKOWA', house: '4', flat: '12' }],
    ['al. Łaska 12a', { street: 'LASKA', house: '12A', flat: undefined }],
    ['os. Bugaj', { street: 'BUGAJ', house: undefined, flat: undefined }],
    ['Grota-Roweckiego 7 lok. 3', { street: 'GROTA-ROWECKIEGO', house: '7', flat: '3' }],
  ])('%s is an address', (q, address) => {
    const search = parsePeopleSearch(q);
    expect(search.address).toEqual(address);
    // "ul. …" / "os. …" and anything with a number is never a name.
    expect(search.nameWords).toEqual([]);
  });

  it('names, member numbers and identifiers', () => {
    expect(parsePeopleSearch('Zofia  Wiśniewska').nameWords).toEqual(['ZOFIA', 'WISNIEWSKA']);
    expect(parsePeopleSearch('117')).toEqual({ nameWords: [], memberNumbers: ['117', '000117'] });
    expect(parsePeopleSearch('KX7M-P9RT').loginPrefix).toBe('kx7m-p9rt');
    expect(parsePeopleSearch('Anna Maria Nowak').loginPrefix).toBeUndefined();
  });
});
