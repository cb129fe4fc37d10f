/**
 * Issue 11, item 7: every answer in the contract's shape, whatever the method.
 * - Under /api/: a method no route of the path accepts (PATCH, PROPFIND, TRACE, MKCOL, ...) is a
 *   JSON 405 `method_not_allowed` with `Allow`; OPTIONS is 204 with `Allow`; an unknown path is a
 *   JSON 404 whatever the method. Before: 501 text/plain, 405 text/plain, 404 text/plain.
 * - Pages, assets, health checks: 405 for anything but GET, HEAD and OPTIONS.
 * - What Node's parser answers itself (checked on a raw socket): over-long headers 431, a method
 *   token it does not know 405/404, CONNECT 405, garbage 400; JSON under /api/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK, DEMO_RESIDENT, loginAs } from '../support/residents.ts';
import { createTestContext, type TestClient, type TestContext } from '../support/test-app.ts';
import { parseRaw, rawRequest, rawSocket } from './support.ts';

/** Methods Node's parser accepts that a hostile client tries; none is routed anywhere. */
const STRANGE = [
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'TRACE',
  'SEARCH',
  'REPORT',
  'PURGE',
  'LINK',
  'UNLINK',
  'MKCALENDAR',
];
const ALL = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', ...STRANGE];

let ctx: TestContext;
let resident: TestClient;
let clerk: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  resident = await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password);
  clerk = await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

/** Every API route path with the methods its routes accept, read from the routers. */
function routedPaths(): Map<string, Set<string>> {
  const paths = new Map<string, Set<string>>();
  for (const router of ctx.routers.api) {
    for (const layer of router.stack) {
      if (layer.methods.length === 0) continue;
      const path = String(layer.path).replace(/:\w+/g, '1');
      const methods = paths.get(path) ?? new Set<string>();
      for (const m of layer.methods) methods.add(m);
      paths.set(path, methods);
    }
  }
  return paths;
}

function expectJsonError(
  answer: { status: number; headers: Record<string, unknown>; json: any; text: string },
  code: string,
  label: string,
) {
  expect(answer.headers['content-type'], label).toMatch(/^application\/json/);
  expect(answer.json?.error?.code, `${label}: ${answer.text}`).toBe(code);
  expect(typeof answer.json.error.message).toBe('string');
}

describe('under /api/', () => {
  it('answers a method the path does not take with a JSON 405 and Allow, for every routed path', async () => {
    const paths = routedPaths();
    expect(paths.size).toBeGreaterThan(8);
    let asked = 0;
    for (const [path, methods] of paths) {
      const client = path.startsWith('/api/v1/admin/') ? clerk : resident;
      const allow = (await rawRequest(ctx.url, 'OPTIONS', path, { client })).headers.allow;
      expect(String(allow).split(', ').sort(), path).toEqual([...methods, 'OPTIONS'].sort());
      for (const method of ALL.filter((m) => !methods.has(m))) {
        const answer = await rawRequest(ctx.url, method, path, { client, body: {} });
        asked++;
        expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(405);
        if (method !== 'HEAD') expectJsonError(answer, 'method_not_allowed', `${method} ${path}`);
        expect(answer.headers.allow).toBe(allow);
      }
    }
    expect(asked).toBeGreaterThan(paths.size * 10);
  });

  it('says which methods are allowed: PATCH /api/v1/me, TRACE /api/v1/session', async () => {
    const patch = await rawRequest(ctx.url, 'PATCH', '/api/v1/me', { client: resident, body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe('GET, HEAD, OPTIONS');
    const trace = await rawRequest(ctx.url, 'TRACE', '/api/v1/session', { body: {} });
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, POST, DELETE, OPTIONS');
    const options = await rawRequest(ctx.url, 'OPTIONS', '/api/v1/me');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('answers an unknown path with a JSON 404 whatever the method', async () => {
    for (const path of [
      '/api',
      '/api/',
      '/api/v1',
      '/api/v2/me',
      '/api/v1/nothing',
      '/API',
      '/%61pi/v1/me',
    ]) {
      for (const method of ['GET', 'HEAD', 'POST', 'DELETE', 'PROPFIND', 'TRACE', 'OPTIONS']) {
        const answer = await rawRequest(ctx.url, method, path, {
          client: resident,
          body: method === 'GET' || method === 'HEAD' ? undefined : {},
        });
        expect(answer.status, `${method} ${path}`).toBe(404);
        if (method !== 'HEAD') expectJsonError(answer, 'not_found', `${method} ${path}`);
      }
    }
  });
});

describe('pages, assets and health checks', () => {
  it('answer 405 with Allow for anything but GET, HEAD and OPTIONS', async () => {
    for (const path of ['/', '/index.html', '/widgets/strefa.js', '/healthz', '/readyz', '/no-such-page']) {
      for (const method of ['POST', 'PUT', 'DELETE', ...STRANGE]) {
        const answer = await rawRequest(ctx.url, method, path, { body: {} });
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS');
      }
      const options = await rawRequest(ctx.url, 'OPTIONS', path);
      expect(options.status, `OPTIONS ${path}`).toBe(204);
      expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');
    }
  });
});

describe("what Node's parser answers (raw socket)", () => {
  it('over-long headers: 431, JSON under /api/', async () => {
    const cookie = 'x'.repeat(20_000);
    const api = parseRaw(
      await rawSocket(ctx.url, `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n\r\n`),
    );
    expect(api.status).toBe(431);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(api.body).error.code).toBe('headers_too_large');
    const page = parseRaw(await rawSocket(ctx.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Long: ${cookie}\r\n\r\n`));
    expect(page.status).toBe(431);
    const url = parseRaw(await rawSocket(ctx.url, `GET /api/v1/me?q=${cookie} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(url.status).toBe(431);
    expect(JSON.parse(url.body).error.code).toBe('headers_too_large');
  });

  it('a method token the parser does not know: 405 with Allow on a routed path, 404 elsewhere, JSON', async () => {
    const routed = parseRaw(await rawSocket(ctx.url, 'FOO /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(routed.status).toBe(405);
    expect(routed.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(JSON.parse(routed.body).error.code).toBe('method_not_allowed');
    const unknown = parseRaw(await rawSocket(ctx.url, 'BREW /api/v1/coffee HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('not_found');
    const page = parseRaw(await rawSocket(ctx.url, 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('CONNECT: 405; a request that is not HTTP: 400 in the JSON shape', async () => {
    const connect = parseRaw(
      await rawSocket(ctx.url, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
    );
    expect(connect.status).toBe(405);
    expect(JSON.parse(connect.body).error.code).toBe('method_not_allowed');
    const garbage = parseRaw(await rawSocket(ctx.url, 'GET /api/v1/me HTTP/1.1\r\nHost x\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).error.code).toBe('bad_request');
  });
});
