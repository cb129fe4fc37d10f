import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { applyLocale } from '../internal/localization.ts';
import { SessionStore } from '../internal/session-store.ts';
import type { ResidentLogin } from './resident-login.component.ts';
import './resident-login.ts';
import { call, issueForSomebody, RESIDENT, resetSession, type } from './test-support.ts';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => {
  const found = el.querySelector<T>(selector as never);
  if (!found) throw new Error(`no ${selector}`);
  return found as T;
};

async function loginForm(el: ResidentLogin): Promise<HTMLFormElement> {
  await waitUntil(() => el.querySelector('input[autocomplete="username"]'), 'login form did not appear', {
    timeout: 5000,
  });
  return $(el, 'form') as HTMLFormElement;
}

async function submitLogin(el: ResidentLogin, login: string, password: string): Promise<void> {
  const form = await loginForm(el);
  type($(el, 'input[name="username"]'), login);
  type($(el, 'input[name="password"]'), password);
  form.requestSubmit();
}

/** A passphrase of unrelated words that is nobody's example: what the policy accepts. */
const OWN_PASSWORD = 'trzy wiewiórki liczą szyszki pod jarzębiną';

const messageText = (el: Element) => el.querySelector('.strefa-login__message')?.textContent?.trim() ?? '';

/** Replaces window.fetch for one test with an answer for the session endpoints. */
function stubFetch(answer: (url: string, init?: RequestInit) => Promise<Response>): () => void {
  const original = window.fetch;
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    answer(String(input instanceof Request ? input.url : input), init)) as typeof fetch;
  return () => {
    window.fetch = original;
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('<resident-login>', () => {
  beforeEach(async () => {
    await resetSession();
  });
  after(async () => {
    await resetSession();
  });

  it('renders the form in light DOM with labels and autocomplete, and is accessible', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    await loginForm(el);
    expect(el.shadowRoot).to.equal(null);
    const login = $<HTMLInputElement>(el, 'input[name="username"]');
    const password = $<HTMLInputElement>(el, 'input[name="password"]');
    expect(login.autocomplete).to.equal('username');
    expect(password.autocomplete).to.equal('current-password');
    expect(password.type).to.equal('password');
    expect(el.querySelector(`label[for="${login.id}"]`)?.textContent).to.contain('Identyfikator');
    expect(el.querySelector(`label[for="${password.id}"]`)?.textContent).to.contain('Hasło');
    expect($(el, 'button[type="submit"]').textContent).to.contain('Zaloguj');
    expect($(el, '[role="heading"]').getAttribute('aria-level')).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('shows and hides the password with a toggle button', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    await loginForm(el);
    const toggle = $(el, '.strefa-login__toggle');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[name="password"]').type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[name="password"]').type).to.equal('password');
  });

  it('asks for the missing fields without calling the server', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    const form = await loginForm(el);
    form.requestSubmit();
    await el.updateComplete;
    expect(messageText(el)).to.equal('Podaj identyfikator i hasło.');
    expect($(el, 'input[name="username"]').getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal($(el, 'input[name="username"]'));
    await expect(el).to.be.accessible();
  });

  it('announces a wrong password in Polish and keeps the form', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    await submitLogin(el, RESIDENT.login, 'this-is-not-the-password');
    await waitUntil(() => messageText(el), 'no error shown', { timeout: 5000 });
    expect(messageText(el)).to.equal('Nieprawidłowy identyfikator lub hasło.');
    expect($(el, '.strefa-login__message').getAttribute('role')).to.equal('alert');
    expect($<HTMLInputElement>(el, 'input[name="password"]').value).to.equal('');
    expect($(el, 'input[name="password"]').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('logs in the demo resident, shows who is logged in, and logs out on the server', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    const loggedIn = oneEvent(el, 'strefa-login');
    await submitLogin(el, RESIDENT.login, RESIDENT.password);
    const { detail } = await loggedIn;
    expect(detail.user.login).to.equal('demo-resident');
    expect(detail.user.role).to.equal('resident');
    await el.updateComplete;
    expect($(el, '.strefa-login__user').textContent).to.contain('Zalogowano jako');
    expect($(el, '.strefa-login__user').textContent).to.contain(detail.user.displayName);
    expect(document.activeElement).to.equal($(el, '.strefa-login__user'));
    await expect(el).to.be.accessible();
    expect((await call('GET', '/session')).status).to.equal(200);

    const loggedOut = oneEvent(el, 'strefa-logout');
    $(el, '.strefa-login__logout').click();
    await loggedOut;
    await loginForm(el);
    const check = await call('GET', '/session');
    expect(check.status).to.equal(200);
    expect(check.body.user).to.equal(null);
  });

  it('is operable with the keyboard alone', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    await loginForm(el);
    $(el, 'input[name="username"]').focus();
    await sendKeys({ type: RESIDENT.login });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal($(el, 'input[name="password"]'));
    await sendKeys({ type: RESIDENT.password });
    const loggedIn = oneEvent(el, 'strefa-login');
    await sendKeys({ press: 'Enter' });
    await loggedIn;
    await el.updateComplete;
    // Wyloguj is reachable and works with Enter.
    $(el, '.strefa-login__logout').focus();
    const loggedOut = oneEvent(el, 'strefa-logout');
    await sendKeys({ press: 'Enter' });
    await loggedOut;
  });

  it('shares one session between widgets on a page: one login, one logout', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div><resident-login id="a"></resident-login><resident-login id="b"></resident-login></div>`,
    );
    const [a, b] = [...box.querySelectorAll('resident-login')] as ResidentLogin[];
    await loginForm(a!);
    await loginForm(b!);
    await submitLogin(a!, RESIDENT.login, RESIDENT.password);
    await waitUntil(() => b!.querySelector('.strefa-login__user'), 'b did not see the login', {
      timeout: 5000,
    });
    $(b!, '.strefa-login__logout').click();
    await waitUntil(() => a!.querySelector('input[name="username"]'), 'a did not see the logout', {
      timeout: 5000,
    });
  });

  it('tells how long a locked login stays locked (a throwaway login, never a demo account)', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    const login = `nobody-${Date.now()}`;
    for (let attempt = 0; attempt < 8; attempt++) {
      await submitLogin(el, login, 'wrong-password-123');
      await waitUntil(() => messageText(el) && !el.querySelector('[aria-disabled="true"]'), 'no answer', {
        timeout: 5000,
      });
      if (messageText(el).includes('zablokowane')) break;
    }
    expect(messageText(el)).to.match(/Konto jest tymczasowo zablokowane .* Spróbuj ponownie za \d+ min/);
    await expect(el).to.be.accessible();
  });

  it('forces a new password after a start password: live rules, the server verdict, success', async () => {
    const { credentials } = await issueForSomebody();
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    const loggedIn = oneEvent(el, 'strefa-login');
    await submitLogin(el, credentials.login, credentials.oneTimePassword);
    expect((await loggedIn).detail.user.mustChangePassword).to.equal(true);
    await waitUntil(() => el.querySelector('input[autocomplete="new-password"]'), 'no change step', {
      timeout: 5000,
    });
    expect($(el, '[role="heading"]').textContent).to.contain('Ustaw własne hasło');
    // The step was fetched on demand, and defined its element.
    expect(customElements.get('resident-login-password')).not.to.equal(undefined);
    // Password managers: the identifier is in the form, the new fields say new-password.
    expect($<HTMLInputElement>(el, 'input[autocomplete="username"]').value).to.equal(credentials.login);
    expect(el.querySelectorAll('input[autocomplete="new-password"]').length).to.equal(2);
    expect(document.activeElement).to.equal($(el, 'input[name="current-password"]'));
    await expect(el).to.be.accessible();

    // Data endpoints refuse until the change.
    expect((await call('GET', '/me')).body.error.code).to.equal('password_change_required');

    const current = $<HTMLInputElement>(el, 'input[name="current-password"]');
    const next = $<HTMLInputElement>(el, 'input[name="new-password"]');
    const confirm = $<HTMLInputElement>(el, 'input[name="confirm-password"]');
    type(current, credentials.oneTimePassword);
    type(next, 'krótkie');
    await el.updateComplete;
    const rules = () => [...el.querySelectorAll('.strefa-login__rule')].map((li) => li.className);
    expect(rules()[0]).to.contain('--bad');
    expect($(el, '.strefa-login__strength').textContent).to.match(/bardzo słabe|słabe/);

    // Local checks first: the confirmation differs.
    type(next, 'zielony rower pod starym oknem');
    type(confirm, 'zielony rower pod starym');
    await el.updateComplete;
    expect(rules()[0]).to.contain('--ok');
    expect(rules()[3]).to.contain('--bad');
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await el.updateComplete;
    expect(messageText(el)).to.contain('Wpisane nowe hasła różnią się.');

    // A common password passes the local rules; the server refuses it with its reasons.
    type(next, 'password1234');
    type(confirm, 'password1234');
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => messageText(el).includes('Serwer nie przyjął'), 'no 422 shown', { timeout: 8000 });
    expect(el.querySelectorAll('.strefa-login__message li').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    // The hint's own example phrase: the server refuses it, and the widget says why.
    type(next, 'Zielony rower pod starym oknem');
    type(confirm, 'Zielony rower pod starym oknem');
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => messageText(el).includes('przykład z podpowiedzi'), 'no example_phrase reason', {
      timeout: 8000,
    });
    // So is a walk along the keyboard.
    type(next, 'zaq1@WSXcde3');
    type(confirm, 'zaq1@WSXcde3');
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => messageText(el).includes('sąsiednie klawisze'), 'no keyboard_pattern reason', {
      timeout: 8000,
    });

    // A good password: changed, the event fires, the widget shows the session.
    type(next, OWN_PASSWORD);
    type(confirm, OWN_PASSWORD);
    const changed = oneEvent(el, 'strefa-password-changed');
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    expect((await changed).detail.user.mustChangePassword).to.equal(false);
    await el.updateComplete;
    expect(messageText(el)).to.contain('Hasło zostało zmienione');
    expect($(el, '.strefa-login__user').textContent).to.contain(credentials.login);
    await expect(el).to.be.accessible();
    expect((await call('GET', '/me')).status).to.equal(200);

    // The new password works, the start password no longer does.
    await resetSession();
    expect(
      (await call('POST', '/session', { login: credentials.login, password: credentials.oneTimePassword }))
        .status,
    ).to.equal(401);
    const again = await call('POST', '/session', { login: credentials.login, password: OWN_PASSWORD });
    expect(again.status).to.equal(200);
    expect(again.body.user.mustChangePassword).to.equal(false);
  });

  it('explains an expired start password (where to get a new one)', async () => {
    const restore = stubFetch(async (url, init) =>
      url.endsWith('/session') && init?.method === 'POST'
        ? json(401, { error: { code: 'start_password_expired', message: 'Hasło startowe wygasło.' } })
        : json(200, { user: null }),
    );
    try {
      const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
      await submitLogin(el, 'ABCD-EFGH', 'start-password');
      await waitUntil(() => messageText(el), 'no error', { timeout: 5000 });
      expect(messageText(el)).to.contain('Hasło startowe wygasło');
      expect(messageText(el)).to.contain('Zamkowa 42, pokój nr 3');
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
  });

  it('words 503, 429 and network failures in Polish', async () => {
    let answer: () => Promise<Response> = async () =>
      json(503, { error: { code: 'unavailable', message: 'x' } });
    const restore = stubFetch((url, init) =>
      init?.method === 'POST' ? answer() : Promise.resolve(json(200, { user: null })),
    );
    try {
      const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
      await submitLogin(el, 'someone', 'password');
      await waitUntil(() => messageText(el), 'no error', { timeout: 5000 });
      expect(messageText(el)).to.equal('Serwis jest chwilowo niedostępny. Spróbuj ponownie za kilka minut.');

      answer = async () => json(429, { error: { code: 'too_many_requests', message: 'x', retryAfter: 30 } });
      await submitLogin(el, 'someone', 'password');
      await waitUntil(() => messageText(el).includes('30 s'), 'no 429 message', { timeout: 5000 });

      answer = () => Promise.reject(new TypeError('Failed to fetch'));
      await submitLogin(el, 'someone', 'password');
      await waitUntil(() => messageText(el).startsWith('Brak połączenia'), 'no network message', {
        timeout: 5000,
      });
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
  });

  it('offers a retry when the session cannot be checked', async () => {
    let fail = true;
    const restore = stubFetch(() =>
      fail ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(json(200, { user: null })),
    );
    try {
      // Another API base: its own, fresh session store.
      const el = await fixture<ResidentLogin>(html`<resident-login api-base="/elsewhere"></resident-login>`);
      await waitUntil(() => el.querySelector('[role="alert"]'), 'no error', { timeout: 5000 });
      expect(el.textContent).to.contain('Brak połączenia z serwerem');
      await expect(el).to.be.accessible();
      fail = false;
      ($(el, 'button') as HTMLButtonElement).click();
      await loginForm(el);
    } finally {
      restore();
    }
  });

  it('notices a session that ended while the page was in the background', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    await submitLogin(el, RESIDENT.login, RESIDENT.password);
    await waitUntil(() => el.querySelector('.strefa-login__user'), 'not logged in', { timeout: 5000 });
    // Ended elsewhere (another tab, the idle timeout); this page does not know yet.
    await call('DELETE', '/session', {});
    const before = SessionStore.recheckAfterMs;
    SessionStore.recheckAfterMs = 0;
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => messageText(el).includes('Sesja wygasła'), 'no expiry notice', { timeout: 5000 });
      expect(el.querySelector('input[name="username"]')).not.to.equal(null);
    } finally {
      SessionStore.recheckAfterMs = before;
    }
  });

  it('checks the session once for all widgets of a page', async () => {
    let sessionChecks = 0;
    const restore = stubFetch(async (url) => {
      if (url.endsWith('/api/v1/session')) sessionChecks++;
      return json(200, { user: null });
    });
    try {
      // A base of their own: a fresh store, as on a newly loaded page.
      const box = await fixture<HTMLDivElement>(
        html`<div>
          <resident-login api-base="/dedupe"></resident-login>
          <resident-login api-base="/dedupe"></resident-login>
          <resident-login api-base="/dedupe"></resident-login>
        </div>`,
      );
      for (const el of box.querySelectorAll('resident-login')) await loginForm(el as ResidentLogin);
      expect(sessionChecks).to.equal(1);
    } finally {
      restore();
    }
  });

  it('follows the page language (<html lang>) and switches back', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login></resident-login>`);
    await loginForm(el);
    document.documentElement.lang = 'en-GB';
    try {
      await waitUntil(() => $(el, 'button[type="submit"]').textContent?.includes('Log in'), 'not English', {
        timeout: 5000,
      });
    } finally {
      document.documentElement.removeAttribute('lang');
    }
    document.documentElement.lang = 'pl';
    await waitUntil(() => $(el, 'button[type="submit"]').textContent?.includes('Zaloguj'), 'not Polish', {
      timeout: 5000,
    });
    document.documentElement.removeAttribute('lang');
  });

  it('speaks English with lang="en"', async () => {
    const el = await fixture<ResidentLogin>(html`<resident-login lang="en"></resident-login>`);
    await loginForm(el);
    await waitUntil(() => $(el, 'button[type="submit"]').textContent?.includes('Log in'), 'not English', {
      timeout: 5000,
    });
    expect(el.querySelector(`label[for="${$(el, 'input[name="username"]').id}"]`)?.textContent).to.contain(
      'Identifier',
    );
    await submitLogin(el, RESIDENT.login, 'wrong-password-000');
    await waitUntil(() => messageText(el), 'no error', { timeout: 5000 });
    expect(messageText(el)).to.equal('Incorrect identifier or password.');
    await expect(el).to.be.accessible();
    el.remove();
    await applyLocale('pl');
  });

  it('fits a 360 px phone and resists hostile page CSS without styling the page', async () => {
    await setViewport({ width: 360, height: 740 });
    try {
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
            }
            #page input {
              display: none;
            }
            #page button {
              color: red;
              background: yellow;
            }
          </style>
          <div id="page">
            <input class="outside" />
            <resident-login></resident-login>
          </div>
        </div>`,
      );
      const el = box.querySelector('resident-login') as ResidentLogin;
      await loginForm(el);
      const input = $(el, 'input[name="username"]');
      const rect = input.getBoundingClientRect();
      expect(rect.height).to.be.greaterThan(30);
      expect(rect.width).to.be.greaterThan(150);
      expect(getComputedStyle(input).display).to.equal('block');
      expect(getComputedStyle($(el, 'button[type="submit"]')).backgroundColor).to.equal('rgb(11, 92, 173)');
      expect(el.getBoundingClientRect().right).to.be.at.most(360);
      // Nothing inside the widget sticks out sideways (the page itself is wrecked by `all: unset`).
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      // Our rules do not reach the page's own input.
      expect(getComputedStyle(box.querySelector('.outside')!).minHeight).not.to.contain('44');
      expect(getComputedStyle(box.querySelector('.outside')!).display).to.equal('none');
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });

  it('says why the server refused a password, for every reason, in Polish and in English', async () => {
    const { passwordReasonMessage } = await import('../internal/password-reasons.ts');
    const reasons = [
      'personal_data',
      'site_words',
      'example_phrase',
      'keyboard_pattern',
      'reused_password',
    ] as const;
    const generic = passwordReasonMessage('something_new');
    const polish = reasons.map((code) => passwordReasonMessage(code));
    for (const text of polish) {
      expect(text).not.to.equal(generic);
      expect(text).to.match(/[ąćęłńóśźż]/);
    }
    expect(new Set(polish).size).to.equal(reasons.length);
    await applyLocale('en');
    try {
      const english = reasons.map((code) => passwordReasonMessage(code));
      expect(english[0]).to.contain('your own data');
      expect(english[2]).to.contain('example');
      expect(english[3]).to.contain('neighbouring keys');
      for (const [i, text] of english.entries()) expect(text).not.to.equal(polish[i]);
    } finally {
      await applyLocale('pl');
    }
  });

  it('estimates strength locally: obvious passwords are weak, long passphrases strong', async () => {
    // Imported here, not at the top: the other tests load the step the way pages do, on demand.
    const { estimateStrength } = await import('./resident-login.password-step.ts');
    expect(estimateStrength('')).to.equal(0);
    expect(estimateStrength('password')).to.equal(0);
    expect(estimateStrength('aaaaaaaaaaaaaaa')).to.equal(0);
    expect(estimateStrength('ABCD-1234xyz', 'abcd-1234')).to.equal(0);
    expect(estimateStrength('Kot123')).to.be.at.most(1);
    expect(estimateStrength('trzy wiewiórki liczą szyszki pod jarzębiną')).to.be.at.least(3);
    // The hint's own example is what everybody copies.
    expect(estimateStrength('Zielony rower pod starym oknem!')).to.equal(0);
    expect(estimateStrength('green bicycle under the old window')).to.equal(0);
  });
});
