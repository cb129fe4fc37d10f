/**
 * The clerk API: who may call it, searching people, issuing credentials, and validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPerson } from '@strefa/api-types';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { DEMO_CLERK, DEMO_RESIDENT, loginAs } from '../support/residents.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let clerk: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
});
afterAll(async () => {
  await ctx?.close();
});

const ADMIN_REQUESTS: [string, string, unknown?][] = [
  ['GET', '/api/v1/admin/people?q=Wiś'],
  ['POST', '/api/v1/admin/credentials', { personId: 20 }],
  ['POST', '/api/v1/admin/credentials/demo-clerk/reset', {}],
  ['GET', '/api/v1/admin/audit?login=demo-clerk'],
  ['GET', '/api/v1/admin/no-such-thing'],
  ['DELETE', '/api/v1/admin/credentials', {}],
];

describe('who may call /api/v1/admin', () => {
  it('residents get 403 forbidden on every admin path', async () => {
    const resident = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    for (const [method, path, body] of ADMIN_REQUESTS) {
      const answer = await resident.request(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
  });

  it('anonymous callers get 401 unauthenticated', async () => {
    for (const [method, path, body] of ADMIN_REQUESTS) {
      const answer = await ctx.client().request(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
  });

  it('an unknown admin path is a 404 for a clerk', async () => {
    expect((await clerk.get('/api/v1/admin/no-such-thing')).status).toBe(404);
  });

  it('clerks get 403 forbidden on the resident data endpoints', async () => {
    const answer = await clerk.get('/api/v1/me');
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('forbidden');
  });
});

describe('people search', () => {
  const search = async (q: string) => {
    const answer = await clerk.get<{ people: AdminPerson[] }>(
      `/api/v1/admin/people?q=${encodeURIComponent(q)}`,
    );
    expect(answer.status, q).toBe(200);
    return answer.body.people;
  };
  const demo = KNOWN_PEOPLE.demoResident;

  it('finds by surname, any case, Polish letters included', async () => {
    for (const q of [
      demo.lastName,
      demo.lastName.toLowerCase(),
      demo.lastName.toUpperCase().slice(0, 4),
      'wiś',
    ]) {
      const people = await search(q);
      expect(
        people.some((p) => p.id === demo.personId),
        q,
      ).toBe(true);
    }
  });

  it('finds by "first last" and by member number', async () => {
    expect((await search(`${demo.firstName} ${demo.lastName}`)).map((p) => p.id)).toContain(demo.personId);
    expect((await search(demo.memberNumber)).map((p) => p.id)).toContain(demo.personId);
  });

  it('finds by street, with addresses, login and state', async () => {
    const street = (await ctx.knex('billing_buildings').first()).street as string;
    const people = await search(street.toLowerCase());
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) {
      expect(
        person.units.some((u) => u.address.includes(street)),
        person.displayName,
      ).toBe(true);
    }
    const zofia = (await search(demo.lastName)).find((p) => p.id === demo.personId)!;
    expect(zofia).toMatchObject({ login: DEMO_RESIDENT.login, lockedUntil: null, mustChangePassword: false });
    expect(zofia.units.map((u) => u.id).sort((a, b) => a - b)).toEqual(
      [demo.flatUnitId, demo.garageUnitId].sort((a, b) => a - b),
    );
    expect(zofia.units[0]!.address).toMatch(/95-200 Pabianice/);
    expect(zofia.lastLoginAt).toMatch(/^\d{4}-\d\d-\d\dT/); // logged in above
  });

  it('a person without a login has login null and no login state', async () => {
    const person = await ctx
      .knex('billing_persons')
      .where({ id: KNOWN_PEOPLE.coOwners.memberPersonId })
      .first();
    const found = (await search(person.lastName)).find((p) => p.id === person.id)!;
    expect(found.login).toBeNull();
    expect(found).not.toHaveProperty('lockedUntil');
    expect(found.units.map((u) => u.id)).toContain(KNOWN_PEOPLE.coOwners.unitId);
  });

  it('orders by surname then first name, at most 50, in a fixed number of queries', async () => {
    // 60 namesakes (this test's copy of the database only), in scrambled order.
    const top = (await ctx.knex('billing_persons').max({ top: 'id' }).first())?.top;
    await ctx.knex('billing_persons').insert(
      Array.from({ length: 60 }, (_, i) => ({
        id: Number(top) + 1 + i,
        firstName: ['Ola', 'Adam', 'Ewa', 'Jan'][(i * 7) % 4],
        lastName: `Próbna-${String.fromCharCode(90 - (i % 26))}`,
      })),
    );
    const queries: string[] = [];
    const listener = (q: { sql: string }) => queries.push(q.sql);
    ctx.knex.on('query', listener);
    const people = await search('próbna');
    ctx.knex.off('query', listener);
    expect(people).toHaveLength(50);
    const rows = await ctx
      .knex('billing_persons')
      .whereIn(
        'id',
        people.map((p) => p.id),
      )
      .select('id', 'firstName', 'lastName');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const keys = people.map((p) => [byId.get(p.id).lastName, byId.get(p.id).firstName, p.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      const ordered = a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
      expect(ordered, `${a.join(' ')} before ${b.join(' ')}`).toBe(true);
    }
    // Persons, their units, their logins (and their locks, when any has a login): never one
    // query per person.
    const searchQueries = queries.filter((sql) => !/portal_sessions|portal_audit/.test(sql));
    expect(searchQueries.length).toBeGreaterThanOrEqual(3);
    expect(searchQueries.length).toBeLessThanOrEqual(4);
  });

  it.each([[''], ['a'], [' a ']])('q=%j is refused with field q', async (q) => {
    const answer = await clerk.get(`/api/v1/admin/people?q=${encodeURIComponent(q)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_parameter', field: 'q' });
  });

  it('a missing or repeated q is refused, and LIKE wildcards match themselves', async () => {
    expect((await clerk.get('/api/v1/admin/people')).body.error.field).toBe('q');
    expect((await clerk.get('/api/v1/admin/people?q=ab&q=cd')).body.error.field).toBe('q');
    expect(await search('%%')).toEqual([]);
    expect(await search('__')).toEqual([]);
  });
});

describe('issuing credentials', () => {
  it.each([
    [{}, 400],
    [{ personId: 'x' }, 400],
    [{ personId: 1.5 }, 400],
    [{ personId: -1 }, 400],
    [{ personId: 0 }, 400],
    [{ personId: 99_999_999_999 }, 400],
    [{ personId: 999_999 }, 404],
  ])('%j → %i', async (body, status) => {
    const answer = await clerk.post('/api/v1/admin/credentials', body);
    expect(answer.status).toBe(status);
    if (status === 400)
      expect(answer.body.error).toMatchObject({ code: 'invalid_parameter', field: 'personId' });
    else expect(answer.body.error.code).toBe('not_found');
  });

  it('the demo resident already has a login: 409 already_issued', async () => {
    const answer = await clerk.post('/api/v1/admin/credentials', {
      personId: KNOWN_PEOPLE.demoResident.personId,
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('already_issued');
  });

  it('two issues at once for one person: one 201, one 409', async () => {
    const [a, b] = await Promise.all([
      clerk.post('/api/v1/admin/credentials', { personId: 13 }),
      clerk.post('/api/v1/admin/credentials', { personId: 13 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });

  it('odd reset paths are a 4xx, never a 500', async () => {
    for (const path of [
      '/api/v1/admin/credentials/%E0%A4%A/reset',
      `/api/v1/admin/credentials/${'x'.repeat(65)}/reset`,
      '/api/v1/admin/credentials/%20/reset',
    ]) {
      const answer = await clerk.post(path, {});
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body.error.code).toMatch(/invalid_parameter|not_found/);
    }
  });

  it('the audit needs a login', async () => {
    const answer = await clerk.get('/api/v1/admin/audit');
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe('login');
    const twice = await clerk.get('/api/v1/admin/audit?login=a&login=b');
    expect(twice.status).toBe(400);
  });
});
