/**
 * One login form per page (login-prompt.ts), and table captions in card mode, in real Chromium
 * against the real BFF.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../ledger-accounts/ledger-accounts.ts';
import '../media-readings/media-readings.ts';
import '../rent-components/rent-components.ts';
import '../resident-login/resident-login.ts';
import { $, loginResident, logoutEverywhere, until } from './data-test-support.ts';

const ownForm = (el: Element) =>
  el.querySelector('input[autocomplete="username"]') !== null && $(el, 'slot[name="login"]') !== null;
const pointer = (el: Element) => $<HTMLElement>(el, '[part="login-pointer"]');

describe('one login form per page', () => {
  beforeEach(logoutEverywhere);
  after(loginResident);

  it('without a <resident-login> of its own, the first widget shows the form and the others point to it', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <rent-components></rent-components>
        <ledger-accounts></ledger-accounts>
        <media-readings></media-readings>
      </div>`,
    );
    const [rent, ledger, readings] = [...page.children] as HTMLElement[];
    await until(() => ownForm(rent!) && pointer(ledger!) && pointer(readings!), 'one form, two pointers');
    expect(page.querySelectorAll('form').length).to.equal(1);
    expect(page.querySelectorAll('input[type="password"]').length).to.equal(1);
    // The pointer says which widget waits: its own heading.
    expect($(ledger!, 'h2')!.textContent).to.contain('Księgowość');
    await expect(ledger).to.be.accessible();

    pointer(ledger!)!.querySelector('button')!.click();
    await until(
      () => document.activeElement === rent!.querySelector('input[autocomplete="username"]'),
      'focus on the form',
    );

    // The form moves to the next widget when its owner leaves the page.
    rent!.remove();
    await until(() => ownForm(ledger!) && pointer(readings!), 'the form moved');
    expect(page.querySelectorAll('input[type="password"]').length).to.equal(1);
  });

  it("a page's own <resident-login> is the only form: every widget points to it", async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <rent-components></rent-components>
        <media-readings></media-readings>
        <resident-login></resident-login>
      </div>`,
    );
    const login = page.querySelector('resident-login')!;
    const [rent, readings] = [...page.querySelectorAll<HTMLElement>('rent-components, media-readings')];
    await until(() => login.querySelector('form') && pointer(rent!) && pointer(readings!), 'two pointers');
    expect(page.querySelectorAll('form').length).to.equal(1);
    pointer(readings!)!.querySelector('button')!.click();
    await until(
      () => document.activeElement === login.querySelector('input[autocomplete="username"]'),
      'focus',
    );

    // Logging in there fills every widget.
    await loginResident();
    await until(() => $(rent!, 'table') && $(readings!, 'form'), 'the data');
    expect(pointer(rent!)).to.equal(null);
  });
});

describe('one login form per page, when the page hides its own box', () => {
  beforeEach(logoutEverywhere);
  after(loginResident);

  it('a <resident-login> the theme hides (a sidebar on a phone) does not count: the first widget shows the form', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <aside style="display: none"><resident-login></resident-login></aside>
        <rent-components></rent-components>
        <media-readings></media-readings>
      </div>`,
    );
    const [rent, readings] = [...page.querySelectorAll<HTMLElement>('rent-components, media-readings')];
    await until(() => ownForm(rent!) && pointer(readings!), 'the form in the first widget');
    // Shown again (a wider window): the box is the page's form once more.
    page.querySelector('aside')!.style.display = 'block';
    window.dispatchEvent(new Event('resize'));
    await until(() => pointer(rent!) && pointer(readings!), 'both point to the box');
  });
});

describe('table captions in card mode', () => {
  before(loginResident);

  for (const width of [360, 560]) {
    it(`span the card column at ${width} px instead of one word per line`, async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: ${width}px"><ledger-accounts></ledger-accounts></div>`,
      );
      const el = wrapper.firstElementChild!;
      const caption = await until(() => $(el, 'table[part="table"] caption'), 'the caption');
      const table = $(el, 'table[part="table"]')!;
      // Card mode is on (cells are blocks), and the caption is as wide as the cards.
      expect(getComputedStyle(table.querySelector('tbody td')!).display).not.to.equal('table-cell');
      const captionWidth = caption.getBoundingClientRect().width;
      expect(captionWidth).to.be.greaterThan(table.getBoundingClientRect().width * 0.9);
      const lineHeight = parseFloat(getComputedStyle(caption).lineHeight);
      expect(caption.getBoundingClientRect().height).to.be.lessThan(lineHeight * 3);
    });
  }
});
