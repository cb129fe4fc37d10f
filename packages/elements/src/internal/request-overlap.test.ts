/**
 * The requests a page makes before its data shows, and which of them wait for which (issue 12,
 * time to data): `/me` comes with the first session check (`GET /session?include=me`), the fees
 * go out with the filters when the URL names the month; an anonymous page still makes exactly one
 * request, answered 200, and nothing is kept in the browser's storage.
 *
 * Each test needs a page whose session nobody has checked yet, as on a fresh page load: the
 * widgets share one session store per API base, so each test points its widgets at its own
 * spelling of this page's origin (`http://LOCALHOST:…`, `http://lOcalhost:…`): a new store, and
 * still the same origin for the browser (host names are case-insensitive), cookies included.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { FiltersResponse } from '@strefa/api-types';
import { $, $$, api, firstUnit, get, RESIDENT, text, until } from './data-test-support.ts';
import { sessionStoreFor } from './session-store.ts';
import { CLERK } from '../resident-login/test-support.ts';
import { urlWith } from './url-state.ts';
import '../resident-portal/resident-portal.ts';
import '../rent-components/rent-components.ts';
import type { ResidentPortal } from '../resident-portal/resident-portal.ts';
import type { RentComponents } from '../rent-components/rent-components.ts';

let spellings = 0;
/** A spelling of this page's origin no store has seen yet (see the module comment). */
function freshBase(): string {
  spellings += 1;
  const host = [...location.hostname].map((c, i) => ((spellings >> i) & 1 ? c.toUpperCase() : c)).join('');
  return `${location.protocol}//${host}:${location.port}`;
}

interface Sent {
  path: string;
  sent: number;
  answered: number | null;
}

/** Records every API call: its path, when it was sent and when its answer arrived. */
function recordRequests(): { calls: Sent[]; stop: () => void } {
  const real = window.fetch;
  const calls: Sent[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const call: Sent = { path: url.pathname + url.search, sent: performance.now(), answered: null };
    calls.push(call);
    const answer = real(input, init);
    answer.then(
      () => (call.answered = performance.now()),
      () => undefined,
    );
    return answer;
  };
  return { calls, stop: () => (window.fetch = real) };
}

const paths = (calls: Sent[]) => calls.map((call) => call.path);
const find = (calls: Sent[], path: string | RegExp) =>
  calls.find((call) => (typeof path === 'string' ? call.path === path : path.test(call.path)));
const loginShown = (el: Element) => el.querySelector('resident-login input[autocomplete="username"]');

async function signIn(): Promise<void> {
  const { status } = await api('POST', '/session', RESIDENT);
  expect(status).to.equal(200);
}

async function signOut(): Promise<void> {
  await api('DELETE', '/session', {});
}

/**
 * Puts `el` (pointed at a fresh store) into the page and answers `check()` at the end of the
 * update that the session's answer causes: what the element shows, or has sent, by then.
 */
async function atSessionAnswer<T>(el: ResidentPortal | RentComponents, check: () => T): Promise<T> {
  el.setAttribute('api-base', freshBase());
  const page = await fixture<HTMLDivElement>(html`<div></div>`);
  // Connecting starts the page's check (sent a microtask later) and subscribes the element;
  // the listener below comes after the element's, which has then asked for its update.
  page.append(el);
  const store = sessionStoreFor(el.api);
  let atAnswer: Promise<T> | null = null;
  const stop = store.subscribe(() => {
    if (store.ready && !atAnswer) atAnswer = el.updateComplete.then(check);
  });
  try {
    await until(() => atAnswer, 'the session’s answer');
    return await atAnswer!;
  } finally {
    stop();
  }
}

describe('requests before the data (time to data)', () => {
  let recorder: ReturnType<typeof recordRequests> | null = null;
  let after: (() => void) | null = null;
  afterEach(() => {
    recorder?.stop();
    recorder = null;
    after?.();
    after = null;
    fixtureCleanup();
    const cleared = { tab: undefined, year: undefined, month: undefined };
    history.replaceState(null, '', urlWith(cleared, urlWith(cleared), 'rent-components'));
  });

  it('an anonymous page makes exactly one request, the session check, and stores nothing', async () => {
    await signOut();
    const base = freshBase();
    const stored = localStorage.length;
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => loginShown(el), 'the login form');
    await el.updateComplete;
    expect(paths(recorder.calls)).to.deep.equal(['/api/v1/session?include=me']);
    expect(localStorage.length).to.equal(stored);
  });

  it('signed in: /me comes with the session check, no request of its own, and the zone shows', async () => {
    await signIn();
    const base = freshBase();
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => $$(el, '[role="tab"]').length === 6, 'the tabs');
    await until(() => el.shadowRoot!.querySelector('payment-info'), 'the first tab');
    const calls = paths(recorder.calls);
    expect(calls[0]).to.equal('/api/v1/session?include=me');
    expect(calls.filter((path) => path.startsWith('/api/v1/session'))).to.have.length(1);
    expect(calls).to.not.include('/api/v1/me');
    // The units came from that answer: the first unit's data was asked for.
    expect(calls.some((path) => /^\/api\/v1\/units\/\d+\//.test(path))).to.equal(true);
  });

  it('signed in: the first tab’s widget comes in the same update as the session’s answer', async () => {
    await signIn();
    const el = document.createElement('resident-portal') as ResidentPortal;
    const shown = await atSessionAnswer(el, () => el.shadowRoot!.querySelector('payment-info') !== null);
    // Not the loading state first and the widget two updates later (the `/me` task's pending and
    // complete states): the widget, and with it its data requests, at once.
    expect(shown).to.equal(true);
  });

  it('signed in: a data widget without unit-id asks for its data in the update of the session’s answer', async () => {
    await signIn();
    const unit = await firstUnit();
    recorder = recordRequests();
    const calls = recorder.calls;
    const el = document.createElement('rent-components') as RentComponents;
    const sent = await atSessionAnswer(el, () => paths(calls));
    // The unit from the check's `/me`: the filters are on their way when that update ends.
    expect(sent).to.include(`/api/v1/units/${unit}/filters`);
    expect(paths(calls)).to.not.include('/api/v1/me');
  });

  it('someone else signed in meanwhile (another tab): the first check’s /me is no longer used', async () => {
    await signIn();
    const el = await fixture<ResidentPortal>(
      html`<resident-portal api-base=${freshBase()}></resident-portal>`,
    );
    await until(() => el.shadowRoot!.querySelector('payment-info'), 'the first tab');
    const store = sessionStoreFor(el.api);
    expect(store.earlyMe(), 'the check’s /me, for the resident').to.not.equal(null);
    // The cookie changes hands outside this page's store, as a login in another tab does.
    const { status } = await api('POST', '/session', CLERK);
    expect(status).to.equal(200);
    await store.refresh();
    expect(store.user?.login).to.equal(CLERK.login);
    expect(store.earlyMe()).to.equal(null);
    await until(() => !el.shadowRoot!.querySelector('payment-info'), 'the resident’s zone gone');
    await signIn();
  });

  it('a login on the page: /me is asked then (the check brought none for a visitor)', async () => {
    await signOut();
    const base = freshBase();
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => loginShown(el), 'the login form');
    await sessionStoreFor(el.api).login(RESIDENT.login, RESIDENT.password);
    await until(() => $$(el, '[role="tab"]').length === 6, 'the tabs after the login');
    await until(() => el.shadowRoot!.querySelector('payment-info'), 'the first tab');
    expect(paths(recorder.calls).filter((path) => path === '/api/v1/me')).to.have.length(1);
  });

  it('a page with only a data widget for a given unit asks the session alone', async () => {
    await signIn();
    const unit = await firstUnit();
    recorder = recordRequests();
    const el = await fixture<RentComponents>(
      html`<rent-components api-base=${freshBase()} unit-id=${unit}></rent-components>`,
    );
    await until(() => $(el, '[part="table"]'), 'the table');
    expect(paths(recorder.calls)[0]).to.equal('/api/v1/session');
    expect(paths(recorder.calls)).to.not.include('/api/v1/me');
  });

  it('a year and month in the URL: the fees go out with the filters, not after them', async () => {
    await signIn();
    const unit = await firstUnit();
    const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
    const { year, month } = filters.latest!;
    history.replaceState(null, '', urlWith({ year, month }, location.href, 'rent-components'));
    recorder = recordRequests();
    const el = await fixture<RentComponents>(
      html`<rent-components api-base=${freshBase()} unit-id=${unit} url-state></rent-components>`,
    );
    await until(() => $(el, '[part="table"]'), 'the table');
    const filtersCall = find(recorder.calls, `/api/v1/units/${unit}/filters`)!;
    const charges = find(recorder.calls, `/api/v1/units/${unit}/charges?year=${year}&month=${month}`)!;
    expect(charges, 'the month’s fees').to.not.equal(undefined);
    expect(charges.sent).to.be.lessThan(filtersCall.answered!);
    // The table's request before the chart's: the server answers in that order.
    const chartCall = find(recorder.calls, /\/charges\/history\?/)!;
    expect(recorder.calls.indexOf(charges)).to.be.lessThan(recorder.calls.indexOf(chartCall));
    // Once: the filters confirmed the URL's month, so its answer (already there) is the one shown.
    expect(paths(recorder.calls).filter((path) => path.includes('/charges?'))).to.have.length(1);
    expect(text($(el, '[part="table"] caption'))).to.match(new RegExp(`${year}$`));
  });

  it('a year the filters do not offer: the early answer is dropped, the latest year shown', async () => {
    await signIn();
    const unit = await firstUnit();
    const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
    const latest = filters.latest!;
    // A year the API accepts but this unit has no data for.
    const missing = 2000;
    expect(filters.years).to.not.include(missing);
    history.replaceState(null, '', urlWith({ year: missing, month: 1 }, location.href, 'rent-components'));
    recorder = recordRequests();
    const el = await fixture<RentComponents>(
      html`<rent-components api-base=${freshBase()} unit-id=${unit} url-state></rent-components>`,
    );
    await until(() => $(el, '[part="table"]'), 'the table');
    expect($<HTMLSelectElement>(el, '#param-year')!.value).to.equal(String(latest.year));
    // The month the URL asked for, in the latest year (as without the early start).
    expect($<HTMLSelectElement>(el, '#param-month')!.value).to.equal('1');
    expect(paths(recorder.calls).filter((path) => path.includes('/charges?'))).to.deep.equal([
      `/api/v1/units/${unit}/charges?year=${missing}&month=1`,
      `/api/v1/units/${unit}/charges?year=${latest.year}&month=1`,
    ]);
    // And the URL says what is shown.
    expect(new URL(location.href).searchParams.get('strefa-rent-components-year')).to.equal(
      String(latest.year),
    );
  });
});
