/**
 * `/me` sent together with the page's first session check, when this browser was signed in as a
 * resident a moment ago, instead of after the check has answered.
 * The widgets that need `/me` (the portal, a data widget without `unit-id`) start it when they
 * connect; their `/me` task then takes the answer already on its way: one round trip less before
 * the data (issue 12).
 *
 * The early answer is used once, and only for the session it was asked in: after a login in
 * between (another person at the same computer) it is dropped. If it failed (a 401 when the
 * session had ended meanwhile, the network) the task asks again as it always did, through the
 * widget's session guard; the early request itself never ends the session: the session check,
 * sent at the same moment, is the one that says whether someone is signed in.
 *
 * "A moment ago" is the session store's note in `localStorage` (`hintKey`: a role and a time, no
 * personal data). Worth trusting only when someone is surely signed in: `/me` answers 401 to a
 * visitor, and an anonymous page makes exactly one request and logs nothing red. So the note is
 * removed on every anonymous answer, logout and expiry (session-store.ts), renewed while data
 * answers arrive, and trusted only within the BFF's default idle timeout: a session unused for
 * longer has ended anyway. A session ended elsewhere within that time (a logout on another
 * device, a clerk's reset) costs one early `/me` answered 401.
 */
import type { MeResponse } from '@strefa/api-types';
import type { ResourceClient } from './resource-client.ts';
import { hintKey, type SessionStore } from './session-store.ts';

/** The BFF's default idle timeout (SESSION_IDLE_MINUTES, 20). */
const NOTE_TRUSTED_MS = 20 * 60_000;

/** True when the note says a resident of this BFF was signed in within the idle timeout. */
function residentNoted(store: SessionStore): boolean {
  try {
    const [role, at] = (localStorage.getItem(hintKey(store.api.base)) ?? '').split(' ');
    const age = Date.now() - Number(at);
    return role === 'resident' && age >= 0 && age < NOTE_TRUSTED_MS;
  } catch {
    return false;
  }
}

/** A data answer arrived: the session is alive, so the note's time moves on. */
export function renewNote(store: SessionStore): void {
  try {
    if (store.ready) localStorage.setItem(hintKey(store.api.base), `${store.user!.role} ${Date.now()}`);
  } catch {
    // No storage: no note.
  }
}

interface EarlyMe {
  logins: number;
  answer: Promise<MeResponse>;
}

const early = new WeakMap<SessionStore, EarlyMe>();

/**
 * Sends `/me` now if the session is not known yet, probably a resident's, and no early `/me` is
 * already on its way. Call it after the session check has started (the host's connect).
 */
export function startEarlyMe(api: ResourceClient, store: SessionStore): void {
  if (store.status !== 'unknown' || early.has(store) || !residentNoted(store)) return;
  const answer = api.me();
  // Its failure is handled where it is taken (or never matters): not an unhandled rejection.
  answer.catch(() => undefined);
  early.set(store, { logins: store.loginCount, answer });
}

/** `/me` for a widget's task: the early answer if there is one for this session, else a new request. */
export function takeMe(api: ResourceClient, store: SessionStore, signal: AbortSignal): Promise<MeResponse> {
  const found = early.get(store);
  early.delete(store);
  if (!found || found.logins !== store.loginCount) return api.me(signal);
  return found.answer.catch(() => api.me(signal));
}
