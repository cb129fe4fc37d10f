/**
 * The access procedure end to end over HTTP: a clerk issues credentials, the resident signs in
 * with the start password, must change it before anything else answers, and from then on only
 * their own password works. Logout and a clerk's reset end sessions on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCredentials } from '@strefa/api-types';
import { portal } from '../../src/db/tables.ts';
import { LOGIN_PATTERN } from '../../src/lib/secrets.ts';
import {
  DEMO_CLERK,
  DEMO_RESIDENT,
  issueStartPassword,
  loginAs,
  loginAsPerson,
} from '../support/residents.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

const NEW_PASSWORD = 'Kasztany spadają na ławkę przy Zamkowej';

describe('issue → first login → forced change', () => {
  let issued: IssuedCredentials;
  let resident: TestClient;

  it('a clerk issues a human-friendly login and a 12-character start password, once', async () => {
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const answer = await clerk.post<IssuedCredentials>('/api/v1/admin/credentials', { personId: 7 });
    expect(answer.status).toBe(201);
    issued = answer.body;
    expect(issued.login).toMatch(LOGIN_PATTERN);
    expect(issued.oneTimePassword).toMatch(/^[abcdefghjkmnpqrstuvwxyz23456789]{12}$/);
    // Expires in 14 days, written as an ISO instant with an offset.
    expect(issued.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    const days = (Date.parse(issued.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    // Stored hashed, never in clear.
    const row = await ctx.knex(portal.credentials).where({ login: issued.login }).first();
    expect(row.passwordHash).not.toContain(issued.oneTimePassword);
    expect(row.mustChangePassword).toBe(1);

    const again = await clerk.post('/api/v1/admin/credentials', { personId: 7 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_issued');
  });

  it('the start password signs in, but with mustChangePassword', async () => {
    resident = await loginAs(ctx, issued.login, issued.oneTimePassword);
    const me = await resident.get('/api/v1/session');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ login: issued.login, role: 'resident', mustChangePassword: true });
  });

  it('every data endpoint answers 403 password_change_required until then', async () => {
    for (const path of ['/api/v1/me', '/api/v1/session/logins', '/api/v1/units/1/filters']) {
      const answer = await resident.get(path);
      expect(answer.status, path).toBe(403);
      expect(answer.body.error.code, path).toBe('password_change_required');
    }
  });

  it('a weak new password is refused with Polish reasons', async () => {
    const answer = await resident.put('/api/v1/session/password', {
      currentPassword: issued.oneTimePassword,
      newPassword: 'haslo123',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('password_policy');
    const codes = answer.body.error.reasons.map((r: { code: string }) => r.code);
    expect(codes).toContain('too_short');
    expect(answer.body.error.reasons[0].message).toMatch(/co najmniej 12 znaków/);

    const same = await resident.put('/api/v1/session/password', {
      currentPassword: issued.oneTimePassword,
      newPassword: issued.login,
    });
    expect(same.status).toBe(422);
    expect(same.body.error.reasons.map((r: { code: string }) => r.code)).toContain('same_as_login');
  });

  it('a wrong current password is refused', async () => {
    const answer = await resident.put('/api/v1/session/password', {
      currentPassword: 'not-the-start-password',
      newPassword: NEW_PASSWORD,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('invalid_credentials');
  });

  it('the change succeeds, issues a new session id, and data endpoints answer', async () => {
    const before = resident.cookies.get('strefa_session');
    const answer = await resident.put('/api/v1/session/password', {
      currentPassword: issued.oneTimePassword,
      newPassword: NEW_PASSWORD,
    });
    expect(answer.status).toBe(204);
    expect(resident.cookies.get('strefa_session')).not.toBe(before);
    const session = await resident.get('/api/v1/session');
    expect(session.body.user.mustChangePassword).toBe(false);
    expect((await resident.get('/api/v1/session/logins')).status).toBe(200);
    expect((await resident.get('/api/v1/me')).status).toBe(200);
  });

  it('the new password works and the start password no longer does', async () => {
    const fresh = ctx.client();
    const old = await fresh.post('/api/v1/session', {
      login: issued.login,
      password: issued.oneTimePassword,
    });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('invalid_credentials');
    const ok = await fresh.post('/api/v1/session', { login: issued.login, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(false);
  });

  it('the login is typed case-insensitively and NFC-normalised', async () => {
    const ok = await ctx.client().post('/api/v1/session', {
      login: ` ${issued.login.toUpperCase()} `,
      password: NEW_PASSWORD.normalize('NFD'),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.login).toBe(issued.login);
  });

  it('a resident sees their own recent logins, failures included', async () => {
    // Typed in capitals: still recorded under the canonical login, so the resident sees it.
    await ctx
      .client()
      .post('/api/v1/session', { login: issued.login.toUpperCase(), password: 'wrong password!' });
    const answer = await resident.get('/api/v1/session/logins');
    expect(answer.status).toBe(200);
    const events = answer.body.events as { at: string; action: string; ip: string }[];
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeLessThanOrEqual(10);
    expect(events[0]!.action).toBe('login_failure');
    expect(events.some((e) => e.action === 'login_success')).toBe(true);
    expect(events[0]!.ip).toMatch(/127\.0\.0\.1/);
  });

  it('the audit trail records issue, logins, failures and the change with actor and IP', async () => {
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const answer = await clerk.get(`/api/v1/admin/audit?login=${issued.login}`);
    expect(answer.status).toBe(200);
    const events = answer.body.events as {
      at: string;
      actor: string | null;
      action: string;
      target: string;
      ip: string;
    }[];
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['credentials_issued', 'login_success', 'login_failure', 'password_change']),
    );
    const issue = events.find((e) => e.action === 'credentials_issued')!;
    expect(issue).toMatchObject({ actor: DEMO_CLERK.login, target: issued.login });
    expect(issue.ip).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(issue.at)).not.toBeNaN();
    // Newest first.
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe('logout', () => {
  it('ends the session on the server: the old cookie replayed is refused', async () => {
    const client = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    const stolen = new Map(client.cookies);
    const rowsBefore = await ctx
      .knex(portal.sessions)
      .where({ login: DEMO_RESIDENT.login })
      .count({ n: '*' });
    const out = await client.delete('/api/v1/session', {});
    expect(out.status).toBe(204);
    expect(client.cookies.has('strefa_session')).toBe(false);
    const rowsAfter = await ctx.knex(portal.sessions).where({ login: DEMO_RESIDENT.login }).count({ n: '*' });
    expect(Number(rowsAfter[0]!.n)).toBe(Number(rowsBefore[0]!.n) - 1);

    const replay = ctx.client();
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    const answer = await replay.get('/api/v1/session');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: null });
    const data = await replay.get('/api/v1/me');
    expect(data.status).toBe(401);
    expect(data.body.error.code).toBe('unauthenticated');
  });

  it('is audited', async () => {
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const events = (await clerk.get(`/api/v1/admin/audit?login=${DEMO_RESIDENT.login}`)).body.events;
    expect(events.some((e: { action: string }) => e.action === 'logout')).toBe(true);
  });

  it('answers 204 without a session too', async () => {
    expect((await ctx.client().delete('/api/v1/session', {})).status).toBe(204);
  });
});

describe('a clerk reset', () => {
  it('ends every session of the login, keeps the identifier, and needs a new password change', async () => {
    const first = await loginAsPerson(ctx, 8);
    const login = (await first.get('/api/v1/session')).body.user.login as string;
    const second = await loginAs(ctx, login, 'Zielone jabłko 8 na parapecie babci Heleny');
    expect((await first.get('/api/v1/me')).status).toBe(200);

    const reset = await issueStartPassword(ctx, 8); // 409 → reset, through the API
    expect(reset.login).toBe(login);
    for (const client of [first, second]) {
      const answer = await client.get('/api/v1/session');
      expect(answer.status).toBe(200);
      expect(answer.body.user).toBeNull();
      expect((await client.get('/api/v1/me')).status).toBe(401);
    }
    expect(await ctx.knex(portal.sessions).where({ login })).toHaveLength(0);

    const old = await ctx
      .client()
      .post('/api/v1/session', { login, password: 'Zielone jabłko 8 na parapecie babci Heleny' });
    expect(old.status).toBe(401);
    const fresh = await loginAs(ctx, login, reset.oneTimePassword);
    expect((await fresh.get('/api/v1/session')).body.user.mustChangePassword).toBe(true);
  });

  it('answers 404 for an unknown login', async () => {
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const answer = await clerk.post('/api/v1/admin/credentials/zzzz-zzzz/reset', {});
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });
});

describe('expired start password', () => {
  it('is refused after 14 days with start_password_expired, sending the resident to the office', async () => {
    const issued = await issueStartPassword(ctx, 9);
    ctx.advance(15 * 86_400_000);
    const answer = await ctx.client().post('/api/v1/session', {
      login: issued.login,
      password: issued.oneTimePassword,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('start_password_expired');
    expect(answer.body.error.message).toMatch(/biur/);
    // A wrong password for the same login still says only "invalid credentials".
    const wrong = await ctx
      .client()
      .post('/api/v1/session', { login: issued.login, password: 'nie to hasło' });
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });
});

describe('input validation', () => {
  it.each([
    [{}, 'login'],
    [{ login: '', password: 'x' }, 'login'],
    [{ login: 'x'.repeat(65), password: 'x' }, 'login'],
    [{ login: 'abc' }, 'password'],
    [{ login: 'abc', password: '' }, 'password'],
    [{ login: 'abc', password: 'p'.repeat(129) }, 'password'],
    [{ login: 42, password: 'x' }, 'login'],
    [{ login: 'abc', password: ['x'] }, 'password'],
  ])('POST /session %j → 400 field %s', async (body, field) => {
    const answer = await ctx.client().post('/api/v1/session', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_parameter', field });
  });

  it('malformed JSON is a 400, never a 500', async () => {
    const answer = await ctx.client().post('/api/v1/session', '{"login": ');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_parameter');
  });

  it('a password of 128 characters after NFC is accepted by the schema', async () => {
    // 128 "ą" as NFD is 256 UTF-16 units; after NFC it is 128 characters.
    const answer = await ctx
      .client()
      .post('/api/v1/session', { login: 'abc', password: 'ą'.repeat(128).normalize('NFD') });
    expect(answer.status).toBe(401);
  });
});
