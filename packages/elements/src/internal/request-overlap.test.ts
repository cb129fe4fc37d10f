/**
 * The requests a page makes before its data shows, and which of them wait for which (issue 12,
 * time to data): `/me` goes out with the first session check when this browser was signed in a
 * moment ago, the fees with the filters when the URL names the month; an anonymous page still
 * makes exactly one request, and a note that is stale or too old changes nothing on the screen.
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

const hintKey = (base: string) => `strefa-signed-in:${base}`;

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

  it('an anonymous page makes exactly one request, GET /session, and keeps no note', async () => {
    await signOut();
    const base = freshBase();
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => loginShown(el), 'the login form');
    await el.updateComplete;
    expect(paths(recorder.calls)).to.deep.equal(['/api/v1/session']);
    expect(localStorage.getItem(hintKey(base))).to.equal(null);
  });

  it('signed in a moment ago: /me goes out with the session check, once, and the zone shows', async () => {
    await signIn();
    const base = freshBase();
    localStorage.setItem(hintKey(base), `resident ${Date.now()}`);
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => $$(el, '[role="tab"]').length === 6, 'the tabs');
    await until(() => el.shadowRoot!.querySelector('payment-info'), 'the first tab');

    const session = find(recorder.calls, '/api/v1/session')!;
    const me = find(recorder.calls, '/api/v1/me')!;
    expect(me, 'a /me request').to.not.equal(undefined);
    // Sent before the session check had its answer: the two overlap.
    expect(me.sent).to.be.lessThan(session.answered!);
    // The early answer is the one used: no second /me.
    expect(paths(recorder.calls).filter((path) => path === '/api/v1/me')).to.have.length(1);
    // The note is renewed with the answer (a role and a time, nothing about the person).
    expect(localStorage.getItem(hintKey(base))).to.match(/^resident \d+$/);
  });

  it('a stale note (the session ended elsewhere): the login, no "session expired", the note removed', async () => {
    await signOut();
    const base = freshBase();
    localStorage.setItem(hintKey(base), `resident ${Date.now()}`);
    const expired: Event[] = [];
    const onExpired = (event: Event) => expired.push(event);
    document.addEventListener('strefa-session-expired', onExpired);
    after = () => document.removeEventListener('strefa-session-expired', onExpired);
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => loginShown(el), 'the login form');
    await until(() => find(recorder!.calls, '/api/v1/me')?.answered, 'the early /me answered');
    expect(paths(recorder.calls)).to.deep.equal(['/api/v1/session', '/api/v1/me']);
    expect(expired, 'strefa-session-expired events').to.have.length(0);
    expect(localStorage.getItem(hintKey(base))).to.equal(null);

    // Signing in now shows this person's zone: the early (401) answer is not reused.
    await sessionStoreFor(el.api).login(RESIDENT.login, RESIDENT.password);
    await until(() => $$(el, '[role="tab"]').length === 6, 'the tabs after the login');
    await until(() => el.shadowRoot!.querySelector('payment-info'), 'the first tab');
    expect(paths(recorder.calls).filter((path) => path === '/api/v1/me')).to.have.length(2);
  });

  it('a note older than the idle timeout is not trusted: one request, as for any visitor', async () => {
    await signOut();
    const base = freshBase();
    localStorage.setItem(hintKey(base), `resident ${Date.now() - 21 * 60_000}`);
    recorder = recordRequests();
    const el = await fixture<ResidentPortal>(html`<resident-portal api-base=${base}></resident-portal>`);
    await until(() => loginShown(el), 'the login form');
    expect(paths(recorder.calls)).to.deep.equal(['/api/v1/session']);
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
