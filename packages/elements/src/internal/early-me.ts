/**
 * `/me` with the page's first session check instead of after it (issue 12, time to data).
 *
 * The widgets that need `/me` (the portal, a data widget without `unit-id`) call
 * `SessionStore.wantMe()` when they connect; the store's first check then asks
 * `GET /session?include=me`, and for a signed-in resident the answer carries what `/me` would
 * (`SessionStore.earlyMe()`). Their `/me` task takes that answer instead of a request of its
 * own: one round trip less before the data. A visitor's check is unchanged (one request, 200 `{user: null}`), nothing is stored in
 * the browser, and after a login on the page the answer (which belonged to nobody) is not used.
 */
import type { MeResponse } from '@strefa/api-types';
import type { ResourceClient } from './resource-client.ts';
import type { SessionStore } from './session-store.ts';

/** `/me` for a widget's task: the answer the session check brought, else a request. */
export function takeMe(api: ResourceClient, store: SessionStore, signal: AbortSignal): Promise<MeResponse> {
  const early = store.earlyMe();
  return early ? Promise.resolve(early) : api.me(signal);
}
