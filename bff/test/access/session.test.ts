/**
 * Sessions and the browser-facing defences: cookie flags over HTTP and behind a (trusted or
 * untrusted) proxy, the id's entropy and its hashed storage, regeneration at login, idle and
 * absolute timeouts, CSRF refusals and CORS for the configured origins.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal } from '../../src/db/tables.ts';
import { SessionStore, type SessionData } from '../../src/sessions/session-store.ts';
import { DEMO_CLERK, DEMO_RESIDENT, issueStartPassword, loginAs } from '../support/residents.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';

const MINUTE = 60_000;
/** A person of the test data other than the demo resident, to issue a start password to. */
const SOME_RESIDENT_PERSON_ID = 12;
const SITE = 'https://spoldzielnia.example';

/**
 * Nobody is logged in for this client: the session check answers 200 `{user: null}` (an anonymous
 * check is not an error) and a data endpoint still refuses with 401 `unauthenticated`.
 */
async function expectAnonymous(client: TestClient): Promise<void> {
  const check = await client.get('/api/v1/session');
  expect(check.status).toBe(200);
  expect(check.body).toEqual({ user: null });
  const data = await client.get('/api/v1/me');
  expect(data.status).toBe(401);
  expect(data.body.error.code).toBe('unauthenticated');
}

function sessionCookieLine(setCookies: string[]): string {
  const line = setCookies.find((l) => l.startsWith('strefa_session='));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(setCookies)}`);
  return line;
}

describe('sessions over plain HTTP', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { STREFA_ALLOWED_ORIGINS: SITE } });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('sets an HttpOnly, SameSite=Lax, signed cookie on path / without Secure', async () => {
    const client = ctx.client();
    const answer = await client.post('/api/v1/session', DEMO_RESIDENT);
    expect(answer.status).toBe(200);
    const line = sessionCookieLine(answer.setCookies).toLowerCase();
    expect(line).toContain('httponly');
    expect(line).toContain('samesite=lax');
    expect(line).toContain('path=/');
    expect(line).not.toContain('secure');
    expect(answer.setCookies.some((l) => l.startsWith('strefa_session.sig='))).toBe(true);
  });

  it('uses 256-bit random ids, stores only their SHA-256, and never the same id twice', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const client = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
      const id = client.cookies.get('strefa_session')!;
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(32);
      ids.add(id);
      const hashed = createHash('sha256').update(id).digest('hex');
      expect(await ctx.knex(portal.sessions).where({ id: hashed }).first()).toBeTruthy();
      expect(await ctx.knex(portal.sessions).where({ id }).first()).toBeUndefined();
      const rows = await ctx.knex(portal.sessions).select('data');
      for (const row of rows) expect(row.data).not.toContain(id);
    }
    expect(ids.size).toBe(5);
  });

  it('refuses a cookie whose signature does not match', async () => {
    const client = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    client.cookies.set('strefa_session.sig', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expectAnonymous(client);
  });

  it('regenerates the id at login (no fixation), and the old id dies', async () => {
    const client = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const before = new Map(client.cookies);
    const again = await client.post('/api/v1/session', DEMO_RESIDENT);
    expect(again.status).toBe(200);
    expect(client.cookies.get('strefa_session')).not.toBe(before.get('strefa_session'));
    expect((await client.get('/api/v1/session')).body.user.login).toBe(DEMO_RESIDENT.login);
    const old = ctx.client();
    for (const [k, v] of before) old.cookies.set(k, v);
    await expectAnonymous(old);
  });

  it('does not create sessions for anonymous requests', async () => {
    const before = await ctx.knex(portal.sessions).count({ n: '*' });
    const answer = await ctx.client().get('/api/v1/session');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: null });
    expect(answer.setCookies).toEqual([]);
    const after = await ctx.knex(portal.sessions).count({ n: '*' });
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('ends after 20 idle minutes, but activity keeps it alive (rolling)', async () => {
    const client = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    for (let i = 0; i < 3; i++) {
      ctx.advance(19 * MINUTE);
      expect((await client.get('/api/v1/session')).status, `after ${(i + 1) * 19} min`).toBe(200);
    }
    ctx.advance(20 * MINUTE + 1000);
    await expectAnonymous(client);
  });

  it('moves the idle expiry in the table at most once a minute (no write per request)', async () => {
    const client = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const hashed = createHash('sha256').update(client.cookies.get('strefa_session')!).digest('hex');
    const expiry = async () =>
      Number((await ctx.knex(portal.sessions).where({ id: hashed }).first()).expiresAt);
    const first = await expiry();
    ctx.advance(20_000);
    expect((await client.get('/api/v1/session')).status).toBe(200);
    expect(await expiry()).toBe(first);
    ctx.advance(50_000);
    expect((await client.get('/api/v1/session')).status).toBe(200);
    expect(await expiry()).toBeGreaterThanOrEqual(first + 70_000);
  });

  it('sets the cookie again only when the expiry is written, and for as long as the row lives', async () => {
    const client = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
    ctx.advance(20_000);
    const quiet = await client.get('/api/v1/me');
    expect(quiet.status).toBe(200);
    expect(quiet.setCookies, 'no cookie while the expiry stays').toEqual([]);
    ctx.advance(50_000);
    const moved = await client.get('/api/v1/me');
    expect(moved.status).toBe(200);
    const expires = /expires=([^;]+)/i.exec(sessionCookieLine(moved.setCookies))?.[1];
    // The browser's clock is the real one: the cookie lasts the idle time from now, as the row does.
    const lifetime = Date.parse(expires!) - Date.now();
    expect(lifetime).toBeGreaterThan(ctx.config.sessionIdleMs - 5_000);
    expect(lifetime).toBeLessThanOrEqual(ctx.config.sessionIdleMs + 1_000);
    expect(moved.setCookies.some((l) => l.startsWith('strefa_session.sig='))).toBe(true);
  });

  it('a request whose session was replaced meanwhile brings back neither its row nor its cookie', async () => {
    let clock = Date.now();
    const store = new SessionStore(ctx.knex, () => clock, 20 * MINUTE, 8 * 60 * MINUTE);
    const data: SessionData = {
      login: DEMO_RESIDENT.login,
      role: 'resident',
      personId: null,
      displayName: 'Test',
      mustChangePassword: false,
      createdAt: clock,
      absoluteExpiresAt: clock + 8 * 60 * MINUTE,
    };
    const first = await store.create(data);
    const inFlight = await store.load(first.id); // a request loads it…
    const replacement = await store.create(data, inFlight); // …while a sign-in replaces it
    clock += 2 * MINUTE;
    expect(await store.touch(inFlight!), 'the late touch writes nothing').toBeNull();
    expect(await store.load(first.id)).toBeNull();
    expect((await store.load(replacement.id))?.data.login).toBe(DEMO_RESIDENT.login);
    // The live one is touched as usual.
    expect(await store.touch((await store.load(replacement.id))!)).toBe(clock + 20 * MINUTE);
  });

  describe('GET /session?include=me', () => {
    it('gives a resident what GET /me answers, in the same round trip', async () => {
      const client = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
      const check = await client.get('/api/v1/session?include=me');
      expect(check.status).toBe(200);
      expect(check.body.user.login).toBe(DEMO_RESIDENT.login);
      const me = await client.get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(check.body.me).toEqual(me.body);
      expect(check.body.me.assignments.length).toBeGreaterThan(0);
      // Without the parameter the check stays what it was.
      expect(Object.keys((await client.get('/api/v1/session')).body)).toEqual(['user']);
    });

    it('gives nothing more to a visitor, a clerk or a start password, and refuses other values', async () => {
      const anonymous = await ctx.client().get('/api/v1/session?include=me');
      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toEqual({ user: null });

      const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
      const clerkCheck = await clerk.get('/api/v1/session?include=me');
      expect(clerkCheck.status).toBe(200);
      expect(Object.keys(clerkCheck.body)).toEqual(['user']);

      const issued = await issueStartPassword(ctx, SOME_RESIDENT_PERSON_ID);
      const newcomer = await loginAs(ctx, issued.login, issued.oneTimePassword);
      const newcomerCheck = await newcomer.get('/api/v1/session?include=me');
      expect(newcomerCheck.body.user.mustChangePassword).toBe(true);
      expect(Object.keys(newcomerCheck.body)).toEqual(['user']);

      for (const query of ['include=you', 'include=me&include=me', 'include=']) {
        const refused = await clerk.get(`/api/v1/session?${query}`);
        expect(refused.status, query).toBe(400);
        expect(refused.body.error).toMatchObject({ code: 'invalid_parameter', field: 'include' });
      }
    });
  });

  it('sweeps expired rows', async () => {
    await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    ctx.advance(21 * MINUTE);
    await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password); // a write triggers the sweep
    const now = Date.now() + 10 * 60 * MINUTE; // comfortably beyond the test's own advances
    const rows = (await ctx.knex(portal.sessions).select('expiresAt')) as { expiresAt: number }[];
    // Only the session just created remains; every other expired with the 21 idle minutes.
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.expiresAt)).toBeLessThan(now);
  });

  describe('CSRF', () => {
    it('refuses a POST without Origin (and without Sec-Fetch-Site: same-origin)', async () => {
      const answer = await ctx.client({ origin: null }).post('/api/v1/session', DEMO_RESIDENT);
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('csrf');
    });

    it('accepts no Origin when Sec-Fetch-Site says same-origin', async () => {
      const answer = await ctx
        .client({ origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } })
        .post('/api/v1/session', DEMO_RESIDENT);
      expect(answer.status).toBe(200);
    });

    it('refuses a foreign Origin, and the literal "null" origin', async () => {
      for (const origin of [
        'https://evil.example',
        'null',
        `${SITE}.evil.example`,
        'http://spoldzielnia.example',
      ]) {
        const answer = await ctx.client({ origin }).post('/api/v1/session', DEMO_RESIDENT);
        expect(answer.status, origin).toBe(403);
        expect(answer.body.error.code).toBe('csrf');
      }
    });

    it('refuses text/plain and form bodies even from an allowed origin', async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const answer = await ctx
          .client({ origin: SITE })
          .post('/api/v1/session', JSON.stringify(DEMO_RESIDENT), { 'Content-Type': type });
        expect(answer.status, type).toBe(403);
        expect(answer.body.error.code).toBe('csrf');
      }
      // No content type at all: refused too.
      const bare = await fetch(`${ctx.url}/api/v1/session`, {
        method: 'POST',
        headers: { Origin: SITE },
        body: new Uint8Array(Buffer.from(JSON.stringify(DEMO_RESIDENT))),
      });
      expect(bare.status).toBe(403);
    });

    it('checks DELETE and PUT too, and a refused logout leaves the session alive', async () => {
      const client = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
      const evil = await client.request('DELETE', '/api/v1/session', {}, { Origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      const put = await client.request('PUT', '/api/v1/session/password', 'x', {
        'Content-Type': 'text/plain',
      });
      expect(put.status).toBe(403);
      expect((await client.get('/api/v1/session')).status).toBe(200);
    });

    it('accepts the configured site origin and GETs without any', async () => {
      expect((await ctx.client({ origin: SITE }).post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
      await expectAnonymous(ctx.client({ origin: null }));
    });
  });

  describe('CORS', () => {
    it('answers a preflight from the configured origin with credentials, never a wildcard', async () => {
      const answer = await fetch(`${ctx.url}/api/v1/session`, {
        method: 'OPTIONS',
        headers: {
          Origin: SITE,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(SITE);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    });

    it('gives other origins no CORS headers', async () => {
      const answer = await fetch(`${ctx.url}/api/v1/session`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      const get = await fetch(`${ctx.url}/api/v1/session`, { headers: { Origin: 'https://evil.example' } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('absolute lifetime', () => {
  it('ends a session after SESSION_ABSOLUTE_HOURS however active it is', async () => {
    const ctx = await createTestContext({ env: { SESSION_ABSOLUTE_HOURS: '1', SESSION_IDLE_MINUTES: '20' } });
    try {
      const client = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
      for (let i = 0; i < 3; i++) {
        ctx.advance(19 * MINUTE);
        expect((await client.get('/api/v1/session')).status).toBe(200);
      }
      ctx.advance(4 * MINUTE); // 61 minutes after login, 4 after the last request
      await expectAnonymous(client);
    } finally {
      await ctx.close();
    }
  });
});

describe('behind a reverse proxy', () => {
  it('with TRUST_PROXY, X-Forwarded-Proto: https makes the cookie Secure', async () => {
    const ctx = await createTestContext({ env: { TRUST_PROXY: 'on' } });
    try {
      // The browser is on https://<host>, which is the app's own origin as the proxy reports it.
      const client = ctx.client({
        origin: ctx.url.replace('http:', 'https:'),
        headers: { 'X-Forwarded-Proto': 'https' },
      });
      const answer = await client.post('/api/v1/session', DEMO_RESIDENT);
      expect(answer.status).toBe(200);
      expect(sessionCookieLine(answer.setCookies).toLowerCase()).toContain('secure');
      // The Secure cookie also works on the next request through the proxy.
      expect((await client.get('/api/v1/session')).status).toBe(200);
      // Plain HTTP through the same app (no forwarded proto) still works, without Secure.
      const plain = await ctx.client().post('/api/v1/session', DEMO_RESIDENT);
      expect(plain.status).toBe(200);
      expect(sessionCookieLine(plain.setCookies).toLowerCase()).not.toContain('secure');
    } finally {
      await ctx.close();
    }
  });

  it('with TRUST_PROXY, the audit records the address the proxy appended, not a forged one', async () => {
    const ctx = await createTestContext({ env: { TRUST_PROXY: 'on' } });
    try {
      const client = ctx.client({ headers: { 'X-Forwarded-For': '6.6.6.6, 10.0.0.7' } });
      expect((await client.post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
      const events = (await client.get('/api/v1/session/logins')).body.events;
      expect(events[0].ip).toBe('10.0.0.7');
    } finally {
      await ctx.close();
    }
  });

  it('without TRUST_PROXY, X-Forwarded-Proto is ignored: no Secure, no failure', async () => {
    const ctx = await createTestContext();
    try {
      const client = ctx.client({ headers: { 'X-Forwarded-Proto': 'https' } });
      const answer = await client.post('/api/v1/session', DEMO_RESIDENT);
      expect(answer.status).toBe(200);
      expect(sessionCookieLine(answer.setCookies).toLowerCase()).not.toContain('secure');
      // Nor is X-Forwarded-For: the audit keeps the socket's address.
      const forged = ctx.client({ headers: { 'X-Forwarded-For': '6.6.6.6' } });
      expect((await forged.post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
      expect((await forged.get('/api/v1/session/logins')).body.events[0].ip).toMatch(/127\.0\.0\.1/);
    } finally {
      await ctx.close();
    }
  });
});
