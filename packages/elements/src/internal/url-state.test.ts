import { expect, fixture, html } from '@open-wc/testing';
import type { FiltersResponse } from '@strefa/api-types';
import { $, choose, firstUnit, get, loginResident, until } from './data-test-support.ts';
import { readUrlState, urlWith } from './url-state.ts';
import '../rent-components/rent-components.ts';
import '../media-readings/media-readings.ts';

/** Puts the page back at its own address (no strefa-* keys) without a history step. */
function resetUrl(): void {
  const url = new URL(location.href);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('strefa-')) url.searchParams.delete(key);
  history.replaceState(history.state, '', url);
}

describe('url-state: keys', () => {
  it('reads and writes only its own namespace', () => {
    const base = 'https://psm.example/s?strefa-year=2020&strefa-czynsz-year=2026&strefa-czynsz-month=x';
    expect(readUrlState(base, 'czynsz')).to.deep.equal({ year: 2026 });
    expect(readUrlState(base)).to.deep.equal({ year: 2020 });
    const next = new URL(urlWith({ year: 2025 }, base, 'czynsz'));
    expect(next.searchParams.get('strefa-czynsz-year')).to.equal('2025');
    expect(next.searchParams.get('strefa-year')).to.equal('2020');
  });
});

describe('url-state: two widgets on one page', () => {
  let unit: number;
  let filters: FiltersResponse;

  before(async () => {
    await loginResident();
    unit = await firstUnit();
    filters = await get<FiltersResponse>(`/units/${unit}/filters`);
  });
  beforeEach(resetUrl);
  afterEach(resetUrl);

  it('keep their parameters apart, and a reload restores each', async () => {
    if (filters.years.length < 2) throw new Error('the demo unit needs two years of data');
    const older = filters.years[1]!;
    const page = () =>
      fixture<HTMLDivElement>(
        html`<div>
          <rent-components unit-id=${unit} url-state></rent-components>
          <media-readings unit-id=${unit} url-state></media-readings>
        </div>`,
      );
    let wrapper = await page();
    let [rent, readings] = [wrapper.children[0]!, wrapper.children[1]!];
    await until(() => $(rent, 'table') && $(readings, 'table'), 'both tables');
    const newest = filters.years[0]!;
    expect(readUrlState(location.href, 'rent-components').year).to.equal(newest);
    expect(readUrlState(location.href, 'media-readings').year).to.equal(newest);

    choose($<HTMLSelectElement>(readings, '#param-year')!, String(older));
    $<HTMLButtonElement>(readings, 'button[type="submit"]')!.click();
    await until(() => readUrlState(location.href, 'media-readings').year === older, 'the older year');
    // The rent widget's year is untouched (before namespaces both wrote `strefa-year`).
    expect(readUrlState(location.href, 'rent-components').year).to.equal(newest);

    wrapper.remove();
    wrapper = await page();
    [rent, readings] = [wrapper.children[0]!, wrapper.children[1]!];
    await until(() => $(rent, 'table') && $(readings, 'table'), 'both tables after the reload');
    expect($<HTMLSelectElement>(readings, '#param-year')!.value).to.equal(String(older));
    expect($<HTMLSelectElement>(rent, '#param-year')!.value).to.equal(String(newest));
  });

  it('filling in the defaults on the first load adds no history entry', async () => {
    const before = history.length;
    const el = await fixture(html`<rent-components unit-id=${unit} url-state></rent-components>`);
    await until(() => $(el, 'table'), 'the table');
    expect(readUrlState(location.href, 'rent-components').year).to.equal(filters.years[0]);
    expect(history.length).to.equal(before);
  });
});

describe('url-state: the filters of a unit no longer shown', () => {
  before(loginResident);
  beforeEach(resetUrl);
  afterEach(resetUrl);

  it('never reach the URL (defaults are applied when the latest filters task completes)', async () => {
    const unit = await firstUnit();
    const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
    // The first unit's filters answer late, with a year no real unit has; meanwhile the widget
    // moves on to the real unit.
    let release: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (release = resolve));
    const stale: FiltersResponse = { ...filters, years: [1999], latest: { year: 1999, month: 1 } };
    const realFetch = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/units/999999/filters')) {
        await late;
        return new Response(JSON.stringify(stale), { headers: { 'Content-Type': 'application/json' } });
      }
      return realFetch(input, init);
    };
    const written: string[] = [];
    const realReplace = history.replaceState.bind(history);
    const realPush = history.pushState.bind(history);
    history.replaceState = (data, unused, url) => (written.push(String(url)), realReplace(data, unused, url));
    history.pushState = (data, unused, url) => (written.push(String(url)), realPush(data, unused, url));
    try {
      const el = await fixture<HTMLElement & { unitId: number }>(
        html`<rent-components unit-id="999999" url-state></rent-components>`,
      );
      el.unitId = unit;
      await until(() => $(el, 'table'), "the real unit's table");
      release();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(
        written.some((url) => url.includes('1999')),
        written.join('\n'),
      ).to.equal(false);
      expect(readUrlState(location.href, 'rent-components').year).to.equal(filters.years[0]);
    } finally {
      window.fetch = realFetch;
      history.replaceState = realReplace;
      history.pushState = realPush;
    }
  });
});
