/**
 * The API's routers behind one dispatcher (routes/router.ts `apiRoutes`): a router is skipped for
 * a path that begins with none of its layers' literal starts. Skipping is only safe if no layer
 * can match such a path, so this checks the literal starts against the real routers' patterns,
 * and that the dispatcher calls the routers in order, only those that may match, and then the
 * API's fallback.
 */
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, apiRouter, literalStart } from '../../src/routes/router.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ data: { units: 12, years: 2, seed: 3, today: '2026-11-15' } });
});
afterAll(async () => ctx.close());

/** Paths a layer's pattern may be asked with: its own, with values, other cases, an escape. */
function probes(path: string): string[] {
  const filled = path.replace(/:[A-Za-z]+/g, '7').replace(/\(\?:\\\/\|\$\)$/, '');
  return [
    filled,
    `${filled}/`,
    `${filled}/x`,
    filled.toUpperCase(),
    filled.replace('/v1/', '/V1/'),
    filled.replace('/api/', '/%61pi/'),
    `/${filled}`,
  ];
}

describe('literal starts', () => {
  it('stop before the first parameter or pattern', () => {
    expect(literalStart('/api/v1/units/:unitId/filters')).toBe('/api/v1/units/');
    expect(literalStart('/api/v1/units(?:\\/|$)')).toBe('/api/v1/units');
    expect(literalStart('/api/v1/session')).toBe('/api/v1/session');
    expect(literalStart(/^\/api/)).toBe('');
  });

  it('begin every path any layer of the API matches', () => {
    let checked = 0;
    for (const router of ctx.routers.api) {
      for (const layer of router.stack) {
        const start = literalStart(layer.path);
        expect(start.startsWith('/api/v1/'), String(layer.path)).toBe(true);
        for (const router2 of ctx.routers.api) {
          for (const other of router2.stack) {
            for (const path of probes(String(other.path))) {
              if (layer.match(path)) {
                expect(path.startsWith(start), `${String(layer.path)} matched ${path}`).toBe(true);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('the dispatcher', () => {
  it('calls, in order, only the routers that may take the path, then what follows', async () => {
    const seen: string[] = [];
    const named = (name: string, prefix: string, route: string) => {
      const router = apiRouter(prefix);
      router.use(async (_c, next) => {
        seen.push(name);
        await next();
      });
      router.get(route, (c) => {
        c.body = { name };
      });
      return router;
    };
    const app = new Koa();
    app.use(
      apiRoutes([
        named('session', '/api/v1', '/session'),
        named('me', '/api/v1', '/me'),
        named('units', '/api/v1/units', '/:unitId/filters'),
        named('extra', '/api/v1', '/session/extra'),
      ]),
    );
    app.use((c) => {
      seen.push('fallback');
      c.status = 404;
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const ask = async (path: string) => {
        seen.length = 0;
        const response = await fetch(base + path);
        return { status: response.status, seen: [...seen] };
      };
      expect(await ask('/api/v1/units/3/filters')).toEqual({ status: 200, seen: ['units'] });
      expect(await ask('/api/v1/me')).toEqual({ status: 200, seen: ['me'] });
      // Another spelling reaches no router: straight to the fallback.
      expect(await ask('/api/v1/ME')).toEqual({ status: 404, seen: ['fallback'] });
      // The session router may take it (its start fits) but does not: the next router that may does.
      expect(await ask('/api/v1/session/extra')).toEqual({ status: 200, seen: ['extra'] });
      // A path the units router may take but does not: on to the fallback.
      expect(await ask('/api/v1/units/3/nothing')).toEqual({ status: 404, seen: ['fallback'] });
    } finally {
      server.close();
    }
  });
});
