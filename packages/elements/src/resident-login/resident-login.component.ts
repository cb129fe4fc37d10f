import { html, nothing, supportsAdoptingStyleSheets, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { ApiClientError } from '../internal/api-client.ts';
import { cookieBlockedMessage, errorMessage } from '../internal/localization.ts';
import { SessionController } from '../internal/session-store.ts';
import { StrefaElement } from '../internal/strefa-element.ts';
import { renderLoginMessage, type LoginMessage } from './resident-login.message.ts';
import { residentLoginStyles } from './resident-login.styles.ts';

let instances = 0;

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
   * Who logs in here: `residents` (the default) see where to get a start password; `clerks`
   * (`<clerk-admin>` sets it) see who creates a clerk's account instead.
   */
  @property({ attribute: 'audience' }) audience: 'residents' | 'clerks' = 'residents';

  /**
   * Minimum length of a new password, as the server is configured (`PASSWORD_MIN_LENGTH`); used
   * for the live feedback only, the server checks again.
   */
  @property({ type: Number, attribute: 'min-length' }) minLength = 12;

  /** @internal */
  protected readonly session = new SessionController(this);

  @state() private busy = false;
  @state() private message: LoginMessage | null = null;
  @state() private showPassword = false;
  @state() private fieldErrors: Record<string, boolean> = {};
  /** The lazily loaded new-password step (see resident-login.password-step.ts). */
  @state() private step: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** Focus the new-password step when it appears: only right after a login here. */
  private focusStep = false;
  /** True where adopted style sheets are missing: the rules then go into a <style> of our own. */
  @state() private inlineStyles = false;

  private readonly uid = `strefa-login-${++instances}`;
  private lastView = '';
  private focusAfterRender: string | null = null;

  constructor() {
    super();
    // The password step announces its outcome through these events (fired from this element).
    this.addEventListener('strefa-password-changed', () => {
      this.message = {
        kind: 'success',
        text: msg('Hasło zostało zmienione. Przy następnym logowaniu użyj nowego hasła.'),
      };
      this.focusAfterRender = this.ref('user');
    });
    this.addEventListener('strefa-logout', () => {
      this.focusAfterRender = this.ref('login');
    });
  }

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

  private get view(): 'checking' | 'unreachable' | 'blocked' | 'login' | 'change' | 'session' {
    const store = this.session.store;
    if (store.status === 'unknown') return store.error && !store.checking ? 'unreachable' : 'checking';
    if (store.status === 'anonymous') return store.cookieBlocked ? 'blocked' : 'login';
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
        this.fieldErrors = {};
        this.showPassword = false;
        if (view !== 'change') this.focusStep = false;
      }
      if (view === 'change' && this.step === 'idle') this.loadStep();
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
              ? this.renderProblem(
                  errorMessage(this.session.store.error),
                  () => void this.session.store.refresh(),
                )
              : view === 'blocked'
                ? this.renderProblem(cookieBlockedMessage(), () => this.session.store.dismissCookieBlocked())
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
    return renderLoginMessage(this.message, this.ref('message'));
  }

  /** Fetches the new-password step; `<resident-login>` alone stays small without it. */
  private loadStep = (): void => {
    if (customElements.get('resident-login-password')) {
      this.step = 'ready';
      return;
    }
    this.step = 'loading';
    import('./resident-login.password-step.ts').then(
      () => (this.step = 'ready'),
      () => (this.step = 'failed'),
    );
  };

  /**
   * The session cannot be checked (`unreachable`), or the browser keeps the login's cookie from
   * this page (`blocked`, see SessionStore.cookieBlocked): what happened, and a retry.
   */
  private renderProblem(text: string, retry: () => void): TemplateResult {
    return html`
      <div class="strefa-login__message strefa-login__message--error" role="alert">${text}</div>
      <div class="strefa-login__actions">
        <button type="button" class="strefa-login__button" @click=${retry}>${msg('Spróbuj ponownie')}</button>
      </div>
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
          ${
            this.audience === 'clerks'
              ? msg('Konto pracownika zakłada administrator.')
              : msg(
                  'Nie masz identyfikatora albo nie pamiętasz hasła? Zgłoś się z dowodem tożsamości do Biura Obsługi Mieszkańców, ul. Zamkowa 42, pokój nr 3: otrzymasz jednorazowe hasło startowe.',
                )
          }
        </p>
      </form>
    `;
  }

  private renderChange(): TemplateResult {
    if (this.step === 'ready') {
      return html`<resident-login-password
        .user=${this.session.user}
        .minLength=${this.minLength}
        .idPrefix=${this.uid}
        .focusOnShow=${this.focusStep}
        .apiBase=${this.apiBase}
      ></resident-login-password>`;
    }
    if (this.step === 'failed') {
      return html`${renderLoginMessage({ kind: 'error', text: errorMessage(null) }, this.ref('message'))}
        <div class="strefa-login__actions">
          <button type="button" class="strefa-login__button" @click=${this.loadStep}>
            ${msg('Spróbuj ponownie')}
          </button>
        </div>`;
    }
    return html`<p class="strefa-login__text" role="status">${msg('Wczytywanie…')}</p>`;
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
      if (user.mustChangePassword) this.focusStep = true;
      else this.focusAfterRender = this.ref('user');
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
