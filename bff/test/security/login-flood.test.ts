/**
 * One client must not be able to lock everyone out of logging in (issue 11 item 4). Behind the
 * reverse proxy (TRUST_PROXY, the address the proxy appends to X-Forwarded-For), one address
 * floods the sign-in with parallel workers while residents sign in from their own addresses: the
 * flood is answered 429 `too_many_requests` with Retry-After before any hashing, and every
 * legitimate sign-in succeeds. Bounded: a fixed number of workers and requests, and a deadline.
 */
import * as scryptModule from 'scrypt-kdf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { portal } from '../../src/db/tables.ts';
import { DEMO_RESIDENT } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const scrypt = (scryptModule as unknown as { default: { verify: (...args: unknown[]) => Promise<boolean> } })
  .default;

const FLOODER = '203.0.113.66';
const WORKERS = 24;
const PER_WORKER = 40;
const LEGITIMATE = 8;

/**
 * Each context's clock starts a second into a fixed limit window (5 minutes by default), so no
 * test's requests straddle two windows: with the real time as the start, a test that ran across
 * a window's end saw its counters start again (it failed once in CI, on a slow machine, at
 * 18:55:00).
 */
const WINDOW_MS = 5 * 60_000;
const atWindowStart = () => Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 1_000;

/** What the proxy sends: the client's own (possibly forged) header, then the address it saw. */
const through = (address: string, forged?: string) => ({
  'X-Forwarded-For': forged ? `${forged}, ${address}` : address,
});

describe('a flood from one address', () => {
  let ctx: TestContext | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await ctx?.close();
    ctx = undefined;
  });

  it('is refused 429 before hashing while residents on other addresses all sign in', async () => {
    ctx = await createTestContext({
      startAt: atWindowStart(),
      env: {
        TRUST_PROXY: 'on',
        SCRYPT_LOGN: '12',
        LOGIN_LIMIT_PER_ADDRESS: '30',
        LOGIN_LIMIT_PER_LOGIN: '20',
        LOGIN_IN_FLIGHT_PER_ADDRESS: '2',
        LOCKOUT_THRESHOLD: '100',
      },
    });
    const verify = vi.spyOn(scrypt, 'verify');
    let flooding = true;
    const deadline = Date.now() + 30_000;
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    const worker = async (w: number) => {
      // Each worker forges a different X-Forwarded-For of its own: the proxy's entry still wins.
      const client = ctx!.client({ headers: through(FLOODER, `10.0.${w}.1`) });
      for (let i = 0; i < PER_WORKER && flooding && Date.now() < deadline; i++) {
        const answer = await client.post('/api/v1/session', { login: `zgadywany-${w}-${i}`, password: 'x' });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 429) retryAfter ??= answer.headers.get('retry-after');
      }
    };
    const flood = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    const legitimate: { status: number; ms: number }[] = [];
    // Residents arrive one after another during the flood, each from their own address.
    for (let i = 0; i < LEGITIMATE; i++) {
      const started = performance.now();
      const answer = await ctx
        .client({ headers: through(`198.51.100.${i + 10}`) })
        .post('/api/v1/session', DEMO_RESIDENT);
      legitimate.push({ status: answer.status, ms: performance.now() - started });
    }
    flooding = false;
    await flood;

    expect(legitimate.map((l) => l.status)).toEqual(Array(LEGITIMATE).fill(200));
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect([...statuses.keys()].every((s) => s === 401 || s === 429)).toBe(true);
    // The flood got at most its address's window of password checks (30), plus the residents'.
    expect(verify.mock.calls.length).toBeLessThanOrEqual(30 + LEGITIMATE);
    expect(statuses.get(401) ?? 0).toBeLessThanOrEqual(30);
    // Counted where every instance sees it: the address's window row in the database.
    const row = await ctx
      .knex(portal.rateLimits)
      .where({ bucketKey: `a:${FLOODER}` })
      .first();
    expect(Number(row.hits)).toBeGreaterThan(0);
    expect(Number(row.hits)).toBeLessThanOrEqual(30);
  });

  it('answers a client that keeps being refused ever more slowly, and nobody else', async () => {
    ctx = await createTestContext({
      startAt: atWindowStart(),
      env: { TRUST_PROXY: 'on', SCRYPT_LOGN: '10', LOGIN_LIMIT_PER_ADDRESS: '2', LOCKOUT_THRESHOLD: '100' },
    });
    // A closed loop from one address: the next attempt as soon as the last is answered, for 3 s.
    const flooder = ctx.client({ headers: through(FLOODER) });
    const statuses: number[] = [];
    const until = Date.now() + 3_000;
    while (Date.now() < until && statuses.length < 2_000) {
      statuses.push(
        (await flooder.post('/api/v1/session', { login: `ktos-${statuses.length}`, password: 'x' })).status,
      );
    }
    // Two checked, then refusals held back 50 ms more each (up to 1 s): a dozen or so answers in
    // 3 s where an unheld loop gets hundreds.
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(statuses.slice(2).every((status) => status === 429)).toBe(true);
    expect(statuses.length).toBeLessThan(40);
    // Another address is not held back: its sign-in is answered (and succeeds) straight away.
    const neighbour = ctx.client({ headers: through('198.51.100.7') });
    expect((await neighbour.post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
    expect((await neighbour.get('/api/v1/session')).body.user.login).toBe(DEMO_RESIDENT.login);
  });

  it('answers 429 too_many_requests for one login hammered from many addresses', async () => {
    ctx = await createTestContext({
      startAt: atWindowStart(),
      env: {
        TRUST_PROXY: 'on',
        LOGIN_LIMIT_PER_LOGIN: '6',
        LOGIN_LIMIT_PER_ADDRESS: '100',
        LOCKOUT_THRESHOLD: '100',
      },
    });
    const answers = [];
    for (let i = 0; i < 8; i++) {
      answers.push(
        await ctx
          .client({ headers: through(`192.0.2.${i + 1}`) })
          .post('/api/v1/session', { login: 'Demo-Resident', password: `zle-${i}` }),
      );
    }
    expect(answers.slice(0, 6).map((a) => a.status)).toEqual(Array(6).fill(401));
    expect(answers[6]!.status).toBe(429);
    expect(answers[6]!.body.error.code).toBe('too_many_requests');
    expect(answers[6]!.body.error.retryAfter).toBeGreaterThan(0);
    expect(Number(answers[6]!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another login from the same addresses is not affected; after the window it works again.
    const other = await ctx.client({ headers: through('192.0.2.1') }).post('/api/v1/session', {
      login: 'demo-clerk',
      password: 'demo-clerk-password',
    });
    expect(other.status).toBe(200);
    ctx.advance(ctx.config.loginLimits.windowMs);
    const later = await ctx.client({ headers: through('192.0.2.9') }).post('/api/v1/session', DEMO_RESIDENT);
    expect(later.status).toBe(200);
  });

  it('limits password changes like sign-ins: a signed-in client cannot make the server hash without end', async () => {
    ctx = await createTestContext({
      startAt: atWindowStart(),
      env: { LOGIN_LIMIT_PER_LOGIN: '6', LOGIN_LIMIT_PER_ADDRESS: '100', LOCKOUT_THRESHOLD: '100' },
    });
    const client = ctx.client();
    expect((await client.post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
    const verify = vi.spyOn(scrypt, 'verify');
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      // Each is refused by the policy after two verifications (current and previous password).
      const answer = await client.put('/api/v1/session/password', {
        currentPassword: DEMO_RESIDENT.password,
        newPassword: 'zaq1@WSXcde3',
      });
      statuses.push(answer.status);
    }
    // The sign-in counted as the first attempt on this login in the window.
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429, 429]);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(2 * 5);
  });

  it('lets one address have only a few password checks in flight; the rest are refused at once', async () => {
    ctx = await createTestContext({
      startAt: atWindowStart(),
      env: {
        TRUST_PROXY: 'on',
        // Slow enough that all twelve arrive while the first two are still being checked.
        SCRYPT_LOGN: '14',
        SCRYPT_CONCURRENCY: '1',
        LOGIN_IN_FLIGHT_PER_ADDRESS: '2',
        LOCKOUT_THRESHOLD: '100',
      },
    });
    const verify = vi.spyOn(scrypt, 'verify');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ctx!
          .client({ headers: through(FLOODER) })
          .post('/api/v1/session', { login: `ktos-${i}`, password: 'x' }),
      ),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(12 - 2 * 2);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(12 - refused.length);
    for (const answer of refused) expect(answer.headers.get('retry-after')).toBeTruthy();
  });
});
