/**
 * Issue 11, item 1: the clerk-only guard was skipped when the path's letter case differed. The
 * routers matched case-insensitively while the guard and the session/CSRF middleware compared
 * case-sensitively: `GET /api/v1/ADMIN/people` without a cookie answered the people register, and
 * a resident could reset the clerk's password through `/api/v1/ADMIN/credentials/.../reset`.
 * Now routing is exact and every such spelling is a JSON 404; nothing crashes with 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal } from '../../src/db/tables.ts';
import { DEMO_CLERK, DEMO_RESIDENT, loginAs } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { rawRequest } from './support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const SPELLINGS = ['/api/v1/ADMIN', '/api/v1/Admin', '/api/V1/admin', '/API/v1/admin', '/Api/V1/Admin'];

describe('another letter case of /api/v1/admin', () => {
  it('gives nobody the people register: JSON 404 not_found, no data', async () => {
    for (const prefix of SPELLINGS) {
      const answer = await rawRequest(ctx.url, 'GET', `${prefix}/people?q=ab`);
      expect(answer.status, prefix).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.json.error.code).toBe('not_found');
      expect(answer.text).not.toContain('people');
    }
  });

  it('lets no resident reset the clerk: 404, and the clerk still signs in with their password', async () => {
    const resident = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    const before = await ctx.knex(portal.credentials).where({ login: DEMO_CLERK.login }).first();
    for (const prefix of SPELLINGS) {
      const answer = await rawRequest(ctx.url, 'POST', `${prefix}/credentials/${DEMO_CLERK.login}/reset`, {
        client: resident,
        body: {},
      });
      expect(answer.status, prefix).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
      expect(answer.text).not.toContain('oneTimePassword');
    }
    const after = await ctx.knex(portal.credentials).where({ login: DEMO_CLERK.login }).first();
    expect(after).toEqual(before);
    await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
  });

  it('answers anonymous writes with a JSON 4xx, never a 500', async () => {
    for (const prefix of SPELLINGS) {
      for (const [path, body] of [
        ['/credentials', { personId: 2 }],
        [`/credentials/${DEMO_CLERK.login}/reset`, {}],
      ] as const) {
        const answer = await rawRequest(ctx.url, 'POST', `${prefix}${path}`, { body });
        expect(answer.status, `${prefix}${path}`).toBe(404);
        expect(answer.json.error.code).toBe('not_found');
      }
    }
    expect(await ctx.knex(portal.credentials).where({ personId: 2 })).toEqual([]);
  });

  it('still guards the exact spelling: 401 without a session, 403 for a resident', async () => {
    const resident = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    expect((await ctx.client().get('/api/v1/admin/people?q=ab')).status).toBe(401);
    expect((await resident.get('/api/v1/admin/people?q=ab')).status).toBe(403);
    expect((await resident.get('/api/v1/admin/no-such-thing')).status).toBe(403);
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    expect((await clerk.get('/api/v1/admin/people?q=ab')).status).toBe(200);
    expect((await clerk.get('/api/v1/admin/no-such-thing')).status).toBe(404);
  });
});

describe('other spellings of the resident endpoints', () => {
  it('are 404 for a signed-in resident too (a route matches one spelling only)', async () => {
    const resident = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    for (const path of [
      '/api/v1/ME',
      '/api/v1/me/',
      '/API/v1/me',
      '/api/v1/%6De',
      '/api/v1//me',
      '/api/v1/me;x',
    ]) {
      const answer = await rawRequest(ctx.url, 'GET', path, { client: resident });
      expect(answer.status, path).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
    }
  });
});
