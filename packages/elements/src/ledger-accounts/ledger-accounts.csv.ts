/**
 * "Pobierz CSV" of `<ledger-accounts>`: the accounts' state of the year, and an account's
 * documents. Kept apart from the component so the tables' files have one place.
 */
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AccountState, DocumentKind, DocumentsResponse } from '@strefa/api-types';
import { csvButton, csvDate, csvNumber, type CsvHost } from '../internal/csv.ts';

/** Column headers with the currency in the header, as the amounts have none. */
const inZloty = (label: string) => msg(str`${label} (zł)`);

export function accountsCsvButton(
  host: CsvHost,
  year: number,
  accounts: AccountState[],
  labels: { name: string; opening: string; debit: string; credit: string; balance: string },
): TemplateResult {
  return csvButton(host, {
    label: msg(str`Stan kont w roku ${year}`),
    view: 'ksiegowosc',
    period: String(year),
    table: () => ({
      columns: [
        labels.name,
        inZloty(labels.opening),
        inZloty(labels.debit),
        inZloty(labels.credit),
        inZloty(labels.balance),
      ],
      rows: accounts.map((a) => [
        a.name,
        csvNumber(a.openingBalance),
        csvNumber(a.debit),
        csvNumber(a.credit),
        csvNumber(a.balance),
      ]),
    }),
  });
}

export function documentsCsvButton(
  host: CsvHost,
  data: DocumentsResponse,
  labels: { date: string; number: string; kind: string; description: string; debit: string; credit: string },
  kindLabel: (kind: DocumentKind) => string,
): TemplateResult {
  // In a paragraph of its own: the details' own buttons ("Zamknij szczegóły") stay its only
  // direct children buttons.
  return html`<p>
    ${csvButton(host, {
      label: msg(str`Dokumenty konta ${data.account.name} w roku ${data.year}`),
      view: 'dokumenty',
      period: `${data.year}-${data.account.name}`,
      table: () => ({
        columns: [
          labels.date,
          labels.number,
          labels.kind,
          labels.description,
          inZloty(labels.debit),
          inZloty(labels.credit),
        ],
        rows: data.documents.map((d) => [
          csvDate(d.date),
          d.number,
          kindLabel(d.kind),
          d.description,
          csvNumber(d.debit),
          csvNumber(d.credit),
        ]),
      }),
    })}
  </p>`;
}
