/**
 * Chromium for the end-to-end tests: Debian's /usr/bin/chromium through playwright-core (nothing
 * is downloaded), with the flags it needs as root in a container, plus the checks every page
 * shares: what went wrong on the page (console errors, uncaught exceptions, failed or refused
 * requests), an axe-core audit, and logging in through the real API.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh browser profile (own cookies), Polish, at a laptop or a phone size. `mobile: false`
 * keeps a 360 px window but without mobile emulation: a page whose own content overflows is then
 * scrolled sideways instead of zoomed out, and clicks land where the element is.
 */
export async function newContext(
  browser: Browser,
  options: { phone?: boolean; mobile?: boolean; baseURL?: string } = {},
): Promise<BrowserContext> {
  const mobile = options.mobile ?? options.phone ?? false;
  return browser.newContext({
    locale: 'pl-PL',
    timezoneId: 'Europe/Warsaw',
    baseURL: options.baseURL,
    viewport: options.phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
  });
}

export interface PageProblems {
  /** Console errors, uncaught exceptions, failed requests and HTTP errors, one line each. */
  readonly list: string[];
  /** Responses that are expected to fail (e.g. a data call after the session ended answers 401). */
  allow(predicate: (url: string, status: number) => boolean): void;
}

/**
 * What started each of the page's session checks (`/api/v1/session` with or without `?include=me`,
 * by resource timing's `initiatorType`): `['link']` when the widgets took the answer of the head's
 * `<link rel="preload" as="fetch">` instead of asking again (a second entry, `fetch`, would mean
 * the browser could not hand it over, and the preload was fetched for nothing).
 */
export async function sessionCheckStarters(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname === '/api/v1/session')
      .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
  );
}

/**
 * Records everything that went wrong on a page: console errors, uncaught exceptions, failed
 * requests and HTTP errors. Nothing is allowed by default: an anonymous visit checks the session
 * with `GET /api/v1/session`, which answers 200 `{user: null}`, so a healthy page logs nothing red
 * (web editors are told to look in the console for errors). A test that provokes a failure
 * allows it explicitly.
 */
export function watchProblems(page: Page): PageProblems {
  const list: string[] = [];
  const allowed: Array<(url: string, status: number) => boolean> = [];
  const isAllowed = (url: string, status: number) => allowed.some((p) => p(url, status));
  const allowedConsole: string[] = [];

  page.on('response', (response) => {
    const status = response.status();
    if (status < 400) return;
    if (isAllowed(response.url(), status)) {
      allowedConsole.push(response.url());
      return;
    }
    list.push(`HTTP ${status} ${response.request().method()} ${response.url()}`);
  });
  // A navigation away (a reload, a link) aborts what the old page still had in flight; that is
  // not a fault. Each request remembers how many top-level navigations had started before it.
  let navigations = 0;
  const startedAfter = new WeakMap<object, number>();
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1;
    else startedAfter.set(request, navigations);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    const leftBehind = (startedAfter.get(request) ?? navigations) < navigations;
    if (reason === 'net::ERR_ABORTED' && (leftBehind || request.resourceType() !== 'script')) return;
    list.push(`request failed (${reason}) ${request.method()} ${request.url()}`);
  });
  page.on('pageerror', (error) => list.push(`uncaught ${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const location = message.location().url;
    // "Failed to load resource: 401" for an allowed response is the browser echoing it.
    if (/Failed to load resource/.test(text) && allowedConsole.includes(location)) return;
    list.push(`console.error: ${text} (${location})`);
  });
  return {
    list,
    allow: (predicate) => {
      allowed.push(predicate);
    },
  };
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the page, shadow roots included. The script is evaluated
 * through the DevTools protocol, so the page's Content-Security-Policy stays on.
 */
export async function axeViolations(page: Page, context: string = 'body'): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run(document.querySelector(selector) ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => `${JSON.stringify(n.target)}: ${n.failureSummary}`),
    }));
  }, context);
}

/** Formats violations for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}

/**
 * Logs in through the real API from inside the page (so the cookie lands in this browser
 * profile, and the request carries the page's Origin like a widget's would).
 */
export async function loginViaApi(page: Page, login: string, password: string): Promise<void> {
  const status = await page.evaluate(
    async ({ login, password }) => {
      const base = document.querySelector<HTMLMetaElement>('meta[name="strefa-api-base"]')?.content ?? '';
      const response = await fetch(`${base}/api/v1/session`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      return response.status;
    },
    { login, password },
  );
  if (status !== 200) throw new Error(`login as ${login} answered ${status}`);
}

/** Waits until every custom element on the page is defined and Lit has rendered it. */
export async function widgetsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
    await Promise.all(elements.map((el) => customElements.whenDefined(el.localName)));
    await Promise.all(
      elements.map((el) => (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete),
    );
  });
}
