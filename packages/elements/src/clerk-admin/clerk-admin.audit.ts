/**
 * The audit trail of one login in `<clerk-admin>`: every event, newest first, with the time in
 * Europe/Warsaw and who acted, by name.
 */
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AuditEvent } from '@strefa/api-types';
import { formatWarsaw, zoneLabel } from '../internal/warsaw-time.ts';
import { getLocale } from '../internal/localization.ts';
import { auditActionLabel } from './clerk-admin.labels.ts';

/** "Anna Nowak (demo-clerk)": the name a clerk knows, and the login the trail records. */
function actor(event: AuditEvent): string {
  if (!event.actor) return '—';
  return event.actorName ? `${event.actorName} (${event.actor})` : event.actor;
}

export function renderAuditEvents(login: string, events: AuditEvent[] | null): TemplateResult {
  if (!events?.length) return html`<p>${msg('Brak zdarzeń.')}</p>`;
  const lang = getLocale() === 'en' ? 'en' : 'pl';
  const labels = {
    // The zone once, in the heading, rather than on 200 rows.
    at: `${msg('Czas')} (${zoneLabel(lang)})`,
    action: msg('Zdarzenie'),
    actor: msg('Wykonał(a)'),
    target: msg('Dotyczy'),
    ip: msg('Adres IP'),
  };
  return html`<table class="strefa-table">
    <caption class="visually-hidden">
      ${msg(str`Zdarzenia identyfikatora ${login}, od najnowszych`)}
    </caption>
    <thead>
      <tr>
        <th scope="col">${labels.at}</th>
        <th scope="col">${labels.action}</th>
        <th scope="col">${labels.actor}</th>
        <th scope="col">${labels.target}</th>
        <th scope="col">${labels.ip}</th>
      </tr>
    </thead>
    <tbody>
      ${events.map(
        (event) =>
          html`<tr>
            <td data-label=${labels.at}>${formatWarsaw(event.at, lang)}</td>
            <td data-label=${labels.action}>${auditActionLabel(event.action)}</td>
            <td data-label=${labels.actor}>${actor(event)}</td>
            <td data-label=${labels.target}>${event.target ?? '—'}</td>
            <td data-label=${labels.ip}>${event.ip ?? '—'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
