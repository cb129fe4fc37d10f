/**
 * Signing in for tests, the real way: through the HTTP API with cookies, as a browser would.
 *
 * `loginAsPerson` walks the cooperative's procedure for a person of the generated data: the demo
 * clerk issues credentials (or, if the person already has a login, resets them), the person signs
 * in with the one-time start password, replaces it with a password of their own, and the client
 * that comes back holds a session that may read the person's data.
 */
import type { IssuedCredentials, SessionResponse } from '@strefa/api-types';
import { portal } from '../../src/db/tables.ts';
import type { TestClient, TestContext } from './test-app.ts';

export const DEMO_CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' } as const;
export const DEMO_RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' } as const;

/** The password `loginAsPerson` sets: long, unusual words, so the policy accepts it. */
export function ownPasswordFor(personId: number): string {
  return `Zielone jabłko ${personId} na parapecie babci Heleny`;
}

/** A client signed in with a login and password; fails the test with the answer if refused. */
export async function loginAs(ctx: TestContext, login: string, password: string): Promise<TestClient> {
  const client = ctx.client();
  const response = await client.post<SessionResponse>('/api/v1/session', { login, password });
  if (response.status !== 200) {
    throw new Error(`login ${login} refused: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return client;
}

/** A clerk's start password for a person: issued, or reset when the person already has a login. */
export async function issueStartPassword(ctx: TestContext, personId: number): Promise<IssuedCredentials> {
  const clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
  let answer = await clerk.post<IssuedCredentials>('/api/v1/admin/credentials', { personId });
  if (answer.status === 409) {
    const row = (await ctx.knex(portal.credentials).where({ personId }).first()) as
      { login: string } | undefined;
    if (!row) throw new Error(`person ${personId}: 409 but no login found`);
    answer = await clerk.post<IssuedCredentials>(
      `/api/v1/admin/credentials/${encodeURIComponent(row.login)}/reset`,
      {},
    );
  }
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(
      `issuing credentials for person ${personId} failed: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  await clerk.delete('/api/v1/session', {});
  return answer.body;
}

/**
 * A client signed in as the person, with their own password already set (so data endpoints
 * answer). Resets any earlier login of the person: older clients of the same person sign out.
 */
export async function loginAsPerson(ctx: TestContext, personId: number): Promise<TestClient> {
  const issued = await issueStartPassword(ctx, personId);
  const client = await loginAs(ctx, issued.login, issued.oneTimePassword);
  const newPassword = ownPasswordFor(personId);
  const changed = await client.put('/api/v1/session/password', {
    currentPassword: issued.oneTimePassword,
    newPassword,
  });
  if (changed.status !== 204) {
    throw new Error(
      `password change for person ${personId} failed: ${changed.status} ${JSON.stringify(changed.body)}`,
    );
  }
  return client;
}
