/**
 * Authorisation by construction (issue 11, items 1 and 2). Every route the app mounts is read
 * from the routers themselves (`buildApp().routers`), and each must have a decision below: the
 * status it answers to nobody, a resident, a clerk, and a resident who still has to replace a
 * start password. A route added without a decision fails here. Then every route is asked in the
 * spellings a hostile client tries (letter case per segment, percent-escapes, an escaped slash,
 * doubled slashes, a trailing slash, `;` and `.` segments): none may reach the handler, and each
 * is answered in the contract's shape (a JSON 404 under the API), never 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';
import { type RawAnswer, rawRequest, type Role, roleClients, ROLES } from './support.ts';

interface Decision {
  /** The path's parameters and query for a request that is valid for the roles allowed. */
  path: string;
  body?: unknown;
  expect: Record<Role, number>;
}

const FLAT = KNOWN_PEOPLE.demoResident.flatUnitId;
const YEAR = 2025;
const everyone = (status: number): Record<Role, number> => ({
  anonymous: status,
  resident: status,
  clerk: status,
  mustChange: status,
});
/** A resident with their own password only. */
const residentOnly = (ok = 200) => ({ anonymous: 401, resident: ok, clerk: 403, mustChange: 403 });
/** A clerk with their own password only. */
const clerkOnly = (ok = 200) => ({ anonymous: 401, resident: 403, clerk: ok, mustChange: 403 });

/** Filled in once the resident's own filters are known (ids of their accounts and media). */
let DECISIONS: Record<string, Decision>;

function decisions(accountId: number, settlementAccountId: number, medium: string): Record<string, Decision> {
  return {
    'GET /healthz': { path: '/healthz', expect: everyone(200) },
    'GET /readyz': { path: '/readyz', expect: everyone(200) },
    // An empty login form is refused alike for all; a real one would replace the session.
    'POST /api/v1/session': { path: '/api/v1/session', body: {}, expect: everyone(400) },
    'GET /api/v1/session': { path: '/api/v1/session', expect: everyone(200) },
    'DELETE /api/v1/session': { path: '/api/v1/session', body: {}, expect: everyone(204) },
    'PUT /api/v1/session/password': {
      path: '/api/v1/session/password',
      body: {},
      expect: { anonymous: 401, resident: 400, clerk: 400, mustChange: 400 },
    },
    'GET /api/v1/session/logins': {
      path: '/api/v1/session/logins',
      expect: { anonymous: 401, resident: 200, clerk: 200, mustChange: 403 },
    },
    'GET /api/v1/me': { path: '/api/v1/me', expect: residentOnly() },
    'GET /api/v1/units/:unitId/filters': { path: `/api/v1/units/${FLAT}/filters`, expect: residentOnly() },
    'GET /api/v1/units/:unitId/charges': {
      path: `/api/v1/units/${FLAT}/charges?year=${YEAR}&month=3`,
      expect: residentOnly(),
    },
    'GET /api/v1/units/:unitId/accounts': {
      path: `/api/v1/units/${FLAT}/accounts?year=${YEAR}`,
      expect: residentOnly(),
    },
    'GET /api/v1/units/:unitId/accounts/:accountId/documents': {
      path: `/api/v1/units/${FLAT}/accounts/${accountId}/documents?year=${YEAR}`,
      expect: residentOnly(),
    },
    'GET /api/v1/units/:unitId/readings': {
      path: `/api/v1/units/${FLAT}/readings?year=${YEAR}&medium=${medium}`,
      expect: residentOnly(),
    },
    'GET /api/v1/units/:unitId/settlements': {
      path: `/api/v1/units/${FLAT}/settlements?year=${YEAR}&account=${settlementAccountId}`,
      expect: residentOnly(),
    },
    'GET /api/v1/admin/people': { path: '/api/v1/admin/people?q=Ko', expect: clerkOnly() },
    // A person and a login that do not exist: the clerk's answer is 404, nothing changes.
    'POST /api/v1/admin/credentials': {
      path: '/api/v1/admin/credentials',
      body: { personId: 987_654 },
      expect: clerkOnly(404),
    },
    'POST /api/v1/admin/credentials/:login/reset': {
      path: '/api/v1/admin/credentials/nobody-here/reset',
      body: {},
      expect: clerkOnly(404),
    },
    'GET /api/v1/admin/audit': { path: '/api/v1/admin/audit?login=demo-resident', expect: clerkOnly() },
  };
}

let ctx: TestContext;
let clients: Record<Role, TestClient>;
/** `METHOD /path/:param` of every route the app mounts, read from its routers. */
let registered: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  clients = await roleClients(ctx);
  const filters = (await clients.resident.get(`/api/v1/units/${FLAT}/filters`)).body;
  DECISIONS = decisions(filters.accounts[0].id, filters.settlementAccounts[0].id, filters.media[0].code);
  registered = [];
  for (const router of [ctx.routers.health, ...ctx.routers.api]) {
    for (const layer of router.stack) {
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        registered.push(`${method} ${String(layer.path)}`);
      }
    }
  }
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

/** Asks as a role; a sign-out is undone at once so the role's next request is still signed in. */
async function ask(role: Role, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const client = clients[role];
  const answer = await rawRequest(ctx.url, method, path, { client, body });
  if (method === 'DELETE' && path === '/api/v1/session' && role !== 'anonymous') {
    clients = { ...clients, ...(await roleClients(ctx)), anonymous: clients.anonymous };
  }
  return answer;
}

function expectContractShape(answer: RawAnswer, label: string, path: string) {
  expect(answer.status, label).toBeLessThan(500);
  if (answer.status >= 400 && path.toLowerCase().includes('api')) {
    expect(answer.headers['content-type'], label).toMatch(/^application\/json/);
    expect(typeof answer.json?.error?.code, `${label}: ${answer.text}`).toBe('string');
    expect(typeof answer.json?.error?.message, label).toBe('string');
  }
}

describe('the route table', () => {
  it('has a decision for every registered route, and no decision for a route that is gone', () => {
    expect(registered.length).toBeGreaterThan(10);
    const undecided = registered.filter((route) => !(route in DECISIONS));
    expect(undecided, 'routes without a decision in route-table.test.ts').toEqual([]);
    expect(Object.keys(DECISIONS).filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('answers each role as decided, HEAD like GET', async () => {
    const seen: string[] = [];
    for (const route of registered) {
      const [method] = route.split(' ') as [string];
      const decision = DECISIONS[route]!;
      for (const role of ROLES) {
        const answer = await ask(role, method, decision.path, decision.body);
        const label = `${role} ${method} ${decision.path}`;
        seen.push(`${label} → ${answer.status}`);
        expect(answer.status, `${label}: ${answer.text}`).toBe(decision.expect[role]);
        expectContractShape(answer, label, decision.path);
        if (method === 'GET') {
          const head = await ask(role, 'HEAD', decision.path);
          expect(head.status, `${role} HEAD ${decision.path}`).toBe(decision.expect[role]);
          expect(head.text).toBe('');
        }
      }
    }
    expect(seen.length).toBe(registered.length * ROLES.length);
  });
});

/**
 * The spellings a hostile client tries for one path (its query kept as is). `template` is the
 * route's own path: a parameter's segment (`:unitId`) is a value, not a name to misspell.
 */
function variants(pathAndQuery: string, template: string): string[] {
  const [path, query] = pathAndQuery.split('?') as [string, string | undefined];
  const suffix = query ? `?${query}` : '';
  const segments = path.split('/').slice(1);
  const isParameter = template
    .split('/')
    .slice(1)
    .map((segment) => segment.startsWith(':'));
  const join = (parts: string[]) => `/${parts.join('/')}`;
  const out = new Set<string>();
  out.add(path.toUpperCase());
  segments.forEach((segment, i) => {
    const replace = (value: string) => join(segments.map((s, j) => (j === i ? value : s)));
    if (/[a-z]/.test(segment)) {
      out.add(replace(segment[0]!.toUpperCase() + segment.slice(1))); // /api/v1/Admin/people
      out.add(replace(segment.toUpperCase())); // /api/V1/admin/people
      const hex = segment.charCodeAt(0).toString(16).toUpperCase();
      out.add(replace(`%${hex}${segment.slice(1)}`)); // /api/v1/%61dmin/people
    }
    if (!isParameter[i]) out.add(replace(`${segment};x`)); // /api/v1/admin;x/people
    out.add(join([...segments.slice(0, i), '.', ...segments.slice(i)])); // /api/v1/./admin/people
    out.add(join([...segments.slice(0, i), 'x', '..', ...segments.slice(i)])); // /api/x/../v1/...
    out.add(join(segments.slice(0, i)) + '/' + join(segments.slice(i))); // doubled slash
    if (i > 0) out.add(join(segments.slice(0, i)) + '%2F' + segments.slice(i).join('/')); // %2F
  });
  out.add(`${path}/`);
  out.add(`${path}%2F`);
  out.add(`${path};`);
  out.add(`${path}/.`);
  out.delete(path);
  return [...out].map((variant) => variant + suffix);
}

describe('other spellings of every route', () => {
  it('never reach a handler: 404 in the contract shape (401/403 first under /api/v1/admin/)', async () => {
    let asked = 0;
    for (const route of registered) {
      const [method, template] = route.split(' ') as [string, string];
      const decision = DECISIONS[route]!;
      for (const variant of variants(decision.path, template)) {
        for (const role of ROLES) {
          const answer = await ask(role, method, variant, decision.body);
          asked++;
          const label = `${role} ${method} ${variant}`;
          // The clerks' prefix is guarded before routing, in the exact spelling the router uses.
          const guarded = variant.startsWith('/api/v1/admin/') && role !== 'clerk';
          const expected = guarded ? (role === 'anonymous' ? 401 : 403) : 404;
          expect(answer.status, `${label}: ${answer.text}`).toBe(expected);
          expectContractShape(answer, label, variant);
        }
      }
    }
    expect(asked).toBeGreaterThan(registered.length * ROLES.length * 10);
  }, 120_000);
});
