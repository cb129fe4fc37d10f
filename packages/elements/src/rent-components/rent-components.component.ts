import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { ChargesResponse, FeeBasis, FiltersResponse } from '@strefa/api-types';
import { ChartLoader } from '../internal/charts/chart-loader.ts';
import { csvButton, csvNumber } from '../internal/csv.ts';
import { DataWidget, type ViewParams } from '../internal/data-widget.ts';
import { formatDecimal, formatMoney, monthName } from '../internal/format.ts';
import type { LabelMap } from '../internal/labels.ts';
import { styles } from './rent-components.styles.ts';

/** Every FeeBasis's words (a code newer than this build is shown as it came). */
const FEE_BASES: LabelMap<FeeBasis> = {
  m2: () => 'm²',
  m3: () => 'm³',
  person: () => msg('osoba'),
  unit: () => msg('lokal'),
};

/**
 * Czynsz (the monthly operating fee): the fee components of a unit for a chosen year and month,
 * each with its basis, quantity, rate and amount, and the total to the grosz. The year and month
 * selects change the data only when "Wyślij" is pressed. Below the table, a line of the monthly
 * fee over the 24 months to the chosen one, naming the component that changed at each step (with
 * a summary and the figures as a table); every table has "Pobierz CSV".
 *
 * @summary The rent (opłata eksploatacyjna) of one month, component by component.
 *
 * @fires strefa-session-expired - The server ended the session (a 401); every widget shows the login.
 *
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart base - The widget's section.
 * @csspart heading - The widget's heading.
 * @csspart form - The parameter form (year, month, "Wyślij").
 * @csspart field - One labelled select of the form.
 * @csspart select - A select of the form.
 * @csspart submit - The "Wyślij" button.
 * @csspart content - The data below the form.
 * @csspart table - The table of fee components.
 * @csspart total - The total row.
 * @csspart chart - The fee chart.
 * @csspart chart-summary - The chart's one-sentence summary.
 * @csspart chart-readout - The chosen point's month, fee and changes under the chart.
 * @csspart chart-table - The chart's figures as a table.
 * @csspart csv - A "Pobierz CSV" button.
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
 * @cssproperty --strefa-color-danger - Errors.
 * @cssproperty --strefa-color-focus - The keyboard focus ring.
 * @cssproperty --strefa-font-family - All text.
 * @cssproperty --strefa-font-size - The base text size.
 * @cssproperty --strefa-radius - Corners.
 * @cssproperty --strefa-space - Spacing.
 */
export class RentComponents extends DataWidget {
  static override styles = [...DataWidget.styles, styles];

  /** The chart (its templates and styles), loaded on demand: see chart-loader.ts. */
  private readonly chart = new ChartLoader(this, () => import('./rent-components.chart.ts'));

  /** The chart's point under the pointer or the keyboard focus (index into the 24 months). */
  @state() private activeMonth: number | null = null;

  /**
   * The fee components for the applied year and month. Declared before the chart's task, so its
   * request goes out first and the server (one thread) answers the table before the chart.
   */
  private readonly chargesTask = this.dataTask(
    () => [this.applied?.year, this.applied?.month],
    (unit, [year, month], signal) => this.api.charges(unit, year, month, signal),
  );

  /** The 24 months of fees ending with the applied month, for the chart. */
  private readonly historyTask = this.dataTask(
    () => [this.applied?.year, this.applied?.month],
    (unit, [year, month], signal) => {
      // Another 24 months: the point chosen before means another month now.
      this.activeMonth = null;
      return this.api.chargeHistory(unit, year, month, signal);
    },
  );

  protected get heading(): string {
    return msg('Czynsz (opłata eksploatacyjna)');
  }

  /** The last month with data in `year` (12 for a past year). */
  private lastMonth(filters: FiltersResponse, year: number | undefined): number {
    return filters.latest && year === filters.latest.year ? filters.latest.month : 12;
  }

  protected resolveParams(wanted: ViewParams, filters: FiltersResponse): ViewParams {
    const year = this.pickYear(wanted.year, filters, filters.latest?.year ?? filters.years[0]);
    const last = this.lastMonth(filters, year);
    const month =
      wanted.month !== undefined && wanted.month >= 1 && wanted.month <= last
        ? wanted.month
        : filters.latest && year === filters.latest.year
          ? filters.latest.month
          : last;
    return { year, month };
  }

  /** A year and a month in the URL are enough to ask for the fees alongside the filters. */
  protected override paramsBeforeFilters({ year, month }: ViewParams): ViewParams | null {
    // Whole numbers (url-state.ts) the API accepts (a year of 2000–2100): never a 400 in the console.
    return year! >= 2000 && year! <= 2100 && month! >= 1 && month! <= 12 ? { year, month } : null;
  }

  protected override setDraft(name: keyof ViewParams, value: string): void {
    super.setDraft(name, value);
    // A year whose months end earlier (the current one): keep the month inside it.
    const filters = this.filtersTask.value;
    if (name === 'year' && filters && this.draft.month !== undefined) {
      const last = this.lastMonth(filters, this.draft.year);
      if (this.draft.month > last) this.draft = { ...this.draft, month: last };
    }
  }

  protected renderFields(filters: FiltersResponse) {
    const last = this.lastMonth(filters, this.draft.year);
    const months = Array.from({ length: last }, (_, index) => ({
      value: String(index + 1),
      label: monthName(index + 1, this.fmtLang),
    }));
    return html`${this.renderSelect('year', msg('Rok'), this.yearOptions(filters))}
    ${this.renderSelect('month', msg('Miesiąc'), months)}`;
  }

  private basisLabel(basis: FeeBasis): string {
    return Object.hasOwn(FEE_BASES, basis) ? FEE_BASES[basis]() : String(basis);
  }

  protected renderContent() {
    return html`${this.renderTask(this.chargesTask, (charges) => this.renderCharges(charges))}
    ${this.historyTask.render({
      // The chart is an extra: while it loads or if it fails, the month's table above still shows.
      complete: (history) =>
        this.chart.module?.renderChargeChart(this, history, this.fmtLang, this.activeMonth, (index) => {
          this.activeMonth = index;
        }),
    })}`;
  }

  private renderCharges(charges: ChargesResponse) {
    const lang = this.fmtLang;
    const period = `${monthName(charges.month, lang, { capitalize: false })} ${charges.year}`;
    if (charges.components.length === 0) {
      return this.renderEmpty(msg(str`Brak naliczeń za ${period}.`));
    }
    const labels = {
      name: msg('Składnik'),
      basis: msg('Podstawa'),
      quantity: msg('Ilość'),
      rate: msg('Stawka'),
      amount: msg('Kwota'),
    };
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="charges-caption">
        <table class="strefa-table" part="table">
          <caption id="charges-caption">
            ${msg(str`Składniki opłaty za ${period}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${labels.name}</th>
              <th scope="col">${labels.basis}</th>
              <th scope="col" class="num">${labels.quantity}</th>
              <th scope="col" class="num">${labels.rate}</th>
              <th scope="col" class="num">${labels.amount}</th>
            </tr>
          </thead>
          <tbody>
            ${charges.components.map(
              (component) =>
                html`<tr>
                  <th scope="row" data-label=${labels.name}>${component.name}</th>
                  <td data-label=${labels.basis} class="basis">${this.basisLabel(component.basis)}</td>
                  <td data-label=${labels.quantity} class="num">
                    ${formatDecimal(component.quantity, lang)}
                  </td>
                  <td data-label=${labels.rate} class="num">${formatMoneyRate(component.rate, lang)}</td>
                  <td data-label=${labels.amount} class="num amount">
                    ${formatMoney(component.amount, lang)}
                  </td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr class="total" part="total">
              <th scope="row" colspan="4">${msg('Razem')}</th>
              <td data-label=${labels.amount} class="num total-amount">
                ${formatMoney(charges.total, lang)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      ${csvButton(this, {
        label: msg(str`Składniki opłaty za ${period}`),
        view: 'czynsz',
        period: `${charges.year}-${String(charges.month).padStart(2, '0')}`,
        table: () => ({
          columns: [
            labels.name,
            labels.basis,
            labels.quantity,
            msg(str`${labels.rate} (zł)`),
            msg(str`${labels.amount} (zł)`),
          ],
          rows: [
            ...charges.components.map((component) => [
              component.name,
              this.basisLabel(component.basis),
              csvNumber(component.quantity),
              csvNumber(component.rate),
              csvNumber(component.amount),
            ]),
            [msg('Razem'), null, null, null, csvNumber(charges.total)],
          ],
        }),
      })}`;
  }
}

/** A rate is an exact decimal (maybe more than 2 places, e.g. 0.085 zł/m²), never rounded. */
function formatMoneyRate(rate: string, lang: 'pl' | 'en'): string {
  const number = formatDecimal(rate, lang);
  return lang === 'en' ? `PLN\u00a0${number}` : `${number}\u00a0zł`;
}
