import { html, nothing, type PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import type {
  AccountState,
  AccountsResponse,
  DocumentKind,
  DocumentsResponse,
  FiltersResponse,
} from '@strefa/api-types';
import { DataWidget, type ViewParams } from '../internal/data-widget.ts';
import { StatementDownload, statementStyles } from '../internal/statement-download.ts';
import {
  absMoney,
  formatDate,
  formatMoney,
  groszeToMoney,
  moneyToGrosze,
  signOf,
} from '../internal/format.ts';
import type { LabelMap } from '../internal/labels.ts';
import type { BalanceHistory } from './ledger-accounts.history.ts';
import { errorMessage } from '../internal/localization.ts';
import { accountsCsvButton, documentsCsvButton } from './ledger-accounts.csv.ts';
import { styles } from './ledger-accounts.styles.ts';

/** Every DocumentKind's words (a code newer than this build is shown as it came). */
const DOCUMENT_KINDS: LabelMap<DocumentKind> = {
  charge: () => msg('naliczenie'),
  payment: () => msg('wpłata'),
  interest: () => msg('nota odsetkowa'),
  correction: () => msg('korekta'),
  settlement: () => msg('rozliczenie'),
};

/**
 * Księgowość (accounting): for a chosen year, each settlement account of the unit with its
 * opening balance, debit (Wn) and credit (Ma) turnover and balance, the balance put in words
 * (zaległość, nadpłata, rozliczone). "Szczegóły" opens every document of that account and year,
 * with sums that equal the account's turnover. Invoices issued by the cooperative are not included,
 * and the widget says so. "Skąd to saldo?" opens the balance month by month for the last 12
 * months, each month expandable to its documents (ledger-accounts.history.ts).
 *
 * @summary Account balances of a unit for a year, with the documents behind them.
 *
 * @fires strefa-session-expired - The server ended the session (a 401); every widget shows the login.
 *
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart csv - A "Pobierz CSV" button.
 * @csspart base - The widget's section.
 * @csspart heading - The widget's heading.
 * @csspart form - The parameter form (year, account, "Wyślij").
 * @csspart field - One labelled select of the form.
 * @csspart select - A select of the form.
 * @csspart submit - The "Wyślij" button.
 * @csspart content - The data below the form.
 * @csspart table - The table of accounts.
 * @csspart details-button - A "Szczegóły" button.
 * @csspart details - The opened documents of one account.
 * @csspart documents-table - The table of documents.
 * @csspart note - The note that invoices are not included.
 * @csspart history - "Skąd to saldo?": its button and the balance month by month.
 * @csspart history-button - The "Skąd to saldo?" button.
 * @csspart history-strip - The bar strip of the balance at each month's end.
 * @csspart history-table - The table of months of one account.
 * @csspart statement - The yearly statement's download (link and its messages).
 * @csspart statement-link - "Pobierz zestawienie roczne (PDF)".
 * @csspart loading - The loading message.
 * @csspart empty - The "no data" message.
 * @csspart error - The error message with its retry button.
 * @csspart retry - The "Spróbuj ponownie" button.
 *
 * @cssproperty --strefa-color-primary - Buttons and focus accents.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Secondary text and the note.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Borders of the form and the tables.
 * @cssproperty --strefa-color-danger - Errors and arrears.
 * @cssproperty --strefa-color-success - Overpayments.
 * @cssproperty --strefa-color-focus - The keyboard focus ring.
 * @cssproperty --strefa-font-family - All text.
 * @cssproperty --strefa-font-size - The base text size.
 * @cssproperty --strefa-radius - Corners.
 * @cssproperty --strefa-space - Spacing.
 */
export class LedgerAccounts extends DataWidget {
  static override styles = [...DataWidget.styles, styles, statementStyles];

  /** Set when the resident opened details: their heading takes the focus after rendering. */
  private focusDetails = false;
  /** The account whose details were just closed: its button gets the focus back. */
  private focusButtonOf: number | null = null;

  protected get heading(): string {
    return msg('Księgowość');
  }

  /**
   * "Skąd to saldo?": the button is always here; the history's code (ledger-accounts.history.ts)
   * is loaded the first time a resident opens it, and its data each time it is opened.
   */
  private history: BalanceHistory | null = null;
  private historyLoading = false;
  private historyError: string | null = null;

  private readonly accountsTask = this.dataTask(
    () => [this.applied?.year],
    (unit, [year], signal) => this.api.accounts(unit, year, signal),
  );

  /** The documents of the account whose details are open. */
  private readonly documentsTask = this.dataTask(
    () => [this.applied?.year, this.applied?.details],
    (unit, [year, account], signal) => this.api.documents(unit, account, year, signal),
  );

  protected resolveParams(wanted: ViewParams, filters: FiltersResponse): ViewParams {
    const year = this.pickYear(wanted.year, filters);
    const known = (id: number | undefined) =>
      id !== undefined && filters.accounts.some((account) => account.id === id) ? id : undefined;
    const account = known(wanted.account);
    // Details of an account the chosen filter hides would be a view nobody could reach.
    const details = account !== undefined && wanted.details !== account ? undefined : known(wanted.details);
    return { year, account, details };
  }

  protected renderFields(filters: FiltersResponse) {
    return html`${this.renderSelect('year', msg('Rok'), this.yearOptions(filters))}
    ${this.renderSelect('account', msg('Konto'), [
      { value: '', label: msg('Wszystkie konta') },
      ...filters.accounts.map((account) => ({ value: String(account.id), label: account.name })),
    ])}`;
  }

  /** "Pobierz zestawienie roczne (PDF)" for the unit and the chosen year. */
  private readonly statement = new StatementDownload(this);

  /** @internal A failed statement download ends the session on a 401, like any other call. */
  onStatementError(error: unknown): void {
    this.session.failed(error);
  }

  protected renderContent() {
    const unit = this.effectiveUnitId;
    const year = this.applied?.year;
    return html`${this.renderTask(this.accountsTask, (data) => this.renderAccounts(data))}
      ${unit !== null && year !== undefined ? this.statement.render(unit, year) : nothing}
      <p class="note" part="note">
        ${msg('Informacje nie uwzględniają zobowiązań wynikających z otrzymanych od Spółdzielni faktur.')}
      </p>
      ${this.renderHistory()}`;
  }

  /** The "Skąd to saldo?" button and, when open, the balance month by month. */
  private renderHistory() {
    const open = this.history?.open ?? false;
    return html`<div class="history" part="history">
      <button
        type="button"
        class="strefa-button strefa-button--secondary history-button"
        part="history-button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? 'history' : nothing}
        aria-busy=${this.historyLoading ? 'true' : nothing}
        @click=${() => void this.toggleHistory()}
      >
        ${msg('Skąd to saldo?')}
      </button>
      ${
        this.historyError
          ? html`<p class="strefa-alert strefa-alert--error" role="alert">${this.historyError}</p>`
          : nothing
      }
      ${open ? this.history!.render(this.fmtLang, (task, complete) => this.renderTask(task, complete)) : nothing}
    </div>`;
  }

  private async toggleHistory(): Promise<void> {
    if (this.history) return this.history.toggle();
    if (this.historyLoading) return;
    this.historyLoading = true;
    this.historyError = null;
    this.requestUpdate();
    try {
      const { BalanceHistory } = await import('./ledger-accounts.history.ts');
      this.history ??= new BalanceHistory(this, (promise) => this.guard(promise));
      this.history.toggle();
    } catch (error) {
      // A chunk of an older deployment, gone from the server, or no connection.
      this.historyError = errorMessage(error);
    } finally {
      this.historyLoading = false;
      this.requestUpdate();
    }
  }

  /** The balance in words: arrears, overpayment or settled; colour is never the only signal. */
  private balanceStatus(balance: string) {
    const lang = this.fmtLang;
    switch (signOf(balance)) {
      case 1:
        return html`<span class="arrears">${msg(str`zaległość ${formatMoney(balance, lang)}`)}</span>`;
      case -1:
        return html`<span class="overpayment"
          >${msg(str`nadpłata ${formatMoney(absMoney(balance), lang)}`)}</span
        >`;
      default:
        return html`<span>${msg('rozliczone')}</span>`;
    }
  }

  private renderAccounts(data: AccountsResponse) {
    const lang = this.fmtLang;
    const chosen = this.applied?.account;
    const accounts = chosen === undefined ? data.accounts : data.accounts.filter((a) => a.id === chosen);
    if (accounts.length === 0)
      return this.renderEmpty(msg(str`Brak zapisów na kontach w roku ${data.year}.`));
    const labels = {
      name: msg('Konto'),
      opening: msg('Bilans otwarcia'),
      debit: msg('Obroty Wn'),
      credit: msg('Obroty Ma'),
      balance: msg('Saldo'),
      status: msg('Stan'),
      details: msg('Dokumenty'),
    };
    const open = this.applied?.details;
    const openAccount = accounts.find((account) => account.id === open);
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="accounts-caption">
        <table class="strefa-table" part="table">
          <caption id="accounts-caption">
            ${msg(str`Stan kont w roku ${data.year}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${labels.name}</th>
              <th scope="col" class="num">${labels.opening}</th>
              <th scope="col" class="num">${labels.debit}</th>
              <th scope="col" class="num">${labels.credit}</th>
              <th scope="col" class="num">${labels.balance}</th>
              <th scope="col">${labels.status}</th>
              <th scope="col"><span class="visually-hidden">${labels.details}</span></th>
            </tr>
          </thead>
          <tbody>
            ${accounts.map(
              (account) =>
                html`<tr data-account=${account.id}>
                  <th scope="row" data-label=${labels.name}>${account.name}</th>
                  <td data-label=${labels.opening} class="num">
                    ${formatMoney(account.openingBalance, lang)}
                  </td>
                  <td data-label=${labels.debit} class="num">${formatMoney(account.debit, lang)}</td>
                  <td data-label=${labels.credit} class="num">${formatMoney(account.credit, lang)}</td>
                  <td data-label=${labels.balance} class="num">${formatMoney(account.balance, lang)}</td>
                  <td data-label=${labels.status} class="status">${this.balanceStatus(account.balance)}</td>
                  <td>${this.renderDetailsButton(account)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${accountsCsvButton(this, data.year, accounts, labels)}
      ${openAccount ? this.renderDetails(openAccount) : nothing}`;
  }

  private renderDetailsButton(account: AccountState) {
    const open = this.applied?.details === account.id;
    return html`<button
      type="button"
      class="strefa-button strefa-button--secondary details-button"
      part="details-button"
      data-account=${account.id}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? 'details' : nothing}
      aria-label=${msg(str`Szczegóły: ${account.name}`)}
      @click=${() => this.toggleDetails(account.id)}
    >
      ${msg('Szczegóły')}
    </button>`;
  }

  private toggleDetails(accountId: number): void {
    if (this.applied?.details === accountId) {
      this.focusButtonOf = accountId;
      this.setDetails(undefined);
    } else {
      this.focusDetails = true;
      this.setDetails(accountId);
    }
  }

  private renderDetails(account: AccountState) {
    const year = this.applied?.year;
    return html`<section id="details" class="details" part="details" aria-labelledby="details-heading">
      <h3 id="details-heading" class="details-heading" tabindex="-1">
        ${msg(str`Dokumenty: ${account.name}, ${year}`)}
      </h3>
      ${this.renderTask(this.documentsTask, (data) => this.renderDocuments(data))}
      <button
        type="button"
        class="strefa-button strefa-button--secondary"
        @click=${() => this.toggleDetails(account.id)}
      >
        ${msg('Zamknij szczegóły')}
      </button>
    </section>`;
  }

  private kindLabel(kind: DocumentKind): string {
    return Object.hasOwn(DOCUMENT_KINDS, kind) ? DOCUMENT_KINDS[kind]() : String(kind);
  }

  private renderDocuments(data: DocumentsResponse) {
    if (data.documents.length === 0) {
      return this.renderEmpty(msg(str`Brak dokumentów na tym koncie w roku ${data.year}.`));
    }
    const lang = this.fmtLang;
    // Exact sums in grosze: they must equal the account's turnover to the grosz.
    const debit = groszeToMoney(data.documents.reduce((sum, d) => sum + moneyToGrosze(d.debit), 0n));
    const credit = groszeToMoney(data.documents.reduce((sum, d) => sum + moneyToGrosze(d.credit), 0n));
    const labels = {
      date: msg('Data'),
      number: msg('Numer'),
      kind: msg('Rodzaj'),
      description: msg('Opis'),
      debit: msg('Wn'),
      credit: msg('Ma'),
    };
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="documents-caption">
        <table class="strefa-table" part="documents-table">
          <caption class="visually-hidden" id="documents-caption">
            ${msg(str`Dokumenty konta ${data.account.name} w roku ${data.year}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${labels.date}</th>
              <th scope="col">${labels.number}</th>
              <th scope="col">${labels.kind}</th>
              <th scope="col">${labels.description}</th>
              <th scope="col" class="num">${labels.debit}</th>
              <th scope="col" class="num">${labels.credit}</th>
            </tr>
          </thead>
          <tbody>
            ${data.documents.map(
              (doc) =>
                html`<tr>
                  <td data-label=${labels.date}>${formatDate(doc.date, lang)}</td>
                  <th scope="row" data-label=${labels.number}>${doc.number}</th>
                  <td data-label=${labels.kind}>${this.kindLabel(doc.kind)}</td>
                  <td data-label=${labels.description}>${doc.description}</td>
                  <td data-label=${labels.debit} class="num doc-debit">${formatMoney(doc.debit, lang)}</td>
                  <td data-label=${labels.credit} class="num doc-credit">${formatMoney(doc.credit, lang)}</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr class="sums">
              <th scope="row" colspan="4">${msg('Razem')}</th>
              <td data-label=${labels.debit} class="num sum-debit">${formatMoney(debit, lang)}</td>
              <td data-label=${labels.credit} class="num sum-credit">${formatMoney(credit, lang)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      ${documentsCsvButton(this, data, labels, (kind) => this.kindLabel(kind))}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusDetails) {
      const heading = this.renderRoot.querySelector<HTMLElement>('#details-heading');
      if (heading) {
        this.focusDetails = false;
        heading.focus();
      }
    }
    if (this.focusButtonOf !== null) {
      const button = this.renderRoot.querySelector<HTMLElement>(
        `.details-button[data-account="${this.focusButtonOf}"]`,
      );
      this.focusButtonOf = null;
      button?.focus();
    }
  }
}
