/**
 * The found people of `<clerk-admin>`: a table with each person's units, login, access state and
 * the actions that fit it (issue access; a new start password, the history).
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { AdminPerson } from '@strefa/api-types';
import { zoneLabel } from '../internal/warsaw-time.ts';
import { formatDateTime, getLocale } from '../internal/localization.ts';
import { accessStatus, foundMessage } from './clerk-admin.labels.ts';

export interface ResultsProps {
  people: AdminPerson[];
  /** The person whose issue or reset is under way (their buttons are disabled). */
  busyPersonId: number | null;
  onIssue: (person: AdminPerson) => void;
  onReset: (person: AdminPerson, opener: HTMLElement) => void;
  onAudit: (login: string) => void;
}

/**
 * A button's accessible name: the visible words and whose row it acts on ("Wydaj dostęp: Natalia
 * Baran"), so a screen reader's list of buttons tells them apart. In `aria-label` rather than a
 * hidden span, which Chromium joins to the visible text with a space ("Wydaj dostęp : …").
 */
const forPerson = (action: string, person: AdminPerson) => `${action}: ${person.displayName}`;

export function renderResults({
  people,
  busyPersonId,
  onIssue,
  onReset,
  onAudit,
}: ResultsProps): TemplateResult {
  if (!people.length) return html`<p>${foundMessage(0)}</p>`;
  const labels = {
    name: msg('Osoba'),
    member: msg('Nr członkowski'),
    units: msg('Lokale'),
    login: msg('Identyfikator'),
    status: msg('Stan dostępu'),
    last: `${msg('Ostatnie logowanie')} (${zoneLabel(getLocale() === 'en' ? 'en' : 'pl')})`,
    actions: msg('Działania'),
  };
  return html`<table class="strefa-table">
    <caption class="visually-hidden">
      ${foundMessage(people.length)}
    </caption>
    <thead>
      <tr>
        <th scope="col">${labels.name}</th>
        <th scope="col">${labels.member}</th>
        <th scope="col">${labels.units}</th>
        <th scope="col">${labels.login}</th>
        <th scope="col">${labels.status}</th>
        <th scope="col">${labels.last}</th>
        <th scope="col"><span class="visually-hidden">${labels.actions}</span></th>
      </tr>
    </thead>
    <tbody>
      ${people.map((person) => {
        const status = accessStatus(person);
        const busy = busyPersonId === person.id;
        return html`<tr data-person-id=${person.id}>
          <th scope="row" data-label=${labels.name}>${person.displayName}</th>
          <td data-label=${labels.member}>${person.memberNumber ?? '—'}</td>
          <td data-label=${labels.units}>
            <ul class="admin__units">
              ${person.units.map((unit) => html`<li>${unit.address}</li>`)}
            </ul>
          </td>
          <td data-label=${labels.login}>${person.login ?? '—'}</td>
          <td data-label=${labels.status}>
            <span class="admin__status admin__status--${status.kind}">${status.text}</span>
          </td>
          <td data-label=${labels.last}>
            ${person.lastLoginAt ? formatDateTime(person.lastLoginAt) : msg('nigdy')}
          </td>
          <td>
            <div class="admin__actions">
              ${
                person.login
                  ? html`<button
                        type="button"
                        class="strefa-button strefa-button--secondary"
                        data-action="reset"
                        aria-label=${forPerson(msg('Nowe hasło startowe'), person)}
                        aria-disabled=${busy ? 'true' : 'false'}
                        @click=${(e: Event) => onReset(person, e.currentTarget as HTMLElement)}
                      >
                        ${msg('Nowe hasło startowe')}
                      </button>
                      <button
                        type="button"
                        class="strefa-button strefa-button--secondary"
                        data-action="audit"
                        aria-label=${forPerson(msg('Historia'), person)}
                        @click=${() => onAudit(person.login!)}
                      >
                        ${msg('Historia')}
                      </button>`
                  : html`<button
                      type="button"
                      class="strefa-button"
                      data-action="issue"
                      aria-label=${forPerson(msg('Wydaj dostęp'), person)}
                      aria-disabled=${busy ? 'true' : 'false'}
                      @click=${() => onIssue(person)}
                    >
                      ${msg('Wydaj dostęp')}
                    </button>`
              }
            </div>
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
