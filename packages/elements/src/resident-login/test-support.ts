/**
 * Helpers for the component tests of the access widgets: direct calls to the real BFF (through
 * the test runner's proxy, with the browser's cookies), and the page-wide session reset between
 * tests. Not part of any bundle.
 */
import type { AdminPerson, IssuedCredentials } from '@strefa/api-types';
import { api as call } from '../internal/data-test-support.ts';

// One implementation of the API call and the session reset for every component test.
export { api as call, logoutEverywhere as resetSession, RESIDENT } from '../internal/data-test-support.ts';

export const CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' };

/** Runs `work` with a demo-clerk session (through the API, not the widgets), then logs out. */
export async function asClerk<T>(work: () => Promise<T>): Promise<T> {
  const login = await call('POST', '/session', CLERK);
  if (login.status !== 200) throw new Error(`demo-clerk login failed: ${JSON.stringify(login)}`);
  try {
    return await work();
  } finally {
    await call('DELETE', '/session', {});
  }
}

const STREETS = [
  'Zamkowa',
  'Łaska',
  'Piłsudskiego',
  'Partyzancka',
  'Waryńskiego',
  'Kilińskiego',
  'Moniuszki',
];

/** A person of the demo data who has no login yet (found through the clerk's search). */
export async function personWithoutLogin(): Promise<AdminPerson> {
  return asClerk(async () => {
    for (const street of STREETS) {
      const found = await call('GET', `/admin/people?q=${encodeURIComponent(street)}`);
      const person = (found.body?.people as AdminPerson[] | undefined)?.find((p) => !p.login);
      if (person) return person;
    }
    throw new Error('no person without a login in the demo data');
  });
}

/** Issues credentials as demo-clerk for a person without a login; the one-time password comes back. */
export async function issueForSomebody(): Promise<{ person: AdminPerson; credentials: IssuedCredentials }> {
  const person = await personWithoutLogin();
  return asClerk(async () => {
    const issued = await call('POST', '/admin/credentials', { personId: person.id });
    if (issued.status !== 201) throw new Error(`issue failed: ${JSON.stringify(issued)}`);
    return { person, credentials: issued.body as IssuedCredentials };
  });
}

/** Sets an input's value as typing would, so Lit's @input handlers see it. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
