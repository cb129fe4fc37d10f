import { expect, fixture, html } from '@open-wc/testing';
import type {
  AdminPeopleResponse,
  IssuedCredentials,
  MeResponse,
  RecentLoginsResponse,
} from '@strefa/api-types';
import {
  $,
  $$,
  api,
  expectLoginPrompt,
  get,
  loginResident,
  phoneFixture,
  RESIDENT,
  restorePolish,
  text,
  unavailable,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { formatDate, formatInstant, formatNrb, formatQuantity } from '../internal/format.ts';
import { CLERK } from '../resident-login/test-support.ts';
import type { ResidentProfile } from './resident-profile.ts';
import './resident-profile.ts';

/** The demo data's previous owner of a flat that changed hands (known-people.ts). */
const PREVIOUS_OWNER = { personId: 4, surname: 'Zieliński' };

const cards = (el: Element) => $$(el, '[part="assignment"]');
const loginRows = (el: Element) => $$(el, '[part="logins-table"] tbody tr');

/** The `<dd>` after the `<dt>` with this label, within `root`. */
function field(root: Element, label: string): string {
  const dt = [...root.querySelectorAll('dt')].find((node) => text(node) === label);
  return text(dt?.nextElementSibling);
}

describe('<resident-profile>', () => {
  afterEach(restorePolish);

  it('without a session shows the login prompt', async () => {
    await expectLoginPrompt<ResidentProfile>(html`<resident-profile></resident-profile>`);
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

    it("lists the resident's own recent logins, the one just made first", async () => {
      // One failed attempt, then a real login (a single failure cannot lock the demo account;
      // the success resets its counter).
      const failed = await api('POST', '/session', { login: RESIDENT.login, password: 'not-the-password-1' });
      expect(failed.status).to.equal(401);
      const before = Date.now();
      await loginResident();
      const { events } = await get<RecentLoginsResponse>('/session/logins');
      const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
      await until(() => loginRows(el).length, 'the recent logins');
      const section = $(el, '[part="logins"]')!;
      expect(text(section.querySelector('h3'))).to.equal('Ostatnie logowania');
      expect(loginRows(el).length).to.equal(events.length);

      // The newest row is the login made above: "udane", at the time it was made.
      const newest = events[0]!;
      expect(newest.action).to.equal('login_success');
      expect(Math.abs(Date.parse(newest.at) - before)).to.be.below(60_000);
      const [time, result, ip] = [...loginRows(el)[0]!.children].map((cell) => cell as Element);
      expect(text(result)).to.equal('udane');
      expect(text(ip)).to.equal(newest.ip ?? '—');
      expect(text(ip)).to.match(/^[\d.:a-f]+$/i);
      // pl-PL on the Warsaw clock, whatever zone the browser is in.
      expect(text(time)).to.equal(formatInstant(newest.at));
      expect(text(time)).to.match(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
      const warsawHour = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Warsaw',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(newest.at));
      expect(text(time).slice(12, 14)).to.equal(warsawHour);
      // The failed attempt just before it: "nieudane".
      expect(events[1]!.action).to.equal('login_failure');
      expect(text(loginRows(el)[1]!.children[1])).to.equal('nieudane');
      await expect(el).to.be.accessible();
    });

    it('shows the recent logins as cards in a 360 px wide column', async () => {
      const el = await phoneFixture(html`<resident-profile></resident-profile>`);
      await until(() => loginRows(el).length, 'the recent logins');
      expect(getComputedStyle(loginRows(el)[0]!).display).to.equal('block');
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });

    it('keeps the profile when the recent logins fail, with a retry', async () => {
      const el = await withStub(/\/api\/v1\/session\/logins$/, unavailable, async () => {
        const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
        const error = await until(() => $(el, '[part="logins"] [part="error"]'), 'the logins error');
        expect(text(error)).to.contain('Serwis jest chwilowo niedostępny');
        expect(cards(el).length).to.be.above(0);
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[part="logins"] [part="retry"]')!.click();
      await until(() => loginRows(el).length, 'the recent logins after the retry');
    });

    it('shows an error with a retry', async () => {
      const el = await withStub(/\/api\/v1\/me$/, unavailable, async () => {
        const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
        const error = await until(() => $(el, '[part="error"]'), 'the error state');
        expect(text(error)).to.contain('Serwis jest chwilowo niedostępny');
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => cards(el).length, 'the assignments after the retry');
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<ResidentProfile>(html`<resident-profile lang="en"></resident-profile>`);
      await until(() => cards(el).length && text($(el, 'h2')) === 'Personal data', 'the English profile');
      expect(text($(el, '[part="copy-button"]'))).to.equal('Copy');
      expect(field(cards(el)[0]!, 'Kind of unit')).to.be.oneOf(['flat', 'garage']);
      await until(() => loginRows(el).length, 'the recent logins');
      expect(text($(el, '[part="logins"] h3'))).to.equal('Recent logins');
      expect(text(loginRows(el)[0]!.children[1])).to.be.oneOf(['successful', 'failed']);
      expect(text(loginRows(el)[0]!.children[0])).to.match(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
      await expect(el).to.be.accessible();
    });

    it('stacks labels above values in a 360 px wide column', async () => {
      const el = await phoneFixture(html`<resident-profile></resident-profile>`);
      await until(() => cards(el).length, 'the assignments');
      const dl = cards(el)[0]!.querySelector('dl')!;
      expect(getComputedStyle(dl).gridTemplateColumns.split(' ').length).to.equal(1);
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });
  });

  describe('a former owner', () => {
    /** Signs in as the previous owner: a clerk issues (or resets) their login, they set a password. */
    before(async () => {
      await api('DELETE', '/session', {});
      expect((await api('POST', '/session', CLERK)).status).to.equal(200);
      let issued = await api<IssuedCredentials>('POST', '/admin/credentials', {
        personId: PREVIOUS_OWNER.personId,
      });
      if (issued.status !== 201) {
        // Another test file issued it first: a reset gives a new start password.
        const found = await get<AdminPeopleResponse>(
          `/admin/people?q=${encodeURIComponent(PREVIOUS_OWNER.surname)}`,
        );
        const login = found.people.find((p) => p.id === PREVIOUS_OWNER.personId)!.login!;
        issued = await api<IssuedCredentials>(
          'POST',
          `/admin/credentials/${encodeURIComponent(login)}/reset`,
          {},
        );
      }
      const { login, oneTimePassword } = issued.body;
      await api('DELETE', '/session', {});
      expect((await api('POST', '/session', { login, password: oneTimePassword })).status).to.equal(200);
      const changed = await api('PUT', '/session/password', {
        currentPassword: oneTimePassword,
        newPassword: 'Zielona-Wierzba-Nad-Wisłą-77',
      });
      expect(changed.status).to.equal(204);
    });
    after(async () => {
      await api('DELETE', '/session', {});
      await loginResident();
    });

    it('sees the persons as of the end of the assignment, and no account to pay into', async () => {
      const me = await get<MeResponse>('/me');
      const ended = me.assignments.find((a) => a.to !== null)!;
      expect(ended.unit.bankAccount).to.equal(null);
      expect(ended.unit.asOf).to.equal(ended.to);
      const el = await fixture<ResidentProfile>(html`<resident-profile></resident-profile>`);
      await until(() => cards(el).length, 'the assignments');
      const card = cards(el)[me.assignments.indexOf(ended)]!;
      expect(card.querySelector('[part="bank-account"]')).to.equal(null);
      expect(card.querySelector('[part="copy-button"]')).to.equal(null);
      expect(text(card.querySelector('[part="no-account"]'))).to.match(/^Przydział zakończony/);
      const label = `Liczba osób na ${formatDate(ended.to)}`;
      if (ended.unit.persons === null) expect(field(card, label)).to.equal('');
      else expect(field(card, label)).to.equal(String(ended.unit.persons));
      expect(field(card, 'Liczba osób')).to.equal('');
      await expect(el).to.be.accessible();
    });
  });
});
