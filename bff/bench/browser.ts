/**
 * Time to data in a real browser: headless Chromium (Debian's, through playwright-core) opens the
 * demo page of the resident zone already logged in, on the Czynsz tab, and we take the page's own
 * clock (performance.now(), 0 = navigation start) at the first animation frame in which the fee
 * table is rendered with amounts. Each run uses a fresh browser context (cold HTTP cache, the
 * session cookie copied in) and then reloads the page in it (warm cache, revalidated).
 *
 * Each run also times the same-run reference, `/bench/host-floor.html` (bench-instruments.ts):
 * the same host page with the fee table written into its HTML and no widget code, in a fresh
 * context of its own, alternately before and after the zone. What the zone adds to that floor
 * (the difference within each run) is the zone's own time, which a slow or busy machine inflates
 * far less than the whole: on a two-core machine the host page alone took a median 211 ms
 * (127–334 ms in 16 runs), a third of the zone's whole time.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium.js';

/** A context's cookies and storage, as Playwright copies them into a new context. */
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface BrowserFigures {
  url: string;
  runs: number;
  /** Round-trip time added to every request of the timed pages (Chromium's emulation), 0 for none. */
  latencyMs: number;
  coldMs: number[];
  warmMs: number[];
  coldMedian: number;
  warmMedian: number;
  /** The host page alone (`/bench/host-floor.html`), cold, one per run. */
  floorMs: number[];
  floorMedian: number;
  /** The zone's own time: each run's cold time less that run's floor. */
  ownMs: number[];
  ownMedian: number;
  /** Performance marks/measures the widgets set themselves, from the last cold run. */
  marks: Array<{ name: string; startTime: number; duration: number }>;
  /**
   * The requests of the last cold run up to the data on screen, in the order they started (the
   * page's resource timing): what waits for what. `name` is the path, the origin left out.
   */
  waterfall: WaterfallEntry[];
}

/** One request of a page load: when it started and when its answer had arrived (ms after navigation). */
export interface WaterfallEntry {
  name: string;
  startTime: number;
  responseEnd: number;
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- page code: the BFF's type-check has no DOM library */
/**
 * Runs in the page: the time at which <rent-components> shows a table row with an amount
 * ("123,45"), or false while it does not. A function, not a source string: the set-up waits for
 * it through Playwright (the DevTools protocol, which the page's CSP without 'unsafe-eval' does not
 * block), and the timed runs' init script carries its text (`WATCH_TABLE`).
 */
function feeTableRendered(): number | false {
  // No named inner functions: tsx (esbuild keepNames) would wrap them in a helper the page lacks.
  const page = globalThis as any;
  const roots: any[] = [page.document];
  let widget: any = null;
  while (roots.length && !widget) {
    for (const element of roots.pop().querySelectorAll('*')) {
      if (element.localName === 'rent-components') {
        widget = element;
        break;
      }
      if (element.shadowRoot) roots.push(element.shadowRoot);
    }
  }
  if (!widget) return false;
  for (const root of [widget, widget.shadowRoot].filter(Boolean)) {
    for (const row of root.querySelectorAll('table tbody tr, [role="table"] [role="row"]')) {
      if (/\d,\d\d/.test(row.textContent || '')) return page.performance.now();
    }
  }
  return false;
}

/** Runs in the page: its requests that started by `until` (resource timing), origin left out. */
function requestsUntil(until: number): WaterfallEntry[] {
  const page = globalThis as any;
  return page.performance
    .getEntriesByType('resource')
    .filter((entry: any) => entry.startTime <= until)
    .map((entry: any) => ({
      name: String(entry.name).replace(/^https?:\/\/[^/]+/, ''),
      startTime: entry.startTime,
      responseEnd: entry.responseEnd,
    }));
}
/* eslint-enable @typescript-eslint/no-explicit-any */

async function login(context: BrowserContext, base: string, user: string, password: string) {
  const response = await context.request.post(`${base}/api/v1/session`, {
    data: { login: user, password },
    headers: { Origin: base },
  });
  if (response.status() !== 200) throw new Error(`browser login failed: ${response.status()}`);
}

const SHOWN = 'strefa-bench-table-shown ';

/**
 * The watch every timed page runs from its first moment (an init script, which the page's CSP
 * does not govern): `feeTableRendered` at each animation frame until it holds, then the time on
 * the console. Playwright's `waitForFunction` would ask the same question, but only once its own
 * round trip has reached the page, and its injected helper script is compiled on the page's main
 * thread while the page loads (about 9 ms in a trace): both were in the figure. A source string:
 * the function's text is the page's, the loop around it has no names for tsx to wrap.
 */
const WATCH_TABLE = `(() => {
  const shown = ${feeTableRendered.toString()};
  const poll = () => {
    const at = shown();
    if (at === false) requestAnimationFrame(poll);
    else console.debug(${JSON.stringify(SHOWN)} + at);
  };
  requestAnimationFrame(poll);
})();`;

async function timeToTable(page: Page, url: string | null): Promise<number> {
  const shown = page.waitForEvent('console', {
    predicate: (message) => message.text().startsWith(SHOWN),
    timeout: 30_000,
  });
  // A reload for the warm run: goto to the same URL could be a same-document (hash) navigation.
  if (url) await page.goto(url, { waitUntil: 'commit' });
  else await page.reload({ waitUntil: 'commit' });
  return Number((await shown).text().slice(SHOWN.length));
}

/** A context for one timed run: the session's cookie, and the table's watch on every page. */
async function timedContext(browser: Browser, storage: StorageState): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: storage });
  await context.addInitScript({ content: WATCH_TABLE });
  return context;
}

/**
 * A page of a timed context, on a network as slow as `latencyMs` per request (a phone's, say; the
 * loopback has none). Only the latency is emulated, not the bandwidth: what a request waits for
 * another one is what the measure shows, not how the bytes trickle.
 */
async function timedPage(context: BrowserContext, latencyMs: number): Promise<Page> {
  const page = await context.newPage();
  if (latencyMs > 0) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: latencyMs,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  return page;
}

export async function timeToData(options: {
  base: string;
  login: string;
  password: string;
  runs: number;
  /** See `BrowserFigures.latencyMs`. */
  latencyMs?: number;
  log: (line: string) => void;
}): Promise<BrowserFigures> {
  const latencyMs = options.latencyMs ?? 0;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    // Find the Czynsz view's URL the way a resident gets there: open the zone, click the tab.
    const setup = await browser.newContext();
    await login(setup, options.base, options.login, options.password);
    const page = await setup.newPage();
    await page.goto(`${options.base}/strefa-mieszkanca.html`);
    await page.getByRole('tab', { name: 'Czynsz' }).click({ timeout: 30_000 });
    await page.waitForFunction(feeTableRendered, undefined, { polling: 'raf', timeout: 30_000 });
    const url = page.url();
    const storage = await setup.storageState();
    await setup.close();
    options.log(`time to data: ${url}`);

    const coldMs: number[] = [];
    const warmMs: number[] = [];
    const floorMs: number[] = [];
    const floorUrl = `${options.base}/bench/host-floor.html`;
    const timeFloor = async () => {
      const context = await timedContext(browser, storage);
      floorMs.push(await timeToTable(await timedPage(context, latencyMs), floorUrl));
      await context.close();
    };
    let marks: BrowserFigures['marks'] = [];
    let waterfall: WaterfallEntry[] = [];
    for (let run = 0; run < options.runs; run++) {
      // The floor before the zone in even runs, after it in odd ones: neither gains from its place.
      if (run % 2 === 0) await timeFloor();
      const context = await timedContext(browser, storage);
      const tab = await timedPage(context, latencyMs);
      const shown = await timeToTable(tab, url);
      coldMs.push(shown);
      marks = await tab.evaluate(() =>
        globalThis.performance
          .getEntries()
          .filter((entry) => entry.entryType === 'mark' || entry.entryType === 'measure')
          .map(({ name, startTime, duration }) => ({ name, startTime, duration })),
      );
      waterfall = await tab.evaluate(requestsUntil, shown);
      warmMs.push(await timeToTable(tab, null));
      await context.close();
      if (run % 2 === 1) await timeFloor();
    }
    const ownMs = coldMs.map((cold, run) => cold - floorMs[run]!);
    return {
      url,
      runs: options.runs,
      latencyMs,
      coldMs,
      warmMs,
      coldMedian: median(coldMs),
      warmMedian: median(warmMs),
      floorMs,
      floorMedian: median(floorMs),
      ownMs,
      ownMedian: median(ownMs),
      marks,
      waterfall,
    };
  } finally {
    await browser.close();
  }
}
