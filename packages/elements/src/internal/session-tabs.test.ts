/**
 * A login or a logout in one tab reaches the browser's other tabs (session-tabs.ts). Two stores
 * for the same BFF stand for two tabs: Chromium delivers a `BroadcastChannel`'s messages to every
 * other channel of that name in the same origin, the page's own included. Their API clients are
 * stubs whose answers the test releases by hand.
 */
// Loaded here first, so the stores' own `import()` of it is answered at once.
import './session-tabs.ts';
import { expect, waitUntil } from '@open-wc/testing';
import type { SessionCheckResponse, SessionUser } from '@strefa/api-types';
import { ApiClient } from './api-client.ts';
import type { StrefaLogoutEvent } from './events.ts';
import { SessionStore } from './session-store.ts';

const BASE = 'http://tabs.stub.invalid';
const RESIDENT: SessionUser = {
  login: 'jan.kowalski',
  role: 'resident',
  displayName: 'Jan Kowalski',
  mustChangePassword: false,
};
const OTHER: SessionUser = { ...RESIDENT, login: 'ewa.nowak', displayName: 'Ewa Nowak' };

/** Lets queued steps run: microtasks, a task, and a channel's message (a task of its own). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** One tab: a store whose checks wait for `answer()`, with one widget listening to it. */
async function tab() {
  const api = new ApiClient(BASE);
  const checks: Array<(answer: SessionCheckResponse) => void> = [];
  api.getSession = () => new Promise<SessionCheckResponse>((resolve) => checks.push(resolve));
  api.login = async () => ({ user: RESIDENT });
  api.logout = async () => undefined;
  const store = new SessionStore(api);
  const stop = store.subscribe(() => {});
  // The store loads the channel's code when its first widget listens.
  await settle();
  return { store, checks, stop };
}

/** A tab signed in: its first check answered with `user`. */
async function signedInTab(user: SessionUser = RESIDENT) {
  const opened = await tab();
  void opened.store.refresh();
  await settle();
  opened.checks.shift()!({ user });
  await settle();
  expect(opened.store.user?.login).to.equal(user.login);
  return opened;
}

describe('SessionStore between tabs', () => {
  const open: Array<{ stop: () => void }> = [];
  const track = <T extends { stop: () => void }>(opened: T): T => (open.push(opened), opened);
  afterEach(() => {
    for (const opened of open.splice(0)) opened.stop();
  });

  it('"Wyloguj" in one tab shows the login in the other at once, without a request of its own', async () => {
    const [first, second] = [track(await signedInTab()), track(await signedInTab())];
    const heard: Array<StrefaLogoutEvent['detail']> = [];
    const listen = (event: StrefaLogoutEvent) => heard.push(event.detail);
    document.addEventListener('strefa-logout', listen);
    try {
      await first.store.logout();
      await waitUntil(() => second.store.status === 'anonymous', 'the other tab logged out', {
        timeout: 2000,
      });
      expect(second.store.user).to.equal(null);
      expect(second.store.expired, 'a logout, not an expired session').to.equal(false);
      expect(second.checks, 'no check needed').to.have.length(0);
      // The page's own script hears of it, once, as of a logout elsewhere.
      await settle();
      expect(heard).to.deep.equal([{ elsewhere: true }]);
      // A tab already logged out has nothing to tell its page.
      await track(await signedInTab()).store.logout();
      await settle();
      expect(heard).to.have.length(1);
    } finally {
      document.removeEventListener('strefa-logout', listen);
    }
  });

  it('a check on its way when the news comes no longer speaks for the tab', async () => {
    const [first, second] = [track(await signedInTab()), track(await signedInTab())];
    void second.store.refresh();
    await settle();
    expect(second.checks).to.have.length(1);
    await first.store.logout();
    await waitUntil(() => second.store.status === 'anonymous', 'the other tab logged out', { timeout: 2000 });
    // Sent before the logout: the server still knew the session then.
    second.checks.shift()!({ user: RESIDENT });
    await settle();
    expect(second.store.status).to.equal('anonymous');
  });

  it('a login in one tab makes the other ask the server, and show whoever is signed in now', async () => {
    const second = track(await signedInTab(OTHER));
    const first = track(await tab());
    await first.store.login(RESIDENT.login, 'haslo-testowe-123');
    await waitUntil(() => second.checks.length === 1, 'the other tab checks the session', { timeout: 2000 });
    second.checks.shift()!({ user: RESIDENT });
    await settle();
    expect(second.store.user?.login, "the second person's view is gone").to.equal(RESIDENT.login);
  });

  it('a page without widgets listening hears nothing and tells nothing', async () => {
    const listening = track(await signedInTab());
    const quiet = await signedInTab();
    quiet.stop();
    await quiet.store.logout();
    await settle();
    expect(listening.store.status, 'nobody told').to.equal('authenticated');
    await track(await signedInTab()).store.logout();
    await waitUntil(() => listening.store.status === 'anonymous', 'the listening tab logged out', {
      timeout: 2000,
    });
    expect(quiet.store.status).to.equal('anonymous');
    expect(quiet.checks, 'the quiet page asked nothing').to.have.length(0);
  });

  it('is deaf in the back/forward cache, and checks the session on its return', async () => {
    const [first, second] = [track(await signedInTab()), track(await signedInTab())];
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await first.store.login(RESIDENT.login, 'haslo-testowe-123');
    await settle();
    // Both stores are on this one page, so both went deaf: the first's confirming check is its own.
    expect(second.checks, 'the cached page heard nothing').to.have.length(0);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await settle();
    expect(second.checks, 'back from the cache: one check').to.have.length(1);
    second.checks.shift()!({ user: null });
    await settle();
    expect(second.store.status).to.equal('anonymous');
    // And it hears the other tabs again.
    await track(await signedInTab()).store.login(RESIDENT.login, 'haslo-testowe-123');
    await waitUntil(() => second.checks.length === 1, 'the restored tab hears a login', { timeout: 2000 });
  });
});
