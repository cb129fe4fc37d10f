/**
 * Password hashes: scrypt parameters stored in each hash, upgraded at login when the settings
 * ask for more; verification behind a bounded queue that answers 429 when flooded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { portal } from '../../src/db/tables.ts';
import { loadConfig } from '../../src/config.ts';
import {
  PasswordService,
  SCRYPT_CONCURRENCY,
  SCRYPT_MAX_WAITING,
} from '../../src/services/password-service.ts';
import { DEMO_RESIDENT, issueStartPassword } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

const hashOf = async (c: TestContext, login: string) =>
  (await c.knex(portal.credentials).where({ login }).first()).passwordHash as string;

describe('hash parameters', () => {
  it('new hashes carry logN from the settings, r 8, p 1, and a random salt', async () => {
    ctx = await createTestContext({ env: { SCRYPT_LOGN: '11' } });
    const a = await issueStartPassword(ctx, 14);
    const hash = await hashOf(ctx, a.login);
    expect(PasswordService.hashParams(hash)).toEqual({ logN: 11, r: 8, p: 1 });
    const same1 = await ctx.services.passwords.hash('to samo hasło');
    const same2 = await ctx.services.passwords.hash('to samo hasło');
    expect(same1).not.toBe(same2);
    expect(await ctx.services.passwords.verify(same1, 'to samo hasło')).toBe(true);
    expect(await ctx.services.passwords.verify(same1, 'to samo hasło!')).toBe(false);
    expect(await ctx.services.passwords.verify('not a hash', 'x')).toBe(false);
  });

  it('verifies NFC-normalised: a decomposed "ą" matches a composed one', async () => {
    ctx = await createTestContext();
    const hash = await ctx.services.passwords.hash('zażółć gęślą jaźń');
    expect(await ctx.services.passwords.verify(hash, 'zażółć gęślą jaźń'.normalize('NFD'))).toBe(true);
  });

  it('rehashes at login when the stored parameters are below the settings', async () => {
    // The template's demo accounts were hashed with logN 10; this server asks for 12.
    ctx = await createTestContext({ env: { SCRYPT_LOGN: '12' } });
    expect(PasswordService.hashParams(await hashOf(ctx, DEMO_RESIDENT.login))!.logN).toBe(10);
    const wrong = await ctx.client().post('/api/v1/session', { ...DEMO_RESIDENT, password: 'nie to hasło' });
    expect(wrong.status).toBe(401);
    expect(PasswordService.hashParams(await hashOf(ctx, DEMO_RESIDENT.login))!.logN).toBe(10); // untouched
    const ok = await ctx.client().post('/api/v1/session', DEMO_RESIDENT);
    expect(ok.status).toBe(200);
    const upgraded = await hashOf(ctx, DEMO_RESIDENT.login);
    expect(PasswordService.hashParams(upgraded)).toEqual({ logN: 12, r: 8, p: 1 });
    // And the password still works with the new hash.
    expect((await ctx.client().post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
  });

  it('does not downgrade a stronger hash', async () => {
    ctx = await createTestContext({ env: { SCRYPT_LOGN: '10' } });
    const strong = new PasswordService({
      ...ctx.services.context,
      config: { ...ctx.config, scryptLogN: 12 },
    });
    await ctx
      .knex(portal.credentials)
      .where({ login: DEMO_RESIDENT.login })
      .update({
        passwordHash: await strong.hash(DEMO_RESIDENT.password),
      });
    expect((await ctx.client().post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
    expect(PasswordService.hashParams(await hashOf(ctx, DEMO_RESIDENT.login))!.logN).toBe(12);
  });
});

describe('bounded verification queue', () => {
  it(`runs at most ${SCRYPT_CONCURRENCY} scrypt jobs at once and answers 429 with Retry-After beyond the line`, async () => {
    ctx = await createTestContext({ env: { SCRYPT_LOGN: '14', LOCKOUT_THRESHOLD: '100' } });
    const appServices = ctx.services;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, appServices.passwords.queue.active);
    }, 2);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ctx!.client().post('/api/v1/session', { login: `flood-${i}`, password: 'x' }),
      ),
    );
    clearInterval(sampler);
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(','),
    ).toBe(true);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.body.error.code).toBe('too_many_requests');
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(SCRYPT_CONCURRENCY);
    expect(peak).toBeLessThanOrEqual(SCRYPT_CONCURRENCY);
    expect(peak).toBeGreaterThan(0);
    // Other requests are still served meanwhile, and afterwards logins work again.
    expect((await ctx.client().get('/healthz')).status).toBe(200);
    expect((await ctx.client().post('/api/v1/session', DEMO_RESIDENT)).status).toBe(200);
  });

  it('a sign-in refused 429 because the hashing line is full does not count towards a lock', async () => {
    ctx = await createTestContext({ env: { SCRYPT_CONCURRENCY: '1', LOGIN_LIMIT_PER_LOGIN: '1000' } });
    const resident = await issueStartPassword(ctx, 15);
    const threshold = ctx.config.lockoutThreshold;
    const queue = ctx.services.passwords.queue;
    // Other people's checks fill the line (one running, the rest waiting) and stay there.
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    const holders = Array.from({ length: 1 + SCRYPT_MAX_WAITING }, () => queue.run(() => held));
    expect(queue.active + queue.queued).toBe(1 + SCRYPT_MAX_WAITING);
    // The resident tries twice the threshold while the server is busy: each refused unexamined.
    for (let i = 0; i < threshold * 2; i++) {
      const busy = await ctx.client().post('/api/v1/session', {
        login: resident.login,
        password: resident.oneTimePassword,
      });
      expect(busy.status).toBe(429);
      expect(busy.body.error.code).toBe('too_many_requests');
    }
    open();
    await Promise.all(holders);
    // Not locked: the right password signs in as soon as the line has room.
    const signIn = await ctx.client().post('/api/v1/session', {
      login: resident.login,
      password: resident.oneTimePassword,
    });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  });

  it('takes its width from SCRYPT_CONCURRENCY (one at a time keeps a core for the data on a small host)', async () => {
    ctx = await createTestContext({
      env: { SCRYPT_LOGN: '14', SCRYPT_CONCURRENCY: '1', LOCKOUT_THRESHOLD: '100' },
    });
    const queue = ctx.services.passwords.queue;
    expect(queue.concurrency).toBe(1);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, queue.active)), 1);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ctx!.client().post('/api/v1/session', { login: `one-${i}`, password: 'x' }),
      ),
    );
    clearInterval(sampler);
    expect(answers.map((a) => a.status).every((s) => s === 401 || s === 429)).toBe(true);
    expect(peak).toBe(1);
    expect(() => loadConfig({ NODE_ENV: 'test', STREFA_DEMO: 'on', SCRYPT_CONCURRENCY: '0' })).toThrow(
      /SCRYPT_CONCURRENCY/,
    );
  });
});
