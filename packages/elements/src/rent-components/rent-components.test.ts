import { expect, fixture, html } from '@open-wc/testing';
import type { ChargesResponse, FiltersResponse } from '@strefa/api-types';
import {
  $,
  $$,
  cellDisplay,
  choose,
  expectLoginPrompt,
  firstUnit,
  get,
  json,
  loginResident,
  phoneFixture,
  renderedGrosze,
  restorePolish,
  spyFetch,
  stubFetch,
  text,
  unavailable,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { formatMoney, moneyToGrosze, monthName } from '../internal/format.ts';
import type { RentComponents } from './rent-components.ts';
import './rent-components.ts';

const table = (el: Element) => $(el, '[part="table"]');

describe('<rent-components>', () => {
  afterEach(restorePolish);

  it('without a session shows the login prompt in its login slot', async () => {
    const el = await expectLoginPrompt<RentComponents>(html`<rent-components></rent-components>`);
    expect(table(el)).to.equal(null);
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows the latest month with data, every component and the total to the grosz', async () => {
      const unit = await firstUnit();
      const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
      const latest = filters.latest!;
      const charges = await get<ChargesResponse>(
        `/units/${unit}/charges?year=${latest.year}&month=${latest.month}`,
      );
      const el = await fixture<RentComponents>(html`<rent-components></rent-components>`);
      await until(() => table(el), 'the table');

      expect($<HTMLSelectElement>(el, '#param-year')!.value).to.equal(String(latest.year));
      expect($<HTMLSelectElement>(el, '#param-month')!.value).to.equal(String(latest.month));
      expect(text($(el, '[part="table"] caption'))).to.equal(
        `Składniki opłaty za ${monthName(latest.month, 'pl', { capitalize: false })} ${latest.year}`,
      );

      const rows = $$(el, '[part="table"] tbody tr');
      expect(rows.length).to.equal(charges.components.length);
      charges.components.forEach((component, index) => {
        expect(text(rows[index]!.querySelector('th'))).to.equal(component.name);
        expect(text(rows[index]!.querySelector('.amount'))).to.equal(formatMoney(component.amount));
      });
      // The sum of what is on the screen equals the total on the screen, and the API's total.
      const renderedSum = $$(el, '[part="table"] tbody .amount').reduce(
        (sum, cell) => sum + renderedGrosze(text(cell)),
        0n,
      );
      const renderedTotal = renderedGrosze(text($(el, '.total-amount')));
      expect(renderedSum).to.equal(renderedTotal);
      expect(renderedTotal).to.equal(moneyToGrosze(charges.total));
      expect(text($(el, '.total-amount'))).to.equal(formatMoney(charges.total));
      // Never a float or raw JSON on the screen (the data; "Stan na dzień 27.11.2026" is a date).
      expect(text($(el, '[part="content"]'))).not.to.match(/\d\.\d{2}\b|[{}"]/);
      expect(text($(el, '[part="as-of"]'))).to.match(/^Stan na dzień \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
      await expect(el).to.be.accessible();
    });

    it('changes the data only when "Wyślij" is pressed', async () => {
      const unit = await firstUnit();
      const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
      const year = filters.years[1] ?? filters.years[0]!;
      const expected = await get<ChargesResponse>(`/units/${unit}/charges?year=${year}&month=3`);
      const el = await fixture<RentComponents>(html`<rent-components></rent-components>`);
      await until(() => table(el), 'the table');
      const before = text($(el, '[part="table"] caption'));

      const spy = spyFetch();
      try {
        choose($<HTMLSelectElement>(el, '#param-year')!, String(year));
        await el.updateComplete;
        choose($<HTMLSelectElement>(el, '#param-month')!, '3');
        await el.updateComplete;
        expect(spy.urls.filter((url) => url.includes('/charges'))).to.deep.equal([]);
        expect(text($(el, '[part="table"] caption'))).to.equal(before);

        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(() => text($(el, '[part="table"] caption')).endsWith(`marzec ${year}`), 'the new month');
        // Every request since the first select was recorded the moment it was sent: had a select
        // loaded data on its own (year first, then month), there would be more than this one.
        // The month's charges only (the chart asks `/charges/history` for its 24 months).
        const charges = spy.urls.filter((url) => url.includes('/charges?'));
        expect(charges).to.have.length(1);
        expect(charges[0]).to.contain(`/charges?year=${year}&month=3`);
      } finally {
        spy.stop();
      }
      expect(text($(el, '.total-amount'))).to.equal(formatMoney(expected.total));

      // "Wyślij" with the same parameters asks the server again (fresh data).
      const again = spyFetch();
      try {
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(() => again.urls.some((url) => url.includes('/charges')), 'a new request');
        await until(() => table(el), 'the table again');
      } finally {
        again.stop();
      }
    });

    it('aborts the request for parameters that were replaced before it answered', async () => {
      const el = await fixture<RentComponents>(html`<rent-components></rent-components>`);
      await until(() => table(el), 'the table');
      // Hold every charges request until it is aborted; count the aborts.
      const real = window.fetch;
      const signals: AbortSignal[] = [];
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (!url.includes('/charges?')) return real(input, init);
        signals.push(init!.signal!);
        return new Promise<Response>((_, reject) =>
          init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      };
      try {
        choose($<HTMLSelectElement>(el, '#param-month')!, '1');
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(() => signals.length === 1, 'the first request');
        choose($<HTMLSelectElement>(el, '#param-month')!, '2');
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(() => signals.length === 2, 'the second request');
        expect(signals[0]!.aborted).to.equal(true);
        expect(signals[1]!.aborted).to.equal(false);
        expect($(el, '[part="loading"]')).not.to.equal(null);
      } finally {
        window.fetch = real;
      }
    });

    it('shows an empty state for a month without components', async () => {
      await withStub(
        /\/charges\?/,
        () => json({ year: 2026, month: 11, components: [], total: '0.00' } satisfies ChargesResponse),
        async () => {
          const el = await fixture<RentComponents>(html`<rent-components></rent-components>`);
          const empty = await until(() => $(el, '[part="empty"]'), 'the empty state');
          expect(text(empty)).to.match(/^Brak naliczeń za /);
          expect(table(el)).to.equal(null);
          await expect(el).to.be.accessible();
        },
      );
    });

    it('shows an error with a retry that loads the data', async () => {
      const el = await withStub(/\/charges\?/, unavailable, async () => {
        const el = await fixture<RentComponents>(html`<rent-components></rent-components>`);
        const error = await until(() => $(el, '[part="error"]'), 'the error state');
        expect(error.getAttribute('role')).to.equal('alert');
        expect(text(error)).to.contain('Serwis jest chwilowo niedostępny');
        expect(text(error)).not.to.contain('{');
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => table(el), 'the table after the retry');
    });

    it('speaks English with lang="en"', async () => {
      const unit = await firstUnit();
      const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
      const latest = filters.latest!;
      const charges = await get<ChargesResponse>(
        `/units/${unit}/charges?year=${latest.year}&month=${latest.month}`,
      );
      const el = await fixture<RentComponents>(html`<rent-components lang="en"></rent-components>`);
      await until(() => table(el) && text($(el, 'button[type="submit"]')) === 'Send', 'the English table');
      expect(text($(el, 'h2'))).to.equal('Rent (operating fee)');
      expect(text($(el, 'label[for="param-month"]'))).to.equal('Month');
      expect(text($(el, '.total-amount'))).to.equal(formatMoney(charges.total, 'en'));
      expect(text($(el, '.total-amount'))).to.match(/^PLN/);
      await expect(el).to.be.accessible();
    });

    it('turns the table into cards in a 360 px wide column', async () => {
      const el = await phoneFixture(html`<rent-components></rent-components>`);
      await until(() => table(el), 'the table');
      expect(cellDisplay(el)).not.to.equal('table-cell');
      expect(getComputedStyle($(el, 'thead')!).position).to.equal('absolute');
      expect(el.scrollWidth).to.be.at.most(360);
      el.parentElement!.style.width = '900px';
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(cellDisplay(el)).to.equal('table-cell');
      await expect(el).to.be.accessible();
    });

    it('goes back to the login prompt when the server ends the session (401)', async () => {
      const el = await fixture<RentComponents>(html`<rent-components></rent-components>`);
      await until(() => table(el), 'the table');
      let expired = 0;
      el.addEventListener('strefa-session-expired', () => (expired += 1));
      const stub = stubFetch(/\/charges\?/, () =>
        json({ error: { code: 'unauthenticated', message: 'Zaloguj się.' } }, 401),
      );
      try {
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(() => $(el, 'slot[name="login"]'), 'the login prompt');
        expect(expired).to.equal(1);
      } finally {
        stub.restore();
        await loginResident();
      }
    });
  });
});
