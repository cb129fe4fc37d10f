import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import type { AdminPerson, AuditAction, AuditEvent, IssuedCredentials } from '@strefa/api-types';
import { ApiClientError } from '../internal/api-client.ts';
// One login form per page: the clerks' tool points to a <resident-login> the page holds.
import '../internal/login-prompt.ts';
import { errorMessage, formatDateTime } from '../internal/localization.ts';
import { SessionController } from '../internal/session-store.ts';
import { StrefaElement } from '../internal/strefa-element.ts';
import { themeStyles } from '../internal/theme.styles.ts';
import { printActivationLetter } from './activation-letter.ts';
import { clerkAdminStyles } from './clerk-admin.styles.ts';

/** The search needs this many characters, as the API does. */
const MIN_QUERY = 2;

interface Issued {
  person: AdminPerson;
  credentials: IssuedCredentials;
  kind: 'issued' | 'reset';
}

/** The action of an audit event, in words. */
export function auditActionLabel(action: AuditAction | string): string {
  switch (action) {
    case 'login_success':
      return msg('Udane logowanie');
    case 'login_failure':
      return msg('Nieudane logowanie');
    case 'logout':
      return msg('Wylogowanie');
    case 'password_change':
      return msg('Zmiana hasła');
    case 'credentials_issued':
      return msg('Wydanie identyfikatora i hasła startowego');
    case 'credentials_reset':
      return msg('Nowe hasło startowe');
    case 'account_locked':
      return msg('Blokada po nieudanych logowaniach');
    case 'clerk_created':
      return msg('Utworzenie konta pracownika');
    default:
      return action;
  }
}

/** Where a person's access stands, in words, with a class for its colour. */
export function accessStatus(person: AdminPerson, now = Date.now()): { text: string; kind: string } {
  if (!person.login) return { text: msg('Brak dostępu'), kind: 'none' };
  if (person.lockedUntil && Date.parse(person.lockedUntil) > now) {
    return {
      text: msg(str`Zablokowany do ${formatDateTime(person.lockedUntil)}`),
      kind: 'locked',
    };
  }
  if (person.mustChangePassword) return { text: msg('Czeka na zmianę hasła startowego'), kind: 'pending' };
  return { text: msg('Aktywny'), kind: 'active' };
}

/** "Found N people", with Polish plural forms. */
function foundMessage(count: number): string {
  if (count === 0) return msg('Nie znaleziono nikogo. Sprawdź pisownię albo wpisz mniej znaków.');
  switch (new Intl.PluralRules('pl').select(count)) {
    case 'one':
      return msg('Znaleziono 1 osobę.');
    case 'few':
      return msg(str`Znaleziono ${count} osoby.`);
    default:
      return msg(str`Znaleziono ${count} osób.`);
  }
}

/**
 * The clerks' tool for access to Strefa Mieszkańca: find a resident (name, member number or
 * street), see whether they have a login, whether it is locked and when it was last used; issue
 * an identifier and a one-time start password, or a new start password (after a confirmation);
 * print the activation letter; read a login's audit trail.
 *
 * Needs a clerk's session: without one it shows `<resident-login>` (placed in its light DOM, in
 * the `login` slot, so password managers work). A one-time password is shown once, right after
 * it was generated, and forgotten when the panel is closed.
 *
 * @summary Issue and reset residents' access; activation letters; audit trail.
 *
 * @slot login - Filled automatically with `<resident-login>` while there is no clerk session.
 *
 * @fires strefa-logout - After the clerk logged out with this widget's "Wyloguj".
 *
 * @csspart base - The whole tool.
 * @csspart heading - The tool's title.
 * @csspart search - The search form.
 * @csspart results - The results section.
 * @csspart credentials - The panel with newly generated credentials.
 * @csspart audit - The audit trail section.
 * @csspart dialog - The confirmation dialog of a reset.
 *
 * @cssproperty --strefa-color-primary - Buttons, the credentials panel.
 * @cssproperty --strefa-color-on-primary - Text on primary buttons.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Secondary text.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Borders.
 * @cssproperty --strefa-color-danger - Errors, locked logins.
 * @cssproperty --strefa-color-success - Active logins.
 * @cssproperty --strefa-color-focus - Keyboard focus ring.
 * @cssproperty --strefa-font-family - Font.
 * @cssproperty --strefa-font-size - Base font size.
 * @cssproperty --strefa-radius - Corner radius.
 * @cssproperty --strefa-space - Base spacing.
 */
export class ClerkAdmin extends StrefaElement {
  static override styles = [themeStyles, clerkAdminStyles];

  /** The portal's address printed in activation letters; the page's origin when empty. */
  @property({ attribute: 'portal-url' }) portalUrl = '';

  /** @internal */
  protected readonly session = new SessionController(this);

  @state() private searchedQuery = '';
  @state() private searchVersion = 0;
  @state() private queryError = '';
  @state() private auditLogin: string | null = null;
  @state() private issued: Issued | null = null;
  @state() private confirmPerson: AdminPerson | null = null;
  @state() private busyPersonId: number | null = null;
  @state() private actionError = '';
  @state() private announcement = '';

  @query('dialog') private dialog?: HTMLDialogElement;

  private dialogOpener: HTMLElement | null = null;
  private focusAfterRender: string | null = null;

  private readonly searchTask = new Task(this, {
    task: async ([q], { signal }) => {
      if (!q) return null;
      try {
        const { people } = await this.api.searchPeople(q, signal);
        this.announcement = foundMessage(people.length);
        return people;
      } catch (error) {
        this.onApiError(error);
        throw error;
      }
    },
    args: () => [this.searchedQuery, this.searchVersion] as const,
  });

  private readonly auditTask = new Task(this, {
    task: async ([login], { signal }) => {
      if (!login) return null;
      try {
        return (await this.api.audit(login, signal)).events;
      } catch (error) {
        this.onApiError(error);
        throw error;
      }
    },
    args: () => [this.auditLogin] as const,
  });

  protected override willUpdate(): void {
    // Logged out (here or in another widget): nothing of the clerk's work stays on screen.
    if (!this.session.ready && (this.issued || this.searchedQuery || this.auditLogin)) {
      this.issued = null;
      this.searchedQuery = '';
      this.auditLogin = null;
      this.actionError = '';
      this.announcement = '';
    }
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Never keep a one-time password in memory longer than the tool is on the page.
    this.issued = null;
  }

  /** A 401 anywhere: the session ended; every widget on the page goes back to the login. */
  private onApiError(error: unknown): void {
    this.session.failed(error);
  }

  protected override render(): TemplateResult {
    const session = this.session;
    if (!session.ready) {
      return html`<div class="admin" part="base">
        <h2 class="strefa-heading" part="heading">${msg('Obsługa dostępu do Strefy Mieszkańca')}</h2>
        <p class="strefa-muted">${msg('Zaloguj się kontem pracownika spółdzielni.')}</p>
        ${this.renderLoginPrompt(3)}
      </div>`;
    }
    const user = session.user!;
    if (user.role !== 'clerk') {
      return html`<div class="admin" part="base">
        <h2 class="strefa-heading" part="heading">${msg('Obsługa dostępu do Strefy Mieszkańca')}</h2>
        <div class="strefa-alert strefa-alert--error" role="alert">
          ${msg(
            str`To narzędzie jest przeznaczone dla pracowników spółdzielni. Jesteś zalogowany(-a) jako ${user.displayName} (konto mieszkańca).`,
          )}
        </div>
        <p>
          <button class="strefa-button strefa-button--secondary" @click=${this.onLogout}>
            ${msg('Wyloguj')}
          </button>
        </p>
      </div>`;
    }
    return html`
      <div class="admin" part="base">
        <header class="admin__header">
          <h2 class="strefa-heading" part="heading">${msg('Obsługa dostępu do Strefy Mieszkańca')}</h2>
          <p class="admin__user">
            <span>${msg(str`Pracownik: ${user.displayName}`)}</span>
            <button type="button" class="strefa-button strefa-button--secondary" @click=${this.onLogout}>
              ${msg('Wyloguj')}
            </button>
          </p>
        </header>
        ${this.renderSearch()}
        <div class="visually-hidden" role="status">${this.announcement}</div>
        <div class="strefa-alert strefa-alert--error" role="alert">${this.actionError}</div>
        ${this.issued ? this.renderIssued(this.issued) : nothing} ${this.renderResults()}
        ${this.auditLogin ? this.renderAudit(this.auditLogin) : nothing} ${this.renderDialog()}
      </div>
    `;
  }

  private renderSearch(): TemplateResult {
    return html`
      <form
        role="search"
        part="search"
        novalidate
        @submit=${this.onSearch}
        aria-label=${msg('Wyszukiwanie mieszkańców')}
      >
        <div class="strefa-form-row">
          <div class="strefa-field">
            <label for="q">${msg('Szukaj mieszkańca')}</label>
            <input
              id="q"
              name="q"
              type="search"
              class="strefa-input"
              autocomplete="off"
              spellcheck="false"
              required
              minlength=${MIN_QUERY}
              aria-invalid=${this.queryError ? 'true' : 'false'}
              aria-describedby="q-hint q-error"
            />
          </div>
          <button type="submit" class="strefa-button">${msg('Szukaj')}</button>
        </div>
        <p id="q-hint" class="strefa-field__hint admin__hint">
          ${msg('Imię i nazwisko, numer członkowski albo ulica (co najmniej 2 znaki).')}
        </p>
        <p id="q-error" class="strefa-field__error admin__hint">${this.queryError}</p>
      </form>
    `;
  }

  /**
   * The pending and error states of a task, the same for every section: a busy message, and the
   * error in words with a retry that runs that task again.
   */
  private pendingAndError(task: { run(): unknown }, pendingText: () => string) {
    return {
      pending: () => html`<p role="status" aria-busy="true">${pendingText()}</p>`,
      error: (error: unknown) =>
        html`<div class="strefa-alert strefa-alert--error" role="alert">${errorMessage(error)}</div>
          <p>
            <button type="button" class="strefa-button strefa-button--secondary" @click=${() => task.run()}>
              ${msg('Spróbuj ponownie')}
            </button>
          </p>`,
    };
  }

  private renderResults(): TemplateResult | typeof nothing {
    if (!this.searchedQuery) return nothing;
    return html`<section class="admin__results" part="results" aria-labelledby="results-heading">
      <h3 id="results-heading" class="admin__section-heading">
        ${msg(str`Wyniki dla „${this.searchedQuery}”`)}
      </h3>
      ${this.searchTask.render({
        ...this.pendingAndError(this.searchTask, () => msg('Wyszukiwanie…')),
        complete: (people) => (people ? this.renderPeople(people) : nothing),
      })}
    </section>`;
  }

  private renderPeople(people: AdminPerson[]): TemplateResult {
    if (!people.length) return html`<p>${foundMessage(0)}</p>`;
    const labels = {
      name: msg('Osoba'),
      member: msg('Nr członkowski'),
      units: msg('Lokale'),
      login: msg('Identyfikator'),
      status: msg('Stan dostępu'),
      last: msg('Ostatnie logowanie'),
      actions: msg('Działania'),
    };
    return html`<table class="strefa-table">
      <caption class="visually-hidden">
        ${foundMessage(people.length)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${labels.name}</th>
          <th scope="col">${labels.member}</th>
          <th scope="col">${labels.units}</th>
          <th scope="col">${labels.login}</th>
          <th scope="col">${labels.status}</th>
          <th scope="col">${labels.last}</th>
          <th scope="col"><span class="visually-hidden">${labels.actions}</span></th>
        </tr>
      </thead>
      <tbody>
        ${people.map((person) => {
          const status = accessStatus(person);
          const busy = this.busyPersonId === person.id;
          return html`<tr data-person-id=${person.id}>
            <th scope="row" data-label=${labels.name}>${person.displayName}</th>
            <td data-label=${labels.member}>${person.memberNumber ?? '—'}</td>
            <td data-label=${labels.units}>
              <ul class="admin__units">
                ${person.units.map((unit) => html`<li>${unit.address}</li>`)}
              </ul>
            </td>
            <td data-label=${labels.login}>${person.login ?? '—'}</td>
            <td data-label=${labels.status}>
              <span class="admin__status admin__status--${status.kind}">${status.text}</span>
            </td>
            <td data-label=${labels.last}>
              ${person.lastLoginAt ? formatDateTime(person.lastLoginAt) : msg('nigdy')}
            </td>
            <td>
              <div class="admin__actions">
                ${
                  person.login
                    ? html`<button
                          type="button"
                          class="strefa-button strefa-button--secondary"
                          data-action="reset"
                          aria-disabled=${busy ? 'true' : 'false'}
                          @click=${(e: Event) => this.openResetDialog(person, e.currentTarget as HTMLElement)}
                        >
                          ${msg('Nowe hasło startowe')}<span class="visually-hidden"
                            >: ${person.displayName}</span
                          >
                        </button>
                        <button
                          type="button"
                          class="strefa-button strefa-button--secondary"
                          data-action="audit"
                          @click=${() => this.openAudit(person.login!)}
                        >
                          ${msg('Historia')}<span class="visually-hidden">: ${person.displayName}</span>
                        </button>`
                    : html`<button
                        type="button"
                        class="strefa-button"
                        data-action="issue"
                        aria-disabled=${busy ? 'true' : 'false'}
                        @click=${() => this.issue(person)}
                      >
                        ${msg('Wydaj dostęp')}<span class="visually-hidden">: ${person.displayName}</span>
                      </button>`
                }
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private renderIssued(issued: Issued): TemplateResult {
    const { person, credentials } = issued;
    return html`<section
      class="admin__section credentials"
      part="credentials"
      aria-labelledby="credentials-heading"
    >
      <h3 id="credentials-heading" class="admin__section-heading" tabindex="-1">
        ${
          issued.kind === 'issued'
            ? msg(str`Wydano dostęp: ${person.displayName}`)
            : msg(str`Nowe hasło startowe: ${person.displayName}`)
        }
      </h3>
      <dl class="credentials__data">
        <dt>${msg('Identyfikator')}</dt>
        <dd class="credentials__secret" data-field="login">${credentials.login}</dd>
        <dt>${msg('Hasło startowe')}</dt>
        <dd class="credentials__secret" data-field="password">${credentials.oneTimePassword}</dd>
        <dt>${msg('Ważne do')}</dt>
        <dd data-field="expires">${formatDateTime(credentials.expiresAt)}</dd>
      </dl>
      <p class="strefa-alert strefa-alert--info">
        ${msg(
          'Hasło startowe widać tylko teraz: po zamknięciu tego panelu nie da się go wyświetlić ponownie. Wydrukuj list aktywacyjny albo przekaż hasło mieszkańcowi osobiście. Hasła, które mieszkaniec ustawi przy pierwszym logowaniu, nie poznasz.',
        )}
      </p>
      <div class="admin__actions">
        <button type="button" class="strefa-button" data-action="print" @click=${this.onPrint}>
          ${msg('Drukuj list aktywacyjny')}
        </button>
        <button
          type="button"
          class="strefa-button strefa-button--secondary"
          data-action="close-credentials"
          @click=${this.closeIssued}
        >
          ${msg('Zamknij')}
        </button>
      </div>
    </section>`;
  }

  private renderAudit(login: string): TemplateResult {
    const labels = {
      at: msg('Czas'),
      action: msg('Zdarzenie'),
      actor: msg('Wykonał(a)'),
      target: msg('Dotyczy'),
      ip: msg('Adres IP'),
    };
    return html`<section class="admin__section" part="audit" aria-labelledby="audit-heading">
      <h3 id="audit-heading" class="admin__section-heading" tabindex="-1">
        ${msg(str`Historia identyfikatora ${login}`)}
      </h3>
      ${this.auditTask.render({
        ...this.pendingAndError(this.auditTask, () => msg('Wczytywanie historii…')),
        complete: (events) =>
          !events?.length
            ? html`<p>${msg('Brak zdarzeń.')}</p>`
            : html`<table class="strefa-table">
                <caption class="visually-hidden">
                  ${msg(str`Zdarzenia identyfikatora ${login}, od najnowszych`)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${labels.at}</th>
                    <th scope="col">${labels.action}</th>
                    <th scope="col">${labels.actor}</th>
                    <th scope="col">${labels.target}</th>
                    <th scope="col">${labels.ip}</th>
                  </tr>
                </thead>
                <tbody>
                  ${events.map(
                    (event: AuditEvent) =>
                      html`<tr>
                        <td data-label=${labels.at}>${formatDateTime(event.at)}</td>
                        <td data-label=${labels.action}>${auditActionLabel(event.action)}</td>
                        <td data-label=${labels.actor}>${event.actor ?? '—'}</td>
                        <td data-label=${labels.target}>${event.target ?? '—'}</td>
                        <td data-label=${labels.ip}>${event.ip ?? '—'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
      })}
      <p>
        <button type="button" class="strefa-button strefa-button--secondary" @click=${this.closeAudit}>
          ${msg('Zamknij historię')}
        </button>
      </p>
    </section>`;
  }

  private renderDialog(): TemplateResult {
    const person = this.confirmPerson;
    return html`<dialog
      part="dialog"
      aria-labelledby="confirm-heading"
      aria-describedby="confirm-text"
      @close=${this.onDialogClose}
    >
      <h3 id="confirm-heading" class="admin__section-heading">${msg('Wygenerować nowe hasło startowe?')}</h3>
      <p id="confirm-text">
        ${
          person
            ? msg(
                str`Dla: ${person.displayName} (identyfikator ${person.login}). Dotychczasowe hasło przestanie działać, wszystkie otwarte sesje tej osoby zostaną zakończone, a blokada konta zdjęta. Zrób to tylko po sprawdzeniu dokumentu tożsamości.`,
              )
            : nothing
        }
      </p>
      <div class="dialog__actions">
        <button type="button" class="strefa-button" data-action="confirm-reset" @click=${this.confirmReset}>
          ${msg('Wygeneruj nowe hasło')}
        </button>
        <button
          type="button"
          class="strefa-button strefa-button--secondary"
          data-action="cancel-reset"
          autofocus
          @click=${() => this.dialog?.close('cancel')}
        >
          ${msg('Anuluj')}
        </button>
      </div>
    </dialog>`;
  }

  // ---------------------------------------------------------------- actions

  private onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    const q = input.value.trim();
    if ([...q].length < MIN_QUERY) {
      this.queryError = msg('Wpisz co najmniej 2 znaki.');
      input.focus();
      return;
    }
    this.queryError = '';
    this.actionError = '';
    if (q === this.searchedQuery) this.searchVersion++;
    this.searchedQuery = q;
  }

  private async issue(person: AdminPerson): Promise<void> {
    if (this.busyPersonId !== null) return;
    this.busyPersonId = person.id;
    this.actionError = '';
    try {
      const credentials = await this.api.issueCredentials(person.id);
      this.showIssued({ person: { ...person, login: credentials.login }, credentials, kind: 'issued' });
    } catch (error) {
      this.onApiError(error);
      this.actionError = errorMessage(error);
      // 409: somebody issued it meanwhile; the refreshed list shows the login.
      if (error instanceof ApiClientError && error.code === 'already_issued') this.searchVersion++;
    } finally {
      this.busyPersonId = null;
    }
  }

  private openResetDialog(person: AdminPerson, opener: HTMLElement): void {
    if (this.busyPersonId !== null) return;
    this.dialogOpener = opener;
    this.confirmPerson = person;
    // showModal makes the rest of the page inert and moves focus to the autofocus button
    // ("Anuluj": the safe choice); Escape closes it.
    this.dialog?.showModal();
  }

  private onDialogClose(): void {
    const confirmed = this.dialog?.returnValue === 'confirm';
    if (this.dialog) this.dialog.returnValue = '';
    if (!confirmed) {
      this.confirmPerson = null;
      this.dialogOpener?.focus();
    }
    this.dialogOpener = null;
  }

  private async confirmReset(): Promise<void> {
    const person = this.confirmPerson;
    const opener = this.dialogOpener;
    this.dialog?.close('confirm');
    if (!person?.login) return;
    this.busyPersonId = person.id;
    this.actionError = '';
    try {
      const credentials = await this.api.resetCredentials(person.login);
      this.showIssued({ person, credentials, kind: 'reset' });
    } catch (error) {
      this.onApiError(error);
      this.actionError = errorMessage(error);
      opener?.focus();
    } finally {
      this.busyPersonId = null;
      this.confirmPerson = null;
    }
  }

  private showIssued(issued: Issued): void {
    this.issued = issued;
    this.announcement = '';
    this.focusAfterRender = '#credentials-heading';
    // The list shows the new login and state (and the audit, if open, the new events).
    this.searchVersion++;
    if (this.auditLogin === issued.credentials.login) void this.auditTask.run();
  }

  private closeIssued(): void {
    this.issued = null;
    this.focusAfterRender = '#q';
  }

  private onPrint(): void {
    const issued = this.issued;
    if (!issued) return;
    printActivationLetter({
      displayName: issued.person.displayName,
      address: issued.person.units[0]?.address ?? null,
      login: issued.credentials.login,
      oneTimePassword: issued.credentials.oneTimePassword,
      expiresAt: issued.credentials.expiresAt,
      portalUrl: this.portalUrl || globalThis.location?.origin || '',
      issuedBy: this.session.user?.displayName ?? '',
      issuedAt: new Date(),
    });
  }

  private openAudit(login: string): void {
    if (this.auditLogin === login) void this.auditTask.run();
    this.auditLogin = login;
    this.focusAfterRender = '#audit-heading';
  }

  private closeAudit(): void {
    this.auditLogin = null;
    this.focusAfterRender = '#q';
  }

  private async onLogout(): Promise<void> {
    try {
      await this.session.store.logout();
      this.issued = null;
      this.searchedQuery = '';
      this.auditLogin = null;
      this.emit('strefa-logout', {});
    } catch (error) {
      this.actionError = errorMessage(error);
    }
  }
}
