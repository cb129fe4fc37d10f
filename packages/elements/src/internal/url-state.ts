/**
 * The zone's place in the browser's history: the chosen tab, unit, parameters and opened details
 * live in query parameters prefixed `strefa-` (`?strefa-tab=czynsz&strefa-year=2026`), so the
 * back and forward arrows and a reload return exactly there. The prefix keeps the CMS page's own
 * parameters untouched: only `strefa-*` keys are ever written or removed.
 */

/** Everything the zone keeps in the URL; every field is optional. */
export interface UrlState {
  tab?: string;
  unit?: number;
  year?: number;
  month?: number;
  account?: number;
  medium?: string;
  /** The id of the opened details (e.g. the ledger account whose documents are shown). */
  details?: number;
}

const PREFIX = 'strefa-';
const NUMERIC: (keyof UrlState)[] = ['unit', 'year', 'month', 'account', 'details'];
const KEYS: (keyof UrlState)[] = ['tab', 'unit', 'year', 'month', 'account', 'medium', 'details'];

/** Reads the `strefa-*` parameters of the current URL; malformed numbers are left out. */
export function readUrlState(href: string = location.href): UrlState {
  const params = new URL(href).searchParams;
  const state: UrlState = {};
  for (const key of KEYS) {
    const raw = params.get(PREFIX + key);
    if (raw === null || raw === '') continue;
    if (NUMERIC.includes(key)) {
      if (!/^\d{1,9}$/.test(raw)) continue;
      (state as Record<string, unknown>)[key] = Number(raw);
    } else {
      (state as Record<string, unknown>)[key] = raw;
    }
  }
  return state;
}

/** The URL with `patch` applied to its `strefa-*` parameters (undefined removes one). */
export function urlWith(patch: Partial<UrlState>, href: string = location.href): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') url.searchParams.delete(PREFIX + key);
    else url.searchParams.set(PREFIX + key, String(value));
  }
  return url.toString();
}

/**
 * Writes `patch` into the URL. `push` makes a new history entry (a tab change, "Wyślij", opened
 * details: the back arrow returns to the previous view); otherwise the current entry is replaced
 * (defaults filled in on the first load, which are not a step the resident took).
 * Nothing is written when the URL would not change, so a reload does not grow the history.
 */
export function writeUrlState(patch: Partial<UrlState>, { push = false } = {}): void {
  const next = urlWith(patch);
  if (next === location.href) return;
  if (push) history.pushState(history.state, '', next);
  else history.replaceState(history.state, '', next);
}

/** The `strefa-*` parameters that only make sense for one tab; a tab change clears them. */
export const VIEW_KEYS: (keyof UrlState)[] = ['year', 'month', 'account', 'medium', 'details'];

/** Calls `listener` on every back/forward step; returns the function that stops listening. */
export function onUrlStateChange(listener: (state: UrlState) => void): () => void {
  const handler = () => listener(readUrlState());
  window.addEventListener('popstate', handler);
  return () => window.removeEventListener('popstate', handler);
}
