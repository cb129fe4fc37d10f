/**
 * The first-login step of `<resident-login>`: replace the one-time start password with one's own,
 * with live policy feedback and a strength meter. Most visits never need it (only the first login
 * and the first after a clerk's reset), so `<resident-login>` imports this module on demand and
 * keeps its own download small. It defines `<resident-login-password>`, an internal element that
 * renders in light DOM inside `<resident-login>` (password managers must see the form) and uses
 * the login's scoped `strefa-login__*` styles.
 */
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { SessionUser } from '@strefa/api-types';
import { ApiClientError } from '../internal/api-client.ts';
import { errorMessage } from '../internal/localization.ts';
import { passwordReasonMessage } from '../internal/password-reasons.ts';
import { sessionStoreFor } from '../internal/session-store.ts';
import { StrefaElement } from '../internal/strefa-element.ts';
import { renderLoginMessage, type LoginMessage } from './resident-login.message.ts';

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
/** The example phrases of the hint below (Polish, and its English translation), squashed. */
const HINT_EXAMPLES = ['zielonyrowerpodstarymoknem', 'greenbicycleundertheoldwindow'];

export function estimateStrength(password: string, login = ''): 0 | 1 | 2 | 3 | 4 {
  const chars = characters(password);
  if (chars.length === 0) return 0;
  const lower = password.normalize('NFC').toLowerCase();
  if (login && lower.includes(login.toLowerCase())) return 0;
  if (OBVIOUS.includes(lower)) return 0;
  // The hint's own example (in either language): the server refuses it, the meter must not praise it.
  const squashed = lower.replace(/[^\p{L}\p{N}]+/gu, '');
  if (HINT_EXAMPLES.some((example) => squashed.includes(example))) return 0;
  let pool = 0;
  if (/\p{Ll}/u.test(password)) pool += 35; // Polish lowercase letters included
  if (/\p{Lu}/u.test(password)) pool += 35;
  if (/\p{N}/u.test(password)) pool += 10;
  if (/[^\p{L}\p{N}\s]/u.test(password)) pool += 33; // spaces between words add length, not variety
  const unique = new Set(chars).size;
  // Repeated characters add little: count each at most twice.
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
 * The new-password form. Internal: `<resident-login>` creates it.
 *
 * @internal
 *
 * Its events (`strefa-password-changed`, `strefa-logout`) go out from the `<resident-login>`
 * around it.
 */
export class ResidentLoginPasswordStep extends StrefaElement {
  /** The logged-in user who must change the password. */
  @property({ attribute: false }) user: SessionUser | null = null;
  /** Minimum length of the new password (the server's `PASSWORD_MIN_LENGTH`). */
  @property({ attribute: false }) minLength = 12;
  /** Prefix of the ids in the form (unique per `<resident-login>` on the page). */
  @property({ attribute: false }) idPrefix = 'strefa-login';
  /** Move the focus to the first field when shown (right after a login, not on a page load). */
  @property({ attribute: false }) focusOnShow = false;

  @state() private busy = false;
  @state() private message: LoginMessage | null = null;
  @state() private showNewPassword = false;
  @state() private fieldErrors: Record<string, boolean> = {};
  @state() private currentPassword = '';
  @state() private newPassword = '';
  @state() private confirmPassword = '';

  private focusAfterRender: string | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.classList.add('strefa-login__step');
  }

  protected override firstUpdated(): void {
    if (this.focusOnShow) this.querySelector<HTMLElement>(`#${this.ref('current')}`)?.focus();
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      this.querySelector<HTMLElement>(`#${this.focusAfterRender}`)?.focus();
      this.focusAfterRender = null;
    }
  }

  /** The `<resident-login>` around this step (events go out from it). */
  private get owner(): StrefaElement {
    return (this.closest('resident-login') as StrefaElement | null) ?? this;
  }

  private ref(name: string): string {
    return `${this.idPrefix}-${name}`;
  }

  protected override render(): TemplateResult {
    const user = this.user;
    if (!user) return html``;
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
    ]!;
    return html`
      <form class="strefa-login__form" novalidate @submit=${this.onSubmit}>
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
            aria-describedby=${this.ref('step-message')}
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
              aria-describedby="${this.ref('rules')} ${this.ref('strength-text')} ${this.ref('step-message')}"
            />
            <button
              type="button"
              class="strefa-login__button strefa-login__button--secondary strefa-login__toggle"
              aria-pressed=${this.showNewPassword ? 'true' : 'false'}
              aria-controls="${this.ref('new')} ${this.ref('confirm')}"
              @click=${() => (this.showNewPassword = !this.showNewPassword)}
            >
              ${msg('Pokaż hasło')}
            </button>
          </div>
          <p class="strefa-login__hint">
            ${msg(
              'Najlepiej kilka niezwiązanych słów, jak w „zielony rower pod starym oknem” (ale własnych: tego przykładu nie przyjmiemy): łatwe do zapamiętania, trudne do odgadnięcia. Polskie litery i spacje są dozwolone.',
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
            aria-valuetext=${scoreText}
          ></meter>
          <span id=${this.ref('strength-text')}
            ><span class="strefa-login__visually-hidden">${msg('Siła hasła')}: </span>${scoreText}</span
          >
        </div>
        <p class="strefa-login__hint">
          ${msg('To tylko wstępna ocena; ostatecznie hasło sprawdza serwer, także ze słownikiem popularnych haseł.')}
        </p>
        ${renderLoginMessage(this.message, this.ref('step-message'))}
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

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const user = this.user;
    if (this.busy || !user) return;
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
    const store = sessionStoreFor(this.api);
    // The store's change re-renders <resident-login>, which removes this step before the await
    // returns: the event goes out from the login element, the public one the page listens to.
    const owner = this.owner;
    try {
      await store.changePassword(this.currentPassword, this.newPassword);
      owner.emit('strefa-password-changed', { user: store.user ?? { ...user, mustChangePassword: false } });
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
        const text = errorMessage(error);
        if (text) this.message = { kind: 'error', text };
      }
    } finally {
      this.busy = false;
    }
  }

  private async onLogout(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const owner = this.owner;
    try {
      await sessionStoreFor(this.api).logout();
      owner.emit('strefa-logout', {});
    } catch (error) {
      this.message = { kind: 'error', text: errorMessage(error) };
    } finally {
      this.busy = false;
    }
  }
}

if (!customElements.get('resident-login-password')) {
  customElements.define('resident-login-password', ResidentLoginPasswordStep);
}

declare global {
  interface HTMLElementTagNameMap {
    'resident-login-password': ResidentLoginPasswordStep;
  }
}
