/**
 * docs/openapi.yaml tells the truth: every route the app registers is described (and nothing
 * that does not exist), and the real answers of the resident endpoints — data and errors —
 * validate against the schemas it declares (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 *
 * Ajv 8 and js-yaml are not dependencies of the BFF; the workspace already holds them (js-yaml
 * for eslint, Ajv 8 under ajv-formats), so they are resolved from there rather than installing
 * a second copy for one test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type Router from '@koa/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/config.ts';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { adminRouter } from '../../src/routes/admin-router.ts';
import { healthRouter } from '../../src/routes/health-router.ts';
import { meRouter } from '../../src/routes/me-router.ts';
import { sessionRouter } from '../../src/routes/session-router.ts';
import { unitsRouter } from '../../src/routes/units-router.ts';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { load as loadYaml } from 'js-yaml';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';

const yaml = { load: (text: string): any => loadYaml(text) };

const doc = yaml.load(readFileSync(resolve(repositoryRoot, 'docs/openapi.yaml'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its function is the default export under Node's ESM interop.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: unknown) => void;
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');

function validate(schemaName: string, body: unknown): string[] {
  const check = ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
  if (!check) throw new Error(`no schema ${schemaName}`);
  return check(body)
    ? []
    : (check.errors ?? []).map((e: any) => `${schemaName}${e.instancePath} ${e.message}`);
}

/** The schema the description gives for a path, method and status. */
function responseSchema(path: string, method: string, status: number): string {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method} ${path}`).toBeTruthy();
  let response = operation.responses[String(status)];
  expect(response, `${method} ${path} ${status}`).toBeTruthy();
  if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop()];
  return response.content['application/json'].schema.$ref.split('/').pop();
}

let ctx: TestContext;
let resident: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  resident = ctx.client();
  const login = await resident.post('/api/v1/session', {
    login: 'demo-resident',
    password: 'demo-resident-password',
  });
  expect(login.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe('openapi.yaml', () => {
  it('describes every route of the app, and only those', () => {
    const routers: Router[] = [
      healthRouter(ctx.knex),
      sessionRouter(ctx.services),
      meRouter(ctx.services),
      unitsRouter(ctx.services),
      adminRouter(ctx.services),
    ];
    const registered = new Set<string>();
    for (const router of routers) {
      for (const layer of router.stack) {
        // A catch-all (e.g. the admin guard for every /admin path) is no endpoint of its own.
        if (String(layer.path).includes('*')) continue;
        for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
          registered.add(`${method.toLowerCase()} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`);
        }
      }
    }
    const described = new Set<string>();
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
        if (item[method]) described.add(`${method} ${path}`);
      }
    }
    expect([...registered].sort()).toEqual([...described].sort());
  });

  it('the resident endpoints answer what it declares', async () => {
    const { flatUnitId } = KNOWN_PEOPLE.demoResident;
    const filters = (await resident.get(`/api/v1/units/${flatUnitId}/filters`)).body;
    const year = filters.latest.year;
    const calls: [string, string][] = [
      ['/api/v1/me', '/api/v1/me'],
      [`/api/v1/units/${flatUnitId}/filters`, '/api/v1/units/{unitId}/filters'],
      [
        `/api/v1/units/${flatUnitId}/charges?year=${year}&month=${filters.latest.month}`,
        '/api/v1/units/{unitId}/charges',
      ],
      [`/api/v1/units/${flatUnitId}/accounts?year=${year}`, '/api/v1/units/{unitId}/accounts'],
      [
        `/api/v1/units/${flatUnitId}/accounts/${filters.accounts[0].id}/documents?year=${year}`,
        '/api/v1/units/{unitId}/accounts/{accountId}/documents',
      ],
      [
        `/api/v1/units/${flatUnitId}/readings?year=${year}&medium=${filters.media[0].code}`,
        '/api/v1/units/{unitId}/readings',
      ],
      [
        `/api/v1/units/${flatUnitId}/settlements?year=${year}&account=${filters.settlementAccounts[0].id}`,
        '/api/v1/units/{unitId}/settlements',
      ],
      [`/api/v1/units/${flatUnitId}/payment`, '/api/v1/units/{unitId}/payment'],
      [`/api/v1/units/${flatUnitId}/balance-history?months=60`, '/api/v1/units/{unitId}/balance-history'],
      [`/api/v1/units/${flatUnitId}/balance-history`, '/api/v1/units/{unitId}/balance-history'],
      // errors
      [`/api/v1/units/999999/filters`, '/api/v1/units/{unitId}/filters'],
      [`/api/v1/units/999999/payment`, '/api/v1/units/{unitId}/payment'],
      [`/api/v1/units/${flatUnitId}/balance-history?months=61`, '/api/v1/units/{unitId}/balance-history'],
      [
        `/api/v1/units/${flatUnitId}/readings/comparison?year=${year}&medium=${filters.media[0].code}`,
        '/api/v1/units/{unitId}/readings/comparison',
      ],
      [
        `/api/v1/units/${flatUnitId}/charges/history?year=${year}&month=${filters.latest.month}`,
        '/api/v1/units/{unitId}/charges/history',
      ],
      [
        `/api/v1/units/${flatUnitId}/settlements/history?year=${year}&account=${filters.settlementAccounts[0].id}`,
        '/api/v1/units/{unitId}/settlements/history',
      ],
      // errors
      [`/api/v1/units/999999/filters`, '/api/v1/units/{unitId}/filters'],
      [`/api/v1/units/999999/charges/history?year=2026&month=1`, '/api/v1/units/{unitId}/charges/history'],
      [
        `/api/v1/units/${flatUnitId}/readings/comparison?year=20x6&medium=ZW`,
        '/api/v1/units/{unitId}/readings/comparison',
      ],
      [`/api/v1/units/abc/filters`, '/api/v1/units/{unitId}/filters'],
      [`/api/v1/units/${flatUnitId}/charges?year=2026`, '/api/v1/units/{unitId}/charges'],
      [`/api/v1/units/${flatUnitId}/readings?year=2026&medium=XX`, '/api/v1/units/{unitId}/readings'],
      // the statement's errors are JSON like every other's (its 200 is a PDF: below)
      [`/api/v1/units/999999/statement?year=${year}`, '/api/v1/units/{unitId}/statement'],
      [`/api/v1/units/${flatUnitId}/statement?year=20x6`, '/api/v1/units/{unitId}/statement'],
    ];
    const errors: string[] = [];
    for (const [url, path] of calls) {
      const response = await resident.get(url);
      const schema = responseSchema(path, 'get', response.status);
      errors.push(...validate(schema, response.body).map((e) => `${url}: ${e}`));
    }
    const statement = await resident.get(`/api/v1/units/${flatUnitId}/statement?year=${year}`);
    const declared = doc.paths['/api/v1/units/{unitId}/statement'].get.responses['200'];
    expect(statement.status).toBe(200);
    expect(Object.keys(declared.content)).toEqual([statement.headers.get('content-type')]);
    expect(Object.keys(declared.headers).sort()).toEqual(['Cache-Control', 'Content-Disposition']);
    expect(statement.headers.get('cache-control')).toBe('no-store');
    const anonymous = await ctx.client().get('/api/v1/me');
    errors.push(...validate(responseSchema('/api/v1/me', 'get', anonymous.status), anonymous.body));
    expect(errors).toEqual([]);
  });

  it('the session, clerk and health endpoints answer what it declares', async () => {
    const errors: string[] = [];
    const check = (
      label: string,
      path: string,
      method: string,
      response: { status: number; body: unknown },
    ) => {
      if (response.status === 204) return;
      errors.push(
        ...validate(responseSchema(path, method, response.status), response.body).map(
          (e) => `${label}: ${e}`,
        ),
      );
    };
    check('session', '/api/v1/session', 'get', await resident.get('/api/v1/session'));
    const withMe = await resident.get('/api/v1/session?include=me');
    expect(withMe.body.me.person).toBeTruthy();
    check('session with me', '/api/v1/session', 'get', withMe);
    check('session, bad include', '/api/v1/session', 'get', await resident.get('/api/v1/session?include=x'));
    const anonymousCheck = await ctx.client().get('/api/v1/session');
    expect(anonymousCheck.body).toEqual({ user: null });
    check('anonymous session', '/api/v1/session', 'get', anonymousCheck);
    check('logins', '/api/v1/session/logins', 'get', await resident.get('/api/v1/session/logins'));
    check('forbidden', '/api/v1/admin/people', 'get', await resident.get('/api/v1/admin/people?q=Wi'));
    const clerk = ctx.client();
    check(
      'login',
      '/api/v1/session',
      'post',
      await clerk.post('/api/v1/session', { login: 'demo-clerk', password: 'demo-clerk-password' }),
    );
    check(
      'wrong',
      '/api/v1/session',
      'post',
      await ctx.client().post('/api/v1/session', { login: 'demo-clerk', password: 'wrong' }),
    );
    check('people', '/api/v1/admin/people', 'get', await clerk.get('/api/v1/admin/people?q=Wi'));
    check('short q', '/api/v1/admin/people', 'get', await clerk.get('/api/v1/admin/people?q=W'));
    const issued = await clerk.post('/api/v1/admin/credentials', { personId: 7 });
    expect(issued.status).toBe(201);
    check('issue', '/api/v1/admin/credentials', 'post', issued);
    check(
      'again',
      '/api/v1/admin/credentials',
      'post',
      await clerk.post('/api/v1/admin/credentials', { personId: 7 }),
    );
    check(
      'reset',
      '/api/v1/admin/credentials/{login}/reset',
      'post',
      await clerk.post(`/api/v1/admin/credentials/${issued.body.login}/reset`, {}),
    );
    check(
      'audit',
      '/api/v1/admin/audit',
      'get',
      await clerk.get(`/api/v1/admin/audit?login=${issued.body.login}`),
    );
    const readyz = await ctx.client().get('/readyz');
    expect(readyz.status).toBe(200);
    expect(readyz.body).toEqual({ status: 'ready' });
    expect((await ctx.client().get('/healthz')).body).toEqual({ status: 'ok' });
    expect(errors).toEqual([]);
  });

  it('the schemas refuse what the contract forbids (the check can fail)', () => {
    expect(validate('Money', '12.5')).not.toEqual([]);
    // A data answer without its freshness, and a QR text past the standard's lengths, are refused.
    expect(validate('ChargesResponse', { year: 2026, month: 1, components: [], total: '0.00' })).not.toEqual(
      [],
    );
    expect(validate('BalanceHistoryResponse', { from: '2026-01', to: '2026-01', accounts: [] })).not.toEqual(
      [],
    );
    expect(
      validate('BalanceHistoryResponse', {
        asOf: null,
        stale: true,
        from: '2026-01',
        to: '2026-01',
        accounts: [],
      }),
    ).toEqual([]);
    expect(validate('Money', 12.5)).not.toEqual([]);
    expect(validate('ChargesResponse', { year: 2026, month: 1, components: [] })).not.toEqual([]);
  });
});
