/**
 * The one typed client every widget uses to reach the BFF. It finds the API (the element's
 * `api-base` attribute, else `<meta name="strefa-api-base">`, else the address the widgets' own
 * script was loaded from), sends the session cookie, marks JSON bodies, passes each call's
 * AbortSignal to fetch, and turns every failure into an `ApiClientError` with a contract error
 * code, so widgets show Polish messages and never raw JSON.
 *
 * This class has the session's calls only, all `<resident-login>` needs; the data calls of the
 * other widgets are in `ResourceClient` (resource-client.ts), so the login, on every page that
 * has one, does not carry them.
 */
import type {
  ApiErrorBody,
  ChangePasswordRequest,
  ErrorCode,
  LoginRequest,
  RecentLoginsResponse,
  SessionCheckResponse,
  SessionResponse,
} from '@strefa/api-types';

/**
 * Failures that never come from the server's JSON: `network` (no answer), `aborted` (the widget
 * cancelled), `origin_not_allowed` (the server answers, but not to this page: its origin is not in
 * `STREFA_ALLOWED_ORIGINS`), `cookie_blocked` (a login succeeded, but the browser does not send its
 * cookie back from this page: see SessionStore).
 */
export type ClientErrorCode = 'network' | 'aborted' | 'origin_not_allowed' | 'cookie_blocked';

/** A failed call: the contract's error body, or one of the client's own codes. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly body: ApiErrorBody['error'] | null = null,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/**
 * The BFF that served this very script: the part of its URL before the last `/widgets/` (the BFF
 * serves the entries at `/widgets/*.js` and the chunks this module is bundled into at
 * `/widgets/chunks/`). So `<script src="https://bom.example.pl/widgets/strefa.js">` talks to
 * `https://bom.example.pl`, and a BFF behind the CMS's own server at `/strefa/` to
 * `https://www.example.pl/strefa`. Empty (the page's own origin) when the script was not loaded
 * from a `/widgets/` folder (the component tests, Storybook) or from the page's own origin.
 */
export function scriptApiBase(scriptUrl: string = import.meta.url, page = globalThis.location): string {
  // Greedy: the part before the LAST /widgets/ of an http(s) address.
  const base = /^(https?:\/\/[^?#]*)\/widgets\//.exec(scriptUrl)?.[1] ?? '';
  return base === page?.origin ? '' : base;
}

const scriptBase = scriptApiBase();

/**
 * Where the API lives for an element, in order: its `api-base` attribute, the page's
 * `<meta name="strefa-api-base">`, the BFF that served the widgets' script (see `scriptApiBase`).
 */
export function resolveApiBase(explicit?: string | null): string {
  const fromMeta = globalThis.document?.querySelector<HTMLMetaElement>(
    'meta[name="strefa-api-base"]',
  )?.content;
  const base = (explicit?.trim() || fromMeta?.trim() || scriptBase).replace(/\/+$/, '');
  return base;
}

type Query = Record<string, string | number | undefined | null>;

const sessionPath = (include?: 'me') => (include ? '/session?include=me' : '/session');

export class ApiClient {
  constructor(readonly base = '') {}

  private url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.base}/api/v1${path}${search ? `?${search}` : ''}`;
  }

  async request<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url(path, options.query), {
        method,
        credentials: 'include',
        headers: {
          Accept: 'application/json',
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: options.signal,
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw new ApiClientError(0, 'aborted', 'aborted');
      // Another origin that answers but hides its answer from this page? (The check and the
      // editor's note load only now: a healthy page never downloads them.)
      if (this.base && (await (await import('./editor-notes.ts')).originNotAllowed(this.base))) {
        throw new ApiClientError(0, 'origin_not_allowed', 'origin_not_allowed');
      }
      throw new ApiClientError(0, 'network', 'network');
    }
    if (response.status === 204) return undefined as T;
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      const error = (body as ApiErrorBody | null)?.error;
      throw new ApiClientError(
        response.status,
        error?.code ?? (response.status >= 500 ? 'unavailable' : 'internal'),
        error?.message ?? response.statusText,
        error ?? null,
      );
    }
    return body as T;
  }

  // session
  /** `include: 'me'` adds a signed-in resident's `/me` answer (one round trip instead of two). */
  getSession = (signal?: AbortSignal, include?: 'me') =>
    this.request<SessionCheckResponse>('GET', sessionPath(include), { signal });
  /** The session check's URL, as a page's `<link rel="preload">` names it (session-store.ts). */
  sessionCheckUrl = (include?: 'me') => this.url(sessionPath(include));
  login = (body: LoginRequest) => this.request<SessionResponse>('POST', '/session', { body });
  logout = () => this.request<void>('DELETE', '/session', { body: {} });
  changePassword = (body: ChangePasswordRequest) => this.request<void>('PUT', '/session/password', { body });
  recentLogins = (signal?: AbortSignal) =>
    this.request<RecentLoginsResponse>('GET', '/session/logins', { signal });
}
