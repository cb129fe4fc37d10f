/**
 * The consumption chart of `<media-readings>`: per reading period (half-year) of the chosen year
 * beside the year before, and, where at least 5 units of the building have readings, the unit's
 * consumption per person (water) or per m² (heat) beside the building's average. With a text
 * summary and the same figures as a table (with "Pobierz CSV"), loaded on demand with the SVG
 * templates (the widget's tables show meanwhile).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ConsumptionPeriod, ReadingsComparisonResponse } from '@strefa/api-types';
import { barChart } from '../internal/charts/charts.ts';
import { csvButton, csvNumber, type CsvHost } from '../internal/csv.ts';
import { formatDecimal, formatQuantity, type Lang } from '../internal/format.ts';

function halfLabel(period: Pick<ConsumptionPeriod, 'half'>): string {
  return period.half === 1 ? msg('I półrocze') : msg('II półrocze');
}

/** The unit of a per-person or per-m² figure: `m³/os.`, `jedn./m²`. */
function perUnit(data: ReadingsComparisonResponse): string {
  return data.basis === 'person' ? `${data.medium.unit}/${msg('os.')}` : `${data.medium.unit}/m²`;
}

/** Sum of decimal strings as a number: for a percentage only, never shown as an amount. */
const sum = (values: (string | null)[]) =>
  values.reduce((total, v) => total + (v === null ? 0 : Number(v)), 0);

/** "W 2026 zużyto 12% mniej niż w 2025 (Zimna woda)." over the half-years both years have. */
export function consumptionSummary(data: ReadingsComparisonResponse): string {
  const previous = data.periods.filter((p) => p.year === data.year - 1);
  const current = data.periods.filter((p) => p.year === data.year);
  const both = [0, 1].filter((i) => previous[i]?.consumption != null && current[i]?.consumption != null);
  const name = data.medium.name;
  const year = data.year;
  const before = data.year - 1;
  const was = sum(both.map((i) => previous[i]!.consumption));
  const now = sum(both.map((i) => current[i]!.consumption));
  if (both.length === 0 || was <= 0) {
    return msg(str`Brak odczytów z ${before} do porównania z ${year} (${name}).`);
  }
  const percent = Math.round((Math.abs(now - was) / was) * 100);
  if (percent === 0) return msg(str`W ${year} zużyto tyle samo co w ${before} (${name}).`);
  return now < was
    ? msg(str`W ${year} zużyto ${percent}% mniej niż w ${before} (${name}).`)
    : msg(str`W ${year} zużyto ${percent}% więcej niż w ${before} (${name}).`);
}

export function renderConsumptionChart(
  host: CsvHost,
  data: ReadingsComparisonResponse,
  lang: Lang,
): TemplateResult | typeof nothing {
  if (data.periods.every((p) => p.consumption === null)) return nothing;
  const unit = data.medium.unit;
  const quantity = (value: string | null) => (value === null ? null : formatQuantity(value, unit, lang));
  const per = perUnit(data);
  const perText = (value: string | null) =>
    value === null ? null : `${formatDecimal(value, lang)}\u00a0${per}`;
  const chartValue = (text: string | null, value: string | null) =>
    text === null || value === null ? null : { value: Number(value), text };
  const current = data.periods.filter((p) => p.year === data.year);
  const previous = data.periods.filter((p) => p.year === data.year - 1);
  const withBuilding = data.periods.some((p) => p.building !== null);
  const noData = msg('brak danych');
  const perBasisLabel = data.basis === 'person' ? msg('na osobę') : msg('na m²');
  const columns = [
    msg('Okres'),
    msg(str`Zużycie (${unit})`),
    msg(str`Zużycie ${perBasisLabel} (${per})`),
    msg(str`Średnia budynku ${perBasisLabel} (${per})`),
  ];
  const caption = msg(str`Zużycie w półroczach: ${data.medium.name}, ${data.year - 1}–${data.year}`);
  const title = (p: ConsumptionPeriod) => `${halfLabel(p)} ${p.year}`;
  return html`<section class="chart-block" aria-label=${msg('Wykres zużycia')}>
    <p class="chart-summary" part="chart-summary">${consumptionSummary(data)}</p>
    ${barChart({
      id: 'consumption',
      title: msg(str`Zużycie (${unit}): ${data.year} wobec ${data.year - 1}`),
      noData,
      series: [
        { label: String(data.year - 1), style: 'hatched' },
        { label: String(data.year), style: 'solid' },
      ],
      groups: [0, 1].map((i) => ({
        label: halfLabel({ half: (i + 1) as 1 | 2 }),
        values: [previous[i], current[i]].map((p) =>
          p ? chartValue(quantity(p.consumption), p.consumption) : null,
        ),
      })),
    })}
    ${
      withBuilding
        ? barChart({
            id: 'building',
            title: msg(str`Zużycie ${perBasisLabel} (${per}) wobec średniej budynku`),
            noData,
            series: [
              { label: msg('Twój lokal'), style: 'solid' },
              { label: msg('Średnia budynku'), style: 'dotted' },
            ],
            groups: data.periods.map((p) => ({
              label: title(p),
              values: [
                chartValue(perText(p.perBasis), p.perBasis),
                p.building ? chartValue(perText(p.building.average), p.building.average) : null,
              ],
            })),
          })
        : nothing
    }
    ${
      withBuilding
        ? nothing
        : html`<p class="note">
            ${msg(
              str`Średnią budynku pokazujemy, gdy odczyty tego medium ma co najmniej ${data.minimumUnits} lokali budynku, aby nie dało się rozpoznać sąsiada.`,
            )}
          </p>`
    }
    <details class="chart-data">
      <summary>${msg('Dane wykresu w tabeli')}</summary>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="consumption-caption">
        <table class="strefa-table" part="chart-table">
          <caption id="consumption-caption">
            ${caption}
          </caption>
          <thead>
            <tr>
              ${columns.map((c, i) => html`<th scope="col" class=${i ? 'num' : ''}>${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${data.periods.map(
              (p) =>
                html`<tr>
                  <th scope="row" data-label=${columns[0]!}>${title(p)}</th>
                  <td class="num" data-label=${columns[1]!}>${quantity(p.consumption) ?? '–'}</td>
                  <td class="num" data-label=${columns[2]!}>${perText(p.perBasis) ?? '–'}</td>
                  <td class="num" data-label=${columns[3]!}>
                    ${perText(p.building?.average ?? null) ?? '–'}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${csvButton(host, {
        label: caption,
        view: 'odczyty-wykres',
        period: `${data.year}-${data.medium.code}`,
        table: () => ({
          columns,
          rows: data.periods.map((p) => [
            title(p),
            csvNumber(p.consumption),
            csvNumber(p.perBasis),
            csvNumber(p.building?.average ?? null),
          ]),
        }),
      })}
    </details>
  </section>`;
}

/** The chart's look, added to the widget's shadow root when this module has loaded. */
export { chartStyles as styles } from '../internal/charts/chart.styles.ts';
