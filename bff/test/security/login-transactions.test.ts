/**
 * Writes that belong together happen together (issue 11 item 6). A clerk's reset is: new start
 * password → end the login's sessions → clear its lockout counters → audit; an issue is: new
 * credential → clear counters → audit; a password change is: new hash → end the other sessions
 * → audit. A database failure injected at each step in turn (a knex query hook that throws on
 * that step's statement, the way a lost connection or a full tablespace would) must leave
 * nothing half-done: the old password still works, the old sessions are alive, no new start
 * password and no audit event for a change that did not happen. Then, without a failure, the
 * same request does all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portal } from '../../src/db/tables.ts';
import { DEMO_CLERK, loginAs, loginAsPerson, ownPasswordFor } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

interface Step {
  name: string;
  /** Matches the SQL (and bindings) of the statement that carries this step. */
  matches(sql: string, bindings: readonly unknown[]): boolean;
}

const table = (name: string) => `[\`"]?${name}[\`"]?`;
const statement = (verb: string, name: string) => new RegExp(`^${verb}\\s.*?${table(name)}`, 'i');

const step = (name: string, verb: string, tableName: string, binding?: string): Step => ({
  name,
  matches: (sql, bindings) =>
    statement(verb, tableName).test(sql) && (binding === undefined || bindings.includes(binding)),
});

/** Makes the first statement of `step` fail while armed; returns the disarm function. */
function inject(ctx: TestContext, target: Step): { fired: () => boolean; disarm: () => void } {
  let fired = false;
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    if (!fired && target.matches(query.sql, query.bindings ?? [])) {
      fired = true;
      throw new Error(`injected failure at "${target.name}"`);
    }
  };
  ctx.knex.on('query', listener);
  return { fired: () => fired, disarm: () => ctx.knex.off('query', listener) };
}

describe('one transaction per credential change', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const credentialOf = (personId: number) => ctx.knex(portal.credentials).where({ personId }).first();
  const auditCount = (login: string, action: string) =>
    ctx
      .knex(portal.auditEvents)
      .where({ target: login, action })
      .count({ n: '*' })
      .first()
      .then((r) => Number(r!.n));

  it('reset: a failure at any step leaves the old password, sessions, counters and audit', async () => {
    const resident = await loginAsPerson(ctx, 20);
    const before = await credentialOf(20);
    const login: string = before.login;
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const steps = [
      step('new start password', 'update', portal.credentials, login),
      step('end sessions', 'delete', portal.sessions, login),
      step('clear the lockout counters', 'delete', portal.loginThrottle, login),
      step('audit', 'insert', portal.auditEvents, 'credentials_reset'),
    ];
    for (const target of steps) {
      // A wrong password leaves a counter the reset would clear.
      expect((await ctx.client().post('/api/v1/session', { login, password: 'zle haslo' })).status).toBe(401);
      const audits = await auditCount(login, 'credentials_reset');
      const failure = inject(ctx, target);
      let answer;
      try {
        answer = await clerk.post(`/api/v1/admin/credentials/${login}/reset`, {});
      } finally {
        failure.disarm();
      }
      expect(failure.fired(), target.name).toBe(true);
      expect(answer.status, target.name).toBeGreaterThanOrEqual(500);
      const after = await credentialOf(20);
      expect(after.passwordHash, target.name).toBe(before.passwordHash);
      expect(Number(after.mustChangePassword), target.name).toBe(0);
      expect((await resident.get('/api/v1/me')).status, `${target.name}: session alive`).toBe(200);
      const counter = await ctx.knex(portal.loginThrottle).where({ loginKey: login }).first();
      expect(Number(counter?.failures), target.name).toBeGreaterThan(0);
      expect(await auditCount(login, 'credentials_reset'), target.name).toBe(audits);
    }
    // Without a failure: everything at once.
    const audits = await auditCount(login, 'credentials_reset');
    const answer = await clerk.post(`/api/v1/admin/credentials/${login}/reset`, {});
    expect(answer.status).toBe(200);
    expect((await credentialOf(20)).passwordHash).not.toBe(before.passwordHash);
    expect((await resident.get('/api/v1/me')).status).toBe(401);
    expect(await ctx.knex(portal.loginThrottle).where({ loginKey: login }).first()).toBeUndefined();
    expect(await auditCount(login, 'credentials_reset')).toBe(audits + 1);
  });

  it('issue: a failure at any step leaves no credential and no audit event', async () => {
    const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
    const personId = 21;
    expect(await credentialOf(personId)).toBeUndefined();
    const issuedBefore = () =>
      ctx
        .knex(portal.auditEvents)
        .where({ action: 'credentials_issued' })
        .count({ n: '*' })
        .first()
        .then((r) => Number(r!.n));
    const steps = [
      step('new credential', 'insert', portal.credentials),
      step('clear the lockout counters', 'delete', portal.loginThrottle),
      step('audit', 'insert', portal.auditEvents, 'credentials_issued'),
    ];
    for (const target of steps) {
      const audits = await issuedBefore();
      const failure = inject(ctx, target);
      let answer;
      try {
        answer = await clerk.post('/api/v1/admin/credentials', { personId });
      } finally {
        failure.disarm();
      }
      expect(failure.fired(), target.name).toBe(true);
      expect(answer.status, target.name).toBeGreaterThanOrEqual(500);
      expect(await credentialOf(personId), target.name).toBeUndefined();
      expect(await issuedBefore(), target.name).toBe(audits);
    }
    const answer = await clerk.post('/api/v1/admin/credentials', { personId });
    expect(answer.status).toBe(201);
    expect((await credentialOf(personId)).login).toBe(answer.body.login);
  });

  it('password change: a failure at any step keeps the old password and the other sessions', async () => {
    const resident = await loginAsPerson(ctx, 22);
    const login: string = (await credentialOf(22)).login;
    const other = await loginAs(ctx, login, ownPasswordFor(22)); // a second device
    const before = await credentialOf(22);
    const newPassword = 'Trzy wiewiórki liczą szyszki pod jarzębiną';
    const steps = [
      step('new hash', 'update', portal.credentials, login),
      step('end the other sessions', 'delete', portal.sessions, login),
      step('audit', 'insert', portal.auditEvents, 'password_change'),
    ];
    for (const target of steps) {
      const audits = await auditCount(login, 'password_change');
      const failure = inject(ctx, target);
      let answer;
      try {
        answer = await resident.put('/api/v1/session/password', {
          currentPassword: ownPasswordFor(22),
          newPassword,
        });
      } finally {
        failure.disarm();
      }
      expect(failure.fired(), target.name).toBe(true);
      expect(answer.status, target.name).toBeGreaterThanOrEqual(500);
      expect((await credentialOf(22)).passwordHash, target.name).toBe(before.passwordHash);
      expect((await other.get('/api/v1/me')).status, `${target.name}: other device`).toBe(200);
      expect(await auditCount(login, 'password_change'), target.name).toBe(audits);
      expect((await resident.get('/api/v1/session')).status, target.name).toBe(200);
    }
    const answer = await resident.put('/api/v1/session/password', {
      currentPassword: ownPasswordFor(22),
      newPassword,
    });
    expect(answer.status).toBe(204);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await credentialOf(22)).passwordHash).not.toBe(before.passwordHash);
  });
});
