/**
 * The one typed client every widget uses to reach the BFF. It finds the API (the element's
 * `api-base` attribute, else `<meta name="strefa-api-base">`, else the page's own origin), sends
 * the session cookie, marks JSON bodies, passes each call's AbortSignal to fetch, and turns every
 * failure into an `ApiClientError` with a contract error code, so widgets show Polish messages
 * and never raw JSON.
 */
import type {
  AccountsResponse,
  AdminPeopleResponse,
  ApiErrorBody,
  AuditResponse,
  ChangePasswordRequest,
  ChargeHistoryResponse,
  ChargesResponse,
  DocumentsResponse,
  ErrorCode,
  FiltersResponse,
  IssuedCredentials,
  LoginRequest,
  MeResponse,
  ReadingsComparisonResponse,
  ReadingsResponse,
  RecentLoginsResponse,
  SessionResponse,
  SettlementHistoryResponse,
  SettlementsResponse,
} from '@strefa/api-types';

/** A failed call: the contract's error body, or `network` when the server did not answer. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'aborted',
    message: string,
    readonly body: ApiErrorBody['error'] | null = null,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/** Where the API lives for an element: its attribute, the page's meta tag, or same origin. */
export function resolveApiBase(explicit?: string | null): string {
  const fromMeta = globalThis.document?.querySelector<HTMLMetaElement>(
    'meta[name="strefa-api-base"]',
  )?.content;
  const base = (explicit || fromMeta || '').trim().replace(/\/+$/, '');
  return base;
}

type Query = Record<string, string | number | undefined | null>;

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
  getSession = (signal?: AbortSignal) => this.request<SessionResponse>('GET', '/session', { signal });
  login = (body: LoginRequest) => this.request<SessionResponse>('POST', '/session', { body });
  logout = () => this.request<void>('DELETE', '/session', { body: {} });
  changePassword = (body: ChangePasswordRequest) => this.request<void>('PUT', '/session/password', { body });
  recentLogins = (signal?: AbortSignal) =>
    this.request<RecentLoginsResponse>('GET', '/session/logins', { signal });

  // resident
  me = (signal?: AbortSignal) => this.request<MeResponse>('GET', '/me', { signal });
  filters = (unitId: number, signal?: AbortSignal) =>
    this.request<FiltersResponse>('GET', `/units/${unitId}/filters`, { signal });
  charges = (unitId: number, year: number, month: number, signal?: AbortSignal) =>
    this.request<ChargesResponse>('GET', `/units/${unitId}/charges`, { query: { year, month }, signal });
  accounts = (unitId: number, year: number, signal?: AbortSignal) =>
    this.request<AccountsResponse>('GET', `/units/${unitId}/accounts`, { query: { year }, signal });
  documents = (unitId: number, accountId: number, year: number, signal?: AbortSignal) =>
    this.request<DocumentsResponse>('GET', `/units/${unitId}/accounts/${accountId}/documents`, {
      query: { year },
      signal,
    });
  readings = (unitId: number, year: number, medium: string, signal?: AbortSignal) =>
    this.request<ReadingsResponse>('GET', `/units/${unitId}/readings`, { query: { year, medium }, signal });
  settlements = (unitId: number, year: number, account: number, signal?: AbortSignal) =>
    this.request<SettlementsResponse>('GET', `/units/${unitId}/settlements`, {
      query: { year, account },
      signal,
    });

  // the charts' data
  readingsComparison = (unitId: number, year: number, medium: string, signal?: AbortSignal) =>
    this.request<ReadingsComparisonResponse>('GET', `/units/${unitId}/readings/comparison`, {
      query: { year, medium },
      signal,
    });
  chargeHistory = (unitId: number, year: number, month: number, signal?: AbortSignal) =>
    this.request<ChargeHistoryResponse>('GET', `/units/${unitId}/charges/history`, {
      query: { year, month },
      signal,
    });
  settlementHistory = (unitId: number, year: number, account: number, signal?: AbortSignal) =>
    this.request<SettlementHistoryResponse>('GET', `/units/${unitId}/settlements/history`, {
      query: { year, account },
      signal,
    });

  // clerk
  searchPeople = (q: string, signal?: AbortSignal) =>
    this.request<AdminPeopleResponse>('GET', '/admin/people', { query: { q }, signal });
  issueCredentials = (personId: number) =>
    this.request<IssuedCredentials>('POST', '/admin/credentials', { body: { personId } });
  resetCredentials = (login: string) =>
    this.request<IssuedCredentials>('POST', `/admin/credentials/${encodeURIComponent(login)}/reset`, {
      body: {},
    });
  audit = (login: string, signal?: AbortSignal) =>
    this.request<AuditResponse>('GET', '/admin/audit', { query: { login }, signal });
}
