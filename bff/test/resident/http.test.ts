/**
 * The resident endpoints over the wire, through the real app, session and middleware: sessions
 * required, the same answers as the services, `Cache-Control: no-store`, the authorisation
 * matrix (two residents, each of the other's units, accounts and documents on every endpoint:
 * the 404 of a unit that does not exist, byte for byte), every parameter with bad values, and
 * the number of billing queries per request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import {
  createTestContext,
  type TestClient,
  type TestContext,
  type TestResponse,
} from '../support/test-app.ts';
import { issueStartPassword, loginAs, loginAsPerson } from '../support/residents.ts';

const A = KNOWN_PEOPLE.demoResident; // a flat and a garage
const B = KNOWN_PEOPLE.twoUnits; // two flats
const MISSING_UNIT = 2_000_000_000; // well-formed, exists nowhere
const MISSING_ACCOUNT = 2_000_000_001;

let ctx: TestContext;
let alice: TestClient;
let bob: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  alice = await loginAsPerson(ctx, A.personId);
  bob = await loginAsPerson(ctx, B.personId);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

/** The raw bytes of an answer, to prove two 404s indistinguishable. */
async function raw(
  client: TestClient,
  path: string,
): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(client.base + path, {
    headers: { Cookie: client.cookieHeader(), Accept: 'application/json' },
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** Every resident endpoint of a unit, with parameters that are valid in shape. */
function unitPaths(unitId: number | string, accountId: number, settlementAccountId: number, year: number) {
  return [
    `/api/v1/units/${unitId}/filters`,
    `/api/v1/units/${unitId}/charges?year=${year}&month=1`,
    `/api/v1/units/${unitId}/accounts?year=${year}`,
    `/api/v1/units/${unitId}/accounts/${accountId}/documents?year=${year}`,
    `/api/v1/units/${unitId}/readings?year=${year}&medium=ZW`,
    `/api/v1/units/${unitId}/settlements?year=${year}&account=${settlementAccountId}`,
    `/api/v1/units/${unitId}/payment`,
    `/api/v1/units/${unitId}/balance-history?months=12`,
  ];
}

describe('sessions', () => {
  it('every endpoint needs a resident session', async () => {
    const anonymous = ctx.client();
    for (const path of ['/api/v1/me', ...unitPaths(A.flatUnitId, 1, 1, 2026)]) {
      const response = await anonymous.get(path);
      expect({ path, status: response.status, code: response.body?.error?.code }).toEqual({
        path,
        status: 401,
        code: 'unauthenticated',
      });
    }
  });

  it('a start password opens nothing until it is replaced', async () => {
    const { memberPersonId, unitId } = KNOWN_PEOPLE.coOwners;
    const issued = await issueStartPassword(ctx, memberPersonId);
    const fresh = await loginAs(ctx, issued.login, issued.oneTimePassword);
    for (const path of ['/api/v1/me', ...unitPaths(unitId, 1, 1, 2026)]) {
      const response = await fresh.get(path);
      expect({ path, status: response.status, code: response.body?.error?.code }).toEqual({
        path,
        status: 403,
        code: 'password_change_required',
      });
    }
  });

  it('a clerk is refused the resident endpoints', async () => {
    const clerk = ctx.client();
    expect(
      (await clerk.post('/api/v1/session', { login: 'demo-clerk', password: 'demo-clerk-password' })).status,
    ).toBe(200);
    for (const path of ['/api/v1/me', `/api/v1/units/${A.flatUnitId}/filters`]) {
      const response = await clerk.get(path);
      expect([response.status, response.body.error.code]).toEqual([403, 'forbidden']);
    }
  });
});

describe('answers', () => {
  it('the same data as the services, never stored by caches', async () => {
    const s = ctx.services;
    // Every data answer carries the billing data's freshness beside the service's own fields.
    const freshness = await s.freshness.freshness();
    expect(freshness.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    const me = await alice.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.body).toEqual({ ...freshness, ...(await s.resident.me(A.personId)) });

    for (const unitId of [A.flatUnitId, A.garageUnitId]) {
      const filters = await alice.get(`/api/v1/units/${unitId}/filters`);
      expect(filters.status).toBe(200);
      expect(filters.body).toEqual({ ...freshness, ...(await s.resident.filters(A.personId, unitId)) });
      const { latest, accounts, settlementAccounts, media } = filters.body;
      const year = latest.year;
      const checks: [string, unknown][] = [
        [
          `/charges?year=${year}&month=${latest.month}`,
          await s.ledger.charges(A.personId, unitId, year, latest.month),
        ],
        [`/accounts?year=${year}`, await s.ledger.accounts(A.personId, unitId, year)],
        ['/payment', await s.payment.payment(A.personId, unitId)],
        ['/balance-history?months=24', await s.payment.balanceHistory(A.personId, unitId, 24)],
        ['/balance-history', await s.payment.balanceHistory(A.personId, unitId, 12)],
      ];
      for (const account of accounts) {
        checks.push([
          `/accounts/${account.id}/documents?year=${year}`,
          await s.ledger.documents(A.personId, unitId, account.id, year),
        ]);
      }
      for (const medium of media) {
        checks.push([
          `/readings?year=${year}&medium=${medium.code}`,
          await s.media.readings(A.personId, unitId, year, medium.code),
        ]);
      }
      for (const account of settlementAccounts) {
        checks.push([
          `/settlements?year=${year}&account=${account.id}`,
          await s.media.settlements(A.personId, unitId, year, account.id),
        ]);
      }
      for (const [suffix, expected] of checks) {
        const response = await alice.get(`/api/v1/units/${unitId}${suffix}`);
        expect({ suffix, status: response.status, cache: response.headers.get('cache-control') }).toEqual({
          suffix,
          status: 200,
          cache: 'no-store',
        });
        expect(response.body).toEqual({ ...freshness, ...(expected as object) });
      }
    }
  });

  it('a lower-case medium code and a month with a leading zero are understood', async () => {
    const year = 2026;
    const lower = await alice.get(`/api/v1/units/${A.flatUnitId}/readings?year=${year}&medium=zw`);
    expect(lower.status).toBe(200);
    expect(lower.body.medium.code).toBe('ZW');
    const padded = await alice.get(`/api/v1/units/${A.flatUnitId}/charges?year=${year}&month=07`);
    expect([padded.status, padded.body.month]).toEqual([200, 7]);
  });

  it('a year without data is 200 with empty lists and zero totals', async () => {
    const charges = await alice.get(`/api/v1/units/${A.flatUnitId}/charges?year=2001&month=5`);
    expect([charges.status, charges.body]).toEqual([
      200,
      { ...(await ctx.services.freshness.freshness()), year: 2001, month: 5, components: [], total: '0.00' },
    ]);
    const accounts = await alice.get(`/api/v1/units/${A.flatUnitId}/accounts?year=2001`);
    expect(accounts.status).toBe(200);
    // Her window reaches back to 1994, but the billing data does not: no documents, zero turnover.
    for (const account of accounts.body.accounts) {
      expect([account.debit, account.credit]).toEqual(['0.00', '0.00']);
    }
    const readings = await alice.get(`/api/v1/units/${A.flatUnitId}/readings?year=2001&medium=ZW`);
    expect([readings.status, readings.body.readings]).toEqual([200, []]);
  });
});

describe('authorisation matrix', () => {
  it('each resident gets, for the other’s units, accounts and documents, the 404 of a unit that does not exist', async () => {
    const year = 2026;
    const aliceFilters = (await alice.get(`/api/v1/units/${A.flatUnitId}/filters`)).body;
    const bobUnit = B.unitIds[0];
    const bobFilters = (await bob.get(`/api/v1/units/${bobUnit}/filters`)).body;
    expect(aliceFilters.accounts.length).toBeGreaterThan(0);
    expect(bobFilters.accounts.length).toBeGreaterThan(0);

    const cases: [
      TestClient,
      number[],
      { accounts: { id: number }[]; settlementAccounts: { id: number }[] },
    ][] = [
      [alice, [...B.unitIds], bobFilters],
      [bob, [A.flatUnitId, A.garageUnitId], aliceFilters],
    ];
    for (const [client, foreignUnits, foreign] of cases) {
      const accountId = foreign.accounts[0]!.id;
      const settlementId = foreign.settlementAccounts[0]?.id ?? accountId;
      const missing = await Promise.all(
        unitPaths(MISSING_UNIT, accountId, settlementId, year).map((p) => raw(client, p)),
      );
      for (const answer of missing) {
        expect(answer.status).toBe(404);
        expect(JSON.parse(answer.text).error.code).toBe('not_found');
      }
      for (const unitId of foreignUnits) {
        const paths = unitPaths(unitId, accountId, settlementId, year);
        for (let i = 0; i < paths.length; i++) {
          expect({ path: paths[i], ...(await raw(client, paths[i]!)) }).toEqual({
            path: paths[i],
            ...missing[i],
          });
        }
      }
    }

    // The other's account ids on one's own unit: the 404 of an account that does not exist.
    const pairs: [TestClient, number, number[], number[]][] = [
      [
        alice,
        A.flatUnitId,
        bobFilters.accounts.map((a: { id: number }) => a.id),
        bobFilters.settlementAccounts.map((a: { id: number }) => a.id),
      ],
      [
        bob,
        bobUnit,
        aliceFilters.accounts.map((a: { id: number }) => a.id),
        aliceFilters.settlementAccounts.map((a: { id: number }) => a.id),
      ],
    ];
    for (const [client, ownUnit, ledgerIds, settlementIds] of pairs) {
      const missingDocs = await raw(
        client,
        `/api/v1/units/${ownUnit}/accounts/${MISSING_ACCOUNT}/documents?year=${year}`,
      );
      const missingSettlements = await raw(
        client,
        `/api/v1/units/${ownUnit}/settlements?year=${year}&account=${MISSING_ACCOUNT}`,
      );
      expect(missingDocs.status).toBe(404);
      expect(missingSettlements.status).toBe(404);
      for (const id of [...ledgerIds, ...settlementIds]) {
        expect(await raw(client, `/api/v1/units/${ownUnit}/accounts/${id}/documents?year=${year}`)).toEqual(
          missingDocs,
        );
        expect(await raw(client, `/api/v1/units/${ownUnit}/settlements?year=${year}&account=${id}`)).toEqual(
          missingSettlements,
        );
      }
    }
  });

  it('the previous owner sees only their period, the new owner nothing before the handover', async () => {
    const { unitId, previousOwnerPersonId, newOwnerPersonId } = KNOWN_PEOPLE.changedHands;
    const previous = await loginAsPerson(ctx, previousOwnerPersonId);
    const next = await loginAsPerson(ctx, newOwnerPersonId);
    const before = (await previous.get(`/api/v1/units/${unitId}/filters`)).body;
    const after = (await next.get(`/api/v1/units/${unitId}/filters`)).body;
    const handoverYear = after.years[after.years.length - 1];
    expect(before.years[0]).toBe(handoverYear);
    // The new owner's account is not the previous owner's, and vice versa.
    for (const account of before.accounts) {
      const answer = await next.get(
        `/api/v1/units/${unitId}/accounts/${account.id}/documents?year=${handoverYear}`,
      );
      expect(answer.status).toBe(404);
    }
    const docsBefore = await previous.get(
      `/api/v1/units/${unitId}/accounts/${before.accounts[0].id}/documents?year=${handoverYear}`,
    );
    const docsAfter = await next.get(
      `/api/v1/units/${unitId}/accounts/${after.accounts[0].id}/documents?year=${handoverYear}`,
    );
    const lastBefore = docsBefore.body.documents.at(-1).date;
    const firstAfter = docsAfter.body.documents[0].date;
    expect(lastBefore < firstAfter).toBe(true);
    // The month of the handover is the new owner's, the month before the previous owner's.
    const month = Number(firstAfter.slice(5, 7));
    expect(
      (await next.get(`/api/v1/units/${unitId}/charges?year=${handoverYear}&month=${month}`)).body.components
        .length,
    ).toBeGreaterThan(0);
    expect(
      (await previous.get(`/api/v1/units/${unitId}/charges?year=${handoverYear}&month=${month}`)).body
        .components,
    ).toEqual([]);
  });

  it('co-owners both see the shared unit', async () => {
    const { unitId, memberPersonId, coOwnerPersonId } = KNOWN_PEOPLE.coOwners;
    const member = await loginAsPerson(ctx, memberPersonId);
    const coOwner = await loginAsPerson(ctx, coOwnerPersonId);
    const year = (await member.get(`/api/v1/units/${unitId}/filters`)).body.latest.year;
    const a = await member.get(`/api/v1/units/${unitId}/accounts?year=${year}`);
    const b = await coOwner.get(`/api/v1/units/${unitId}/accounts?year=${year}`);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body.accounts.length).toBeGreaterThan(0);
  });
});

describe('bad parameters', () => {
  const BAD_NUMBERS = [
    '',
    'abc',
    '0',
    '-1',
    '1999.5',
    '1e3',
    '0x10',
    ' 7',
    '99999999999999999999',
    "1' OR '1'='1",
    '1;DROP TABLE x',
  ];

  async function expectRefused(path: string, field: string) {
    const response: TestResponse<any> = await alice.get(path);
    expect({
      path,
      status: response.status,
      code: response.body?.error?.code,
      field: response.body?.error?.field,
    }).toEqual({
      path,
      status: 400,
      code: 'invalid_parameter',
      field,
    });
    expect(response.body.error.message).toMatch(/[a-ząćęłńóśźż]/i);
    expect(JSON.stringify(response.body)).not.toMatch(/select|sqlite|stack|zod/i);
  }

  it('year: missing, malformed, out of 2000–2100, repeated', async () => {
    const u = A.flatUnitId;
    const paths = (year: string) => [
      `/api/v1/units/${u}/charges?month=1${year}`,
      `/api/v1/units/${u}/accounts?${year}`,
      `/api/v1/units/${u}/accounts/1/documents?${year}`,
      `/api/v1/units/${u}/readings?medium=ZW${year}`,
      `/api/v1/units/${u}/settlements?account=1${year}`,
    ];
    for (const path of paths('')) await expectRefused(path, 'year');
    for (const value of [...BAD_NUMBERS, '13', '1999', '2101', '20260']) {
      for (const path of paths(`&year=${encodeURIComponent(value)}`)) await expectRefused(path, 'year');
    }
    for (const path of paths('&year=2025&year=2026')) await expectRefused(path, 'year');
  });

  it('month: missing, malformed, 0, 13', async () => {
    const base = `/api/v1/units/${A.flatUnitId}/charges?year=2026`;
    await expectRefused(base, 'month');
    for (const value of [...BAD_NUMBERS, '13', '100']) {
      await expectRefused(`${base}&month=${encodeURIComponent(value)}`, 'month');
    }
  });

  it('medium: missing, malformed, unknown', async () => {
    const base = `/api/v1/units/${A.flatUnitId}/readings?year=2026`;
    await expectRefused(base, 'medium');
    for (const value of ['', 'XX', 'woda', "ZW' OR '1'='1", 'ZW;--', 'Z'.repeat(11), '1999.5', '💧']) {
      await expectRefused(`${base}&medium=${encodeURIComponent(value)}`, 'medium');
    }
  });

  it('account, unitId and accountId: missing, malformed, 0, huge', async () => {
    const base = `/api/v1/units/${A.flatUnitId}/settlements?year=2026`;
    await expectRefused(base, 'account');
    for (const value of [...BAD_NUMBERS, '2147483648']) {
      await expectRefused(`${base}&account=${encodeURIComponent(value)}`, 'account');
    }
    for (const value of BAD_NUMBERS.filter(Boolean).concat(['2147483648'])) {
      const unit = encodeURIComponent(value);
      await expectRefused(`/api/v1/units/${unit}/filters`, 'unitId');
      await expectRefused(`/api/v1/units/${unit}/charges?year=2026&month=1`, 'unitId');
      await expectRefused(`/api/v1/units/${A.flatUnitId}/accounts/${unit}/documents?year=2026`, 'accountId');
    }
  });

  it('broken percent-encoding and control characters are refused, not a 500', async () => {
    await expectRefused('/api/v1/units/%E0%A4%A/filters', 'unitId');
    await expectRefused(`/api/v1/units/${A.flatUnitId}/charges?year=%E0%A4%A&month=1`, 'year');
    await expectRefused(`/api/v1/units/${A.flatUnitId}/readings?year=2026&medium=%00`, 'medium');
    await expectRefused(`/api/v1/units/${A.flatUnitId}/accounts/%20/documents?year=2026`, 'accountId');
  });

  it('the unit is named before the other parameters', async () => {
    await expectRefused('/api/v1/units/abc/charges?year=x&month=y', 'unitId');
    await expectRefused(`/api/v1/units/${A.flatUnitId}/charges?year=x&month=y`, 'year');
  });
});

describe('queries per request', () => {
  it('a fixed number of billing queries whatever the unit or year', async () => {
    const counts = new Map<string, Set<number>>();
    const dataCounts = new Map<string, Set<number>>();
    let freshnessLookups = 0;
    const count = async (name: string, path: string) => {
      let n = 0;
      let data = 0;
      const listener = (query: { sql: string }) => {
        // asOf's lookup is cached (FRESHNESS_CACHE_MS): counted apart, at most once in this loop.
        if (/\bbilling_freshness\b/.test(query.sql)) freshnessLookups++;
        else if (/billing_/.test(query.sql)) n++;
        // Everything but the session store's own read/renewal (owned by the session layer).
        if (!/\bportal_sessions\b|\bbilling_freshness\b/.test(query.sql)) data++;
      };
      ctx.knex.on('query', listener);
      try {
        const response = await alice.get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      } finally {
        ctx.knex.removeListener('query', listener);
      }
      if (!counts.has(name)) counts.set(name, new Set());
      counts.get(name)!.add(n);
      if (!dataCounts.has(name)) dataCounts.set(name, new Set());
      dataCounts.get(name)!.add(data);
    };
    for (const unitId of [A.flatUnitId, A.garageUnitId]) {
      const filters = (await alice.get(`/api/v1/units/${unitId}/filters`)).body;
      for (const year of [...filters.years, 2001]) {
        await count('me', '/api/v1/me');
        await count('filters', `/api/v1/units/${unitId}/filters`);
        await count('charges', `/api/v1/units/${unitId}/charges?year=${year}&month=1`);
        await count('accounts', `/api/v1/units/${unitId}/accounts?year=${year}`);
        for (const account of filters.accounts) {
          await count('documents', `/api/v1/units/${unitId}/accounts/${account.id}/documents?year=${year}`);
        }
        await count('readings', `/api/v1/units/${unitId}/readings?year=${year}&medium=ZW`);
        await count('payment', `/api/v1/units/${unitId}/payment`);
        await count('balance-history', `/api/v1/units/${unitId}/balance-history?months=60`);
        for (const account of filters.settlementAccounts) {
          await count(
            'settlements',
            `/api/v1/units/${unitId}/settlements?year=${year}&account=${account.id}`,
          );
        }
      }
    }
    const worst = Object.fromEntries([...counts].map(([name, set]) => [name, Math.max(...set)]));
    // The project's budget is at most 3 statements per request (bench/run.ts THRESHOLDS); the
    // resident data takes 2, and no statement outside the billing views sneaks in beside them.
    const worstData = Object.fromEntries([...dataCounts].map(([name, set]) => [name, Math.max(...set)]));
    expect(worstData).toEqual(worst);
    expect(Math.max(...Object.values(worst))).toBeLessThanOrEqual(2);
    expect(worst).toEqual({
      me: 2,
      filters: 2,
      charges: 2,
      accounts: 2,
      documents: 2,
      readings: 2,
      settlements: 2,
      payment: 2,
      'balance-history': 2,
    });
    expect(freshnessLookups).toBeLessThanOrEqual(1);
  });
});
