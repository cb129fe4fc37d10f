/**
 * Start passwords and logins as people actually type them (issue 13 item 6, issue 11 item 8):
 * a start password (one letter case, see lib/secrets.ts) typed with Caps Lock, or pasted with
 * spaces around it, signs in; an own password must match exactly. A failed login typed in another
 * letter case is found by the clerk's audit lookup (the login is normalised where it is recorded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNAMBIGUOUS_ALPHABET, generateOneTimePassword } from '../../src/lib/secrets.ts';
import { DEMO_CLERK, issueStartPassword, loginAs, ownPasswordFor } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

describe('start passwords as typed from the letter', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('are generated in one letter case', () => {
    expect(UNAMBIGUOUS_ALPHABET).toBe(UNAMBIGUOUS_ALPHABET.toLowerCase());
    for (let i = 0; i < 200; i++) {
      const password = generateOneTimePassword();
      expect(password).toBe(password.toLowerCase());
      expect(password.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('sign in typed in capitals, pasted with spaces, or both; the change accepts them so too', async () => {
    const issued = await issueStartPassword(ctx, 30);
    for (const typed of [
      issued.oneTimePassword.toUpperCase(),
      `  ${issued.oneTimePassword}\t`,
      ` ${issued.oneTimePassword.slice(0, 6).toUpperCase()}${issued.oneTimePassword.slice(6)} \n`,
    ]) {
      const answer = await ctx.client().post('/api/v1/session', { login: issued.login, password: typed });
      expect(answer.status, JSON.stringify(typed)).toBe(200);
      expect(answer.body.user.mustChangePassword).toBe(true);
    }
    const client = await loginAs(
      ctx,
      issued.login.toUpperCase(),
      ` ${issued.oneTimePassword.toUpperCase()} `,
    );
    // The start password typed in capitals cannot become the own password either.
    const same = await client.put('/api/v1/session/password', {
      currentPassword: issued.oneTimePassword.toUpperCase(),
      newPassword: ` ${issued.oneTimePassword.toUpperCase()} `,
    });
    expect(same.status).toBe(422);
    expect(same.body.error.reasons.map((r: { code: string }) => r.code)).toContain('same_as_current');
    const changed = await client.put('/api/v1/session/password', {
      currentPassword: `${issued.oneTimePassword.toUpperCase()} `,
      newPassword: ownPasswordFor(30),
    });
    expect(changed.status).toBe(204);
  });

  it('own passwords stay exact: another case or added spaces are wrong passwords', async () => {
    const issued = await issueStartPassword(ctx, 30);
    const client = await loginAs(ctx, issued.login, issued.oneTimePassword);
    const own = 'Mglisty poranek nad Nerem i dwie czaple';
    expect(
      (
        await client.put('/api/v1/session/password', {
          currentPassword: issued.oneTimePassword,
          newPassword: own,
        })
      ).status,
    ).toBe(204);
    for (const typed of [own.toUpperCase(), own.toLowerCase(), ` ${own} `]) {
      const answer = await ctx.client().post('/api/v1/session', { login: issued.login, password: typed });
      expect(answer.status, typed).toBe(401);
    }
    expect((await ctx.client().post('/api/v1/session', { login: issued.login, password: own })).status).toBe(
      200,
    );
  });
});

describe("the clerk's audit lookup", () => {
  it('finds failed logins typed in another letter case, known login or not', async () => {
    const ctx = await createTestContext();
    try {
      const issued = await issueStartPassword(ctx, 31);
      const typedKnown = issued.login.toUpperCase();
      expect(
        (await ctx.client().post('/api/v1/session', { login: typedKnown, password: 'zle' })).status,
      ).toBe(401);
      expect(
        (await ctx.client().post('/api/v1/session', { login: ' Nikt-Taki ', password: 'zle' })).status,
      ).toBe(401);
      const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
      for (const [lookup, expected] of [
        ['nikt-taki', 'nikt-taki'],
        ['NIKT-TAKI', 'nikt-taki'],
        [issued.login, issued.login],
        [typedKnown, issued.login],
      ] as const) {
        const answer = await clerk.get(`/api/v1/admin/audit?login=${encodeURIComponent(lookup)}`);
        expect(answer.status).toBe(200);
        const failures = answer.body.events.filter((e: { action: string }) => e.action === 'login_failure');
        expect(failures.length, lookup).toBe(1);
        expect(failures[0].target).toBe(expected);
      }
    } finally {
      await ctx.close();
    }
  });
});
