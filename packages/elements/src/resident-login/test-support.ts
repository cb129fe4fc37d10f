/**
 * Helpers for the component tests of the access widgets: direct calls to the real BFF (through
 * the test runner's proxy, with the browser's cookies), and the page-wide session reset between
 * tests. Not part of any bundle.
 */
import type { AdminPerson, IssuedCredentials } from '@strefa/api-types';
import { ApiClient } from '../internal/api-client.ts';
import { sessionStoreFor } from '../internal/session-store.ts';

export const RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' };
export const CLERK = { login: 'demo-clerk', password: 'demo-clerk-password' };

/** Any endpoint's JSON, unchecked: the tests assert on it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'include',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Logs out on the server and in the page's shared session store. */
export async function resetSession(): Promise<void> {
  await call('DELETE', '/session', {});
  const store = sessionStoreFor(new ApiClient(''));
  await store.logout().catch(() => undefined);
  await store.refresh();
}

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
