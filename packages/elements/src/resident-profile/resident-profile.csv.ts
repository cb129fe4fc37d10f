/**
 * "Pobierz CSV" of `<resident-profile>`: the assignments (one row per unit) and the recent
 * logins. Kept apart from the component so the files have one place.
 */
import type { TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Assignment, RecentLoginsResponse } from '@strefa/api-types';
import { csvButton, csvDate, csvNumber, type CsvHost } from '../internal/csv.ts';
import { formatInstant, formatNrb } from '../internal/format.ts';
import { legalTitleLabel, roleLabel, unitKindLabel } from '../internal/labels.ts';
// Today in Warsaw names a file of current data; the computed clock, not an Intl formatter with a
// time zone, whose first use loads the browser's zone data while the profile renders.
import { warsawToday } from '../internal/warsaw-clock.ts';

export function assignmentsCsvButton(host: CsvHost, assignments: Assignment[]): TemplateResult {
  return csvButton(host, {
    label: msg('Przydziały lokali'),
    view: 'przydzialy',
    period: warsawToday(),
    table: () => ({
      columns: [
        msg('Rodzaj lokalu'),
        msg('Adres'),
        msg('Osiedle'),
        msg('Powierzchnia (m²)'),
        msg('Liczba osób'),
        msg('Tytuł prawny'),
        msg('Rola'),
        msg('Udział'),
        msg('Od'),
        msg('Do'),
        msg('Indywidualny rachunek do wpłat'),
      ],
      rows: assignments.map((a) => [
        unitKindLabel(a.unit.kind),
        a.unit.address.text,
        a.unit.estate,
        csvNumber(a.unit.area),
        a.unit.persons,
        legalTitleLabel(a.unit.legalTitle),
        roleLabel(a.role),
        a.share,
        csvDate(a.from),
        csvDate(a.to),
        // In groups, as on an invoice: 26 bare digits would become a rounded number in Excel.
        formatNrb(a.unit.bankAccount),
      ]),
    }),
  });
}

export function loginsCsvButton(host: CsvHost, logins: RecentLoginsResponse): TemplateResult {
  return csvButton(host, {
    label: msg('Ostatnie logowania na Twoje konto, od najnowszego'),
    view: 'logowania',
    period: warsawToday(),
    table: () => ({
      columns: [msg('Czas'), msg('Wynik'), msg('Adres IP')],
      rows: logins.events.map((e) => [
        // dd.mm.rrrr gg:mm in Warsaw time, which a spreadsheet reads as a date and time.
        formatInstant(e.at, 'pl').replace(',', ''),
        e.action === 'login_success' ? msg('udane') : msg('nieudane'),
        e.ip ?? '',
      ]),
    }),
  });
}
