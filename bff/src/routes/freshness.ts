/**
 * `asOf` and `stale` on every data answer of a router (the contract: "Every data answer carries
 * asOf"): a router middleware that adds the billing data's freshness to a 200 JSON object once
 * the route has answered. One place for every route, present and future, instead of a line in
 * each; errors, empty answers and files (a PDF statement) pass untouched.
 *
 * The freshness is looked up after the data: a failing database answers the data's 503, never
 * a body with a stale `asOf`. It is cached briefly (freshness-service.ts), so it rarely costs a
 * statement.
 */
import type { Freshness } from '@strefa/api-types';
import type { Middleware } from 'koa';
import type { Services } from '../services/index.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function withFreshness(services: Services): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status !== 200 || !isPlainObject(ctx.body)) return;
    ctx.body = await freshAnswer(services, ctx.body);
  };
}

/**
 * A data answer with the billing data's freshness in front (`asOf`, `stale`), looked up once the
 * data is there. The one place the two are merged: the router middleware above, and the `/me`
 * that `GET /session?include=me` brings along.
 */
export async function freshAnswer<Data extends object>(
  services: Services,
  data: Data,
): Promise<Freshness & Data> {
  return { ...(await services.freshness.freshness()), ...data };
}
