/**
 * The lockout against parallel guesses (issue 11 item 3): an attempt is counted in the database
 * before its password is hashed, so a burst of wrong passwords sent at once — from many
 * addresses, as a botnet would, so that no per-address limit is what stops it — gets at most
 * LOCKOUT_THRESHOLD passwords checked, locks the login once, and the right password sent while
 * the lock holds is refused. Two instances on one database agree (instances.test.ts has the
 * sequential case).
 */
import { requestListener } from '../../src/lib/request-listener.ts';
import { createServer } from 'node:http';
import * as scryptModule from 'scrypt-kdf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { portal } from '../../src/db/tables.ts';
import { createLogger } from '../../src/logger.ts';
import { issueStartPassword } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const scrypt = (scryptModule as unknown as { default: { verify: (...args: unknown[]) => Promise<boolean> } })
  .default;

const THRESHOLD = 5;
const env = {
  TRUST_PROXY: 'on',
  LOCKOUT_THRESHOLD: String(THRESHOLD),
  // Slow enough that the burst is still being checked when the right password arrives.
  SCRYPT_LOGN: '13',
  SCRYPT_CONCURRENCY: '1',
  // The per-client limits are not what this test is about.
  LOGIN_LIMIT_PER_LOGIN: '1000',
  LOGIN_LIMIT_PER_ADDRESS: '1000',
};

/** A sign-in from its own address (the proxy's X-Forwarded-For), as 18 machines would send it. */
function attempt(ctx: TestContext, login: string, password: string, n: number) {
  return ctx.client({ headers: { 'X-Forwarded-For': `198.51.100.${n + 1}` } }).post('/api/v1/session', {
    login,
    password,
  });
}

async function throttleRow(ctx: TestContext, login: string) {
  return ctx.knex(portal.loginThrottle).where({ loginKey: login }).first();
}

/** Password checks the burst caused, as the audit trail records them (failed or succeeded). */
async function checkedInAudit(ctx: TestContext, login: string): Promise<number> {
  const rows = await ctx.knex(portal.auditEvents).where({ target: login });
  return rows.filter(
    (r) =>
      r.action === 'login_success' || (r.action === 'login_failure' && r.detail === 'invalid_credentials'),
  ).length;
}

describe('17 wrong passwords and the right one, at once', () => {
  let ctx: TestContext | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await ctx?.close();
    ctx = undefined;
  });

  it('checks at most the threshold, locks once, and refuses the right password while locked', async () => {
    ctx = await createTestContext({ env });
    const issued = await issueStartPassword(ctx, 14);
    const verify = vi.spyOn(scrypt, 'verify');

    const wrong = Array.from({ length: 17 }, (_, i) => attempt(ctx!, issued.login, `zle-haslo-${i}`, i));
    // The right password goes out once the lock exists, while the wrong ones are still in
    // flight (bounded wait: the lock is taken by the threshold-th attempt, before its hash).
    const deadline = Date.now() + 10_000;
    while (!(await throttleRow(ctx, issued.login))?.lockedUntil && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const right = attempt(ctx, issued.login, issued.oneTimePassword, 17);
    const answers = await Promise.all([...wrong, right]);

    const rightAnswer = answers[17]!;
    expect(rightAnswer.status).toBe(423);
    expect(rightAnswer.body.error.code).toBe('account_locked');
    expect(Number(rightAnswer.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const answer of answers.slice(0, 17)) expect([401, 423]).toContain(answer.status);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(THRESHOLD - 1);

    // Real scrypt verifications of this login's hash: at most the threshold.
    expect(verify.mock.calls.length).toBeLessThanOrEqual(THRESHOLD);
    expect(await checkedInAudit(ctx, issued.login)).toBeLessThanOrEqual(THRESHOLD);
    const row = await throttleRow(ctx, issued.login);
    expect(Number(row.lockCount)).toBe(1);
    const locks = await ctx
      .knex(portal.auditEvents)
      .where({ target: issued.login, action: 'account_locked' });
    expect(locks.length).toBe(1);
    // The lock is the first one (15 minutes), not a doubled one.
    expect(Number(row.lockedUntil) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('fully parallel, in any order: never more than the threshold checked, one lock at most', async () => {
    ctx = await createTestContext({ env: { ...env, SCRYPT_LOGN: '10' } });
    const issued = await issueStartPassword(ctx, 15);
    const verify = vi.spyOn(scrypt, 'verify');
    const requests = Array.from({ length: 18 }, (_, i) =>
      attempt(ctx!, issued.login, i === 17 ? issued.oneTimePassword : `zle-haslo-${i}`, i),
    );
    const answers = await Promise.all(requests);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(THRESHOLD);
    expect(await checkedInAudit(ctx, issued.login)).toBeLessThanOrEqual(THRESHOLD);
    const row = await throttleRow(ctx, issued.login);
    const rightAnswer = answers[17]!;
    if (rightAnswer.status === 200) {
      // The right password was among the first checked: a success resets the count (policy).
      expect(row?.lockedUntil ?? null).toBeNull();
    } else {
      expect(rightAnswer.status).toBe(423);
      expect(Number(row.lockCount)).toBe(1);
    }
    expect(answers.every((a) => [200, 401, 423].includes(a.status))).toBe(true);
  });

  it('two app instances on one database share the count (one slot per attempt, whichever instance)', async () => {
    ctx = await createTestContext({ env: { ...env, SCRYPT_LOGN: '10' } });
    const issued = await issueStartPassword(ctx, 16);
    // A second app with its own connection to the same database file: another instance behind
    // the load balancer (production/instances.test.ts runs two processes one after the other).
    const secondKnex = openDatabase(ctx.config);
    const second = createApp({ config: ctx.config, knex: secondKnex, logger: createLogger('silent') });
    const server = createServer(requestListener(second));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const verify = vi.spyOn(scrypt, 'verify');
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          fetch(`${i % 2 ? `http://127.0.0.1:${port}` : ctx!.url}/api/v1/session`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Origin: i % 2 ? `http://127.0.0.1:${port}` : ctx!.url,
              'X-Forwarded-For': `203.0.113.${i + 1}`,
            },
            body: JSON.stringify({ login: issued.login, password: `zle-${i}` }),
          }),
        ),
      );
      expect(answers.map((a) => a.status).filter((s) => s === 401).length).toBe(THRESHOLD - 1);
      expect(verify.mock.calls.length).toBe(THRESHOLD);
      expect(Number((await throttleRow(ctx, issued.login)).lockCount)).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await secondKnex.destroy();
    }
  });
});
