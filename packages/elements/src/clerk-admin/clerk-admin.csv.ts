/**
 * "Pobierz CSV" of `<clerk-admin>`: the people found and a login's history. No unit here: the
 * files are named by the search or the login and the day.
 */
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AdminPerson, AuditEvent } from '@strefa/api-types';
import type { ResourceClient } from '../internal/resource-client.ts';
import { csvButton } from '../internal/csv.ts';
import { formatInstant } from '../internal/format.ts';
import { warsawToday } from '../internal/warsaw-clock.ts';

/** dd.mm.rrrr gg:mm in Warsaw time, which a spreadsheet reads as a date and time. */
const instant = (value: string | null | undefined) =>
  value ? formatInstant(value, 'pl').replace(',', '') : '';

export function peopleCsvButton(api: ResourceClient, query: string, people: AdminPerson[]): TemplateResult {
  return csvButton(
    { api, effectiveUnitId: null },
    {
      label: msg(str`Znalezione osoby: ${query}`),
      view: 'osoby',
      period: `${query}-${warsawToday()}`,
      table: () => ({
        columns: [
          msg('Osoba'),
          msg('Nr członkowski'),
          msg('Lokale'),
          msg('Identyfikator'),
          msg('Ostatnie logowanie'),
        ],
        rows: people.map((p) => [
          p.displayName,
          p.memberNumber ?? '',
          p.units.map((u) => u.address).join(', '),
          p.login ?? '',
          instant(p.lastLoginAt),
        ]),
      }),
    },
  );
}

export function auditCsvButton(
  api: ResourceClient,
  login: string,
  events: AuditEvent[],
  actionLabel: (action: AuditEvent['action']) => string,
): TemplateResult {
  return csvButton(
    { api, effectiveUnitId: null },
    {
      label: msg(str`Zdarzenia identyfikatora ${login}, od najnowszych`),
      view: 'historia',
      period: `${login}-${warsawToday()}`,
      table: () => ({
        columns: [msg('Czas'), msg('Zdarzenie'), msg('Wykonał(a)'), msg('Dotyczy'), msg('Adres IP')],
        rows: events.map((e) => [
          instant(e.at),
          actionLabel(e.action),
          e.actor ?? '',
          e.target ?? '',
          e.ip ?? '',
        ]),
      }),
    },
  );
}
