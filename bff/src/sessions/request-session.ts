/**
 * A request's view of its session (`ctx.state.session`): the signed-in data, and the three things
 * a route may do with it: sign in (a new id), re-issue it with changed data (a new id after a
 * privilege change), and end it. Each writes the table at once and sets or expires the cookie on
 * this response; nothing waits for the end of the request.
 *
 * The cookie `strefa_session` holds a 256-bit random id (base64url) and is signed with the app
 * keys (`strefa_session.sig`), HttpOnly, SameSite=Lax, path /, and Secure whenever the request is
 * HTTPS (directly or through a proxy trusted with TRUST_PROXY). Its lifetime is the row's idle
 * expiry: it is set again whenever that expiry is written (`touch`), so the browser keeps the
 * cookie exactly as long as the server keeps the session.
 */
import type { Context } from 'koa';
import type { LoadedSession, SessionData, SessionStore } from './session-store.ts';
import { SESSION_COOKIE } from './session-store.ts';

export class RequestSession {
  /** What the request started with, then what a route made of it (null: nobody signed in). */
  private current: LoadedSession | null;
  /** The session was replaced or ended here: no rolling touch afterwards. */
  private settled = false;

  constructor(
    private readonly ctx: Context,
    private readonly store: SessionStore,
    loaded: LoadedSession | null,
  ) {
    this.current = loaded;
  }

  /** The signed-in user's session data, or null. */
  get data(): SessionData | null {
    return this.current?.data ?? null;
  }

  /** The hashed id of the current session (as the table keys it), or undefined. */
  get hashedId(): string | undefined {
    return this.current?.hashed;
  }

  /** Signs `data` in under a new id; the request's previous session (if any) ends with it. */
  async signIn(data: SessionData): Promise<void> {
    this.current = await this.store.create(data, this.current);
    this.settled = true;
    this.setCookie(this.current.id, this.current.expiresAt - this.store.now());
  }

  /** The same sign-in with changed data under a new id (the absolute lifetime stays). */
  async reissue(changes: Partial<Omit<SessionData, 'createdAt' | 'absoluteExpiresAt'>>): Promise<void> {
    if (!this.current) throw new Error('reissue() needs a signed-in session');
    await this.signIn({ ...this.current.data, ...changes });
  }

  /** Ends the session everywhere (its row) and expires the cookie. */
  async end(): Promise<void> {
    if (this.current) await this.store.destroy(this.current);
    this.current = null;
    this.settled = true;
    this.ctx.cookies.set(SESSION_COOKIE, '', { ...this.cookieOptions(), expires: new Date(0) });
  }

  /** After the response is decided: moves the idle expiry of an active session (rolling). */
  async touch(): Promise<void> {
    if (this.settled || !this.current) return;
    const expiresAt = await this.store.touch(this.current);
    if (expiresAt !== null) this.setCookie(this.current.id, expiresAt - this.store.now());
  }

  private setCookie(id: string, maxAge: number): void {
    this.ctx.cookies.set(SESSION_COOKIE, id, { ...this.cookieOptions(), maxAge: Math.max(1, maxAge) });
  }

  private cookieOptions() {
    return {
      signed: true,
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      overwrite: true,
      secure: this.ctx.secure,
    };
  }
}
