import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import type { Assignment, FiltersResponse, MeResponse, RecentLoginsResponse } from '@strefa/api-types';
import { DataWidget, type ViewParams } from '../internal/data-widget.ts';
import { formatDate, formatInstant, formatNrb, formatQuantity } from '../internal/format.ts';
import { legalTitleLabel, roleLabel, unitKindLabel, unitTitle } from '../internal/labels.ts';
import { assignmentsCsvButton, loginsCsvButton } from './resident-profile.csv.ts';
import { styles } from './resident-profile.styles.ts';

/**
 * Dane osobowe (personal data): the resident's own data and every assignment in every unit of
 * the cooperative (flat, garage, storage…) with its address, estate, area, legal title, role,
 * share and period, and the unit's individual bank account number for payments, formatted in
 * groups and copyable with one button.
 *
 * @summary The resident's personal data and their units.
 *
 * @fires strefa-session-expired - The server ended the session (a 401); every widget shows the login.
 *
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart csv - A "Pobierz CSV" button.
 * @csspart base - The widget's section.
 * @csspart heading - The widget's heading.
 * @csspart person - The person's data.
 * @csspart assignments - The list of units.
 * @csspart assignment - One unit's card.
 * @csspart bank-account - A unit's bank account number.
 * @csspart copy-button - The "Kopiuj" button of a bank account number.
 * @csspart logins - The "Ostatnie logowania" section: the resident's own recent sign-ins.
 * @csspart logins-table - The table of recent sign-ins (cards on a phone).
 * @csspart loading - The loading message.
 * @csspart empty - The "no data" message.
 * @csspart error - The error message with its retry button.
 * @csspart retry - The "Spróbuj ponownie" button.
 *
 * @cssproperty --strefa-color-primary - Buttons and focus accents.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Labels.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Card borders.
 * @cssproperty --strefa-color-danger - Errors.
 * @cssproperty --strefa-color-success - The "copied" message.
 * @cssproperty --strefa-color-focus - The keyboard focus ring.
 * @cssproperty --strefa-font-family - All text.
 * @cssproperty --strefa-font-size - The base text size.
 * @cssproperty --strefa-radius - Corners.
 * @cssproperty --strefa-space - Spacing.
 */
export class ResidentProfile extends DataWidget {
  static override styles = [...DataWidget.styles, styles];

  /** The assignment whose account number was copied (or failed to), for the status message. */
  @state() private copied: { id: number; ok: boolean } | null = null;

  /**
   * The resident's own recent sign-ins (successful and failed), so that a login they do not
   * recognise is noticed. Loaded next to `/me`, not after it; its failure does not hide the profile.
   */
  private readonly loginsTask = new Task(this, {
    task: async ([ready], { signal }) => {
      if (!ready) return initialState;
      return this.guard(this.api.recentLogins(signal));
    },
    args: () => [this.session.ready] as const,
  });

  protected get heading(): string {
    return msg('Dane osobowe');
  }

  protected override get needsMe(): boolean {
    return true;
  }

  protected override get needsFilters(): boolean {
    return false;
  }

  protected resolveParams(_wanted: ViewParams, _filters: FiltersResponse): ViewParams {
    return {};
  }

  protected renderFields() {
    return html``;
  }

  protected renderContent() {
    return nothing;
  }

  protected override renderBody() {
    return this.renderTask(this.meTask, (me) => (me ? this.renderProfile(me) : this.renderLoading()));
  }

  private renderProfile(me: MeResponse) {
    const { person } = me;
    const dash = '—';
    return html`<div class="person" part="person">
        <h3>${person.displayName}</h3>
        <dl>
          <dt>${msg('Imię')}</dt>
          <dd>${person.firstName}</dd>
          <dt>${msg('Nazwisko')}</dt>
          <dd>${person.lastName}</dd>
          <dt>${msg('Numer członkowski')}</dt>
          <dd>${person.memberNumber ?? dash}</dd>
          <dt>${msg('Adres do korespondencji')}</dt>
          <dd>${person.correspondenceAddress ?? dash}</dd>
          <dt>${msg('E-mail')}</dt>
          <dd>${person.email ?? dash}</dd>
          <dt>${msg('Telefon')}</dt>
          <dd>${person.phone ?? dash}</dd>
        </dl>
      </div>
      <h3>${msg('Przydziały lokali')}</h3>
      ${
        me.assignments.length === 0
          ? this.renderEmpty(msg('Nie masz przydziałów do żadnego lokalu.'))
          : html`<ul class="assignments" part="assignments">
                ${me.assignments.map((assignment) => this.renderAssignment(assignment))}
              </ul>
              ${assignmentsCsvButton(this, me.assignments)}`
      }
      <section class="logins" part="logins" aria-labelledby="logins-heading">
        <h3 id="logins-heading">${msg('Ostatnie logowania')}</h3>
        ${this.renderTask(this.loginsTask, (logins) => (logins ? this.renderLogins(logins) : this.renderLoading()))}
      </section>`;
  }

  private renderLogins({ events }: RecentLoginsResponse) {
    if (events.length === 0) return this.renderEmpty(msg('Brak zapisanych logowań.'));
    const lang = this.fmtLang;
    const labels = { at: msg('Czas'), result: msg('Wynik'), ip: msg('Adres IP') };
    return html`<table class="strefa-table logins-table" part="logins-table">
        <caption class="visually-hidden">
          ${msg('Ostatnie logowania na Twoje konto, od najnowszego')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${labels.at}</th>
            <th scope="col">${labels.result}</th>
            <th scope="col">${labels.ip}</th>
          </tr>
        </thead>
        <tbody>
          ${events.map((event) => {
            const ok = event.action === 'login_success';
            return html`<tr class=${ok ? 'login-ok' : 'login-failed'}>
              <th scope="row" data-label=${labels.at}>
                <time datetime=${event.at}>${formatInstant(event.at, lang)}</time>
              </th>
              <td data-label=${labels.result} class="result">${ok ? msg('udane') : msg('nieudane')}</td>
              <td data-label=${labels.ip} class="ip">${event.ip ?? '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${loginsCsvButton(this, { events })}`;
  }

  private renderAssignment(assignment: Assignment) {
    const lang = this.fmtLang;
    const { unit } = assignment;
    const headingId = `assignment-${assignment.id}`;
    const period = assignment.to
      ? `${formatDate(assignment.from, lang)}\u00a0– ${formatDate(assignment.to, lang)}`
      : msg(str`od ${formatDate(assignment.from, lang)}`);
    const copied = this.copied?.id === assignment.id ? this.copied : null;
    return html`<li class="assignment" part="assignment" aria-labelledby=${headingId}>
      <h4 id=${headingId}>${unitTitle(assignment)}</h4>
      <dl>
        <dt>${msg('Rodzaj lokalu')}</dt>
        <dd>${unitKindLabel(unit.kind)}</dd>
        <dt>${msg('Adres')}</dt>
        <dd>${unit.address.text}</dd>
        <dt>${msg('Osiedle')}</dt>
        <dd>${unit.estate}</dd>
        <dt>${msg('Powierzchnia')}</dt>
        <dd>${formatQuantity(unit.area, 'm²', lang)}</dd>
        <dt>${msg('Liczba osób')}</dt>
        <dd>${unit.persons}</dd>
        <dt>${msg('Tytuł prawny')}</dt>
        <dd>${legalTitleLabel(unit.legalTitle)}</dd>
        <dt>${msg('Rola')}</dt>
        <dd>${roleLabel(assignment.role)}</dd>
        <dt>${msg('Udział')}</dt>
        <dd>${assignment.share}</dd>
        <dt>${msg('Okres przydziału')}</dt>
        <dd class=${assignment.to ? 'ended' : ''}>${period}</dd>
        <dt>${msg('Indywidualny rachunek do wpłat')}</dt>
        <dd>
          <div class="copy-row">
            <span class="nrb" part="bank-account">${formatNrb(unit.bankAccount)}</span>
            <button
              type="button"
              class="strefa-button strefa-button--secondary"
              part="copy-button"
              aria-label=${msg(str`Kopiuj numer rachunku: ${unit.address.text}`)}
              @click=${() => this.copy(assignment)}
            >
              ${msg('Kopiuj')}
            </button>
            <p class="copy-status ${copied ? (copied.ok ? 'ok' : 'failed') : ''}" role="status">
              ${
                copied
                  ? copied.ok
                    ? msg('Skopiowano numer rachunku.')
                    : msg('Nie udało się skopiować. Zaznacz numer i skopiuj go ręcznie.')
                  : nothing
              }
            </p>
          </div>
        </dd>
      </dl>
    </li>`;
  }

  /** Copies the digits only: every bank's transfer form accepts them, not every one the spaces. */
  private async copy(assignment: Assignment): Promise<void> {
    this.copied = null;
    try {
      await navigator.clipboard.writeText(assignment.unit.bankAccount.replace(/\s+/g, ''));
      this.copied = { id: assignment.id, ok: true };
    } catch {
      this.copied = { id: assignment.id, ok: false };
    }
  }
}
