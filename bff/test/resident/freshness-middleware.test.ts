/**
 * `withFreshness`: a router's 200 JSON objects get `asOf` and `stale`; a file (a PDF statement),
 * an error, a 204 and an array pass untouched, and the freshness is not even looked up for them.
 */
import { requestListener } from '../../src/lib/request-listener.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withFreshness } from '../../src/routes/freshness.ts';
import type { Services } from '../../src/services/index.ts';

let server: Server;
let base: string;
let lookups = 0;

beforeAll(async () => {
  const services = {
    freshness: {
      freshness: async () => {
        lookups++;
        return { asOf: '2026-11-27T00:00:00.000+01:00', stale: false };
      },
    },
  } as unknown as Services;
  const router = new Router({ prefix: '/x' });
  router.use(withFreshness(services));
  router.get('/object', (ctx) => (ctx.body = { year: 2026 }));
  router.get('/file', (ctx) => {
    ctx.type = 'application/pdf';
    ctx.body = Buffer.from('%PDF-1.7');
  });
  router.get('/list', (ctx) => (ctx.body = [1, 2]));
  router.get('/empty', (ctx) => (ctx.status = 204));
  router.get('/fail', (ctx) => ctx.throw(404));
  const app = new Koa();
  app.use(router.routes());
  server = createServer(requestListener(app));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('adds asOf and stale to a 200 JSON object, first; leaves everything else alone', async () => {
  const object = await fetch(`${base}/x/object`);
  expect(await object.text()).toBe('{"asOf":"2026-11-27T00:00:00.000+01:00","stale":false,"year":2026}');
  expect(lookups).toBe(1);
  const file = await fetch(`${base}/x/file`);
  expect([file.headers.get('content-type'), await file.text()]).toEqual(['application/pdf', '%PDF-1.7']);
  expect(await (await fetch(`${base}/x/list`)).json()).toEqual([1, 2]);
  expect((await fetch(`${base}/x/empty`)).status).toBe(204);
  expect((await fetch(`${base}/x/fail`)).status).toBe(404);
  expect(lookups).toBe(1);
});
