import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { a11ySnapshot, emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { AdminPerson } from '@strefa/api-types';
import { applyLocale } from '../internal/localization.ts';
import type { ResidentLogin } from '../resident-login/resident-login.component.ts';
import {
  call,
  CLERK,
  issueForSomebody,
  personWithoutLogin,
  RESIDENT,
  resetSession,
  type,
} from '../resident-login/test-support.ts';
import { PRINT_ROOT_CLASS, removeActivationLetter } from './activation-letter.ts';
import type { ClerkAdmin } from './clerk-admin.component.ts';
import './clerk-admin.ts';

const T = { timeout: 8000 };

interface A11yNode {
  name?: string;
  role?: string;
  children?: A11yNode[];
}
/** Every button's accessible name in an accessibility snapshot. */
const collectNames = (node: A11yNode): string[] => [
  ...(node.role === 'button' && node.name ? [node.name] : []),
  ...(node.children ?? []).flatMap(collectNames),
];

const shadow = (el: ClerkAdmin) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: ClerkAdmin, selector: string): T => {
  const found = shadow(el).querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found as T;
};

/** Logs in through the `<resident-login>` the widget put into its login slot. */
async function loginThroughWidget(el: ClerkAdmin, account: { login: string; password: string }) {
  await waitUntil(() => el.querySelector('resident-login input[name="username"]'), 'no login form', T);
  const login = el.querySelector('resident-login') as ResidentLogin;
  type(login.querySelector('input[name="username"]')!, account.login);
  type(login.querySelector('input[name="password"]')!, account.password);
  const loggedIn = oneEvent(el, 'strefa-login');
  login.querySelector('form')!.requestSubmit();
  await loggedIn;
  await el.updateComplete;
}

async function openAsClerk(): Promise<ClerkAdmin> {
  const el = await fixture<ClerkAdmin>(
    html`<clerk-admin portal-url="https://psm.example/strefa"></clerk-admin>`,
  );
  await loginThroughWidget(el, CLERK);
  await waitUntil(() => shadow(el).querySelector('form[role="search"]'), 'no search form', T);
  return el;
}

async function search(el: ClerkAdmin, q: string): Promise<void> {
  type($<HTMLInputElement>(el, '#q'), q);
  $<HTMLFormElement>(el, 'form[role="search"]').requestSubmit();
  await el.updateComplete;
  await waitUntil(
    () => {
      const results = shadow(el).querySelector('.admin__results');
      return (
        results?.querySelector('#results-heading')?.textContent?.includes(q) &&
        !results.querySelector('[aria-busy="true"]') &&
        results.querySelector('table, p, [role="alert"]')
      );
    },
    `no results for ${q}`,
    T,
  );
}

const row = (el: ClerkAdmin, personId: number) =>
  shadow(el).querySelector<HTMLTableRowElement>(`tr[data-person-id="${personId}"]`);

/** A query that finds `person`: the surname, plus the street of a unit when there is one. */
const queryFor = (person: AdminPerson) => person.displayName.split(' ').at(-1)!;

describe('<clerk-admin>', () => {
  beforeEach(async () => {
    await resetSession();
  });
  afterEach(async () => {
    removeActivationLetter();
  });
  after(async () => {
    await resetSession();
  });

  it('asks for a login through <resident-login> in its light DOM, then shows the tool', async () => {
    const el = await fixture<ClerkAdmin>(html`<clerk-admin></clerk-admin>`);
    await waitUntil(() => el.querySelector('resident-login[slot="login"] form'), 'no login', T);
    expect(shadow(el).querySelector('slot[name="login"]')).not.to.equal(null);
    // One level under the tool's own h2.
    expect(el.querySelector('resident-login [role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    await expect(el).to.be.accessible();
    await loginThroughWidget(el, CLERK);
    await waitUntil(() => shadow(el).querySelector('form[role="search"]'), 'no tool', T);
    expect($(el, '.admin__user').textContent).to.contain('Pracownik');
    await expect(el).to.be.accessible();
  });

  it('refuses a resident', async () => {
    const el = await fixture<ClerkAdmin>(html`<clerk-admin></clerk-admin>`);
    await loginThroughWidget(el, RESIDENT);
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'no refusal', T);
    expect($(el, '[role="alert"]').textContent).to.contain('przeznaczone dla pracowników');
    expect(shadow(el).querySelector('form[role="search"]')).to.equal(null);
    await expect(el).to.be.accessible();
    // And the API agrees.
    expect((await call('GET', '/admin/people?q=Zamkowa')).body.error.code).to.equal('forbidden');
  });

  it('searches people (at least 2 characters) and shows access, last login and actions', async () => {
    const el = await openAsClerk();
    type($<HTMLInputElement>(el, '#q'), 'Z');
    $<HTMLFormElement>(el, 'form[role="search"]').requestSubmit();
    await el.updateComplete;
    expect($(el, '#q-error').textContent).to.contain('co najmniej 2 znaki');
    expect($(el, '#q').getAttribute('aria-invalid')).to.equal('true');

    await search(el, 'Zamkowa');
    const rows = shadow(el).querySelectorAll('tbody tr');
    expect(rows.length).to.be.greaterThan(0);
    const statuses = [...shadow(el).querySelectorAll('.admin__status')].map((s) => s.textContent?.trim());
    expect(statuses.every((s) => /Brak dostępu|Aktywny|Czeka na zmianę|Zablokowany do/.test(s!))).to.equal(
      true,
    );
    expect($(el, '[role="status"].visually-hidden').textContent).to.match(/Znaleziono \d+ os/);
    expect(shadow(el).querySelector('td[data-label="Lokale"] li')?.textContent).to.contain('Zamkowa');
    await expect(el).to.be.accessible();

    await search(el, 'qxqxqxqx');
    expect($(el, '.admin__results').textContent).to.contain('Nie znaleziono nikogo');
  });

  it('issues credentials, shows them once, and prints the activation letter', async () => {
    const person = await personWithoutLogin();
    const el = await openAsClerk();
    await search(el, queryFor(person));
    const issue = row(el, person.id)!.querySelector<HTMLButtonElement>('[data-action="issue"]')!;
    expect(issue.textContent).to.contain('Wydaj dostęp');
    issue.click();
    await waitUntil(() => shadow(el).querySelector('.credentials'), 'no credentials panel', T);
    await el.updateComplete;
    const login = $(el, '[data-field="login"]').textContent!.trim();
    const password = $(el, '[data-field="password"]').textContent!.trim();
    expect(login).to.match(/^[A-Za-z0-9-]{4,}$/);
    expect(login).not.to.match(/[0O1lI]/);
    expect(password.length).to.be.at.least(10);
    expect($(el, '[data-field="expires"]').textContent).to.match(/20\d\d/);
    expect(shadow(el).activeElement).to.equal($(el, '#credentials-heading'));
    // The expiry in Warsaw's wall clock, labelled (format.test.ts checks the zone itself).
    expect($(el, '[data-field="expires"]').textContent!.trim()).to.match(
      /^\d\d\.\d\d\.20\d\d, \d\d:\d\d \(czas polski\)$/,
    );
    await expect(el).to.be.accessible();
    // The list now shows the login and its state.
    await waitUntil(() => row(el, person.id)?.textContent?.includes(login), 'row not refreshed', T);
    expect(row(el, person.id)!.textContent).to.contain('Czeka na zmianę hasła startowego');

    // The letter: printed alone, with everything the resident needs.
    const originalPrint = window.print;
    let printed = 0;
    window.print = () => {
      printed++;
    };
    try {
      $<HTMLButtonElement>(el, '[data-action="print"]').click();
      // The letter's module is loaded on the first print.
      await waitUntil(() => printed > 0, 'the letter was printed', { timeout: 5000 });
    } finally {
      window.print = originalPrint;
    }
    expect(printed).to.equal(1);
    const root = document.querySelector<HTMLElement>(`body > .${PRINT_ROOT_CLASS}`)!;
    const letter = root.shadowRoot!.textContent!;
    for (const text of [
      login,
      password,
      'https://psm.example/strefa',
      'Zamkowa 42',
      'pokój nr 3',
      person.displayName,
    ]) {
      expect(letter).to.contain(text);
    }
    expect(letter).to.contain('Podczas pierwszego logowania zmień hasło startowe');
    expect(getComputedStyle(root).display).to.equal('none');
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(root).display).to.equal('block');
      const others = [...document.body.children].filter(
        (c) => c !== root && !(c instanceof HTMLScriptElement),
      );
      expect(others.length).to.be.greaterThan(0);
      expect(others.every((c) => getComputedStyle(c).display === 'none')).to.equal(true);
    } finally {
      await emulateMedia({ media: 'screen' });
    }

    // Closing forgets the password.
    $<HTMLButtonElement>(el, '[data-action="close-credentials"]').click();
    await el.updateComplete;
    expect(shadow(el).textContent).not.to.contain(password);

    // The one-time password really works (and demands a new password).
    await resetSession();
    const first = await call('POST', '/session', { login, password });
    expect(first.status).to.equal(200);
    expect(first.body.user.mustChangePassword).to.equal(true);
  });

  it("the login box on the clerks' page has no residents' hint", async () => {
    const el = await fixture<ClerkAdmin>(html`<clerk-admin></clerk-admin>`);
    await waitUntil(() => el.querySelector('resident-login[slot="login"] form'), 'no login', T);
    const login = el.querySelector('resident-login')!;
    await (login as ResidentLogin).updateComplete;
    expect(login.textContent).not.to.contain('Zgłoś się z dowodem');
    expect(login.textContent).to.contain('Konto pracownika zakłada administrator');
  });

  it('names each action button after its person, with no space before the colon', async () => {
    const person = await personWithoutLogin();
    const el = await openAsClerk();
    await search(el, queryFor(person));
    const snapshot = (await a11ySnapshot({})) as unknown as A11yNode;
    const names = collectNames(snapshot);
    expect(names).to.include(`Wydaj dostęp: ${person.displayName}`);
    expect(names.some((name) => / :/.test(name))).to.equal(false);
  });

  it('a 5,000-character search says what is wrong, and nothing of the previous search stays', async () => {
    const el = await openAsClerk();
    await search(el, 'qxqxqxqx');
    expect($(el, '.admin__results').textContent).to.contain('Nie znaleziono nikogo');
    type($<HTMLInputElement>(el, '#q'), 'Kowalska '.repeat(560).slice(0, 5000));
    $<HTMLFormElement>(el, 'form[role="search"]').requestSubmit();
    await el.updateComplete;
    expect($(el, '#q-error').textContent).to.contain('najwyżej 100 znaków');
    expect($(el, '#q').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el).textContent).not.to.contain('Nie znaleziono nikogo');
    expect(shadow(el).querySelector('.admin__results')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when somebody else issued the login meanwhile (409)', async () => {
    const person = await personWithoutLogin();
    const el = await openAsClerk();
    await search(el, queryFor(person));
    // Another clerk (here: the same cookie, straight through the API) issues first.
    expect((await call('POST', '/admin/credentials', { personId: person.id })).status).to.equal(201);
    row(el, person.id)!.querySelector<HTMLButtonElement>('[data-action="issue"]')!.click();
    await waitUntil(
      () => $(el, '.strefa-alert--error[role="alert"]').textContent?.trim(),
      'no 409 message',
      T,
    );
    expect($(el, '.strefa-alert--error[role="alert"]').textContent).to.contain(
      'Ta osoba ma już identyfikator',
    );
    await waitUntil(() => row(el, person.id)?.querySelector('[data-action="reset"]'), 'row not refreshed', T);
  });

  it('resets a locked login after a confirmation dialog, and shows its audit trail', async () => {
    const { person, credentials } = await issueForSomebody();
    // Lock it: wrong passwords until the server says locked.
    for (let i = 0; i < 8; i++) {
      const attempt = await call('POST', '/session', {
        login: credentials.login,
        password: 'wrong-wrong-wrong',
      });
      if (attempt.status === 423) break;
    }
    const el = await openAsClerk();
    await search(el, queryFor(person));
    expect(row(el, person.id)!.querySelector('.admin__status')!.textContent).to.contain('Zablokowany do');

    // Cancel with Escape: nothing happens, focus returns to the button.
    const reset = row(el, person.id)!.querySelector<HTMLButtonElement>('[data-action="reset"]')!;
    reset.focus();
    reset.click();
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain(credentials.login);
    expect(shadow(el).activeElement).to.equal($(el, '[data-action="cancel-reset"]'));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'dialog did not close', T);
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(reset);
    expect(shadow(el).querySelector('.credentials')).to.equal(null);

    // Confirm: a new start password, the lock lifted.
    reset.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[data-action="confirm-reset"]').click();
    await waitUntil(() => shadow(el).querySelector('.credentials'), 'no credentials after reset', T);
    expect($(el, '#credentials-heading').textContent).to.contain('Nowe hasło startowe');
    const newPassword = $(el, '[data-field="password"]').textContent!.trim();
    expect(newPassword).not.to.equal(credentials.oneTimePassword);
    expect($(el, '[data-field="login"]').textContent!.trim()).to.equal(credentials.login);
    await waitUntil(
      () => row(el, person.id)?.querySelector('.admin__status')?.textContent?.includes('Czeka na zmianę'),
      'lock not lifted in the list',
      T,
    );

    // The audit trail of that login, in words.
    row(el, person.id)!.querySelector<HTMLButtonElement>('[data-action="audit"]')!.click();
    await waitUntil(() => shadow(el).querySelector('[part="audit"] table'), 'no audit table', T);
    const audit = $(el, '[part="audit"]').textContent!;
    for (const action of [
      'Wydanie identyfikatora i hasła startowego',
      'Nieudane logowanie',
      'Blokada po nieudanych logowaniach',
      'Nowe hasło startowe',
    ]) {
      expect(audit).to.contain(action);
    }
    expect(audit).to.contain('demo-clerk');
    // "Wykonał(a)": the clerk's name, not only the login.
    const issuedRow = [...shadow(el).querySelectorAll('[part="audit"] tbody tr')].find((tr) =>
      tr.textContent!.includes('Wydanie identyfikatora'),
    )!;
    expect(issuedRow.querySelector('td[data-label="Wykonał(a)"]')!.textContent!.trim()).to.equal(
      'Pracownik BOM (demo) (demo-clerk)',
    );
    // Times on Warsaw's clock, whatever the browser's zone: the API's instants carry Warsaw's
    // offset, so their wall-clock digits are what the table must show.
    const events = (await call('GET', `/admin/audit?login=${encodeURIComponent(credentials.login)}`)).body
      .events as { at: string }[];
    const wall = ([, y, m, d, hh, mm]: string[]) => `${d}.${m}.${y}, ${hh}:${mm}`;
    const shown = [...shadow(el).querySelectorAll('[part="audit"] tbody td:first-child')].map((td) =>
      td.textContent!.trim(),
    );
    expect(shown).to.deep.equal(events.map((e) => wall(/^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(e.at)!)));
    expect($(el, '[part="audit"] thead th').textContent).to.contain('czas polski');
    expect(shadow(el).activeElement).to.equal($(el, '#audit-heading'));
    await expect(el).to.be.accessible();

    // The new start password works, the old one does not.
    await resetSession();
    expect(
      (await call('POST', '/session', { login: credentials.login, password: credentials.oneTimePassword }))
        .status,
    ).to.equal(401);
    expect(
      (await call('POST', '/session', { login: credentials.login, password: newPassword })).status,
    ).to.equal(200);
  });

  it('shows a Polish error with a retry when the search fails', async () => {
    const el = await openAsClerk();
    const original = window.fetch;
    let fail = true;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      fail && String(input).includes('/admin/people')
        ? Promise.resolve(
            new Response(JSON.stringify({ error: { code: 'unavailable', message: 'x' } }), {
              status: 503,
              headers: { 'Content-Type': 'application/json' },
            }),
          )
        : original(input, init)) as typeof fetch;
    try {
      type($<HTMLInputElement>(el, '#q'), 'Zamkowa');
      $<HTMLFormElement>(el, 'form[role="search"]').requestSubmit();
      await waitUntil(() => shadow(el).querySelector('.admin__results [role="alert"]'), 'no error', T);
      expect($(el, '.admin__results [role="alert"]').textContent).to.contain('chwilowo niedostępny');
      await expect(el).to.be.accessible();
      fail = false;
      $<HTMLButtonElement>(el, '.admin__results button').click();
      await waitUntil(() => shadow(el).querySelector('.admin__results table'), 'retry did not load', T);
    } finally {
      window.fetch = original;
    }
  });

  it('goes back to the login when the session ends, and logs out with "Wyloguj"', async () => {
    const el = await openAsClerk();
    await search(el, 'Zamkowa');
    // The session ends on the server (as after the idle timeout): the next call gets 401.
    await call('DELETE', '/session', {});
    await search(el, 'Łaska').catch(() => undefined);
    await waitUntil(() => shadow(el).querySelector('slot[name="login"]'), 'no login after 401', T);
    await waitUntil(
      () => el.querySelector('resident-login')?.textContent?.includes('Sesja wygasła'),
      'no notice',
      T,
    );
    expect(shadow(el).querySelector('table')).to.equal(null);

    await loginThroughWidget(el, CLERK);
    await waitUntil(() => shadow(el).querySelector('form[role="search"]'), 'no tool', T);
    const loggedOut = oneEvent(el, 'strefa-logout');
    [...shadow(el).querySelectorAll<HTMLButtonElement>('.admin__user button')][0]!.click();
    await loggedOut;
    await waitUntil(() => shadow(el).querySelector('slot[name="login"]'), 'no login after logout', T);
    expect((await call('GET', '/session')).body).to.deep.equal({ user: null });
  });

  it('works in English with lang="en"', async () => {
    const el = await fixture<ClerkAdmin>(html`<clerk-admin lang="en"></clerk-admin>`);
    await loginThroughWidget(el, CLERK);
    await waitUntil(() => shadow(el).querySelector('form[role="search"]'), 'no tool', T);
    await waitUntil(() => $(el, 'label[for="q"]').textContent?.includes('Find a resident'), 'not English', T);
    await search(el, 'Zamkowa');
    expect($(el, 'thead').textContent).to.contain('Last login');
    await expect(el).to.be.accessible();
    el.remove();
    await applyLocale('pl');
  });

  it('turns the results into cards on a 360 px phone', async () => {
    await setViewport({ width: 360, height: 740 });
    try {
      const el = await openAsClerk();
      await search(el, 'Zamkowa');
      expect(getComputedStyle($(el, 'tbody tr')).display).to.equal('block');
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      expect(el.getBoundingClientRect().right).to.be.at.most(360);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });

  it('keeps its look under hostile page CSS, and its CSS stays inside', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div>
        <style>
          * {
            all: unset;
          }
          style {
            display: none;
          }
          html {
            font-size: 40px;
            color: hotpink;
          }
          button {
            background: yellow;
          }
        </style>
        <button class="outside">page button</button>
        <clerk-admin></clerk-admin>
      </div>`,
    );
    const el = box.querySelector('clerk-admin') as ClerkAdmin;
    await loginThroughWidget(el, CLERK);
    await waitUntil(() => shadow(el).querySelector('form[role="search"]'), 'no tool', T);
    const button = $(el, 'form[role="search"] button');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(11, 92, 173)');
    expect(getComputedStyle(button).fontSize).to.equal('16px');
    expect(getComputedStyle(el).color).to.equal('rgb(27, 27, 27)');
    expect(getComputedStyle(box.querySelector('.outside')!).backgroundColor).to.equal('rgb(255, 255, 0)');
    await expect(el).to.be.accessible();
  });

  it('the API refuses an admin call without a session', async () => {
    expect((await call('GET', '/admin/people?q=Zamkowa')).status).to.equal(401);
  });
});
