import { html } from 'lit';
import { msg, str } from '@lit/localize';
import type { FiltersResponse, ReadingKind, ReadingsResponse } from '@strefa/api-types';
import { ChartLoader } from '../internal/charts/chart-loader.ts';
import { csvButton, csvDate, csvNumber } from '../internal/csv.ts';
import { DataWidget, pickOne, type ViewParams } from '../internal/data-widget.ts';
import { formatDate, formatMeterQuantity } from '../internal/format.ts';
import type { LabelMap } from '../internal/labels.ts';
import { styles } from './media-readings.styles.ts';

/** Every ReadingKind's words (a code newer than this build is shown as it came). */
const READING_KINDS: LabelMap<ReadingKind> = {
  actual: () => msg('rzeczywisty'),
  estimated: () => msg('szacunkowy'),
  remote: () => msg('radiowy'),
};

/**
 * Media – odczyty (meter readings): for a chosen year and medium (cold water, hot water, heat…),
 * every reading of the unit's meters with the meter's number and place, the date, the kind of
 * reading (actual, estimated, remote), the meter's value and the consumption, in the medium's unit.
 * Below the table, a chart of the consumption per half-year beside the year before and, where at
 * least 5 units of the building have readings, beside the building's average (with a summary and
 * the figures as a table); every table has "Pobierz CSV".
 *
 * @summary Meter readings of a unit for a year and a medium.
 *
 * @fires strefa-session-expired - The server ended the session (a 401); every widget shows the login.
 *
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart base - The widget's section.
 * @csspart heading - The widget's heading.
 * @csspart form - The parameter form (year, medium, "Wyślij").
 * @csspart field - One labelled select of the form.
 * @csspart select - A select of the form.
 * @csspart submit - The "Wyślij" button.
 * @csspart content - The data below the form.
 * @csspart table - The table of readings.
 * @csspart chart-table - The chart's figures as a table.
 * @csspart chart - The consumption chart.
 * @csspart chart-summary - The chart's one-sentence summary.
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
export class MediaReadings extends DataWidget {
  static override styles = [...DataWidget.styles, styles];

  /** The chart (its templates and styles), loaded on demand: see chart-loader.ts. */
  private readonly chart = new ChartLoader(this, () => import('./media-readings.chart.ts'));

  protected get heading(): string {
    return msg('Media – odczyty');
  }

  private readonly readingsTask = this.dataTask(
    () => [this.applied?.year, this.applied?.medium],
    (unit, [year, medium], signal) => this.api.readings(unit, year, medium, signal),
  );

  /** The chart's figures: own consumption per half-year and the building's average. */
  private readonly comparisonTask = this.dataTask(
    () => [this.applied?.year, this.applied?.medium],
    (unit, [year, medium], signal) => this.api.readingsComparison(unit, year, medium, signal),
  );

  protected resolveParams(wanted: ViewParams, filters: FiltersResponse): ViewParams {
    return {
      year: this.pickYear(wanted.year, filters),
      medium: pickOne(
        wanted.medium,
        filters.media.map((medium) => medium.code),
      ),
    };
  }

  protected renderFields(filters: FiltersResponse) {
    return this.renderYearAnd(
      filters,
      'medium',
      msg('Medium'),
      filters.media.map((medium) => ({ value: medium.code, label: medium.name })),
    );
  }

  protected override renderContent(filters: FiltersResponse) {
    if (filters.media.length === 0) return this.renderEmpty(msg('Ten lokal nie ma liczników mediów.'));
    return html`${this.renderTask(this.readingsTask, (data) => this.renderReadings(data))}
    ${this.comparisonTask.render({
      // The chart is an extra: while it loads or if it fails, the readings above still show.
      complete: (data) => this.chart.module?.renderConsumptionChart(this, data, this.fmtLang),
    })}`;
  }

  private kindLabel(kind: ReadingKind): string {
    return Object.hasOwn(READING_KINDS, kind) ? READING_KINDS[kind]() : String(kind);
  }

  private renderReadings(data: ReadingsResponse) {
    if (data.readings.length === 0) {
      return this.renderEmpty(msg(str`Brak odczytów: ${data.medium.name}, rok ${data.year}.`));
    }
    const lang = this.fmtLang;
    const unit = data.medium.unit;
    const labels = {
      meter: msg('Licznik'),
      location: msg('Miejsce'),
      date: msg('Data odczytu'),
      kind: msg('Rodzaj odczytu'),
      value: msg('Stan licznika'),
      consumption: msg('Zużycie'),
    };
    return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="readings-caption">
        <table class="strefa-table" part="table">
          <caption id="readings-caption">
            ${msg(str`Odczyty: ${data.medium.name}, rok ${data.year}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${labels.meter}</th>
              <th scope="col">${labels.location}</th>
              <th scope="col">${labels.date}</th>
              <th scope="col">${labels.kind}</th>
              <th scope="col" class="num">${labels.value}</th>
              <th scope="col" class="num">${labels.consumption}</th>
            </tr>
          </thead>
          <tbody>
            ${data.readings.map(
              (reading) =>
                html`<tr>
                  <th scope="row" data-label=${labels.meter}>${reading.meter.number}</th>
                  <td data-label=${labels.location}>${reading.meter.location}</td>
                  <td data-label=${labels.date}>${formatDate(reading.date, lang)}</td>
                  <td data-label=${labels.kind} class="kind">${this.kindLabel(reading.kind)}</td>
                  <td data-label=${labels.value} class="num">
                    ${formatMeterQuantity(reading.value, unit, lang)}
                  </td>
                  <td data-label=${labels.consumption} class="num">
                    ${formatMeterQuantity(reading.consumption, unit, lang)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${csvButton(this, {
        label: msg(str`Odczyty: ${data.medium.name}, rok ${data.year}`),
        view: 'odczyty',
        period: `${data.year}-${data.medium.code}`,
        table: () => ({
          columns: [
            labels.meter,
            labels.location,
            labels.date,
            labels.kind,
            `${labels.value} (${unit})`,
            `${labels.consumption} (${unit})`,
          ],
          rows: data.readings.map((reading) => [
            reading.meter.number,
            reading.meter.location,
            csvDate(reading.date),
            this.kindLabel(reading.kind),
            csvNumber(reading.value),
            csvNumber(reading.consumption),
          ]),
        }),
      })}`;
  }
}
