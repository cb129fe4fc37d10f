/**
 * The portal's "Zestawienie roczne" below the panel: the years a unit's statement can be asked
 * for, and the section with the year select and the download (internal/statement-download.ts).
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { Assignment } from '@strefa/api-types';
import type { StatementDownload } from '../internal/statement-download.ts';
import { labelledSelect, yearOptions } from '../internal/labelled-select.ts';
import { warsawYear } from '../internal/warsaw-clock.ts';

/**
 * The years of a unit's assignments, newest first, at most the last ten (the billing history
 * the cooperative keeps), never a future one.
 */
export function statementYears(assignments: readonly Assignment[], unit: number, thisYear: number): number[] {
  const years = new Set<number>();
  for (const a of assignments) {
    if (a.unit.id !== unit) continue;
    const last = Math.min(a.to ? Number(a.to.slice(0, 4)) : thisYear, thisYear);
    for (let year = Math.max(Number(a.from.slice(0, 4)), thisYear - 9); year <= last; year++) years.add(year);
  }
  return [...years].sort((x, y) => y - x);
}

/**
 * A unit's yearly statement: the year (the chosen one if the unit has it, else the last whole
 * year, else the newest) and its download; nothing for a unit without a year to offer. "This
 * year" is Warsaw's (`now`, the current moment unless a test sets it): on New Year's Eve after
 * 23:00 UTC the cooperative's last whole year is already the one that has just ended.
 */
export function statementSection(options: {
  assignments: readonly Assignment[];
  unit: number;
  chosenYear: number | null;
  onYear: (year: number) => void;
  download: Pick<StatementDownload, 'render'>;
  now?: number;
}): unknown {
  const thisYear = warsawYear(options.now);
  const years = statementYears(options.assignments, options.unit, thisYear);
  if (years.length === 0) return nothing;
  const chosen = options.chosenYear;
  const year =
    chosen !== null && years.includes(chosen)
      ? chosen
      : years.includes(thisYear - 1)
        ? thisYear - 1
        : years[0]!;
  return html`<section class="statement" part="statement-section" aria-labelledby="statement-heading">
    <h2 id="statement-heading" class="statement-heading">${msg('Zestawienie roczne')}</h2>
    <div class="strefa-form-row">
      ${labelledSelect({
        id: 'statement-year',
        label: msg('Rok zestawienia'),
        options: yearOptions(years),
        value: String(year),
        onChange: (value) => options.onYear(Number(value)),
      })}
      ${options.download.render(options.unit, year)}
    </div>
  </section>`;
}
