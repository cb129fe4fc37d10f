import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import type { PaymentResponse, PaymentTransfer } from '@strefa/api-types';
import { DataWidget, type ViewParams } from '../internal/data-widget.ts';
import {
  absMoney,
  formatDate,
  formatMoney,
  formatNrb,
  groszeToMoney,
  moneyToGrosze,
  signOf,
} from '../internal/format.ts';
import { styles } from './payment-info.styles.ts';

/** The transfer fields a resident copies, in the order a bank's form asks for them. */
type CopyField = 'name' | 'account' | 'title' | 'amount';

/**
 * Do zapłaty: how much to pay now, by when and to which account. The amount and the due date
 * large; the transfer's recipient, account number, title and amount each with a copy button;
 * the payment QR code of the Polish banks (ZBP "Standard 2D") drawn as SVG, with a text
 * alternative, big enough on a phone to scan from another phone, and on paper. Its encoder is
 * loaded only when a code is shown. States: to pay, overdue, paid in advance, nothing due, no
 * fee account, no transfer data (an account number that fails its check, or settings missing),
 * and the shared ones (login, loading, errors, stale data).
 *
 * @summary What to pay this month, with the transfer data and a QR code for a banking app.
 *
 * @fires strefa-session-expired - The server ended the session (a 401); every widget shows the login.
 *
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart base - The widget's section.
 * @csspart heading - The widget's heading.
 * @csspart as-of - "Stan na dzień …": when the billing data were last brought up to date.
 * @csspart stale - The warning that the billing data may be out of date.
 * @csspart amount - The amount due and its due date.
 * @csspart transfer - The transfer data (recipient, account, title, amount).
 * @csspart copy-button - A "Kopiuj" button of the transfer data.
 * @csspart qr - The QR code's figure.
 * @csspart accounts - The table of fee accounts.
 * @csspart problem - Why no transfer data are shown.
 * @csspart loading - The loading message.
 * @csspart empty - The "no fee account" message.
 * @csspart error - The error message with its retry button.
 * @csspart retry - The "Spróbuj ponownie" button.
 *
 * @cssproperty --strefa-color-primary - Buttons and focus accents.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Labels.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Borders.
 * @cssproperty --strefa-color-danger - Overdue amounts and errors.
 * @cssproperty --strefa-color-success - "Nothing due" and the "copied" message.
 * @cssproperty --strefa-color-focus - The keyboard focus ring.
 * @cssproperty --strefa-font-family - All text.
 * @cssproperty --strefa-font-size - The base text size.
 * @cssproperty --strefa-radius - Corners.
 * @cssproperty --strefa-space - Spacing.
 */
export class PaymentInfo extends DataWidget {
  static override styles = [...DataWidget.styles, styles];

  /** The field last copied (or that failed to copy), for the status message. */
  @state() private copied: { field: CopyField; ok: boolean } | null = null;

  protected get heading(): string {
    return msg('Do zapłaty');
  }

  protected override get needsFilters(): boolean {
    return false;
  }

  private readonly paymentTask = new Task(this, {
    task: async ([ready, unit], { signal }) => {
      if (!ready || unit === null) return initialState;
      return this.guard(this.api.payment(unit, signal));
    },
    args: () => [this.session.ready, this.effectiveUnitId] as const,
  });

  /** The QR code's path, computed by the encoder loaded on demand. */
  private readonly qrTask = new Task(this, {
    task: async ([text]) => {
      if (!text) return null;
      const { qrPath } = await import('./payment-info.qr.ts');
      return qrPath(text);
    },
    args: () => [this.paymentTask.value?.qr ?? null] as const,
  });

  protected resolveParams(): ViewParams {
    return {};
  }

  protected renderFields() {
    return html``;
  }

  protected renderContent() {
    return nothing;
  }

  protected override renderBody() {
    if (this.effectiveUnitId === null) return this.renderUnitless();
    return this.renderTask(this.paymentTask, (payment) => this.renderPayment(payment));
  }

  private renderPayment(payment: PaymentResponse) {
    if (payment.accounts.length === 0) {
      return this.renderEmpty(msg('Ten lokal nie ma konta opłat, na które można wpłacać.'));
    }
    return html`${this.renderAmount(payment)}
    ${payment.transfer ? this.renderTransfer(payment, payment.transfer) : this.renderProblem(payment)}
    ${this.renderAccounts(payment)}`;
  }

  private renderAmount(payment: PaymentResponse) {
    const lang = this.fmtLang;
    const due = signOf(payment.amountDue) > 0;
    const overdue = signOf(payment.overdue) > 0;
    let credit = 0n;
    for (const account of payment.accounts) {
      if (signOf(account.balance) < 0) credit -= moneyToGrosze(account.balance);
    }
    const ended = payment.assignedUntil
      ? html`<p class="note">
          ${msg(str`Stan na ostatni dzień Twojego przydziału do lokalu: ${formatDate(payment.assignedUntil, lang)}.`)}
        </p>`
      : nothing;
    if (!due) {
      return html`<div part="amount" class="amount settled">
        <p class="big">${formatMoney('0.00', lang)}</p>
        <p>
          ${
            payment.overpaid
              ? msg(
                  str`Nic do zapłaty: masz nadpłatę ${formatMoney(groszeToMoney(credit), lang)}, którą Spółdzielnia zaliczy na kolejne opłaty.`,
                )
              : msg('Nic do zapłaty: opłaty są rozliczone.')
          }
        </p>
        ${ended}
      </div>`;
    }
    return html`<div part="amount" class="amount ${overdue ? 'overdue' : ''}">
      <p class="big">${formatMoney(payment.amountDue, lang)}</p>
      <p class="due">
        ${
          overdue
            ? msg(str`W tym po terminie: ${formatMoney(payment.overdue, lang)}. Zapłać jak najszybciej.`)
            : msg(str`Termin: ${formatDate(payment.dueDate, lang)}`)
        }
      </p>
      ${ended}
    </div>`;
  }

  private renderTransfer(payment: PaymentResponse, transfer: PaymentTransfer) {
    const lang = this.fmtLang;
    const recipient = `${transfer.recipient.name}, ${transfer.recipient.address}`;
    const rows: [CopyField, string, string, string][] = [
      ['name', msg('Odbiorca'), recipient, recipient],
      ['account', msg('Numer rachunku'), formatNrb(transfer.account), transfer.account],
      ['title', msg('Tytuł przelewu'), transfer.title, transfer.title],
      [
        'amount',
        msg('Kwota'),
        formatMoney(transfer.amount, lang),
        absMoney(transfer.amount).replace('.', ','),
      ],
    ];
    const copied = this.copied;
    return html`<div class="pay">
      <section part="transfer" class="transfer" aria-labelledby="transfer-heading">
        <h3 id="transfer-heading">${msg('Dane do przelewu')}</h3>
        <dl>
          ${rows.map(
            ([field, label, shown, value]) =>
              html`<dt>${label}</dt>
                <dd>
                  <span class="value ${field}">${shown}</span>
                  <button
                    type="button"
                    class="strefa-button strefa-button--secondary copy"
                    part="copy-button"
                    aria-label=${msg(str`Kopiuj: ${label}`)}
                    @click=${() => this.copy(field, value)}
                  >
                    ${msg('Kopiuj')}
                  </button>
                </dd>`,
          )}
        </dl>
        <p class="copy-status ${copied ? (copied.ok ? 'ok' : 'failed') : ''}" role="status">
          ${
            copied
              ? copied.ok
                ? msg('Skopiowano.')
                : msg('Nie udało się skopiować. Zaznacz tekst i skopiuj go ręcznie.')
              : nothing
          }
        </p>
      </section>
      ${this.renderQr(payment, transfer)}
    </div>`;
  }

  private renderQr(payment: PaymentResponse, transfer: PaymentTransfer) {
    const lang = this.fmtLang;
    const amount = signOf(payment.amountDue) > 0 && payment.qr?.split('|')[3] !== '000000';
    const alternative = amount
      ? msg(
          str`Kod QR przelewu: ${transfer.recipient.shortName}, rachunek ${formatNrb(transfer.account)}, kwota ${formatMoney(transfer.amount, lang)}, tytuł ${transfer.title}.`,
        )
      : msg(
          str`Kod QR przelewu: ${transfer.recipient.shortName}, rachunek ${formatNrb(transfer.account)}, tytuł ${transfer.title}; kwotę wpiszesz sam.`,
        );
    return html`<figure part="qr" class="qr">
      ${this.qrTask.render({
        pending: () => html`<div class="qr-box" aria-hidden="true"></div>`,
        complete: (code) =>
          code
            ? html`<svg
                class="qr-box"
                role="img"
                aria-label=${alternative}
                viewBox="-4 -4 ${code.size + 8} ${code.size + 8}"
                shape-rendering="crispEdges"
              >
                <rect x="-4" y="-4" width="${code.size + 8}" height="${code.size + 8}" fill="#fff" />
                <path d=${code.path} fill="#000" />
              </svg>`
            : nothing,
        error: () =>
          html`<p class="state error">
            ${msg('Nie udało się narysować kodu QR. Użyj danych do przelewu.')}
          </p>`,
      })}
      <figcaption>
        ${
          amount
            ? msg('Zeskanuj kod w aplikacji banku: dane przelewu wypełnią się same.')
            : msg('Zeskanuj kod w aplikacji banku i wpisz kwotę.')
        }
      </figcaption>
    </figure>`;
  }

  private renderProblem(payment: PaymentResponse) {
    return html`<p part="problem" class="problem" role="note">
      ${
        payment.problem === 'invalid_account_number'
          ? msg(
              'Numer rachunku tego lokalu zapisany w systemie jest błędny. Nie podajemy go do przelewu: zapytaj w Spółdzielni o właściwy numer.',
            )
          : msg(
              'Dane do przelewu nie są jeszcze dostępne w Strefie. Numer rachunku znajdziesz w Danych osobowych lub w Spółdzielni.',
            )
      }
    </p>`;
  }

  private renderAccounts(payment: PaymentResponse) {
    const lang = this.fmtLang;
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="accounts-caption">
      <table class="strefa-table" part="accounts">
        <caption id="accounts-caption">
          ${msg('Salda kont opłat')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Konto')}</th>
            <th scope="col" class="num">${msg('Saldo')}</th>
            <th scope="col" class="num">${msg('Po terminie')}</th>
            <th scope="col" class="num">${msg('Opłata za ten miesiąc')}</th>
          </tr>
        </thead>
        <tbody>
          ${payment.accounts.map(
            (account) =>
              html`<tr>
                <th scope="row">${account.name}</th>
                <td class="num" data-label=${msg('Saldo')}>
                  ${
                    signOf(account.balance) < 0
                      ? msg(str`nadpłata ${formatMoney(absMoney(account.balance), lang)}`)
                      : formatMoney(account.balance, lang)
                  }
                </td>
                <td class="num" data-label=${msg('Po terminie')}>${formatMoney(account.overdue, lang)}</td>
                <td class="num" data-label=${msg('Opłata za ten miesiąc')}>
                  ${formatMoney(account.currentCharge, lang)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** Copies one field as a bank's form takes it (digits only for the account). */
  private async copy(field: CopyField, value: string): Promise<void> {
    this.copied = null;
    try {
      await navigator.clipboard.writeText(value);
      this.copied = { field, ok: true };
    } catch {
      this.copied = { field, ok: false };
    }
  }
}
