/**
 * "Skąd to saldo?" in Księgowość: the balance of each fee account month by month for the last
 * 12 months (across the turn of the year), as a table (charged, paid, balance at the month's end,
 * the month's status) with a compact bar strip above it, each month expandable to its documents.
 *
 * A controller of `<ledger-accounts>`, kept apart so the widget's own file stays about its year
 * view. The widget imports it on demand, when the resident first presses the button (most visits
 * never do): neither its code nor its data is loaded before. A month's documents are the documents
 * endpoint's for that year, narrowed to the month (the same documents Szczegóły lists).
 */
import { html, nothing, svg, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import type {
  BalanceHistoryAccount,
  BalanceHistoryResponse,
  BalanceMonth,
  BalanceMonthStatus,
  DocumentsResponse,
} from '@strefa/api-types';
import type { ResourceClient } from '../internal/resource-client.ts';
import { formatDate, formatMoney, moneyToGrosze, monthName, type Lang } from '../internal/format.ts';

/** What the controller needs of its widget. */
export interface HistoryHost extends ReactiveControllerHost, HTMLElement {
  readonly api: ResourceClient;
  readonly effectiveUnitId: number | null;
}

/** Months shown: a year back from the current month. */
export const HISTORY_MONTHS = 12;

export class BalanceHistory {
  open = false;
  /** The expanded month: `accountId:YYYY-MM`. */
  expanded: string | null = null;

  readonly historyTask: Task<readonly unknown[], BalanceHistoryResponse>;
  readonly documentsTask: Task<readonly unknown[], DocumentsResponse>;

  constructor(
    private readonly host: HistoryHost,
    guard: <T>(promise: Promise<T>) => Promise<T>,
  ) {
    this.historyTask = new Task(host, {
      task: async ([open, unit], { signal }) => {
        if (!open || unit === null) return initialState;
        return guard(host.api.balanceHistory(unit as number, HISTORY_MONTHS, signal));
      },
      args: () => [this.open, host.effectiveUnitId] as const,
    });
    this.documentsTask = new Task(host, {
      task: async ([expanded, unit], { signal }) => {
        if (!expanded || unit === null) return initialState;
        const [account, month] = String(expanded).split(':') as [string, string];
        return guard(host.api.documents(unit as number, Number(account), Number(month.slice(0, 4)), signal));
      },
      args: () => [this.expanded, host.effectiveUnitId] as const,
    });
  }

  toggle(): void {
    this.open = !this.open;
    this.expanded = null;
    this.host.requestUpdate();
  }

  private toggleMonth(key: string): void {
    this.expanded = this.expanded === key ? null : key;
    this.host.requestUpdate();
  }

  static statusLabel(status: BalanceMonthStatus): string {
    switch (status) {
      case 'paid':
        return msg('opłacone');
      case 'partial':
        return msg('częściowo');
      case 'unpaid':
        return msg('nieopłacone');
      case 'overpaid':
        return msg('nadpłata');
    }
  }

  /** The history below the "Skąd to saldo?" button (which the widget renders), when open. */
  render(
    lang: Lang,
    renderTask: (
      task: Task<readonly unknown[], BalanceHistoryResponse>,
      complete: (data: BalanceHistoryResponse) => unknown,
    ) => unknown,
  ) {
    if (!this.open) return nothing;
    return html`<section id="history" aria-labelledby="history-heading">
      <h3 id="history-heading" class="details-heading">
        ${msg('Saldo miesiąc po miesiącu (ostatnie 12 miesięcy)')}
      </h3>
      <p class="history-note">
        ${msg('Wpłaty zaliczamy na najstarsze nieopłacone należności; nadpłata przechodzi na kolejne miesiące.')}
      </p>
      ${renderTask(this.historyTask, (data) =>
        data.accounts.length === 0
          ? html`<p class="state empty" role="status">${msg('Brak zapisów w ostatnich 12 miesiącach.')}</p>`
          : data.accounts.map((account) => this.renderAccount(account, lang)),
      )}
    </section>`;
  }

  /** One account: the bar strip (with its text alternative) and the month table. */
  private renderAccount(account: BalanceHistoryAccount, lang: Lang) {
    const id = `history-${account.id}`;
    const labels = {
      month: msg('Miesiąc'),
      charged: msg('Naliczono'),
      paid: msg('Wpłacono'),
      balance: msg('Saldo na koniec miesiąca'),
      status: msg('Status'),
    };
    return html`<div class="history-account" data-account=${account.id}>
      <h4 id=${id}>${account.name}</h4>
      ${this.renderStrip(account, lang)}
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby=${id}>
        <table class="strefa-table" part="history-table">
          <thead>
            <tr>
              <th scope="col">${labels.month}</th>
              <th scope="col" class="num">${labels.charged}</th>
              <th scope="col" class="num">${labels.paid}</th>
              <th scope="col" class="num">${labels.balance}</th>
              <th scope="col">${labels.status}</th>
            </tr>
          </thead>
          <tbody>
            ${account.months.map((month) => {
              const key = `${account.id}:${month.month}`;
              const open = this.expanded === key;
              return html`<tr data-month=${month.month}>
                  <th scope="row" data-label=${labels.month}>
                    <button
                      type="button"
                      class="strefa-button strefa-button--link month-button"
                      aria-expanded=${open ? 'true' : 'false'}
                      aria-label=${msg(str`Dokumenty: ${this.monthLabel(month.month, lang)}`)}
                      @click=${() => this.toggleMonth(key)}
                    >
                      ${this.monthLabel(month.month, lang)}
                    </button>
                  </th>
                  <td class="num" data-label=${labels.charged}>${formatMoney(month.charged, lang)}</td>
                  <td class="num" data-label=${labels.paid}>${formatMoney(month.paid, lang)}</td>
                  <td class="num" data-label=${labels.balance}>${formatMoney(month.balance, lang)}</td>
                  <td data-label=${labels.status}>
                    <span class="month-status ${month.status}"
                      >${BalanceHistory.statusLabel(month.status)}</span
                    >
                  </td>
                </tr>
                ${
                  open
                    ? html`<tr class="month-documents">
                        <td colspan="5">${this.renderDocuments(month, lang)}</td>
                      </tr>`
                    : nothing
                }`;
            })}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  private monthLabel(month: string, lang: Lang): string {
    return `${monthName(Number(month.slice(5, 7)), lang)} ${month.slice(0, 4)}`;
  }

  /**
   * The bars: one per month, its height the balance at the month's end (arrears up, overpayment
   * down from the middle line), its colour the status; the table below says the same in words,
   * and the strip's text alternative sums it up.
   */
  private renderStrip(account: BalanceHistoryAccount, lang: Lang) {
    const months = account.months;
    let max = 1n;
    for (const m of months) {
      const abs = moneyToGrosze(m.balance) < 0n ? -moneyToGrosze(m.balance) : moneyToGrosze(m.balance);
      if (abs > max) max = abs;
    }
    const unpaid = months.filter((m) => m.status === 'unpaid' || m.status === 'partial').length;
    const last = months[months.length - 1];
    const end = last ? `${this.monthLabel(last.month, lang)} ${formatMoney(last.balance, lang)}` : '';
    const alternative = msg(
      str`Saldo w ostatnich ${months.length} miesiącach: na koniec ${end}; miesięcy nieopłaconych lub opłaconych częściowo: ${unpaid}.`,
    );
    const width = months.length * 10;
    return html`<svg
      class="strip"
      part="history-strip"
      role="img"
      aria-label=${alternative}
      viewBox="0 0 ${width} 40"
      preserveAspectRatio="none"
    >
      ${svg`<line x1="0" y1="20" x2=${width} y2="20" class="axis"></line>`}
      ${months.map((m, i) => {
        const grosze = moneyToGrosze(m.balance);
        const height = Number(((grosze < 0n ? -grosze : grosze) * 18n) / max);
        const y = grosze < 0n ? 20 : 20 - height;
        return svg`<rect x=${i * 10 + 1} y=${y} width="8" height=${Math.max(height, 0.5)} class="bar ${m.status}"></rect>`;
      })}
    </svg>`;
  }

  /** The expanded month's documents (the year's, narrowed to the month). */
  private renderDocuments(month: BalanceMonth, lang: Lang) {
    return this.documentsTask.render({
      pending: () => html`<p class="state loading" role="status">${msg('Wczytywanie danych…')}</p>`,
      error: () => html`<p class="state error" role="alert">${msg('Nie udało się wczytać danych.')}</p>`,
      complete: (data) => {
        const documents = data.documents.filter((d) => d.date.startsWith(month.month));
        if (documents.length === 0)
          return html`<p class="state empty">${msg('Brak dokumentów w tym miesiącu.')}</p>`;
        return html`<ul class="month-document-list">
          ${documents.map(
            (d) =>
              html`<li>
                ${formatDate(d.date, lang)} · ${d.number} · ${d.description}:
                ${moneyToGrosze(d.debit) !== 0n ? msg(str`Wn ${formatMoney(d.debit, lang)}`) : nothing}
                ${moneyToGrosze(d.credit) !== 0n ? msg(str`Ma ${formatMoney(d.credit, lang)}`) : nothing}
              </li>`,
          )}
        </ul>`;
      },
    });
  }
}
