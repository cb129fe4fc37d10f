import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import type { AdminPerson } from '@strefa/api-types';
import { ApiClientError } from '../internal/api-client.ts';
import { ResourceClient } from '../internal/resource-client.ts';
import type { ClockLang as Lang } from '../internal/warsaw-time.ts';
// One login form per page: the clerks' tool points to a <resident-login> the page holds.
import '../internal/login-prompt.ts';
import { errorMessage } from '../internal/localization.ts';
import { SessionController } from '../internal/session-store.ts';
import { StrefaElement } from '../internal/strefa-element.ts';
import { themeStyles } from '../internal/theme.styles.ts';
import { renderAuditEvents } from './clerk-admin.audit.ts';
import { auditCsvButton, peopleCsvButton } from './clerk-admin.csv.ts';
import { renderCredentials, type Issued } from './clerk-admin.credentials.ts';
import { auditActionLabel, foundMessage } from './clerk-admin.labels.ts';
import { renderResetDialog } from './clerk-admin.reset-dialog.ts';
import { renderResults } from './clerk-admin.results.ts';
import { MAX_QUERY, MIN_QUERY, renderSearchForm } from './clerk-admin.search.ts';
import { clerkAdminStyles } from './clerk-admin.styles.ts';

export { accessStatus, auditActionLabel } from './clerk-admin.labels.ts';

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

  /** @internal The client with the data calls (resource-client.ts). */
  protected override createClient(base: string): ResourceClient {
    return new ResourceClient(base);
  }

  /** The API client for this element's `api-base`, with the data calls. */
  override get api(): ResourceClient {
    return super.api as ResourceClient;
  }

  @state() private searchedQuery = '';
  @state() private searchVersion = 0;
  @state() private queryError = '';
  @state() private auditLogin: string | null = null;
  @state() private issued: Issued | null = null;
  @state() private confirmPerson: AdminPerson | null = null;
  @state() private busyPersonId: number | null = null;
  @state() private actionError = '';
  @state() private announcement = '';
  /** The activation letter's language, chosen in the credentials panel. */
  @state() private letterLang: Lang = 'pl';

  @query('dialog') private dialog?: HTMLDialogElement;

  private dialogOpener: HTMLElement | null = null;
  private focusAfterRender: string | null = null;

  private readonly searchTask = new Task(this, {
    task: async ([q], { signal }) => {
      if (!q) return null;
      // The previous search's "Nie znaleziono nikogo…" must not outlive it.
      this.announcement = '';
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
        ${this.renderClerkLogin()}
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

  /** The login prompt, telling clerks who creates their account (not the residents' office hint). */
  private renderClerkLogin(): TemplateResult {
    const prompt = this.renderLoginPrompt(3);
    this.querySelector(':scope > resident-login[slot="login"]')?.setAttribute('audience', 'clerks');
    return prompt;
  }

  private renderSearch(): TemplateResult {
    return renderSearchForm({ queryError: this.queryError, onSubmit: (event) => this.onSearch(event) });
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
    return html`${renderResults({
      people,
      busyPersonId: this.busyPersonId,
      onIssue: (person) => void this.issue(person),
      onReset: (person, opener) => this.openResetDialog(person, opener),
      onAudit: (login) => this.openAudit(login),
    })}
    ${people.length ? peopleCsvButton(this.api, this.searchedQuery, people) : nothing}`;
  }

  private renderIssued(issued: Issued): TemplateResult {
    return renderCredentials({
      issued,
      letterLang: this.letterLang,
      onLetterLang: (lang) => (this.letterLang = lang),
      onPrint: () => void this.onPrint(),
      onClose: () => this.closeIssued(),
    });
  }

  private renderAudit(login: string): TemplateResult {
    return html`<section class="admin__section" part="audit" aria-labelledby="audit-heading">
      <h3 id="audit-heading" class="admin__section-heading" tabindex="-1">
        ${msg(str`Historia identyfikatora ${login}`)}
      </h3>
      ${this.auditTask.render({
        ...this.pendingAndError(this.auditTask, () => msg('Wczytywanie historii…')),
        complete: (events) =>
          html`${renderAuditEvents(login, events)}
          ${events?.length ? auditCsvButton(this.api, login, events, auditActionLabel) : nothing}`,
      })}
      <p>
        <button type="button" class="strefa-button strefa-button--secondary" @click=${this.closeAudit}>
          ${msg('Zamknij historię')}
        </button>
      </p>
    </section>`;
  }

  private renderDialog(): TemplateResult {
    return renderResetDialog({
      person: this.confirmPerson,
      onClose: () => this.onDialogClose(),
      onConfirm: () => void this.confirmReset(),
      onCancel: () => this.dialog?.close('cancel'),
    });
  }

  // ---------------------------------------------------------------- actions

  private onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    const q = input.value.trim();
    const tooShort = [...q].length < MIN_QUERY;
    if (tooShort || q.length > MAX_QUERY) {
      this.queryError = tooShort
        ? msg('Wpisz co najmniej 2 znaki.')
        : msg('Wpisz najwyżej 100 znaków: nazwisko, adres albo numer.');
      // The previous search's results and "Nie znaleziono nikogo…" belong to another text.
      this.searchedQuery = '';
      this.announcement = '';
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
    this.letterLang = 'pl';
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

  private async onPrint(): Promise<void> {
    const issued = this.issued;
    if (!issued) return;
    const lang = this.letterLang;
    // The letter is fetched only when a clerk prints one (most visits to the clerks' page print
    // none), the English one only when asked for.
    const [{ printActivationLetter }, template] = await Promise.all([
      import('./activation-letter.ts'),
      lang === 'en' ? import('./letter-en.ts').then((m) => m.englishLetter) : undefined,
    ]);
    if (this.issued !== issued) return;
    printActivationLetter(
      {
        displayName: issued.person.displayName,
        address: issued.person.units[0]?.address ?? null,
        login: issued.credentials.login,
        oneTimePassword: issued.credentials.oneTimePassword,
        expiresAt: issued.credentials.expiresAt,
        portalUrl: this.portalUrl || globalThis.location?.origin || '',
        issuedBy: this.session.user?.displayName ?? '',
        issuedAt: new Date(),
        lang,
      },
      template,
    );
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
