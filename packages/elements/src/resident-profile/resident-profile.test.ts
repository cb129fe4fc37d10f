import { expect, fixture, html } from '@open-wc/testing';
import type { MeResponse } from '@strefa/api-types';
import {
  $,
  $$,
  get,
  loginResident,
  logoutEverywhere,
  stubFetch,
  text,
  unavailable,
  until,
} from '../internal/data-test-support.ts';
import { formatNrb, formatQuantity } from '../internal/format.ts';
import { applyLocale } from '../internal/localization.ts';
import type { ResidentProfile } from './resident-profile.ts';
import './resident-profile.ts';

const cards = (el: Element) => $$(el, '[part="assignment"]');

/** The `<dd>` after the `<dt>` with this label, within `root`. */
function field(root: Element, label: string): string {
  const dt = [...root.querySelectorAll('dt')].find((node) => text(node) === label);
  return text(dt?.nextElementSibling);
}

describe('<resident-profile>', () => {
  afterEach(async () => {
    await applyLocale('pl');
  });

  it('without a session shows the login prompt', async () => {
    await logoutEverywhere();
    const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
    await until(() => el.querySelector(':scope > resident-login[slot="login"]'), 'the login child');
    expect($(el, 'slot[name="login"]')).not.to.equal(null);
    await expect(el).to.be.accessible();
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows the person and every assignment in every unit, in Polish words', async () => {
      const me = await get<MeResponse>('/me');
      const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
      await until(() => cards(el).length, 'the assignments');
      expect(text($(el, '[part="person"] h3'))).to.equal(me.person.displayName);
      expect(field($(el, '[part="person"]')!, 'Nazwisko')).to.equal(me.person.lastName);
      expect(cards(el).length).to.equal(me.assignments.length);
      me.assignments.forEach((assignment, index) => {
        const card = cards(el)[index]!;
        expect(field(card, 'Adres')).to.equal(assignment.unit.address.text);
        expect(field(card, 'Osiedle')).to.equal(assignment.unit.estate);
        expect(field(card, 'Powierzchnia')).to.equal(formatQuantity(assignment.unit.area, 'm²'));
        expect(field(card, 'Udział')).to.equal(assignment.share);
        expect(field(card, 'Tytuł prawny')).to.match(/prawo do lokalu|własność|najem/);
        expect(['członek', 'współwłaściciel', 'najemca']).to.include(field(card, 'Rola'));
        expect(text(card.querySelector('[part="bank-account"]'))).to.equal(
          formatNrb(assignment.unit.bankAccount),
        );
        expect(text(card.querySelector('[part="bank-account"]'))).to.match(/^\d{2}( \d{4}){6}$/);
      });
      // The demo resident has a flat and a garage.
      const kinds = cards(el).map((card) => field(card, 'Rodzaj lokalu'));
      expect(kinds).to.include('lokal mieszkalny').and.include('garaż');
      await expect(el).to.be.accessible();
    });

    it('"Kopiuj" copies the digits of the account number and says so', async () => {
      const me = await get<MeResponse>('/me');
      const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
      await until(() => cards(el).length, 'the assignments');
      const copied: string[] = [];
      const clipboard = navigator.clipboard;
      const original = clipboard.writeText;
      clipboard.writeText = async (value: string) => void copied.push(value);
      try {
        cards(el)[0]!.querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
        const status = await until(() => text(cards(el)[0]!.querySelector('[role="status"]')), 'the status');
        expect(status).to.equal('Skopiowano numer rachunku.');
        expect(copied).to.deep.equal([me.assignments[0]!.unit.bankAccount]);
        // A browser that refuses the clipboard: the resident is told to copy by hand.
        clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
        cards(el)[0]!.querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
        await until(
          () => text(cards(el)[0]!.querySelector('[role="status"]')).startsWith('Nie udało się'),
          'failure',
        );
        await expect(el).to.be.accessible();
      } finally {
        clipboard.writeText = original;
      }
    });

    it('shows an error with a retry', async () => {
      const stub = stubFetch(/\/api\/v1\/me$/, unavailable);
      const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
      try {
        const error = await until(() => $(el, '[part="error"]'), 'the error state');
        expect(text(error)).to.contain('Serwis jest chwilowo niedostępny');
        await expect(el).to.be.accessible();
      } finally {
        stub.restore();
      }
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => cards(el).length, 'the assignments after the retry');
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<ResidentProfile>(html`<resident-profile lang="en"></resident-profile>`);
      await until(() => cards(el).length && text($(el, 'h2')) === 'Personal data', 'the English profile');
      expect(text($(el, '[part="copy-button"]'))).to.equal('Copy');
      expect(field(cards(el)[0]!, 'Kind of unit')).to.be.oneOf(['flat', 'garage']);
      await expect(el).to.be.accessible();
    });

    it('stacks labels above values in a 360 px wide column', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 360px"><resident-profile></resident-profile></div>`,
      );
      const el = wrapper.querySelector('resident-profile')!;
      await until(() => cards(el).length, 'the assignments');
      const dl = cards(el)[0]!.querySelector('dl')!;
      expect(getComputedStyle(dl).gridTemplateColumns.split(' ').length).to.equal(1);
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });
  });
});
