/**
 * The settlements chart of `<media-settlements>`: cost against advances for each settlement
 * period of the account over the ten years to the chosen one, with a summary (sums exact to
 * the grosz) and the same figures as a table (with "Pobierz CSV").
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Settlement, SettlementHistoryResponse } from '@strefa/api-types';
import { barChart } from '../internal/charts/charts.ts';
import { csvButton, csvDate, csvNumber, type CsvHost } from '../internal/csv.ts';
import {
  absMoney,
  formatDate,
  formatMoney,
  groszeToMoney,
  moneyToGrosze,
  type Lang,
} from '../internal/format.ts';

/** "01.2025–06.2025": short enough for a phone; the full dates are in the table. */
function periodLabel(s: Settlement): string {
  const month = (iso: string) => `${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  return `${month(s.periodFrom)}–${month(s.periodTo)}`;
}

/** "W latach 2017–2026 koszty 4512,30 zł, zaliczki 4600,00 zł: razem do zwrotu 87,70 zł." */
export function settlementSummary(data: SettlementHistoryResponse, lang: Lang): string {
  const cost = data.settlements.reduce((sum, s) => sum + moneyToGrosze(s.cost), 0n);
  const advances = data.settlements.reduce((sum, s) => sum + moneyToGrosze(s.advances), 0n);
  const years = `${data.fromYear}–${data.toYear}`;
  const c = formatMoney(groszeToMoney(cost), lang);
  const a = formatMoney(groszeToMoney(advances), lang);
  const balance = groszeToMoney(cost - advances);
  if (cost > advances) {
    return msg(
      str`W latach ${years} koszty ${c}, zaliczki ${a}: razem niedopłata ${formatMoney(balance, lang)}.`,
    );
  }
  if (cost < advances) {
    return msg(
      str`W latach ${years} koszty ${c}, zaliczki ${a}: razem nadpłata ${formatMoney(absMoney(balance), lang)}.`,
    );
  }
  return msg(str`W latach ${years} koszty ${c} i zaliczki ${a} są równe.`);
}

export function renderSettlementChart(
  host: CsvHost,
  data: SettlementHistoryResponse,
  lang: Lang,
): TemplateResult | typeof nothing {
  if (data.settlements.length === 0) return nothing;
  const money = (value: string) => ({ value: Number(value), text: formatMoney(value, lang) });
  const label = (s: Settlement) => `${periodLabel(s)} · ${s.name}`;
  const columns = [
    msg('Okres od'),
    msg('Okres do'),
    msg('Rozliczenie'),
    msg('Koszt (zł)'),
    msg('Zaliczki (zł)'),
    msg('Różnica (zł)'),
  ];
  const caption = msg(str`Koszt i zaliczki: ${data.account.name}, ${data.fromYear}–${data.toYear}`);
  return html`<section class="chart-block" aria-label=${msg('Wykres rozliczeń')}>
    <p class="chart-summary" part="chart-summary">${settlementSummary(data, lang)}</p>
    ${barChart({
      id: 'settlements',
      title: caption,
      noData: msg('brak danych'),
      series: [
        { label: msg('Koszt'), style: 'solid' },
        { label: msg('Zaliczki'), style: 'hatched' },
      ],
      groups: data.settlements.map((s) => ({
        label: label(s),
        values: [money(s.cost), money(s.advances)],
      })),
    })}
    <details class="chart-data">
      <summary>${msg('Dane wykresu w tabeli')}</summary>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="history-caption">
        <table class="strefa-table" part="chart-table">
          <caption id="history-caption">
            ${caption}
          </caption>
          <thead>
            <tr>
              ${columns.map((c, i) => html`<th scope="col" class=${i > 2 ? 'num' : ''}>${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${data.settlements.map(
              (s) =>
                html`<tr>
                  <td data-label=${columns[0]!}>${formatDate(s.periodFrom, lang)}</td>
                  <td data-label=${columns[1]!}>${formatDate(s.periodTo, lang)}</td>
                  <th scope="row" data-label=${columns[2]!}>${s.name}</th>
                  <td class="num" data-label=${columns[3]!}>${formatMoney(s.cost, lang)}</td>
                  <td class="num" data-label=${columns[4]!}>${formatMoney(s.advances, lang)}</td>
                  <td class="num" data-label=${columns[5]!}>${formatMoney(s.balance, lang)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${csvButton(host, {
        label: caption,
        view: 'rozliczenia-wykres',
        period: `${data.fromYear}-${data.toYear}`,
        table: () => ({
          columns,
          rows: data.settlements.map((s) => [
            csvDate(s.periodFrom),
            csvDate(s.periodTo),
            s.name,
            csvNumber(s.cost),
            csvNumber(s.advances),
            csvNumber(s.balance),
          ]),
        }),
      })}
    </details>
  </section>`;
}

/** The chart's look, added to the widget's shadow root when this module has loaded. */
export { chartStyles as styles } from '../internal/charts/chart.styles.ts';
