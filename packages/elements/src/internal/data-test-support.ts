/* eslint-disable @typescript-eslint/no-explicit-any -- test helpers read untyped JSON bodies */
/**
 * Helpers for the component tests of the data widgets and the portal: a real resident session
 * (through the real BFF behind the test runner's proxy), direct API reads to compare the screen
 * with, waiting for a widget's state, and a fetch stub for states a healthy server cannot produce
 * (503). Not part of any bundle.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { FiltersResponse, MeResponse } from '@strefa/api-types';
import { ApiClient } from './api-client.ts';
import { applyLocale } from './localization.ts';
import { sessionStoreFor } from './session-store.ts';

export const RESIDENT = { login: 'demo-resident', password: 'demo-resident-password' };

/** The page's shared session store (same origin, no api-base). */
export const store = () => sessionStoreFor(new ApiClient(''));

/** A GET (or other call) to the real API with the browser's cookies; the parsed body. */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'include',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export const get = async <T = any>(path: string): Promise<T> => {
  const { status, body } = await api<T>('GET', path);
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
  return body;
};

/** Logs in as the demo resident on the server and in the page's session store. */
export async function loginResident(): Promise<void> {
  await store().login(RESIDENT.login, RESIDENT.password);
}

/**
 * No session, on the server and in the page's session store. Through the store, which ends the
 * server's session itself: a logout behind its back (a bare DELETE) could answer the check that
 * confirms a login just made as "cookie blocked".
 */
export async function logoutEverywhere(): Promise<void> {
  await store()
    .logout()
    .catch(() => undefined);
  await store().refresh();
}

/** Waits until `check` returns something truthy (polling; the widgets load over the network). */
export async function until<T>(
  check: () => T | null | undefined | false,
  what = 'condition',
  timeout = 8000,
): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The shadow root of a widget, for querying. */
export const $ = <E extends Element = HTMLElement>(el: Element, selector: string): E | null =>
  el.shadowRoot!.querySelector<E>(selector);
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string): E[] => [
  ...el.shadowRoot!.querySelectorAll<E>(selector),
];

/** Text with whitespace collapsed (non-breaking spaces kept: they are part of the format). */
export const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

/**
 * An API amount as a Polish screen must show it, written out by hand (not with the widgets'
 * formatMoney, so a fault there cannot hide itself): comma decimals, two places, groups of three
 * with a no-break space from five digits up (Polish typography leaves 1234 whole), "zł" after a
 * no-break space, a minus for a negative amount and none for zero.
 */
export function plMoney(value: string): string {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not an API amount: ${value}`);
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').padEnd(2, '0');
  const grouped = whole.length >= 5 ? whole.replace(/\B(?=(\d{3})+$)/g, '\u00a0') : whole;
  const negative = match[1] && /[1-9]/.test(whole + fraction) ? '-' : '';
  return `${negative}${grouped},${fraction}\u00a0zł`;
}

/**
 * Reads an amount as rendered in Polish ("1 234,50 zł", "-12,30 zł") back into grosze, so a
 * test can add up what is on the screen without trusting the widget's own arithmetic.
 */
export function renderedGrosze(rendered: string): bigint {
  const match = /(-)?([\d\s\u00a0\u202f]+),(\d{2})/.exec(rendered);
  if (!match) throw new Error(`not a rendered amount: ${rendered}`);
  const grosze = BigInt(match[2]!.replace(/\D/g, '')) * 100n + BigInt(match[3]!);
  return match[1] ? -grosze : grosze;
}

/**
 * Intercepts fetches whose URL matches `pattern` and answers them with `respond()`; returns the
 * function that restores the real fetch. Every intercepted URL is recorded in `calls`.
 */
export function stubFetch(
  pattern: RegExp,
  respond: () => Response,
): { restore: () => void; calls: string[] } {
  const real = window.fetch;
  const calls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (pattern.test(url)) {
      calls.push(url);
      return Promise.resolve(respond());
    }
    return real(input, init);
  };
  return { restore: () => (window.fetch = real), calls };
}

/** Records every fetch the page makes (passing them through) until `stop()`. */
export function spyFetch(): { stop: () => void; urls: string[] } {
  const real = window.fetch;
  const urls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return real(input, init);
  };
  return { stop: () => (window.fetch = real), urls };
}

export const unavailable = () =>
  new Response(JSON.stringify({ error: { code: 'unavailable', message: 'Serwis jest niedostępny.' } }), {
    status: 503,
    headers: { 'Content-Type': 'application/json' },
  });

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Chooses an option of a select as a person would (fires `change`). */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Computed `display` of the first body cell: `table-cell` on a wide screen, not on a phone. */
export function cellDisplay(el: Element, selector = 'tbody td'): string {
  const cell = $(el, selector);
  if (!cell) throw new Error(`no ${selector}`);
  return getComputedStyle(cell).display;
}

/** For `afterEach`: a test that switched to English leaves the page in Polish again. */
export const restorePolish = (): Promise<void> => applyLocale('pl');

/**
 * Renders `template` without a session and checks the anonymous state every data widget has: a
 * `<resident-login>` put into its light DOM, shown through the `login` slot, axe-clean.
 */
export async function expectLoginPrompt<E extends Element>(template: TemplateResult): Promise<E> {
  await logoutEverywhere();
  const el = await fixture<E>(template);
  await until(() => el.querySelector(':scope > resident-login[slot="login"]'), 'the login child');
  expect($(el, 'slot[name="login"]')).not.to.equal(null);
  await expect(el).to.be.accessible();
  return el;
}

/** The demo resident's units (in `/me`'s order), each with its filters, straight from the API. */
export async function unitsWithFilters(): Promise<{
  me: MeResponse;
  units: { unit: number; filters: FiltersResponse }[];
}> {
  const me = await get<MeResponse>('/me');
  const units: { unit: number; filters: FiltersResponse }[] = [];
  for (const assignment of me.assignments) {
    units.push({
      unit: assignment.unit.id,
      filters: await get<FiltersResponse>(`/units/${assignment.unit.id}/filters`),
    });
  }
  return { me, units };
}

/** The first unit of `/me`, the one a widget without `unit-id` shows. */
export async function firstUnit(): Promise<number> {
  const me = await get<MeResponse>('/me');
  return me.assignments[0]!.unit.id;
}

/** Runs `work` with fetches matching `pattern` answered by `respond`; the real fetch after it. */
export async function withStub<T>(
  pattern: RegExp,
  respond: () => Response,
  work: (stub: { calls: string[] }) => Promise<T>,
): Promise<T> {
  const stub = stubFetch(pattern, respond);
  try {
    return await work(stub);
  } finally {
    stub.restore();
  }
}

/** Renders `template` in a 360 px wide column (a phone) and returns the widget. */
export async function phoneFixture<E extends Element>(template: TemplateResult): Promise<E> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 360px">${template}</div>`);
  return wrapper.firstElementChild as E;
}
