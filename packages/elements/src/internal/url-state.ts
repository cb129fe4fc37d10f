/**
 * The zone's place in the browser's history: the chosen tab, unit, parameters and opened details
 * live in query parameters prefixed `strefa-` (`?strefa-tab=czynsz&strefa-year=2026`), so the
 * back and forward arrows and a reload return exactly there. The prefix keeps the CMS page's own
 * parameters untouched: only `strefa-*` keys are ever written or removed.
 *
 * A widget on its own keeps its keys under a namespace (`?strefa-czynsz-year=2026`), so two
 * widgets with `url-state` on one page never overwrite each other's year. `<resident-portal>`
 * shows one widget at a time and owns the un-namespaced keys.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

export type UrlKey = keyof UrlState;

/** How each key is stored: every key of `UrlState` must appear here (the type checks it). */
const KEY_TYPES: { readonly [K in UrlKey]-?: 'number' | 'string' } = {
  tab: 'string',
  unit: 'number',
  year: 'number',
  month: 'number',
  account: 'number',
  medium: 'string',
  details: 'number',
};

const ALL_KEYS = Object.keys(KEY_TYPES) as UrlKey[];

/** The `strefa-*` parameters that only make sense for one tab; a tab change clears them. */
export const VIEW_KEYS = [
  'year',
  'month',
  'account',
  'medium',
  'details',
] as const satisfies readonly UrlKey[];

/** `strefa-` or `strefa-<namespace>-`. */
function prefixOf(namespace: string): string {
  return namespace ? `strefa-${namespace}-` : 'strefa-';
}

/** Reads the `strefa-*` (or `strefa-<namespace>-*`) parameters; malformed numbers are left out. */
export function readUrlState(href: string = location.href, namespace = ''): UrlState {
  const params = new URL(href).searchParams;
  const prefix = prefixOf(namespace);
  const state: Record<string, string | number> = {};
  for (const key of ALL_KEYS) {
    const raw = params.get(prefix + key);
    if (raw === null || raw === '') continue;
    if (KEY_TYPES[key] === 'number') {
      if (!/^\d{1,9}$/.test(raw)) continue;
      state[key] = Number(raw);
    } else {
      state[key] = raw;
    }
  }
  return state as UrlState;
}

/** The URL with `patch` applied to its `strefa-*` parameters (undefined removes one). */
export function urlWith(patch: Partial<UrlState>, href: string = location.href, namespace = ''): string {
  const url = new URL(href);
  const prefix = prefixOf(namespace);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') url.searchParams.delete(prefix + key);
    else url.searchParams.set(prefix + key, String(value));
  }
  return url.toString();
}

/**
 * Writes `patch` into the URL. `push` makes a new history entry (a tab change, "Wyślij", opened
 * details: the back arrow returns to the previous view); otherwise the current entry is replaced
 * (defaults filled in on the first load, which are not a step the resident took).
 * Nothing is written when the URL would not change, so a reload does not grow the history.
 */
function writeUrl(next: string, push: boolean): void {
  if (next === location.href) return;
  if (push) {
    history.pushState({ ...asObject(history.state), [DEPTH]: historyDepth() + 1 }, '', next);
    window.dispatchEvent(new Event(HISTORY_STEP));
  } else {
    history.replaceState(history.state, '', next);
  }
}

const DEPTH = 'strefaDepth';
/** Fired on `window` after a step was pushed (popstate covers back and forward). */
export const HISTORY_STEP = 'strefa-history-step';

const asObject = (state: unknown): Record<string, unknown> =>
  state && typeof state === 'object' ? (state as Record<string, unknown>) : {};

/**
 * How many steps of the zone's own (tab, "Wyślij", details…) lie behind the current history
 * entry: 0 on the page as it was opened. Kept in `history.state`, so it survives a reload and
 * is right after back and forward.
 */
export function historyDepth(): number {
  const depth = asObject(history.state)[DEPTH];
  return typeof depth === 'number' && Number.isInteger(depth) && depth > 0 ? depth : 0;
}

export interface UrlStateOptions {
  /** The keys this host owns; it reads, writes and clears only these. */
  keys: readonly UrlKey[];
  /** Whether the host keeps its state in the URL at all (read on every update). */
  enabled: () => boolean;
  /** The host's namespace ('' for none); read on every update. */
  namespace: () => string;
  /** A back or forward step: the state the history entry holds (only the host's keys). */
  onChange: (state: UrlState) => void;
}

/**
 * Owns one element's URL keys: reads them, writes them as a step (`push`) or a correction
 * (`replace`), and reports the browser's back and forward steps. Listens only while the host is
 * connected and enabled.
 */
export class UrlStateController implements ReactiveController {
  private listening: { namespace: string; stop: () => void } | null = null;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: UrlStateOptions,
  ) {
    host.addController(this);
  }

  get enabled(): boolean {
    return this.options.enabled();
  }

  get namespace(): string {
    // Any text: URLSearchParams encodes what a URL key cannot hold.
    return this.options.namespace();
  }

  /** The host's keys as the current URL holds them. */
  read(): UrlState {
    if (!this.enabled) return {};
    return this.own(readUrlState(location.href, this.namespace));
  }

  /**
   * Writes the host's keys: those in `patch` are set (undefined removes one), the others kept,
   * unless `replaceAll` asks for exactly `patch`.
   */
  write(patch: Partial<UrlState>, { push = false, replaceAll = false } = {}): void {
    if (!this.enabled) return;
    const full: Partial<UrlState> = replaceAll
      ? Object.fromEntries(this.options.keys.map((key) => [key, undefined]))
      : {};
    for (const key of this.options.keys)
      if (key in patch) (full as Record<string, unknown>)[key] = patch[key];
    writeUrl(urlWith(full, location.href, this.namespace), push);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  private own(state: UrlState): UrlState {
    const picked: Record<string, unknown> = {};
    for (const key of this.options.keys) if (state[key] !== undefined) picked[key] = state[key];
    return picked as UrlState;
  }

  /** Starts, moves or stops the popstate listener to match `connected`, `enabled` and the namespace. */
  private sync(): void {
    const want = this.connected && this.enabled ? this.namespace : null;
    if (this.listening?.namespace === want) return;
    this.listening?.stop();
    this.listening = null;
    if (want === null) return;
    const handler = () => this.options.onChange(this.read());
    window.addEventListener('popstate', handler);
    this.listening = { namespace: want, stop: () => window.removeEventListener('popstate', handler) };
  }
}
