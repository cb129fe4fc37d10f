import { html } from 'lit';
import { msg, str } from '@lit/localize';
import type { FiltersResponse, Settlement, SettlementsResponse } from '@strefa/api-types';
import { ChartLoader } from '../internal/charts/chart-loader.ts';
import { csvButton, csvDate, csvNumber } from '../internal/csv.ts';
import { DataWidget, pickOne, type ViewParams } from '../internal/data-widget.ts';
import {
  absMoney,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPeriod,
  formatMeterQuantity,
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
 * @csspart settlements - The list of settlement documents.
 * @csspart settlement - One settlement document's card.
 * @csspart result - A settlement's result: to pay, to refund, or settled.
 * @csspart loading - The loading message.
 * @csspart empty - The "no data" message.
 * @csspart chart - The chart of cost against advances over ten years.
 * @csspart chart-summary - The chart's one-sentence summary.
 * @csspart chart-table - The chart's figures as a table.
 * @csspart csv - A "Pobierz CSV" button.
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

  /** The chart (its templates and styles), loaded on demand: see chart-loader.ts. */
  private readonly chart = new ChartLoader(this, () => import('./media-settlements.chart.ts'));

  /** The account's settlements over the ten years to the applied one, for the chart. */
  private readonly historyTask = this.dataTask(
    () => [this.applied?.year, this.applied?.account],
    (unit, [year, account], signal) => this.api.settlementHistory(unit, year, account, signal),
  );

  protected get heading(): string {
    return msg('Media – rozliczenia');
  }

  private readonly settlementsTask = this.dataTask(
    () => [this.applied?.year, this.applied?.account],
    (unit, [year, account], signal) => this.api.settlements(unit, year, account, signal),
  );

  protected resolveParams(wanted: ViewParams, filters: FiltersResponse): ViewParams {
    return {
      year: this.pickYear(wanted.year, filters),
      account: pickOne(
        wanted.account,
        filters.settlementAccounts.map((account) => account.id),
      ),
    };
  }

  protected renderFields(filters: FiltersResponse) {
    return this.renderYearAnd(
      filters,
      'account',
      msg('Konto'),
      filters.settlementAccounts.map((account) => ({ value: String(account.id), label: account.name })),
    );
  }

  protected override renderContent(filters: FiltersResponse) {
    if (filters.settlementAccounts.length === 0) {
      return this.renderEmpty(msg('Ten lokal nie ma kont rozliczeń mediów.'));
    }
    return html`${this.renderTask(this.settlementsTask, (data) => this.renderSettlements(data))}
    ${this.historyTask.render({
      // The chart is an extra: while it loads or if it fails, the year's settlements still show.
      complete: (history) => this.chart.module?.renderSettlementChart(this, history, this.fmtLang),
    })}`;
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
      date: msg('Data dokumentu'),
      period: msg('Okres'),
      consumption: msg('Zużycie'),
      price: msg('Cena jednostkowa'),
      cost: msg('Koszt'),
      advances: msg('Zaliczki'),
    };
    // One card per settlement document rather than a nine-column table: every figure of a
    // settlement stays readable side by side on any width, and nothing scrolls out of sight.
    return html`<h3 class="list-heading" id="settlements-heading">
        ${msg(str`Rozliczenia: ${data.account.name}, rok ${data.year}`)}
      </h3>
      <ul class="settlements" part="settlements" aria-labelledby="settlements-heading">
        ${data.settlements.map(
          (s) =>
            html`<li class="settlement" part="settlement">
              <h4 class="settlement-name">${s.name}</h4>
              <dl class="facts">
                <div>
                  <dt>${labels.number}</dt>
                  <dd class="number">${s.documentNumber}</dd>
                </div>
                <div>
                  <dt>${labels.date}</dt>
                  <dd class="date">${formatDate(s.date, lang)}</dd>
                </div>
                <div>
                  <dt>${labels.period}</dt>
                  <dd class="period">${formatPeriod(s.periodFrom, s.periodTo, lang)}</dd>
                </div>
                <div>
                  <dt>${labels.consumption}</dt>
                  <dd class="consumption">${formatMeterQuantity(s.consumption, s.consumptionUnit, lang)}</dd>
                </div>
                <div>
                  <dt>${labels.price}</dt>
                  <dd class="price">
                    ${unitPrice(formatDecimal(s.unitPrice, lang), s.consumptionUnit, lang)}
                  </dd>
                </div>
                <div>
                  <dt>${labels.cost}</dt>
                  <dd class="cost">${formatMoney(s.cost, lang)}</dd>
                </div>
                <div>
                  <dt>${labels.advances}</dt>
                  <dd class="advances">${formatMoney(s.advances, lang)}</dd>
                </div>
              </dl>
              <p class="result" part="result">${this.result(s)}</p>
            </li>`,
        )}
      </ul>
      ${csvButton(this, {
        label: msg(str`Rozliczenia: ${data.account.name}, rok ${data.year}`),
        view: 'rozliczenia',
        period: `${data.year}-${data.account.name}`,
        table: () => ({
          columns: [
            labels.number,
            msg('Nazwa'),
            labels.date,
            msg('Okres od'),
            msg('Okres do'),
            labels.consumption,
            msg('Jednostka'),
            msg(str`${labels.price} (zł)`),
            msg(str`${labels.cost} (zł)`),
            msg(str`${labels.advances} (zł)`),
            msg('Różnica (zł)'),
            msg('Termin płatności'),
          ],
          rows: data.settlements.map((s) => [
            s.documentNumber,
            s.name,
            csvDate(s.date),
            csvDate(s.periodFrom),
            csvDate(s.periodTo),
            csvNumber(s.consumption),
            s.consumptionUnit,
            csvNumber(s.unitPrice),
            csvNumber(s.cost),
            csvNumber(s.advances),
            csvNumber(s.balance),
            csvDate(s.dueDate),
          ]),
        }),
      })}`;
  }
}

/** "13,45 zł/m³": the price is an exact decimal with as many places as the tariff has. */
function unitPrice(number: string, unit: string, lang: 'pl' | 'en'): string {
  const money = lang === 'en' ? `PLN\u00a0${number}` : `${number}\u00a0zł`;
  return unit ? `${money}/${unit}` : money;
}
