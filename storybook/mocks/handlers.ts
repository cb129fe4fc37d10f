/**
 * Mock Service Worker handlers: Strefa's API as the stories see it, one function per state a
 * widget can be in. Paths match under any prefix (`*\/api/v1/...`), so a story can give its
 * element an `api-base` of its own (see `storyApiBase`): widgets keep one session store per API
 * base per page, and a fresh base gives each story a fresh session without reloading Storybook.
 *
 * Error bodies are the contract's: `{error: {code, message, ...}}` with Polish messages.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { ApiErrorBody, ErrorCode, LoginRequest, SessionUser } from '@strefa/api-types';
import * as chartData from './chart-data.ts';
import * as data from './data.ts';

/**
 * Every state the stories show. `checking`: the session check has not answered yet; `loading`:
 * logged in, the data has not arrived yet.
 */
export type Scenario =
  | 'data'
  | 'checking'
  | 'loading'
  | 'empty'
  | 'error'
  | 'anonymous'
  | 'locked'
  | 'must-change-password'
  | 'expired-start-password'
  | 'clerk';

/** A distinct API base per story, so no session state leaks from one story to the next. */
export function storyApiBase(id: string): string {
  return `/storybook-api/${id}`;
}

export function errorBody(code: ErrorCode, message: string, extra: Partial<ApiErrorBody['error']> = {}) {
  return { error: { code, message, ...extra } } satisfies ApiErrorBody;
}

const unavailable = () =>
  HttpResponse.json(
    errorBody('unavailable', 'Dane są chwilowo niedostępne. Spróbuj ponownie za kilka minut.'),
    { status: 503 },
  );

const int = (url: URL, name: string, fallback: number) => Number(url.searchParams.get(name)) || fallback;

/** Answers of the session endpoints for a scenario (a wrong password is always refused). */
function sessionHandlers(scenario: Scenario): HttpHandler[] {
  let user: SessionUser | null =
    scenario === 'clerk'
      ? data.clerkUser
      : scenario === 'anonymous' || scenario === 'locked' || scenario === 'expired-start-password'
        ? null
        : scenario === 'must-change-password'
          ? data.newResidentUser
          : data.residentUser;
  return [
    http.get('*/api/v1/session', async () => {
      // `checking`: the session check never answers (the widget's very first state).
      if (scenario === 'checking') await delay('infinite');
      // Anonymous is an answer, not an error (as the BFF answers it).
      return HttpResponse.json({ user });
    }),
    http.post('*/api/v1/session', async ({ request }) => {
      const body = (await request.json()) as LoginRequest;
      await delay(300);
      if (scenario === 'locked') {
        return HttpResponse.json(
          errorBody(
            'account_locked',
            'Konto jest czasowo zablokowane po kilku nieudanych próbach logowania.',
            {
              lockedUntil: new Date(Date.now() + 14 * 60_000).toISOString(),
            },
          ),
          { status: 423 },
        );
      }
      if (scenario === 'expired-start-password') {
        return HttpResponse.json(
          errorBody(
            'start_password_expired',
            'Hasło startowe wygasło. Zgłoś się do Biura Obsługi Mieszkańców.',
          ),
          { status: 401 },
        );
      }
      if (!body?.password || body.password === 'zle-haslo') {
        return HttpResponse.json(errorBody('invalid_credentials', 'Nieprawidłowy identyfikator lub hasło.'), {
          status: 401,
        });
      }
      user = scenario === 'must-change-password' ? data.newResidentUser : data.residentUser;
      return HttpResponse.json({ user });
    }),
    http.delete('*/api/v1/session', () => {
      user = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.put('*/api/v1/session/password', async ({ request }) => {
      const body = (await request.json()) as { newPassword?: string };
      await delay(300);
      if (
        !body.newPassword ||
        body.newPassword.length < 12 ||
        /^(haslo|password|qwerty)/i.test(body.newPassword)
      ) {
        return HttpResponse.json(
          errorBody('password_policy', 'Hasło nie spełnia wymagań.', {
            field: 'newPassword',
            reasons: [
              { code: 'too_common', message: 'To hasło jest zbyt popularne i łatwe do odgadnięcia.' },
            ],
          }),
          { status: 422 },
        );
      }
      if (user) user = { ...user, mustChangePassword: false };
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/api/v1/session/logins', () => HttpResponse.json(data.recentLogins)),
  ];
}

/** The resident's data endpoints: real-looking data, an endless wait, empty lists, or 503. */
function residentHandlers(scenario: Scenario): HttpHandler[] {
  const guard = async () => {
    if (scenario === 'loading') await delay('infinite');
    if (scenario === 'error') return unavailable();
    return null;
  };
  const empty = scenario === 'empty';
  return [
    http.get('*/api/v1/me', async () => (await guard()) ?? HttpResponse.json(data.me)),
    http.get(
      '*/api/v1/units/:unitId/filters',
      async () => (await guard()) ?? HttpResponse.json(data.filters),
    ),
    http.get('*/api/v1/units/:unitId/charges', async ({ request }) => {
      const url = new URL(request.url);
      const year = int(url, 'year', 2026);
      const month = int(url, 'month', 11);
      return (
        (await guard()) ??
        HttpResponse.json(empty ? data.emptyCharges(year, month) : data.charges(year, month))
      );
    }),
    http.get('*/api/v1/units/:unitId/accounts', async ({ request }) => {
      const year = int(new URL(request.url), 'year', 2026);
      return (await guard()) ?? HttpResponse.json(empty ? { year, accounts: [] } : data.accounts(year));
    }),
    http.get('*/api/v1/units/:unitId/accounts/:accountId/documents', async ({ request, params }) => {
      const year = int(new URL(request.url), 'year', 2026);
      const response = data.documents(Number(params.accountId), year);
      return (await guard()) ?? HttpResponse.json(empty ? { ...response, documents: [] } : response);
    }),
    http.get('*/api/v1/units/:unitId/readings', async ({ request }) => {
      const url = new URL(request.url);
      const response = data.readings(int(url, 'year', 2026), url.searchParams.get('medium') ?? 'cold_water');
      return (await guard()) ?? HttpResponse.json(empty ? { ...response, readings: [] } : response);
    }),
    http.get('*/api/v1/units/:unitId/settlements', async ({ request }) => {
      const url = new URL(request.url);
      const response = data.settlements(int(url, 'year', 2026), int(url, 'account', 302));
      return (await guard()) ?? HttpResponse.json(empty ? { ...response, settlements: [] } : response);
    }),
    // "Do zapłaty" and "Skąd to saldo?"; `empty`: a unit without a fee account.
    http.get('*/api/v1/units/:unitId/payment', async () => {
      const response = empty ? data.payment({ accounts: [], amountDue: '0.00' }) : data.payment();
      return (await guard()) ?? HttpResponse.json(response);
    }),
    http.get('*/api/v1/units/:unitId/balance-history', async () => {
      const response = data.balanceHistory();
      return (await guard()) ?? HttpResponse.json(empty ? { ...response, accounts: [] } : response);
    }),
    // The charts' data (storybook/mocks/chart-data.ts).
    http.get('*/api/v1/units/:unitId/readings/comparison', async ({ request }) => {
      const url = new URL(request.url);
      const response = chartData.readingsComparison(
        int(url, 'year', 2026),
        url.searchParams.get('medium') ?? 'cold_water',
        {
          empty,
        },
      );
      return (await guard()) ?? HttpResponse.json(response);
    }),
    http.get('*/api/v1/units/:unitId/charges/history', async ({ request }) => {
      const url = new URL(request.url);
      const response = chartData.chargeHistory(int(url, 'year', 2026), int(url, 'month', 11), { empty });
      return (await guard()) ?? HttpResponse.json(response);
    }),
    http.get('*/api/v1/units/:unitId/settlements/history', async ({ request }) => {
      const url = new URL(request.url);
      const response = chartData.settlementHistory(int(url, 'year', 2026), int(url, 'account', 302), {
        empty,
      });
      return (await guard()) ?? HttpResponse.json(response);
    }),
  ];
}

/** The clerk's endpoints. */
function clerkHandlers(scenario: Scenario): HttpHandler[] {
  const guard = async () => {
    if (scenario === 'loading') await delay('infinite');
    if (scenario === 'error') return unavailable();
    return null;
  };
  return [
    http.get('*/api/v1/admin/people', async ({ request }) => {
      const q = (new URL(request.url).searchParams.get('q') ?? '').trim().toLowerCase();
      if (q.length < 2) {
        return HttpResponse.json(
          errorBody('invalid_parameter', 'Wpisz co najmniej 2 znaki.', { field: 'q' }),
          {
            status: 400,
          },
        );
      }
      const people =
        scenario === 'empty'
          ? []
          : data.people.people.filter(
              (p) =>
                p.displayName.toLowerCase().includes(q) ||
                p.memberNumber?.includes(q) ||
                p.units.some((u) => u.address.toLowerCase().includes(q)),
            );
      return (await guard()) ?? HttpResponse.json({ people });
    }),
    http.post('*/api/v1/admin/credentials', async () => {
      await delay(300);
      return (await guard()) ?? HttpResponse.json(data.issued, { status: 201 });
    }),
    http.post('*/api/v1/admin/credentials/:login/reset', async ({ params }) => {
      await delay(300);
      return (await guard()) ?? HttpResponse.json({ ...data.issued, login: String(params.login) });
    }),
    http.get('*/api/v1/admin/audit', async () => (await guard()) ?? HttpResponse.json(data.audit)),
  ];
}

/**
 * All handlers for one state. For `error` and `loading` the session check itself answers (the
 * widget is logged in) and the data calls fail or never finish, which is what the reader sees.
 */
export function handlersFor(scenario: Scenario): HttpHandler[] {
  const session = sessionHandlers(scenario === 'error' || scenario === 'empty' ? 'data' : scenario);
  return [...session, ...residentHandlers(scenario), ...clerkHandlers(scenario)];
}

/** Handlers for the clerk widget: the session is a clerk's, data as the scenario says. */
export function clerkHandlersFor(scenario: Scenario): HttpHandler[] {
  const sessionScenario: Scenario =
    scenario === 'data' || scenario === 'empty' || scenario === 'error' || scenario === 'loading'
      ? 'clerk'
      : scenario;
  return [...sessionHandlers(sessionScenario), ...clerkHandlers(scenario)];
}
