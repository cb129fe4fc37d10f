/**
 * The fee chart of `<rent-components>`: the monthly charge over the 24 months ending with the
 * chosen month, as a line whose points name the component that changed ("Od 01.2026 Zimna woda:
 * 16,40 zł/m³ zamiast 15,10 zł"), with a summary and the same figures as a table (with
 * "Pobierz CSV").
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ChargeChange, ChargeHistoryMonth, ChargeHistoryResponse, FeeBasis } from '@strefa/api-types';
import { lineChart } from '../internal/charts/charts.ts';
import { csvButton, csvNumber, type CsvHost } from '../internal/csv.ts';
import { formatDecimal, formatMoney, type Lang } from '../internal/format.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthLabel = (m: Pick<ChargeHistoryMonth, 'year' | 'month'>) => `${pad2(m.month)}.${m.year}`;

function basisUnit(basis: FeeBasis): string {
  switch (basis) {
    case 'm2':
      return 'm²';
    case 'm3':
      return 'm³';
    case 'person':
      return msg('os.');
    default:
      return msg('lokal');
  }
}

/** One change in words: "Od 01.2026 Zimna woda: 16,40 zł/m³ zamiast 15,10 zł/m³". */
export function describeChange(month: ChargeHistoryMonth, change: ChargeChange, lang: Lang): string {
  const since = monthLabel(month);
  const name = change.name;
  const unit = basisUnit(change.basis);
  const rate = (value: string) => `${formatMoney(value, lang)}/${unit}`;
  if (change.previousRate === null && change.rate !== null) {
    return msg(str`Od ${since} nowy składnik ${name}: ${rate(change.rate)}`);
  }
  if (change.rate === null && change.previousRate !== null) {
    return msg(str`Od ${since} bez składnika ${name} (było ${formatMoney(change.previousAmount, lang)})`);
  }
  if (change.rate !== change.previousRate) {
    return msg(str`Od ${since} ${name}: ${rate(change.rate!)} zamiast ${rate(change.previousRate!)}`);
  }
  return msg(
    str`Od ${since} ${name}: ${formatDecimal(change.quantity, lang)} ${unit} zamiast ${formatDecimal(change.previousQuantity, lang)} ${unit}`,
  );
}

/** "Przez 24 miesiące opłata wzrosła z 398,20 zł do 412,30 zł." */
export function chargeSummary(months: ChargeHistoryMonth[], lang: Lang): string {
  const known = months.filter((m) => m.total !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return msg('Brak opłat w ostatnich 24 miesiącach.');
  const from = formatMoney(first.total, lang);
  const to = formatMoney(last.total, lang);
  const a = monthLabel(first);
  const b = monthLabel(last);
  const compare = Number(last.total) - Number(first.total);
  if (first === last || compare === 0) return msg(str`Od ${a} do ${b} opłata bez zmian: ${to}.`);
  return compare > 0
    ? msg(str`Od ${a} do ${b} opłata wzrosła z ${from} do ${to}.`)
    : msg(str`Od ${a} do ${b} opłata spadła z ${from} do ${to}.`);
}

export function renderChargeChart(
  host: CsvHost,
  data: ChargeHistoryResponse,
  lang: Lang,
  active: number | null,
  onActivate: (index: number | null) => void,
): TemplateResult | typeof nothing {
  const months = data.months;
  if (months.every((m) => m.total === null)) return nothing;
  const last = months[months.length - 1]!;
  const changes = (m: ChargeHistoryMonth) => m.changes.map((c) => describeChange(m, c, lang)).join('; ');
  const columns = [msg('Miesiąc'), msg('Opłata (zł)'), msg('Zmiany')];
  const caption = msg(str`Opłata miesięczna przez 24 miesiące do ${monthLabel(last)}`);
  const shown = months.filter((m) => m.total !== null);
  return html`<section class="chart-block" aria-label=${msg('Wykres opłaty')}>
    <p class="chart-summary" part="chart-summary">${chargeSummary(months, lang)}</p>
    ${lineChart({
      id: 'charges',
      title: caption,
      points: months.map((m) => ({
        label: monthLabel(m),
        value: m.total === null ? null : { value: Number(m.total), text: formatMoney(m.total, lang) },
        note: m.changes.length ? changes(m) : undefined,
      })),
      active,
      onActivate,
      hint: msg(
        'Wskaż punkt lub przejdź do niego klawiszem Tab i strzałkami, aby zobaczyć opłatę i jej zmiany.',
      ),
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
              <th scope="col">${columns[0]}</th>
              <th scope="col" class="num">${columns[1]}</th>
              <th scope="col">${columns[2]}</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (m) =>
                html`<tr>
                  <th scope="row" data-label=${columns[0]!}>${monthLabel(m)}</th>
                  <td class="num" data-label=${columns[1]!}>${formatMoney(m.total, lang)}</td>
                  <td data-label=${columns[2]!}>${changes(m) || '–'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${csvButton(host, {
        label: caption,
        view: 'czynsz-24-miesiace',
        period: `${last.year}-${pad2(last.month)}`,
        table: () => ({
          columns,
          rows: shown.map((m) => [monthLabel(m), csvNumber(m.total), changes(m)]),
        }),
      })}
    </details>
  </section>`;
}

/** The chart's look, added to the widget's shadow root when this module has loaded. */
export { chartStyles as styles } from '../internal/charts/chart.styles.ts';
