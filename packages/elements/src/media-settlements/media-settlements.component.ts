import { html } from 'lit';
import { msg, str } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import type { FiltersResponse, Settlement, SettlementsResponse } from '@strefa/api-types';
import { DataWidget, type ViewParams } from '../internal/data-widget.ts';
import {
  absMoney,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPeriod,
  formatQuantity,
  signOf,
} from '../internal/format.ts';
import { styles } from './media-settlements.styles.ts';

/**
 * Media – rozliczenia (utility settlements): for a chosen year and settlement account, every
 * settlement document in detail: number, date, period, name, consumption, unit price, cost,
 * advances paid, and the result in words: "Do zapłaty" with the due date, "Do zwrotu", or
 * "Rozliczone".
 *
 * @summary Utility settlements of a unit for a year and an account.
 *
 * @fires strefa-session-expired - The server ended the session (a 401); every widget shows the login.
 *
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart base - The widget's section.
 * @csspart heading - The widget's heading.
 * @csspart form - The parameter form (year, account, "Wyślij").
 * @csspart field - One labelled select of the form.
 * @csspart select - A select of the form.
 * @csspart submit - The "Wyślij" button.
 * @csspart content - The data below the form.
 * @csspart table - The table of settlements.
 * @csspart loading - The loading message.
 * @csspart empty - The "no data" message.
 * @csspart error - The error message with its retry button.
 * @csspart retry - The "Spróbuj ponownie" button.
 *
 * @cssproperty --strefa-color-primary - Buttons and focus accents.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Secondary text.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Borders of the form and the table.
 * @cssproperty --strefa-color-danger - Errors and amounts to pay.
 * @cssproperty --strefa-color-success - Refunds.
 * @cssproperty --strefa-color-focus - The keyboard focus ring.
 * @cssproperty --strefa-font-family - All text.
 * @cssproperty --strefa-font-size - The base text size.
 * @cssproperty --strefa-radius - Corners.
 * @cssproperty --strefa-space - Spacing.
 */
export class MediaSettlements extends DataWidget {
  static override styles = [...DataWidget.styles, styles];

  protected get heading(): string {
    return msg('Media – rozliczenia');
  }

  private readonly settlementsTask = new Task(this, {
    task: async ([unit, year, account], { signal }) => {
      if (unit === null || year === undefined || account === undefined) return initialState;
      return this.guard(this.api.settlements(unit, year, account, signal));
    },
    args: () => [this.appliedUnit, this.applied?.year, this.applied?.account, this.submitCount] as const,
  });

  protected resolveParams(wanted: ViewParams, filters: FiltersResponse): ViewParams {
    const year =
      wanted.year !== undefined && filters.years.includes(wanted.year)
        ? wanted.year
        : (filters.latest?.year ?? filters.years[0]);
    const account = filters.settlementAccounts.some((a) => a.id === wanted.account)
      ? wanted.account
      : filters.settlementAccounts[0]?.id;
    return { year, account };
  }

  protected renderFields(filters: FiltersResponse) {
    return html`${this.renderSelect('year', msg('Rok'), this.yearOptions(filters))}
    ${this.renderSelect(
      'account',
      msg('Konto'),
      filters.settlementAccounts.map((account) => ({ value: String(account.id), label: account.name })),
    )}`;
  }

  protected override renderContent(filters: FiltersResponse) {
    if (filters.settlementAccounts.length === 0) {
      return this.renderEmpty(msg('Ten lokal nie ma kont rozliczeń mediów.'));
    }
    return this.renderTask(this.settlementsTask, (data) => this.renderSettlements(data));
  }

  /** The result in words: what to pay and by when, what comes back, or nothing. */
  private result(settlement: Settlement) {
    const lang = this.fmtLang;
    switch (signOf(settlement.balance)) {
      case 1: {
        const amount = formatMoney(settlement.balance, lang);
        return html`<span class="arrears"
          >${
            settlement.dueDate
              ? msg(str`Do zapłaty ${amount} (termin ${formatDate(settlement.dueDate, lang)})`)
              : msg(str`Do zapłaty ${amount}`)
          }</span
        >`;
      }
      case -1:
        return html`<span class="overpayment"
          >${msg(str`Do zwrotu ${formatMoney(absMoney(settlement.balance), lang)}`)}</span
        >`;
      default:
        return html`<span>${msg('Rozliczone')}</span>`;
    }
  }

  private renderSettlements(data: SettlementsResponse) {
    if (data.settlements.length === 0) {
      return this.renderEmpty(msg(str`Brak rozliczeń: ${data.account.name}, rok ${data.year}.`));
    }
    const lang = this.fmtLang;
    const labels = {
      number: msg('Dokument'),
      date: msg('Data'),
      period: msg('Okres'),
      name: msg('Nazwa'),
      consumption: msg('Zużycie'),
      price: msg('Cena jednostkowa'),
      cost: msg('Koszt'),
      advances: msg('Zaliczki'),
      result: msg('Wynik'),
    };
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="settlements-caption">
      <table class="strefa-table" part="table">
        <caption id="settlements-caption">
          ${msg(str`Rozliczenia: ${data.account.name}, rok ${data.year}`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${labels.number}</th>
            <th scope="col">${labels.date}</th>
            <th scope="col">${labels.period}</th>
            <th scope="col">${labels.name}</th>
            <th scope="col" class="num">${labels.consumption}</th>
            <th scope="col" class="num">${labels.price}</th>
            <th scope="col" class="num">${labels.cost}</th>
            <th scope="col" class="num">${labels.advances}</th>
            <th scope="col">${labels.result}</th>
          </tr>
        </thead>
        <tbody>
          ${data.settlements.map(
            (s) =>
              html`<tr>
                <th scope="row" data-label=${labels.number}>${s.documentNumber}</th>
                <td data-label=${labels.date}>${formatDate(s.date, lang)}</td>
                <td data-label=${labels.period}>${formatPeriod(s.periodFrom, s.periodTo, lang)}</td>
                <td data-label=${labels.name}>${s.name}</td>
                <td data-label=${labels.consumption} class="num">
                  ${formatQuantity(s.consumption, s.consumptionUnit, lang)}
                </td>
                <td data-label=${labels.price} class="num">
                  ${unitPrice(formatDecimal(s.unitPrice, lang), s.consumptionUnit, lang)}
                </td>
                <td data-label=${labels.cost} class="num">${formatMoney(s.cost, lang)}</td>
                <td data-label=${labels.advances} class="num">${formatMoney(s.advances, lang)}</td>
                <td data-label=${labels.result} class="result">${this.result(s)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

/** "13,45 zł/m³": the price is an exact decimal with as many places as the tariff has. */
function unitPrice(number: string, unit: string, lang: 'pl' | 'en'): string {
  const money = lang === 'en' ? `PLN\u00a0${number}` : `${number}\u00a0zł`;
  return unit ? `${money}/${unit}` : money;
}
