/**
 * Lockout and enumeration parity: five consecutive failures lock a login for 15 minutes, then
 * 30, 60…; a login that does not exist is counted, locked and answered exactly like one that
 * does, and takes as long (a dummy scrypt verification). A clerk's reset lifts the lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal } from '../../src/db/tables.ts';
import { issueStartPassword, loginAs, loginAsPerson, ownPasswordFor } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const MINUTE = 60_000;

async function attempt(ctx: TestContext, login: string, password = 'zupełnie nie to hasło') {
  return ctx.client().post('/api/v1/session', { login, password });
}

/** Strips what differs legitimately between two lock answers: the instant the lock ends. */
function shape(body: { error: Record<string, unknown> }) {
  const { lockedUntil, ...rest } = body.error;
  return { ...rest, lockedUntil: lockedUntil === undefined ? 'none' : 'an instant' };
}

describe('lockout', () => {
  let ctx: TestContext;
  let login: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    await loginAsPerson(ctx, 10);
    login = (await ctx.knex(portal.credentials).where({ personId: 10 }).first()).login;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('locks after 5 consecutive failures, doubling on each repeat, for known and unknown logins alike', async () => {
    const unknown = 'nikt-taki';
    let advanced = 0;
    for (const [round, minutes] of [
      [1, 15],
      [2, 30],
      [3, 60],
    ] as const) {
      for (let i = 1; i <= 4; i++) {
        const known = await attempt(ctx, login);
        const ghost = await attempt(ctx, unknown);
        expect(known.status, `round ${round} try ${i}`).toBe(401);
        expect(ghost.status).toBe(known.status);
        expect(ghost.body).toEqual(known.body);
      }
      const known = await attempt(ctx, login);
      const ghost = await attempt(ctx, unknown);
      expect(known.status).toBe(423);
      expect(known.body.error.code).toBe('account_locked');
      expect(ghost.status).toBe(423);
      expect(shape(ghost.body)).toEqual(shape(known.body));
      // The app clock runs ahead of the real one by what earlier rounds advanced.
      const left = Date.parse(known.body.error.lockedUntil) - (Date.now() + advanced);
      expect(left).toBeGreaterThan(minutes * MINUTE - 5000);
      expect(left).toBeLessThanOrEqual(minutes * MINUTE);
      expect(known.body.error.message).toContain(minutes === 60 ? '1 godzinę' : `${minutes} minut`);
      expect(Number(known.headers.get('retry-after'))).toBeGreaterThan(minutes * 60 - 5);
      expect(Number(known.headers.get('retry-after'))).toBeLessThanOrEqual(minutes * 60);

      // While locked even the right password is refused, and the answer says how long.
      const right = await attempt(ctx, login, ownPasswordFor(10));
      expect(right.status).toBe(423);

      ctx.advance(minutes * MINUTE + 1000);
      advanced += minutes * MINUTE + 1000;
    }
    // After the last lock has run out, the right password works again and clears the counter.
    const ok = await attempt(ctx, login, ownPasswordFor(10));
    expect(ok.status).toBe(200);
  });

  it('a success resets the consecutive count', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt(ctx, login)).status).toBe(401);
    expect((await attempt(ctx, login, ownPasswordFor(10))).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(ctx, login)).status).toBe(401);
    expect((await attempt(ctx, login, ownPasswordFor(10))).status).toBe(200);
  });

  it('locks are audited and shown to the clerk; a reset lifts the lock', async () => {
    for (let i = 0; i < 5; i++) await attempt(ctx, login);
    expect((await attempt(ctx, login, ownPasswordFor(10))).status).toBe(423);

    const clerk = await loginAs(ctx, 'demo-clerk', 'demo-clerk-password');
    const people = await clerk.get('/api/v1/admin/people?q=' + encodeURIComponent(login));
    expect(people.status).toBe(200);
    const found = people.body.people.find((p: { login: string }) => p.login === login);
    expect(found.lockedUntil).toMatch(/^\d{4}-\d\d-\d\dT/);
    const audit = await clerk.get(`/api/v1/admin/audit?login=${login}`);
    expect(audit.body.events.some((e: { action: string }) => e.action === 'account_locked')).toBe(true);

    const reset = await issueStartPassword(ctx, 10);
    expect(reset.login).toBe(login);
    const fresh = await attempt(ctx, login, reset.oneTimePassword);
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.mustChangePassword).toBe(true);
  });
});

describe('clerk view of a lock', () => {
  it('people search shows lockedUntil while the lock holds', async () => {
    const ctx = await createTestContext();
    try {
      const issued = await issueStartPassword(ctx, 11);
      for (let i = 0; i < 5; i++) await attempt(ctx, issued.login);
      const clerk = await loginAs(ctx, 'demo-clerk', 'demo-clerk-password');
      const person = await ctx.knex('billing_persons').where({ id: 11 }).first();
      const answer = await clerk.get(`/api/v1/admin/people?q=${encodeURIComponent(person.lastName)}`);
      const found = answer.body.people.find((p: { id: number }) => p.id === 11);
      expect(found.login).toBe(issued.login);
      expect(found.lockedUntil).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(found.mustChangePassword).toBe(true);
      ctx.advance(16 * MINUTE);
      const later = await clerk.get(`/api/v1/admin/people?q=${encodeURIComponent(person.lastName)}`);
      // The clerk's own session was idle 16 minutes: still valid (idle timeout is 20).
      expect(later.body.people.find((p: { id: number }) => p.id === 11).lockedUntil).toBeNull();
    } finally {
      await ctx.close();
    }
  });
});

describe('throttle table upkeep', () => {
  it('forgets quiet, unlocked counters after a day, keeping live locks', async () => {
    const ctx = await createTestContext();
    try {
      for (let i = 0; i < 3; i++) await attempt(ctx, `zgadywany-${i}`);
      for (let i = 0; i < 5; i++) await attempt(ctx, 'zablokowany');
      ctx.advance(25 * 3_600_000);
      // The lock of "zablokowany" (15 min) has run out too: a day later all four rows go.
      await attempt(ctx, 'ktokolwiek'); // a failure triggers the sweep
      const keys = (await ctx.knex(portal.loginThrottle).select('loginKey')).map((r) => r.loginKey);
      expect(keys).toEqual(['ktokolwiek']);
    } finally {
      await ctx.close();
    }
  });
});

describe('enumeration parity in time', () => {
  it('an unknown login takes as long as a wrong password (dummy scrypt verification)', async () => {
    // A realistic cost so that skipping the verification would show, and no lockout in the way.
    const ctx = await createTestContext({ env: { SCRYPT_LOGN: '14', LOCKOUT_THRESHOLD: '100' } });
    try {
      const issued = await issueStartPassword(ctx, 12); // hashed with logN 14
      const time = async (login: string) => {
        const started = performance.now();
        const answer = await attempt(ctx, login);
        expect(answer.status).toBe(401);
        return performance.now() - started;
      };
      await time(issued.login);
      await time('ktos-obcy'); // warm both paths (the dummy hash is made on first use)
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        known.push(await time(issued.login));
        unknown.push(await time(`obcy-${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // One scrypt verification at logN 14 alone, for scale: the median of five, so that a
      // burst of load from parallel test files does not skew the yardstick.
      const hash = (await ctx.knex(portal.credentials).where({ login: issued.login }).first()).passwordHash;
      const alone: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await ctx.services.passwords.verify(hash, 'x');
        alone.push(performance.now() - t0);
      }
      const scryptMs = median(alone);
      // Paired: each known attempt against the unknown one right after it, so that a stretch of
      // load from parallel test files slows both sides of a pair instead of one median.
      const difference = Math.abs(median(known.map((k, i) => k - unknown[i]!)));
      // Without the dummy verification the unknown login would answer ~scryptMs sooner.
      expect(difference).toBeLessThan(Math.max(scryptMs * 0.5, 5));
      expect(median(unknown)).toBeGreaterThan(scryptMs * 0.5);
    } finally {
      await ctx.close();
    }
  });
});
