/**
 * The session as every widget on a page sees it: one store per API base, shared by all widgets
 * that talk to that BFF. One `GET /session` answers for all of them, a login in one
 * `<resident-login>` logs in every widget, and a logout (or a 401 seen by any widget) sends all of
 * them back to the login prompt at once.
 *
 * Widgets use it through `SessionController`, and send every API call through its `guard()`: the
 * one place that decides what a 401 (the session ended) or a 403 `password_change_required`
 * means for the page:
 *
 * ```ts
 * private session = new SessionController(this);
 * load = (signal) => this.session.guard(this.api.me(signal));
 * render() {
 *   if (!this.session.ready) return this.renderLoginPrompt();   // see StrefaElement
 *   …
 * }
 * ```
 *
 * It also notices a browser that refuses the session cookie: the login answered 200 but the very
 * next call comes back anonymous. That happens when the page and the BFF are different sites
 * (`localhost` vs `127.0.0.1`, two unrelated domains): the cookie is then a third-party one, which
 * the browser does not send (SameSite=Lax) or blocks outright. The resident is told plainly, the
 * editor in the console.
 *
 * A login or a logout here reaches the browser's other tabs at once (session-tabs.ts, loaded a
 * moment after the first widget connects: nothing of the first view waits for it, and
 * `<resident-login>`'s download stays within its budget).
 */
import type { ReactiveController } from 'lit';
import type { MeResponse, SessionUser } from '@strefa/api-types';
import { ApiClient, ApiClientError } from './api-client.ts';
import type { SessionTabs, TabNews } from './session-tabs.ts';
import type { StrefaElement } from './strefa-element.ts';

/** `unknown` until the first answer of `GET /session` (or while it cannot be reached). */
export type SessionStatus = 'unknown' | 'anonymous' | 'authenticated';

export class SessionStore {
  private statusValue: SessionStatus = 'unknown';
  private userValue: SessionUser | null = null;
  private errorValue: ApiClientError | null = null;
  private expiredValue = false;
  /** A login answered, but no call has yet come back logged in with its cookie. */
  private unconfirmed = false;
  /**
   * Counts logins and logouts on this page: a session check sent before the latest of them must
   * not overrule it (the check that confirms a login's cookie, still on its way when the resident
   * presses "Wyloguj", would otherwise show them signed in again).
   */
  private changes = 0;
  private blocked = false;
  private pending: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private lastAnswer = 0;
  /** A widget on the page needs `/me`: the first check asks for it too (`?include=me`). */
  private wantsMe = false;
  /**
   * `/me` as the first check brought it, for the session of that check: its count of logins and
   * logouts (one on this page makes it stale) and the person it came for (a later check may find
   * another).
   */
  private early: { changes: number; login: string; me: MeResponse } | null = null;

  /**
   * A page that comes back into view after this long checks its session again, so a session that
   * ended meanwhile (idle timeout, logout in another tab, a clerk's reset) shows the login at once
   * instead of after the next click. Short enough for the 20-minute idle timeout, long enough not
   * to ask on every switch between tabs.
   */
  static recheckAfterMs = 60_000;

  private tabs: SessionTabs | null = null;
  /** Widgets listen: the other tabs' news is wanted (see `hearTabs`). */
  private tabsWanted = false;

  constructor(readonly api: ApiClient) {}

  /** `unknown` (not checked yet, or the check failed: see `error`), `anonymous` or `authenticated`. */
  get status(): SessionStatus {
    return this.statusValue;
  }

  /** The logged-in user, or null. Note `user.mustChangePassword`: see `ready`. */
  get user(): SessionUser | null {
    return this.userValue;
  }

  /**
   * Logged in AND past the forced password change: the data endpoints answer. While
   * `mustChangePassword` is true every endpoint but the password change answers 403, so widgets
   * show `<resident-login>` (which shows the new-password step) instead of their data.
   */
  get ready(): boolean {
    return this.statusValue === 'authenticated' && !!this.userValue && !this.userValue.mustChangePassword;
  }

  /** Why the last session check failed (network, 503) while `status` stays `unknown`; else null. */
  get error(): ApiClientError | null {
    return this.errorValue;
  }

  /** True after `expire()` until the next login: lets the login form say "your session expired". */
  get expired(): boolean {
    return this.expiredValue;
  }

  /**
   * True when a login succeeded but the browser did not send its cookie back on the next call (a
   * third-party cookie: see the module comment). `status` is `anonymous` then; the login form
   * explains instead of asking again. Cleared by `dismissCookieBlocked()` or the next login.
   */
  get cookieBlocked(): boolean {
    return this.blocked;
  }

  /** The resident wants to try again (after changing the browser's settings, say). */
  dismissCookieBlocked(): void {
    this.blocked = false;
    this.notify();
  }

  /**
   * A widget that will need `/me` says so when it connects: the page's first session check (sent
   * a moment later, once every widget of the page has connected) then brings `/me` along, and the
   * data follow one round trip sooner. Nothing changes for a visitor: the check is still one
   * request, answered 200 `{user: null}`.
   */
  wantMe(): void {
    if (this.statusValue === 'unknown') this.wantsMe = true;
  }

  /**
   * The `/me` answer the first check brought, while its session lasts; else null (ask `/me`).
   * Not after a login on this page, nor when a later check finds someone else signed in (a
   * logout and another person's login in a second tab of a shared computer).
   */
  earlyMe(): MeResponse | null {
    const early = this.early;
    return early && early.changes === this.changes && early.login === this.userValue?.login ? early.me : null;
  }

  /** True while a session check is on its way. */
  get checking(): boolean {
    return this.pending !== null;
  }

  /**
   * Asks the server (`GET /session`). Calls while one is on its way share it, so ten widgets
   * connecting at once cost one request.
   */
  refresh(): Promise<void> {
    if (this.pending) return this.pending;
    this.errorValue = null;
    this.notify();
    const changes = this.changes;
    // Sent after the current task: every widget of the page connects first, so a `wantMe()` of
    // any of them reaches the first check.
    this.pending = Promise.resolve()
      .then(() =>
        this.api.getSession(undefined, this.statusValue === 'unknown' ? this.firstCheck() : undefined),
      )
      .then(
        ({ user, me }) => {
          if (changes !== this.changes) return;
          if (user) {
            this.unconfirmed = false;
            if (me) this.early = { changes, login: user.login, me };
            this.set('authenticated', user);
          } else this.ended();
        },
        (error: unknown) => {
          // An older BFF answered an anonymous check with 401.
          if (error instanceof ApiClientError && error.status === 401) {
            if (changes === this.changes) this.ended();
          } else {
            // Network failure or 503: we do not know whether there is a session. Keep what we
            // knew, and let the widgets offer a retry.
            this.errorValue =
              error instanceof ApiClientError ? error : new ApiClientError(0, 'network', 'network');
          }
        },
      )
      .finally(() => {
        this.pending = null;
        this.notify();
      });
    return this.pending;
  }

  /**
   * What the page's first check asks for. A page may start that check itself, ahead of the
   * widgets' code, with `<link rel="preload" as="fetch" crossorigin="use-credentials">` naming
   * this BFF's check (with `?include=me` or without): the store then asks exactly that, and the
   * browser hands over the answer it has already fetched, a round trip sooner on a slow network
   * (docs/web-editors.md). Otherwise `/me` comes along when a widget wants it.
   */
  private firstCheck(): 'me' | undefined {
    const base = globalThis.document?.baseURI;
    const links = globalThis.document?.querySelectorAll<HTMLLinkElement>(
      'link[rel="preload"][as="fetch"][crossorigin="use-credentials"]',
    );
    for (const { href } of links ?? []) {
      if (href === new URL(this.api.sessionCheckUrl('me'), base).href) return 'me';
      if (href === new URL(this.api.sessionCheckUrl(), base).href) return undefined;
    }
    return this.wantsMe ? 'me' : undefined;
  }

  /** Checks the session unless it is known already (or being checked): what widgets do on connect. */
  ensure(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.statusValue === 'unknown' && !this.errorValue) return this.refresh();
    return Promise.resolve();
  }

  /**
   * Logs in (`POST /session`). Rejects with an `ApiClientError` (`invalid_credentials`,
   * `account_locked` with `body.lockedUntil`, `start_password_expired`, `too_many_requests`, …);
   * the store does not change then.
   */
  async login(login: string, password: string): Promise<SessionUser> {
    const { user } = await this.api.login({ login, password });
    this.changes += 1;
    this.expiredValue = false;
    this.blocked = false;
    this.unconfirmed = true;
    this.set('authenticated', user);
    // Does the browser send the new cookie back from this page? The widgets' first data calls
    // would tell too, but a page with only `<resident-login>` makes none. (After any check still
    // on its way, whose answer predates the login and is ignored.)
    void (this.pending ?? Promise.resolve()).then(() => this.refresh());
    this.tabs?.tell('login');
    return user;
  }

  /** Replaces the password (`PUT /session/password`); clears `mustChangePassword` on success. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    try {
      await this.api.changePassword({ currentPassword, newPassword });
    } catch (error) {
      if (error instanceof ApiClientError && error.code === 'unauthenticated') this.expire();
      throw error;
    }
    if (this.userValue) this.set('authenticated', { ...this.userValue, mustChangePassword: false });
  }

  /**
   * Logs out (`DELETE /session`): every widget sees `anonymous`. A session the server had already
   * ended counts as logged out; a network failure rejects and keeps the session shown, because
   * the server may still hold it.
   */
  async logout(): Promise<void> {
    try {
      await this.api.logout();
    } catch (error) {
      if (!(error instanceof ApiClientError && error.status === 401)) throw error;
    }
    this.signedOut();
    this.tabs?.tell('logout');
  }

  /** Logged out, here or in another tab: every widget of the page shows the login. */
  private signedOut(): void {
    // A check sent before the logout (the one confirming a login's cookie, say) no longer speaks
    // for this page's session.
    this.changes += 1;
    this.expiredValue = false;
    // The next person starts afresh: a "cookie blocked" read off a session that ended elsewhere
    // right after the login (the confirming check came back anonymous) goes with it; a browser
    // that really blocks the cookie shows it again at the next login.
    this.blocked = false;
    this.unconfirmed = false;
    this.set('anonymous', null);
  }

  /**
   * Another tab of this browser logged out (the cookie is gone for this page too) or logged in
   * (the cookie is that login's now, perhaps another person's): a check on its way speaks for the
   * old cookie, so after it the page asks again. True when a logout took someone off this page.
   */
  private heardFromTab(news: TabNews): boolean {
    const signedIn = this.statusValue === 'authenticated';
    if (news === 'logout') {
      this.signedOut();
      return signedIn;
    }
    this.changes += 1;
    void (this.pending ?? Promise.resolve()).then(() => this.refresh());
    return false;
  }

  /**
   * A widget got 401 from a data endpoint: the session ended on the server; all widgets log out.
   * Returns true when this call changed the state (the first widget to notice), false when the
   * page already knew.
   */
  expire(): boolean {
    if (this.statusValue === 'anonymous' && !this.userValue) return false;
    this.ended();
    return true;
  }

  /**
   * The server holds no session for us: it ended (the login says "expired") or, right after a
   * login, it never reached the server because the browser withheld the cookie.
   */
  private ended(): void {
    const wasShown = this.statusValue === 'authenticated';
    if (wasShown && this.unconfirmed) {
      this.unconfirmed = false;
      this.blocked = true;
      this.expiredValue = false;
      const [base, page] = [this.api.base, globalThis.location?.origin ?? 'this page'];
      void import('./editor-notes.ts').then((notes) => notes.cookieBlocked(base, page));
    } else if (wasShown) {
      this.expiredValue = true;
    }
    this.set('anonymous', null);
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    if (this.listeners.size === 0) {
      globalThis.document?.addEventListener('visibilitychange', this.onVisible);
      this.hearTabs(true);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        globalThis.document?.removeEventListener('visibilitychange', this.onVisible);
        this.hearTabs(false);
      }
    };
  }

  /** Opens (or closes) the line to the browser's other tabs, loading its code the first time. */
  private hearTabs(wanted: boolean): void {
    this.tabsWanted = wanted;
    if (!wanted) {
      this.tabs?.close();
      return;
    }
    if (this.tabs) {
      this.tabs.open();
      return;
    }
    import('./session-tabs.ts').then(
      ({ SessionTabs }) => {
        this.tabs ??= new SessionTabs(
          `strefa-session ${this.api.base}`,
          (news) => this.heardFromTab(news),
          () => void this.refresh(),
        );
        if (this.tabsWanted) this.tabs.open();
      },
      // Without it the page still works; other tabs' news then shows at the next check.
      () => undefined,
    );
  }

  private readonly onVisible = (): void => {
    if (document.visibilityState !== 'visible' || this.statusValue !== 'authenticated') return;
    if (Date.now() - this.lastAnswer >= SessionStore.recheckAfterMs) void this.refresh();
  };

  private set(status: SessionStatus, user: SessionUser | null): void {
    this.lastAnswer = Date.now();
    this.statusValue = status;
    this.userValue = user;
    this.errorValue = null;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const stores = new Map<string, SessionStore>();

/** The page's one store for the BFF that `api` talks to. */
export function sessionStoreFor(api: ApiClient): SessionStore {
  let store = stores.get(api.base);
  if (!store) {
    store = new SessionStore(api);
    stores.set(api.base, store);
  }
  return store;
}

/**
 * A Lit ReactiveController over the page's session: requests an update of its host on every
 * change, and checks the session (once per page) when the host connects. It follows the host's
 * `api-base`, so a widget pointed at another BFF gets that BFF's session.
 */
export class SessionController implements ReactiveController {
  private current: SessionStore | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: StrefaElement) {
    host.addController(this);
  }

  /** The store for the host's API base. */
  get store(): SessionStore {
    return sessionStoreFor(this.host.api);
  }

  get status(): SessionStatus {
    return this.store.status;
  }

  get user(): SessionUser | null {
    return this.store.user;
  }

  /** Logged in and past the forced password change (see `SessionStore.ready`). */
  get ready(): boolean {
    return this.store.ready;
  }

  /**
   * Every API call of a widget goes through here: the page's one answer to the session's
   * failures. A 401 means the server ended the session (or never got the cookie: see
   * `SessionStore.cookieBlocked`), so every widget on the page returns to the login and the host
   * fires `strefa-session-expired`; a forced password change re-checks the session, which makes
   * `<resident-login>` show the new-password step.
   */
  guard<T>(promise: Promise<T>): Promise<T> {
    return promise.catch((error: unknown) => {
      this.failed(error);
      throw error;
    });
  }

  /** What `guard()` does with a failure, for callers that catch the error themselves. */
  failed(error: unknown): void {
    if (!(error instanceof ApiClientError)) return;
    if (error.status === 401) {
      if (this.store.expire()) this.host.emit('strefa-session-expired', {});
    } else if (error.code === 'password_change_required') {
      void this.store.refresh();
    }
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    // `api-base` may have changed since the last render: follow the matching store.
    if (this.host.isConnected && this.current !== this.store) this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.current = null;
  }

  private follow(): void {
    this.unsubscribe?.();
    const store = this.store;
    this.current = store;
    this.unsubscribe = store.subscribe(() => this.host.requestUpdate());
    void store.ensure();
  }
}
