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

describe('SessionStore: the first check a page has preloaded', () => {
  const BASE = 'http://preload.stub.invalid';
  let link: HTMLLinkElement | null = null;
  afterEach(() => link?.remove());

  /** A `<link rel="preload" as="fetch">` in the head, as a page that starts the check itself has. */
  function preload(href: string, crossOrigin: string | null = 'use-credentials') {
    link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href });
    if (crossOrigin !== null) link.setAttribute('crossorigin', crossOrigin);
    document.head.append(link);
  }

  /** What the store's first check asks for (`include`), with or without a widget wanting `/me`. */
  async function firstCheck(wantMe: boolean): Promise<string | undefined> {
    const api = new ApiClient(BASE);
    const asked: Array<string | undefined> = [];
    api.getSession = async (_signal, include) => (asked.push(include), { user: null });
    const store = new SessionStore(api);
    if (wantMe) store.wantMe();
    await store.refresh();
    expect(asked).to.have.length(1);
    return asked[0];
  }

  it('asks exactly what the page preloaded, so the browser hands the answer over', async () => {
    preload(`${BASE}/api/v1/session?include=me`);
    expect(await firstCheck(false), 'with /me, though no widget asked').to.equal('me');
    link!.remove();
    preload(`${BASE}/api/v1/session`);
    expect(await firstCheck(true), 'without /me, though a widget wanted it').to.equal(undefined);
  });

  it('ignores a preload the browser could not hand over: without credentials, or another BFF', async () => {
    preload(`${BASE}/api/v1/session`, null);
    expect(await firstCheck(true)).to.equal('me');
    link!.remove();
    preload(`${BASE}/api/v1/session`, 'anonymous');
    expect(await firstCheck(true)).to.equal('me');
    link!.remove();
    preload('http://other.stub.invalid/api/v1/session');
    expect(await firstCheck(true)).to.equal('me');
    expect(await firstCheck(false)).to.equal(undefined);
  });
});
