/**
 * `/me` with the page's first session check instead of after it (issue 12, time to data).
 *
 * The widgets that need `/me` (the portal, a data widget without `unit-id`) call
 * `SessionStore.wantMe()` when they connect; the store's first check then asks
 * `GET /session?include=me`, and for a signed-in resident the answer carries what `/me` would
 * (`SessionStore.earlyMe()`). Their `/me` task takes that answer instead of a request of its
 * own: one round trip less before the data. A visitor's check is unchanged (one request, 200
 * `{user: null}`), nothing is stored in the browser, and the answer is used only while the person
 * it came for is signed in: not after a login on the page, nor when a later check finds someone
 * else (a second tab of a shared computer).
 */
import { TaskStatus } from '@lit/task';
import type { MeResponse } from '@strefa/api-types';
import type { ResourceClient } from './resource-client.ts';
import type { SessionStore } from './session-store.ts';

/** `/me` for a widget's task: the answer the session check brought, else a request. */
export function takeMe(api: ResourceClient, store: SessionStore, signal: AbortSignal): Promise<MeResponse> {
  const early = store.earlyMe();
  return early ? Promise.resolve(early) : api.me(signal);
}

/**
 * `/me` to show now: the widget's task's answer, or, until the task has one, what the session
 * check brought. A widget then renders what depends on `/me` (the portal's panel, a data widget's
 * unit) in the same update as the session's answer, not two updates later (the task's pending and
 * complete states), and its data requests leave that much sooner. Never another session's: the
 * early answer belongs to the login it came with (`SessionStore.earlyMe`), and a failed task
 * shows its error.
 */
export function meToShow(
  task: { readonly status: TaskStatus; readonly value?: MeResponse | undefined },
  store: SessionStore,
): MeResponse | null {
  if (task.status === TaskStatus.COMPLETE) return task.value ?? null;
  if (task.status === TaskStatus.ERROR || !store.ready) return null;
  return store.earlyMe();
}
