/**
 * The session store's ordering rules, with the API's answers released by hand (a stub client):
 * which answers may still change the page's session after a login or a logout on it.
 */
import { expect } from '@open-wc/testing';
import type { SessionCheckResponse, SessionUser } from '@strefa/api-types';
import { ApiClient } from './api-client.ts';
import { SessionStore } from './session-store.ts';

const RESIDENT: SessionUser = {
  login: 'jan.kowalski',
  role: 'resident',
  displayName: 'Jan Kowalski',
  mustChangePassword: false,
};

/** Lets the store's queued steps (microtasks, then a task) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A store over a client whose session checks wait until the test answers them. */
function storeWithHeldChecks() {
  const api = new ApiClient('http://stub.invalid');
  const checks: Array<(answer: SessionCheckResponse) => void> = [];
  api.getSession = () => new Promise<SessionCheckResponse>((resolve) => checks.push(resolve));
  api.login = async () => ({ user: RESIDENT });
  api.logout = async () => undefined;
  return { store: new SessionStore(api), checks };
}

/**
 * A login whose confirming check comes back anonymous: what a browser withholding the cookie
 * looks like (and a session ended elsewhere right after the login, too).
 */
async function loginAnsweredAnonymous() {
  const { store, checks } = storeWithHeldChecks();
  await store.login(RESIDENT.login, 'haslo-testowe-123');
  await settle();
  checks[0]!({ user: null });
  await settle();
  return store;
}

describe('SessionStore: answers that come late', () => {
  it('the check that confirms a login, answered after "Wyloguj", does not sign the page in again', async () => {
    const { store, checks } = storeWithHeldChecks();
    await store.login(RESIDENT.login, 'haslo-testowe-123');
    await settle();
    expect(checks, 'the confirming check is on its way').to.have.length(1);
    await store.logout();
    expect(store.status).to.equal('anonymous');
    // Sent before the logout, so the server still knew the session then.
    checks[0]!({ user: RESIDENT });
    await settle();
    expect(store.status).to.equal('anonymous');
    expect(store.user).to.equal(null);
  });

  it('without a logout, the same answer confirms the login (the rule above is not a blanket one)', async () => {
    // The browser withheld the cookie: the check comes back anonymous, which the store explains.
    const store = await loginAnsweredAnonymous();
    expect(store.status).to.equal('anonymous');
    expect(store.cookieBlocked).to.equal(true);
  });

  it('a logout starts afresh: a "cookie blocked" read off a session ended elsewhere does not outlive it', async () => {
    // The session ended on the server (a logout in another tab, a clerk's reset) between a login
    // and the check confirming it: that check's anonymous answer reads as a blocked cookie. The
    // logout that follows must leave the page with the login form, not that message.
    const store = await loginAnsweredAnonymous();
    expect(store.cookieBlocked).to.equal(true);
    await store.logout();
    expect(store.status).to.equal('anonymous');
    expect(store.cookieBlocked).to.equal(false);
  });
});
