import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { html as litHtml, render } from 'lit';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AccountsResponse, Assignment, FiltersResponse, MeResponse } from '@strefa/api-types';
import {
  $,
  $$,
  api,
  choose,
  expectLoginPrompt,
  get,
  loginResident,
  phoneFixture,
  store,
  text,
  unavailable,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { applyLocale } from '../internal/localization.ts';
import { CLERK } from '../resident-login/test-support.ts';
import { readUrlState, urlWith } from '../internal/url-state.ts';
import type { ResidentPortal } from './resident-portal.ts';
import { PORTAL_TABS } from './resident-portal.component.ts';
import { statementSection, statementYears } from './resident-portal.statement.ts';
import './resident-portal.ts';
import '../rent-components/rent-components.ts';

const tabs = (el: Element) => $$<HTMLButtonElement>(el, '[role="tab"]');
const selectedTab = (el: Element) => text($(el, '[role="tab"][aria-selected="true"]'));
const panelChild = <E extends HTMLElement = HTMLElement>(el: Element, tag: string) =>
  $(el, '[role="tabpanel"]')?.querySelector<E>(tag) ?? null;

/** Removes the `strefa-*` parameters (the test runner's own stay). */
function clearUrl(): void {
  history.replaceState(
    null,
    '',
    urlWith({
      tab: undefined,
      unit: undefined,
      year: undefined,
      month: undefined,
      account: undefined,
      medium: undefined,
      details: undefined,
    }),
  );
}

async function popstate(go: () => void): Promise<void> {
  const done = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
  go();
  await done;
}

describe('<resident-portal>', () => {
  beforeEach(clearUrl);
  afterEach(async () => {
    fixtureCleanup();
    clearUrl();
    await applyLocale('pl');
  });

  it('without a session shows the login; after login the tabs, the name and "Wyloguj"', async () => {
    const el = await expectLoginPrompt<ResidentPortal>(html`<resident-portal></resident-portal>`);
    expect(tabs(el)).to.have.length(0);

    await loginResident();
    await until(() => tabs(el).length === 6, 'the tabs');
    expect(tabs(el).map((tab) => text(tab))).to.deep.equal([
      'Do zapłaty',
      'Dane osobowe',
      'Czynsz',
      'Księgowość',
      'Media odczyty',
      'Media rozliczenia',
    ]);
    expect($(el, '[role="tablist"]')!.getAttribute('aria-orientation')).to.equal('vertical');
    expect(text($(el, '[part="user"]'))).to.equal(store().user!.displayName);
    expect(text($(el, '[part="logout-button"]'))).to.equal('Wyloguj');
    // "Do zapłaty" opens first: what a resident comes for once a month.
    await until(() => panelChild(el, 'payment-info'), 'the payment');
    await expect(el).to.be.accessible();
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows a retry when /me fails, never an empty panel, and the panel after the retry', async () => {
      // The login on this page made the session check's own `/me` stale: the portal asks `/me`.
      const el = await withStub(/\/api\/v1\/me$/, unavailable, async (stub) => {
        const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
        await until(() => $(el, '[role="tabpanel"] .state.error'), 'the error in the panel');
        expect(stub.calls.length, '/me was asked').to.be.greaterThan(0);
        expect(text($(el, '[role="tabpanel"]'))).to.contain('Spróbuj ponownie');
        expect(panelChild(el, 'payment-info')).to.equal(null);
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[role="tabpanel"] .state.error button')!.click();
      await until(() => panelChild(el, 'payment-info'), 'the panel after the retry');
    });

    it('moves between tabs with the arrow keys and opens one with Enter (real key presses)', async () => {
      const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === 6, 'the tabs');
      const focused = () => el.shadowRoot!.activeElement;
      expect(tabs(el).map((tab) => tab.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1]);
      tabs(el)[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await until(() => focused() === tabs(el)[1], 'focus on Dane osobowe');
      // Arrows only move the focus; the open tab stays until Enter or Space.
      expect(selectedTab(el)).to.equal('Do zapłaty');
      await sendKeys({ press: 'End' });
      await until(() => focused() === tabs(el)[5], 'focus on the last tab');
      await sendKeys({ press: 'ArrowDown' });
      await until(() => focused() === tabs(el)[0], 'focus wraps to the first');
      await sendKeys({ press: 'ArrowUp' });
      await until(() => focused() === tabs(el)[5], 'focus wraps to the last');
      await sendKeys({ press: 'ArrowLeft' });
      await until(() => focused() === tabs(el)[4], 'focus on Media odczyty');
      await sendKeys({ press: 'Enter' });
      await until(() => selectedTab(el) === 'Media odczyty', 'the readings tab');
      expect(tabs(el).map((tab) => tab.tabIndex)).to.deep.equal([-1, -1, -1, -1, 0, -1]);
      expect($(el, '[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal(tabs(el)[4]!.id);
      await until(() => panelChild(el, 'media-readings'), 'the readings widget');
      expect(readUrlState().tab).to.equal('media-odczyty');
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: ' ' });
      await until(() => selectedTab(el) === 'Do zapłaty', 'Space opens the first tab');
      // Tab leaves the tab list for the panel (one tab stop for the whole list).
      await sendKeys({ press: 'Tab' });
      expect(focused()?.getAttribute('role')).not.to.equal('tab');
      await expect(el).to.be.accessible();
    });

    it('keeps tab, parameters and opened details in the URL: reload and back return there', async () => {
      const me = await get<MeResponse>('/me');
      const unit = me.assignments[0]!.unit.id;
      const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
      // A year other than the default one, so that "Wyślij" is a step in the history.
      const year = filters.years.find((y) => y !== filters.years[0])!;
      const accounts = await get<AccountsResponse>(`/units/${unit}/accounts?year=${year}`);
      const account = accounts.accounts[0]!;

      let el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === 6, 'the tabs');
      tabs(el)[3]!.click();
      let ledger = await until(() => panelChild(el, 'ledger-accounts'), 'the ledger');
      await until(() => $(ledger, 'table'), 'the accounts');
      expect(readUrlState()).to.include({ tab: 'ksiegowosc', year: filters.years[0] });
      choose($<HTMLSelectElement>(ledger, '#param-year')!, String(year));
      $<HTMLButtonElement>(ledger, 'button[type="submit"]')!.click();
      await until(() => readUrlState().year === year, 'the year in the URL');
      await until(() => text($(ledger, 'caption')).includes(String(year)), 'the year on screen');
      $<HTMLButtonElement>(ledger, `.details-button[data-account="${account.id}"]`)!.click();
      await until(() => $(ledger, '[part="details"]'), 'the details');
      expect(readUrlState()).to.include({ tab: 'ksiegowosc', year, details: account.id });

      // "Reload": a new portal on the same URL shows the same tab, year and opened details.
      fixtureCleanup();
      el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      ledger = await until(() => panelChild(el, 'ledger-accounts'), 'the ledger after reload');
      expect(selectedTab(el)).to.equal('Księgowość');
      await until(() => $(ledger, '[part="details"] table'), 'the details after reload');
      expect($<HTMLSelectElement>(ledger, '#param-year')!.value).to.equal(String(year));

      // Back: the details close; back again: the latest year; back again: the first tab.
      await popstate(() => history.back());
      await until(() => !$(ledger, '[part="details"]') && $(ledger, 'table'), 'details closed by back');
      await popstate(() => history.back());
      await until(
        () => $<HTMLSelectElement>(ledger, '#param-year')?.value === String(filters.years[0]),
        'the latest year again',
      );
      await popstate(() => history.back());
      await until(() => selectedTab(el) === 'Do zapłaty', 'the first tab again');
      await until(() => panelChild(el, 'payment-info'), 'the payment');
      // Forward: the ledger again.
      await popstate(() => history.forward());
      await until(() => selectedTab(el) === 'Księgowość', 'forward to the ledger');
    });

    it('switches units with the unit switcher and says so', async () => {
      const me = await get<MeResponse>('/me');
      const second = me.assignments.find((a) => a.unit.id !== me.assignments[0]!.unit.id)!;
      const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === 6, 'the tabs');
      tabs(el)[2]!.click();
      const select = await until(() => $<HTMLSelectElement>(el, '#unit'), 'the unit switcher');
      expect(select.options.length).to.equal(new Set(me.assignments.map((a) => a.unit.id)).size);
      expect(text($(el, 'label[for="unit"]'))).to.equal('Lokal');
      const rent = await until(() => panelChild(el, 'rent-components'), 'the rent');
      expect(rent.getAttribute('unit-id')).to.equal(String(me.assignments[0]!.unit.id));
      const events: number[] = [];
      el.addEventListener('strefa-unit-change', (event) => events.push(event.detail.unitId));
      choose(select, String(second.unit.id));
      await until(() => rent.getAttribute('unit-id') === String(second.unit.id), 'the second unit');
      expect(events).to.deep.equal([second.unit.id]);
      expect(readUrlState().unit).to.equal(second.unit.id);
      await until(() => readUrlState().year && readUrlState().month, 'the period in the URL');
      const charges = await get(
        `/units/${second.unit.id}/charges?year=${readUrlState().year}&month=${readUrlState().month}`,
      );
      await until(
        () =>
          text($(rent, '.total-amount')) !== '' &&
          $$(rent, '[part="table"] tbody tr').length === charges.components.length,
        'the second unit’s rent',
      );
      await expect(el).to.be.accessible();
    });

    it("offers the current unit's yearly statement (PDF) below the panel, once beside Księgowość", async () => {
      const me = await get<MeResponse>('/me');
      const unit = me.assignments[0]!.unit.id;
      // The last whole year on the cooperative's calendar (Intl's zone data, not the widget's clock).
      const lastYear =
        Number(
          new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(Date.now()),
        ) - 1;
      const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === PORTAL_TABS.length, 'the tabs');
      const section = await until(() => $(el, '[part="statement-section"]'), 'the statement section');
      expect(text(section.querySelector('h2'))).to.equal('Zestawienie roczne');
      const year = section.querySelector<HTMLSelectElement>('#statement-year')!;
      expect(year.value).to.equal(String(lastYear));
      const link = () => $<HTMLAnchorElement>(el, '[part="statement-section"] [part="statement-link"]')!;
      expect(text(link())).to.equal(`Pobierz zestawienie roczne (PDF) za rok ${lastYear}`);
      expect(link().href).to.match(new RegExp(`/api/v1/units/${unit}/statement\\?year=${lastYear}$`));
      // The link opens the PDF with the session cookie.
      const answer = await fetch(link().href, { credentials: 'include' });
      expect([answer.status, answer.headers.get('content-type')]).to.deep.equal([200, 'application/pdf']);
      choose(year, String(lastYear - 1));
      await until(() => link().href.endsWith(`year=${lastYear - 1}`), 'the link of the year before');
      await expect(el).to.be.accessible();
      // Księgowość has its own link for its chosen year: the portal does not repeat it.
      tabs(el)[PORTAL_TABS.indexOf('ksiegowosc')]!.click();
      const ledger = await until(() => panelChild(el, 'ledger-accounts'), 'the ledger');
      await until(() => $(ledger, '[part="statement-link"]'), "the ledger's link");
      expect($(el, '[part="statement-section"]')).to.equal(null);
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<ResidentPortal>(html`<resident-portal lang="en"></resident-portal>`);
      await until(() => tabs(el).length === 6 && text(tabs(el)[1]) === 'Personal data', 'English tabs');
      expect(tabs(el).map((tab) => text(tab))).to.deep.equal([
        'To pay',
        'Personal data',
        'Rent',
        'Accounts',
        'Meter readings',
        'Utility settlements',
      ]);
      expect(text($(el, '[part="logout-button"]'))).to.equal('Log out');
      await expect(el).to.be.accessible();
    });

    it('at 360 px shows every tab whole (they wrap), the chosen one included', async () => {
      history.replaceState(null, '', urlWith({ tab: 'media-rozliczenia' }));
      const el = await phoneFixture(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === 6, 'the tabs');
      const list = $(el, '[role="tablist"]')!;
      // Nothing hidden to the side: the list does not scroll, and each tab's text fits it.
      expect(list.scrollWidth).to.be.at.most(list.clientWidth);
      const box = list.getBoundingClientRect();
      for (const tab of tabs(el)) {
        const rect = tab.getBoundingClientRect();
        expect(rect.left, text(tab)).to.be.at.least(box.left - 0.5);
        expect(rect.right, text(tab)).to.be.at.most(box.right + 0.5);
        expect(tab.scrollWidth, text(tab)).to.be.at.most(tab.clientWidth);
      }
      expect(selectedTab(el)).to.equal('Media rozliczenia');
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });

    it('"← Wstecz" appears after a step and does what the browser\'s back does', async () => {
      const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === 6, 'the tabs');
      // The page as opened: nowhere to go back to within the zone.
      expect($(el, '[part="back-button"]')).to.equal(null);
      const before = history.length;
      tabs(el)[3]!.click();
      const ledger = await until(() => panelChild(el, 'ledger-accounts'), 'the ledger');
      await until(() => $(ledger, '.details-button'), 'the accounts');
      const back = await until(() => $<HTMLButtonElement>(el, '[part="back-button"]'), 'the back arrow');
      expect(text(back)).to.equal('← Wstecz');
      // Details → the account list: one step back, the same as the browser's.
      $<HTMLButtonElement>(ledger, '.details-button')!.click();
      await until(() => $(ledger, '[part="details"]'), 'the details');
      expect(history.length).to.equal(before + 2);
      await popstate(() => $<HTMLButtonElement>(el, '[part="back-button"]')!.click());
      await until(() => !$(ledger, '[part="details"]'), 'the account list again');
      expect(readUrlState().details).to.equal(undefined);
      expect(selectedTab(el)).to.equal('Księgowość');
      // And the tab: back to where the page was opened; the arrow goes away.
      await popstate(() => $<HTMLButtonElement>(el, '[part="back-button"]')!.click());
      await until(() => selectedTab(el) === 'Do zapłaty', 'the first tab again');
      await until(() => !$(el, '[part="back-button"]'), 'no back arrow at the start');
      await expect(el).to.be.accessible();
    });

    it('prints the data without tabs, selects or buttons', async () => {
      history.replaceState(null, '', urlWith({ tab: 'czynsz' }));
      const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      const rent = await until(() => panelChild(el, 'rent-components'), 'the rent');
      await until(() => $(rent, 'table'), 'the table');
      await emulateMedia({ media: 'print' });
      try {
        expect(getComputedStyle($(el, '[role="tablist"]')!).display).to.equal('none');
        expect(getComputedStyle($(el, '[part="logout-button"]')!).display).to.equal('none');
        expect(getComputedStyle($(el, '[part="unit-switcher"]')!).display).to.equal('none');
        expect(getComputedStyle($(rent, 'form')!).display).to.equal('none');
        expect(getComputedStyle($(rent, 'table')!).display).not.to.equal('none');
      } finally {
        await emulateMedia({ media: 'screen' });
      }
      expect(getComputedStyle($(el, '[role="tablist"]')!).display).not.to.equal('none');
    });

    it('shares one session with a widget elsewhere on the page: "Wyloguj" logs both out', async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div><resident-portal></resident-portal><rent-components></rent-components></div>`,
      );
      const el = page.querySelector('resident-portal')!;
      const rent = page.querySelector('rent-components')!;
      await until(() => tabs(el).length === 6 && $(rent, 'table'), 'both logged in');
      $<HTMLButtonElement>(el, '[part="logout-button"]')!.click();
      // One login form per page: the portal (first on the page) shows it, the fee table points to it.
      await until(() => $(rent, '[part="login-pointer"]') && $(el, 'slot[name="login"]'), 'both logged out');
      expect($(rent, 'table')).to.equal(null);
      expect($(rent, 'slot[name="login"]')).to.equal(null);
      // One login brings both back, and the widget asks the server again.
      await loginResident();
      await until(() => tabs(el).length === 6 && $(rent, 'table'), 'both logged in again');
    });

    it('"Wyloguj" ends the session and shows the login', async () => {
      const el = await fixture<ResidentPortal>(html`<resident-portal></resident-portal>`);
      await until(() => tabs(el).length === 6, 'the tabs');
      tabs(el)[2]!.click();
      await until(() => readUrlState().tab === 'czynsz', 'the rent tab');
      let loggedOut = 0;
      el.addEventListener('strefa-logout', () => (loggedOut += 1));
      $<HTMLButtonElement>(el, '[part="logout-button"]')!.click();
      await until(() => $(el, 'slot[name="login"]'), 'the login');
      expect(loggedOut).to.equal(1);
      expect(tabs(el)).to.have.length(0);
      expect((await api('GET', '/session')).body).to.deep.equal({ user: null });
      expect(readUrlState()).to.deep.equal({});
      await expect(el).to.be.accessible();
      await loginResident();
    });
  });

  it("tells a clerk that this is the residents' zone and links to the clerks' page", async () => {
    await api('DELETE', '/session', {});
    const login = await api('POST', '/session', CLERK);
    expect(login.status).to.equal(200);
    await store().refresh();
    try {
      const el = await fixture<ResidentPortal>(
        html`<resident-portal clerk-url="/pracownicy.html"></resident-portal>`,
      );
      const notice = await until(() => $(el, '.clerk-notice'), 'the notice');
      expect(text(notice)).to.contain('To jest strefa dla mieszkańców');
      expect($<HTMLAnchorElement>(el, '.clerk-notice a')!.getAttribute('href')).to.equal('/pracownicy.html');
      // No tabs, no "Nie masz uprawnień", no useless retry.
      expect(tabs(el)).to.have.length(0);
      expect(text($(el, '.portal'))).not.to.contain('Nie masz uprawnień');
      expect(text($(el, '.portal'))).not.to.contain('Spróbuj ponownie');
      await expect(el).to.be.accessible();
    } finally {
      await api('DELETE', '/session', {});
      await loginResident();
    }
  });
});

describe('the yearly statement’s years', () => {
  const held = (unitId: number, from: string, to: string | null) =>
    ({
      id: unitId * 100,
      role: 'owner',
      share: '1/1',
      from,
      to,
      unit: { id: unitId },
    }) as unknown as Assignment;

  it('are the unit’s years, newest first, at most the last ten, never a future one', () => {
    expect(statementYears([held(1, '2012-03-01', null), held(2, '2020-01-01', null)], 1, 2026)).to.deep.equal(
      [2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017],
    );
    // Two spans in one unit (a sale and a purchase back), a span ending in the future, another unit.
    expect(
      statementYears(
        [
          held(1, '2019-05-01', '2020-06-30'),
          held(1, '2023-01-01', '2030-12-31'),
          held(2, '2021-01-01', null),
        ],
        1,
        2026,
      ),
    ).to.deep.equal([2026, 2025, 2024, 2023, 2020, 2019]);
    // Held only before the window: nothing to offer.
    expect(statementYears([held(1, '2001-01-01', '2010-12-31')], 1, 2026)).to.deep.equal([]);
  });

  it('default to the last whole year in Warsaw: after 23:00 UTC on New Year’s Eve, the year just ended', () => {
    // The test browser's zone is not Warsaw's (format.test.ts checks): its own year would still be 2026.
    const shown = (now: number) => {
      const host = document.createElement('div');
      render(
        statementSection({
          assignments: [held(1, '2015-01-01', null)],
          unit: 1,
          chosenYear: null,
          onYear: () => {},
          download: {
            render: (unit: number, year: number) =>
              litHtml`<a href="/units/${unit}/statement?year=${year}">PDF</a>`,
          },
          now,
        }),
        host,
      );
      return [host.querySelector('select')!.value, host.querySelector('option')!.value];
    };
    // [the default, the newest year offered]
    expect(shown(Date.parse('2026-12-31T22:30:00Z'))).to.deep.equal(['2025', '2026']);
    expect(shown(Date.parse('2026-12-31T23:30:00Z'))).to.deep.equal(['2026', '2027']);
  });
});
