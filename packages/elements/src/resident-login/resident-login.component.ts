import { html, nothing, supportsAdoptingStyleSheets, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { ApiClientError } from '../internal/api-client.ts';
import { errorMessage, passwordReasonMessage } from '../internal/localization.ts';
import { SessionController } from '../internal/session-store.ts';
import { StrefaElement } from '../internal/strefa-element.ts';
import { residentLoginStyles } from './resident-login.styles.ts';

let instances = 0;

/** The server's upper bound; a longer password is refused before it is sent. */
const MAX_PASSWORD_LENGTH = 128;

/** Characters as a person counts them (ą is one, whatever the keyboard produced). */
function characters(value: string): string[] {
  return [...value.normalize('NFC')];
}

// A few passwords people pick first, checked locally only to make the meter honest; the server
// (zxcvbn with its Polish and common dictionaries) has the final word.
const OBVIOUS = [
  'haslo',
  'hasło',
  'password',
  'qwerty',
  'zaq12wsx',
  'abc123',
  '123456',
  '1234567890',
  'pabianice',
  'spoldzielnia',
  'spółdzielnia',
  'mieszkanie',
  'kochanie',
  'polska',
];

/**
 * A simple local estimate of strength, 0 (very weak) to 4 (very strong): length × variety, less
 * for repeats, runs and obvious words. It only guides typing; the server decides.
 */
export function estimateStrength(password: string, login = ''): 0 | 1 | 2 | 3 | 4 {
  const chars = characters(password);
  if (chars.length === 0) return 0;
  const lower = password.normalize('NFC').toLowerCase();
  if (login && lower.includes(login.toLowerCase())) return 0;
  if (OBVIOUS.includes(lower)) return 0;
  let pool = 0;
  if (/\p{Ll}/u.test(password)) pool += 35; // Polish lowercase letters included
  if (/\p{Lu}/u.test(password)) pool += 35;
  if (/\p{N}/u.test(password)) pool += 10;
  if (/[^\p{L}\p{N}\s]/u.test(password)) pool += 33; // spaces between words add length, not variety
  const unique = new Set(chars).size;
  // Repeated characters and runs add little: count them once.
  const effective = Math.min(chars.length, unique * 2);
  let bits = effective * Math.log2(Math.max(pool, 10));
  if (/(.)\1{2,}/u.test(password)) bits -= 10;
  if (/(0123|1234|2345|3456|4567|5678|6789|abcd|qwer|asdf|zxcv)/.test(lower)) bits -= 12;
  for (const word of OBVIOUS) if (lower.includes(word)) bits -= 15;
  if (bits < 35) return unique < 4 ? 0 : 1;
  if (bits < 55) return 1;
  if (bits < 70) return 2;
  if (bits < 90) return 3;
  return 4;
}

/**
 * The login of Strefa Mieszkańca: the identifier and password, the forced change of a start
 * password, and, with a session, who is logged in and a "Wyloguj" button.
 *
 * It renders into its LIGHT DOM, so browsers and password managers recognise and fill the form.
 * Its look comes from scoped `strefa-login__*` classes that neither touch the page nor are broken
 * by it. Use it alone on a page, or let another widget put it into its `login` slot: all widgets
 * of a page share one session.
 *
 * @summary Logging in, the first-login password change, and logging out.
 *
 * @fires strefa-login - After a successful login; `detail.user` (note `user.mustChangePassword`).
 * @fires strefa-logout - After the user logged out here.
 * @fires strefa-password-changed - After the start password was replaced; `detail.user`.
 *
 * @cssproperty --strefa-color-primary - Buttons and the focus of the primary action.
 * @cssproperty --strefa-color-on-primary - Text on primary buttons.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Hints.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Borders of the box and the fields.
 * @cssproperty --strefa-color-danger - Errors and unmet password rules.
 * @cssproperty --strefa-color-success - Met password rules, confirmations.
 * @cssproperty --strefa-color-focus - Keyboard focus ring.
 * @cssproperty --strefa-font-family - Font.
 * @cssproperty --strefa-font-size - Base font size.
 * @cssproperty --strefa-radius - Corner radius.
 * @cssproperty --strefa-space - Base spacing.
 */
export class ResidentLogin extends StrefaElement {
  /** Level of the box's heading (2–6), to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /**
   * Minimum length of a new password, as the server is configured (`PASSWORD_MIN_LENGTH`); used
   * for the live feedback only, the server checks again.
   */
  @property({ type: Number, attribute: 'min-length' }) minLength = 12;

  /** @internal */
  protected readonly session = new SessionController(this);

  @state() private busy = false;
  @state() private message: { kind: 'error' | 'info' | 'success'; text: string; list?: string[] } | null =
    null;
  @state() private showPassword = false;
  @state() private showNewPassword = false;
  @state() private fieldErrors: Record<string, boolean> = {};
  @state() private currentPassword = '';
  @state() private newPassword = '';
  @state() private confirmPassword = '';
  /** True where adopted style sheets are missing: the rules then go into a <style> of our own. */
  @state() private inlineStyles = false;

  private readonly uid = `strefa-login-${++instances}`;
  private lastView = '';
  private focusAfterRender: string | null = null;

  /** Light DOM: see the class comment. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.classList.add('strefa-login');
    this.adoptStyles();
  }

  /** Puts our (scoped) rules into the document or shadow root we live in, once per root. */
  private adoptStyles(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const sheet = residentLoginStyles.styleSheet;
    if (supportsAdoptingStyleSheets && sheet && 'adoptedStyleSheets' in root) {
      if (!root.adoptedStyleSheets.includes(sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.inlineStyles = false;
    } else {
      this.inlineStyles = true;
    }
  }

  private get view(): 'checking' | 'unreachable' | 'login' | 'change' | 'session' {
    const store = this.session.store;
    if (store.status === 'unknown') return store.error && !store.checking ? 'unreachable' : 'checking';
    if (store.status === 'anonymous') return 'login';
    return store.user?.mustChangePassword ? 'change' : 'session';
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const view = this.view;
    if (view !== this.lastView) {
      // A new step: stale messages and half-typed passwords of the previous one go.
      const previous = this.lastView;
      this.lastView = view;
      if (previous) {
        if (!(view === 'session' && this.message?.kind === 'success')) this.message = null;
        this.currentPassword = this.newPassword = this.confirmPassword = '';
        this.fieldErrors = {};
        this.showPassword = this.showNewPassword = false;
      }
      if (view === 'login' && this.session.store.expired) {
        this.message = { kind: 'info', text: msg('Sesja wygasła. Zaloguj się ponownie.') };
      }
    }
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      this.querySelector<HTMLElement>(`#${this.focusAfterRender}`)?.focus();
      this.focusAfterRender = null;
    }
  }

  private ref(name: string): string {
    return `${this.uid}-${name}`;
  }

  protected override render(): TemplateResult {
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 2));
    const view = this.view;
    const heading =
      view === 'change'
        ? msg('Ustaw własne hasło')
        : view === 'session'
          ? msg('Strefa Mieszkańca')
          : msg('Logowanie do Strefy Mieszkańca');
    return html`
      ${
        this.inlineStyles
          ? html`<style>
              ${residentLoginStyles.cssText}
            </style>`
          : nothing
      }
      <section class="strefa-login__box" aria-labelledby=${this.ref('heading')}>
        <div class="strefa-login__heading" role="heading" aria-level=${level} id=${this.ref('heading')}>
          ${heading}
        </div>
        ${
          view === 'checking'
            ? html`<p class="strefa-login__text" role="status">${msg('Sprawdzanie sesji…')}</p>`
            : view === 'unreachable'
              ? this.renderUnreachable()
              : view === 'login'
                ? this.renderLogin()
                : view === 'change'
                  ? this.renderChange()
                  : this.renderSession()
        }
      </section>
    `;
  }

  private renderMessage(): TemplateResult {
    const message = this.message;
    // The live region is always in the DOM, so screen readers announce what appears in it.
    return html`<div
      class="strefa-login__message strefa-login__message--${message?.kind ?? 'error'}"
      id=${this.ref('message')}
      role=${message?.kind === 'error' ? 'alert' : 'status'}
    >
      ${
        message
          ? html`${message.text}${
              message.list?.length
                ? html`<ul>
                    ${message.list.map((item) => html`<li>${item}</li>`)}
                  </ul>`
                : nothing
            }`
          : nothing
      }
    </div>`;
  }

  private renderUnreachable(): TemplateResult {
    return html`
      <div class="strefa-login__message" role="alert">${errorMessage(this.session.store.error)}</div>
      <p class="strefa-login__text"></p>
      <button type="button" class="strefa-login__button" @click=${() => this.session.store.refresh()}>
        ${msg('Spróbuj ponownie')}
      </button>
    `;
  }

  private renderLogin(): TemplateResult {
    const invalid = this.fieldErrors;
    return html`
      <form class="strefa-login__form" novalidate @submit=${this.onLogin}>
        <div class="strefa-login__field">
          <label class="strefa-login__label" for=${this.ref('login')}>${msg('Identyfikator')}</label>
          <input
            class="strefa-login__input"
            id=${this.ref('login')}
            name="username"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            required
            aria-invalid=${invalid.login ? 'true' : 'false'}
            aria-describedby=${this.ref('message')}
          />
        </div>
        <div class="strefa-login__field">
          <label class="strefa-login__label" for=${this.ref('password')}>${msg('Hasło')}</label>
          <div class="strefa-login__control">
            <input
              class="strefa-login__input"
              id=${this.ref('password')}
              name="password"
              type=${this.showPassword ? 'text' : 'password'}
              autocomplete="current-password"
              autocapitalize="none"
              spellcheck="false"
              required
              aria-invalid=${invalid.password ? 'true' : 'false'}
              aria-describedby=${this.ref('message')}
            />
            <button
              type="button"
              class="strefa-login__button strefa-login__button--secondary strefa-login__toggle"
              aria-pressed=${this.showPassword ? 'true' : 'false'}
              aria-controls=${this.ref('password')}
              @click=${() => (this.showPassword = !this.showPassword)}
            >
              ${msg('Pokaż hasło')}
            </button>
          </div>
        </div>
        ${this.renderMessage()}
        <div class="strefa-login__actions">
          <button
            type="submit"
            class="strefa-login__button strefa-login__submit"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${this.busy ? msg('Logowanie…') : msg('Zaloguj')}
          </button>
        </div>
        <p class="strefa-login__hint">
          ${msg(
            'Nie masz identyfikatora albo nie pamiętasz hasła? Zgłoś się z dowodem tożsamości do Biura Obsługi Mieszkańców, ul. Zamkowa 42, pokój nr 3: otrzymasz jednorazowe hasło startowe.',
          )}
        </p>
      </form>
    `;
  }

  private renderChange(): TemplateResult {
    const user = this.session.user!;
    const invalid = this.fieldErrors;
    const length = characters(this.newPassword).length;
    const rules: { ok: boolean; text: string }[] = [
      {
        ok: length >= this.minLength && length <= MAX_PASSWORD_LENGTH,
        text:
          length > MAX_PASSWORD_LENGTH
            ? msg(str`Najwyżej ${MAX_PASSWORD_LENGTH} znaków (teraz: ${length})`)
            : msg(str`Co najmniej ${this.minLength} znaków (teraz: ${length})`),
      },
      {
        ok: length > 0 && this.newPassword.normalize('NFC').toLowerCase() !== user.login.toLowerCase(),
        text: msg('Inne niż identyfikator'),
      },
      {
        ok: length > 0 && this.newPassword !== this.currentPassword,
        text: msg('Inne niż hasło startowe'),
      },
      {
        ok: length > 0 && this.newPassword === this.confirmPassword,
        text: msg('Oba wpisane nowe hasła są takie same'),
      },
    ];
    const score = estimateStrength(this.newPassword, user.login);
    const scoreText = [msg('bardzo słabe'), msg('słabe'), msg('średnie'), msg('dobre'), msg('bardzo dobre')][
      score
    ];
    return html`
      <form class="strefa-login__form" novalidate @submit=${this.onChangePassword}>
        <p class="strefa-login__text">
          ${msg(
            str`Logujesz się hasłem startowym jako ${user.displayName}. Ustaw teraz własne hasło: będzie potrzebne przy każdym następnym logowaniu i znasz je tylko Ty.`,
          )}
        </p>
        <input type="text" name="username" autocomplete="username" .value=${user.login} hidden readonly />
        <div class="strefa-login__field">
          <label class="strefa-login__label" for=${this.ref('current')}>${msg('Hasło startowe')}</label>
          <input
            class="strefa-login__input"
            id=${this.ref('current')}
            name="current-password"
            type="password"
            autocomplete="current-password"
            required
            .value=${this.currentPassword}
            @input=${(e: InputEvent) => (this.currentPassword = (e.target as HTMLInputElement).value)}
            aria-invalid=${invalid.current ? 'true' : 'false'}
            aria-describedby=${this.ref('message')}
          />
        </div>
        <div class="strefa-login__field">
          <label class="strefa-login__label" for=${this.ref('new')}>${msg('Nowe hasło')}</label>
          <div class="strefa-login__control">
            <input
              class="strefa-login__input"
              id=${this.ref('new')}
              name="new-password"
              type=${this.showNewPassword ? 'text' : 'password'}
              autocomplete="new-password"
              autocapitalize="none"
              spellcheck="false"
              required
              .value=${this.newPassword}
              @input=${(e: InputEvent) => (this.newPassword = (e.target as HTMLInputElement).value)}
              aria-invalid=${invalid.new ? 'true' : 'false'}
              aria-describedby="${this.ref('rules')} ${this.ref('strength-text')} ${this.ref('message')}"
            />
            <button
              type="button"
              class="strefa-login__button strefa-login__button--secondary strefa-login__toggle"
              aria-pressed=${this.showNewPassword ? 'true' : 'false'}
              aria-controls=${this.ref('new')}
              @click=${() => (this.showNewPassword = !this.showNewPassword)}
            >
              ${msg('Pokaż hasło')}
            </button>
          </div>
          <p class="strefa-login__hint">
            ${msg(
              'Najlepiej kilka niezwiązanych słów, np. „zielony rower pod starym oknem”: łatwe do zapamiętania, trudne do odgadnięcia. Polskie litery i spacje są dozwolone.',
            )}
          </p>
        </div>
        <div class="strefa-login__field">
          <label class="strefa-login__label" for=${this.ref('confirm')}>${msg('Powtórz nowe hasło')}</label>
          <input
            class="strefa-login__input"
            id=${this.ref('confirm')}
            name="confirm-password"
            type=${this.showNewPassword ? 'text' : 'password'}
            autocomplete="new-password"
            required
            .value=${this.confirmPassword}
            @input=${(e: InputEvent) => (this.confirmPassword = (e.target as HTMLInputElement).value)}
            aria-invalid=${invalid.confirm ? 'true' : 'false'}
          />
        </div>
        <ul class="strefa-login__rules" id=${this.ref('rules')} aria-label=${msg('Wymagania dla hasła')}>
          ${rules.map(
            (rule) =>
              html`<li class="strefa-login__rule strefa-login__rule--${rule.ok ? 'ok' : 'bad'}">
                <span class="strefa-login__rule-mark" aria-hidden="true">${rule.ok ? '✓' : '✗'}</span>
                <span
                  >${rule.text}<span class="strefa-login__visually-hidden"
                    >: ${rule.ok ? msg('spełnione') : msg('niespełnione')}</span
                  ></span
                >
              </li>`,
          )}
        </ul>
        <div class="strefa-login__strength">
          <label class="strefa-login__label" for=${this.ref('strength')}>${msg('Siła hasła')}</label>
          <meter
            class="strefa-login__meter"
            id=${this.ref('strength')}
            min="0"
            max="4"
            low="2"
            high="3"
            optimum="4"
            .value=${score}
            aria-valuetext=${ifDefined(scoreText)}
          ></meter>
          <span id=${this.ref('strength-text')}
            ><span class="strefa-login__visually-hidden">${msg('Siła hasła')}: </span>${scoreText}</span
          >
        </div>
        <p class="strefa-login__hint">
          ${msg('To tylko wstępna ocena; ostatecznie hasło sprawdza serwer, także ze słownikiem popularnych haseł.')}
        </p>
        ${this.renderMessage()}
        <div class="strefa-login__actions">
          <button
            type="submit"
            class="strefa-login__button strefa-login__submit"
            aria-disabled=${this.busy ? 'true' : 'false'}
          >
            ${this.busy ? msg('Zapisywanie…') : msg('Zmień hasło')}
          </button>
          <button
            type="button"
            class="strefa-login__button strefa-login__button--secondary strefa-login__logout"
            @click=${this.onLogout}
          >
            ${msg('Wyloguj')}
          </button>
        </div>
      </form>
    `;
  }

  private renderSession(): TemplateResult {
    const user = this.session.user!;
    return html`
      ${this.renderMessage()}
      <p class="strefa-login__user" id=${this.ref('user')} tabindex="-1">
        ${msg(html`Zalogowano jako <strong>${user.displayName}</strong> (identyfikator: ${user.login}).`)}
      </p>
      <div class="strefa-login__actions">
        <button
          type="button"
          class="strefa-login__button strefa-login__button--secondary strefa-login__logout"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${this.onLogout}
        >
          ${msg('Wyloguj')}
        </button>
      </div>
    `;
  }

  // ---------------------------------------------------------------- actions

  private async onLogin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const login = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!login || !password) {
      this.fieldErrors = { login: !login, password: !password };
      this.message = {
        kind: 'error',
        text: !login
          ? password
            ? msg('Podaj identyfikator.')
            : msg('Podaj identyfikator i hasło.')
          : msg('Podaj hasło.'),
      };
      this.focusAfterRender = this.ref(!login ? 'login' : 'password');
      return;
    }
    this.busy = true;
    this.message = null;
    this.fieldErrors = {};
    try {
      const user = await this.session.store.login(login, password);
      this.emit('strefa-login', { user });
      this.focusAfterRender = user.mustChangePassword ? this.ref('current') : this.ref('user');
    } catch (error) {
      this.showError(error);
      if (error instanceof ApiClientError && error.code === 'invalid_credentials') {
        (form.elements.namedItem('password') as HTMLInputElement).value = '';
        this.fieldErrors = { login: true, password: true };
        this.focusAfterRender = this.ref('password');
      }
    } finally {
      this.busy = false;
    }
  }

  private async onChangePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const user = this.session.user;
    if (!user) return;
    const length = characters(this.newPassword).length;
    const problems: string[] = [];
    const invalid: Record<string, boolean> = {};
    if (!this.currentPassword) {
      problems.push(msg('Podaj hasło startowe.'));
      invalid.current = true;
    }
    if (length < this.minLength) {
      problems.push(msg(str`Nowe hasło musi mieć co najmniej ${this.minLength} znaków.`));
      invalid.new = true;
    } else if (length > MAX_PASSWORD_LENGTH) {
      problems.push(passwordReasonMessage('too_long'));
      invalid.new = true;
    } else if (this.newPassword.normalize('NFC').toLowerCase() === user.login.toLowerCase()) {
      problems.push(passwordReasonMessage('same_as_login'));
      invalid.new = true;
    }
    if (this.newPassword !== this.confirmPassword) {
      problems.push(msg('Wpisane nowe hasła różnią się.'));
      invalid.confirm = true;
    }
    if (problems.length) {
      this.fieldErrors = invalid;
      this.message = { kind: 'error', text: msg('Popraw hasło:'), list: problems };
      this.focusAfterRender = this.ref(invalid.current ? 'current' : invalid.new ? 'new' : 'confirm');
      return;
    }
    this.busy = true;
    this.message = null;
    this.fieldErrors = {};
    try {
      await this.session.store.changePassword(this.currentPassword, this.newPassword);
      const updated = this.session.user ?? { ...user, mustChangePassword: false };
      this.message = {
        kind: 'success',
        text: msg('Hasło zostało zmienione. Przy następnym logowaniu użyj nowego hasła.'),
      };
      this.emit('strefa-password-changed', { user: updated });
      this.focusAfterRender = this.ref('user');
    } catch (error) {
      if (error instanceof ApiClientError && error.code === 'password_policy') {
        const reasons = error.body?.reasons ?? [];
        this.message = {
          kind: 'error',
          text: msg('Serwer nie przyjął tego hasła:'),
          list: reasons.length
            ? reasons.map((r) => passwordReasonMessage(r.code, r.message))
            : [msg('Hasło nie spełnia wymagań.')],
        };
        this.fieldErrors = { new: true };
        this.focusAfterRender = this.ref('new');
      } else if (error instanceof ApiClientError && error.code === 'invalid_credentials') {
        this.message = { kind: 'error', text: msg('Hasło startowe jest nieprawidłowe.') };
        this.fieldErrors = { current: true };
        this.focusAfterRender = this.ref('current');
      } else {
        this.showError(error);
      }
    } finally {
      this.busy = false;
    }
  }

  private async onLogout(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message = null;
    try {
      await this.session.store.logout();
      this.emit('strefa-logout', {});
      this.focusAfterRender = this.ref('login');
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private showError(error: unknown): void {
    const text = errorMessage(error);
    if (text) this.message = { kind: 'error', text };
  }
}
