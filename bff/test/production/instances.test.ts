/**
 * Several instances behind one load balancer: two BFF processes on one database, one public
 * origin. Sessions, lockouts and throttling live in the database, so a browser may land on
 * either instance for any request.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestClient, templateDatabase, TEST_TODAY } from '../support/test-app.ts';
import { copyDatabase, startBff, type BffProcess } from './support/bff-process.ts';

// Real processes start (tsx, database preparation) in seconds, longer on a busy CI machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

const ORIGIN = 'https://strefa.example.pl';
const RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' };

/** One browser whose requests a load balancer spreads over the instances: one cookie jar. */
class BalancedBrowser {
  readonly jar = new TestClient('http://unused', { origin: ORIGIN });
  on(instance: BffProcess): TestClient {
    const client = new TestClient(instance.url, { origin: ORIGIN });
    // Share the jar: the cookie the browser got from one instance goes to the other.
    (client as { cookies: Map<string, string> }).cookies = this.jar.cookies;
    return client;
  }
}

describe('two instances on one database', () => {
  let a: BffProcess;
  let b: BffProcess;
  let dir: string;

  beforeAll(async () => {
    const template = await templateDatabase({ units: 30, years: 2, seed: 7, today: TEST_TODAY });
    const copy = copyDatabase(template);
    dir = copy.dir;
    const env = {
      DATABASE_URL: `sqlite:${copy.file}`,
      STREFA_DEMO: 'on',
      STREFA_DEMO_UNITS: '30',
      STREFA_DEMO_YEARS: '2',
      SCRYPT_LOGN: '10',
      SESSION_SECRET: 'two-instances-share-this-secret-0123456789',
      STREFA_ALLOWED_ORIGINS: ORIGIN,
    };
    // Started one after the other, as a rolling deployment would: the second finds the
    // database prepared by the first.
    a = await startBff({ env });
    b = await startBff({ env });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a login on one instance is a session on the other; a logout on one ends it on both', async () => {
    expect(a.port).not.toBe(b.port);
    const browser = new BalancedBrowser();
    const login = await browser.on(a).post('/api/v1/session', RESIDENT);
    expect(login.status).toBe(200);
    expect(browser.jar.cookies.size).toBeGreaterThan(0);

    const session = await browser.on(b).get('/api/v1/session');
    expect(session.status).toBe(200);
    expect(session.body.user.login).toBe(RESIDENT.login);
    const me = await browser.on(b).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.assignments.length).toBeGreaterThan(0);

    // The cookie as it was before the logout, replayed later: it must be dead everywhere.
    const cookieBefore = new Map(browser.jar.cookies);
    const logout = await browser.on(a).delete('/api/v1/session', {});
    expect(logout.status).toBe(204);

    const replay = new TestClient(b.url, { origin: ORIGIN });
    (replay as { cookies: Map<string, string> }).cookies = cookieBefore;
    const refused = await replay.get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
    const check = await browser.on(b).get('/api/v1/session');
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ user: null });
  });

  it('a lockout earned on one instance holds on the other', async () => {
    const browser = new BalancedBrowser();
    const login = 'demo-clerk';
    // Five failures spread over both instances (LOCKOUT_THRESHOLD defaults to 5).
    for (let i = 0; i < 5; i++) {
      const instance = i % 2 === 0 ? a : b;
      const failed = await browser.on(instance).post('/api/v1/session', { login, password: `wrong-${i}` });
      expect([401, 423]).toContain(failed.status);
    }
    const locked = await browser.on(b).post('/api/v1/session', { login, password: 'demo-clerk-password' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    const lockedToo = await browser.on(a).post('/api/v1/session', { login, password: 'demo-clerk-password' });
    expect(lockedToo.status).toBe(423);
  });
});
