import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { Assignment, MeResponse } from '@strefa/api-types';
import { dataWidgetStyles } from '../internal/data-widget.styles.ts';
import { unitTitle } from '../internal/labels.ts';
import { labelledSelect } from '../internal/labelled-select.ts';
import { meToShow, takeMe } from '../internal/early-me.ts';
import { errorMessage } from '../internal/localization.ts';
import { ResourceClient } from '../internal/resource-client.ts';
import { SessionController } from '../internal/session-store.ts';
import { StatementDownload, statementStyles } from '../internal/statement-download.ts';
import { statementSection } from './resident-portal.statement.ts';
import { StrefaElement } from '../internal/strefa-element.ts';
import { themeStyles } from '../internal/theme.styles.ts';
import {
  HISTORY_STEP,
  historyDepth,
  UrlStateController,
  VIEW_KEYS,
  type UrlState,
} from '../internal/url-state.ts';
import { styles } from './resident-portal.styles.ts';

/**
 * The tabs: "Do zapłaty" first (what a resident comes for once a month, and the tab that opens),
 * then the original's five in its order; the id is what the URL holds (`?strefa-tab=czynsz`).
 */
export const PORTAL_TABS = [
  'do-zaplaty',
  'dane-osobowe',
  'czynsz',
  'ksiegowosc',
  'media-odczyty',
  'media-rozliczenia',
] as const;
export type PortalTab = (typeof PORTAL_TABS)[number];

const isTab = (value: unknown): value is PortalTab => PORTAL_TABS.includes(value as PortalTab);

/** Every tab's label (a function: `msg()` must run in the language of the moment). */
const TAB_LABELS: { readonly [T in PortalTab]: () => string } = {
  'do-zaplaty': () => msg('Do zapłaty'),
  'dane-osobowe': () => msg('Dane osobowe'),
  czynsz: () => msg('Czynsz'),
  ksiegowosc: () => msg('Księgowość'),
  'media-odczyty': () => msg('Media odczyty'),
  'media-rozliczenia': () => msg('Media rozliczenia'),
};

/**
 * The whole resident zone in one tag: a header with the cooperative's name, the resident's name
 * and "Wyloguj" in the top right corner; the tabs on the left (Do zapłaty, which opens first, then
 * Dane osobowe, Czynsz, Księgowość, Media odczyty, Media rozliczenia); a unit switcher when the resident has several units; and the
 * login form when there is no session.
 *
 * The chosen tab, unit, parameters and opened details live in the page's URL (`strefa-*` query
 * parameters), so the browser's back and forward arrows and a reload return exactly there; a
 * "← Wstecz" button at the top left of the content does the same as the browser's back once the
 * resident has taken a step (a tab, "Wyślij", opened details). On a phone the tabs wrap into rows
 * above the content, every tab in view.
 *
 * @summary The complete resident zone: login, tabs, unit switcher, logout.
 *
 * @fires strefa-unit-change - The resident chose another unit; `detail.unitId`.
 * @fires strefa-logout - The resident logged out with "Wyloguj".
 * @fires strefa-session-expired - The server ended the session (a 401); the login is shown.
 *
 * @slot brand - The cooperative's name or logo in the header (default: "Strefa Mieszkańca").
 * @slot login - The login form shown without a session; a `<resident-login>` is put here when empty.
 *
 * @csspart base - The whole portal.
 * @csspart header - The header with the name, the user and "Wyloguj".
 * @csspart brand - The cooperative's name.
 * @csspart user - The logged-in resident's name.
 * @csspart logout-button - The "Wyloguj" button.
 * @csspart back-button - "← Wstecz", the browser's back, while the zone has a step to go back to.
 * @csspart tabs - The tab list on the left (a row on a phone).
 * @csspart tab - One tab.
 * @csspart unit-switcher - The unit select (only with several units).
 * @csspart panel - The chosen tab's content.
 * @csspart statement-section - The yearly statement's year and download, below the panel.
 * @csspart statement - The yearly statement's download (link and its messages).
 * @csspart statement-link - "Pobierz zestawienie roczne (PDF)".
 *
 * @cssproperty --strefa-color-primary - The active tab, buttons and the header line.
 * @cssproperty --strefa-color-on-primary - Text on primary buttons.
 * @cssproperty --strefa-color-text - Text.
 * @cssproperty --strefa-color-muted - Secondary text.
 * @cssproperty --strefa-color-surface - Background.
 * @cssproperty --strefa-color-border - Borders of the tabs and tables.
 * @cssproperty --strefa-color-danger - Errors and arrears.
 * @cssproperty --strefa-color-success - Overpayments.
 * @cssproperty --strefa-color-focus - The keyboard focus ring.
 * @cssproperty --strefa-font-family - All text.
 * @cssproperty --strefa-font-size - The base text size.
 * @cssproperty --strefa-radius - Corners.
 * @cssproperty --strefa-space - Spacing.
 */
export class ResidentPortal extends StrefaElement {
  static override styles = [themeStyles, dataWidgetStyles, styles, statementStyles];

  private readonly session = new SessionController(this);

  /** @internal The client with the data calls (resource-client.ts). */
  protected override createClient(base: string): ResourceClient {
    return new ResourceClient(base);
  }

  /** The API client for this element's `api-base`, with the data calls. */
  override get api(): ResourceClient {
    return super.api as ResourceClient;
  }

  /**
   * The address of the clerks' page (with `<clerk-admin>`): a clerk who logs in here is told this
   * is the residents' zone and given this link. Without it the message names no address.
   */
  @property({ attribute: 'clerk-url' }) clerkUrl = '';

  /** The open tab (from the URL, else the first). */
  @state() private tab: PortalTab = PORTAL_TABS[0];
  /** The chosen unit from the URL; null: the first assigned unit. */
  @state() private unitFromUrl: number | null = null;
  /** The tab that has the keyboard focus within the tab list (roving tabindex). */
  @state() private focusedTab: PortalTab | null = null;
  @state() private logoutError: string | null = null;
  /** Steps of the zone behind this view (a tab, "Wyślij", opened details): the back arrow's. */
  @state() private backSteps = 0;
  /** The year chosen for the yearly statement's download; null: the default (last whole year). */
  @state() private statementYear: number | null = null;

  /** "Pobierz zestawienie roczne (PDF)" below the panel (statement-download.ts). */
  private readonly statement = new StatementDownload(this);

  /** @internal A failed statement download ends the session on a 401, like any other call. */
  onStatementError(error: unknown): void {
    this.session.failed(error);
  }

  private readonly onHistoryStep = () => (this.backSteps = historyDepth());

  /**
   * The portal's URL keys: the tab and unit, and the shown widget's parameters, which it keeps
   * under the same un-namespaced keys (one widget at a time) and clears on a change of tab.
   */
  private readonly url = new UrlStateController(this, {
    keys: ['tab', 'unit', ...VIEW_KEYS],
    enabled: () => true,
    namespace: () => '',
    onChange: (urlState) => {
      this.readUrl(urlState);
      this.backSteps = historyDepth();
    },
  });

  private readonly meTask = new Task(this, {
    task: async ([ready, role], { signal }) => {
      // A clerk has no units: nothing to ask (the zone says where the clerks' tool is instead).
      if (!ready || role === 'clerk') return initialState;
      return this.session.guard(takeMe(this.api, this.session.store, signal));
    },
    args: () => [this.session.ready, this.session.user?.role, this.session.user?.login] as const,
  });

  /** `/me` as shown: the task's, or the session check's until then (early-me.ts). */
  private get me(): MeResponse | null {
    return meToShow(this.meTask, this.session.store);
  }

  override connectedCallback(): void {
    // The session check starts here (SessionController) and brings `/me` along for a resident,
    // rather than `/me` after its answer (`?include=me`, early-me.ts).
    super.connectedCallback();
    this.session.store.wantMe();
    this.readUrl(this.url.read());
    this.backSteps = historyDepth();
    window.addEventListener(HISTORY_STEP, this.onHistoryStep);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(HISTORY_STEP, this.onHistoryStep);
  }

  /**
   * The back arrow: exactly the browser's back (the URL holds the view, so the widgets follow
   * through popstate), shown only while the zone itself has a step to go back to.
   */
  private renderBack() {
    if (this.backSteps < 1) return nothing;
    return html`<button
      type="button"
      class="strefa-button strefa-button--secondary back"
      part="back-button"
      @click=${() => history.back()}
    >
      <span aria-hidden="true">←</span> ${msg('Wstecz')}
    </button>`;
  }

  private readUrl(urlState: UrlState): void {
    this.tab = isTab(urlState.tab) ? urlState.tab : PORTAL_TABS[0];
    this.unitFromUrl = urlState.unit ?? null;
  }

  /** Each unit once (a resident may hold two assignments in one unit over time). */
  private units(assignments: Assignment[]): Assignment[] {
    const seen = new Set<number>();
    return assignments.filter((a) => (seen.has(a.unit.id) ? false : (seen.add(a.unit.id), true)));
  }

  /** The unit shown: the URL's if it is one of the resident's, else the first. */
  private currentUnit(): number | null {
    const me = this.me;
    if (!me) return null;
    const units = this.units(me.assignments);
    if (this.unitFromUrl !== null && units.some((a) => a.unit.id === this.unitFromUrl))
      return this.unitFromUrl;
    return units[0]?.unit.id ?? null;
  }

  /** Opens a tab: a new history entry, each tab starting from its own defaults. */
  private selectTab(tab: PortalTab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    // Only the tab and the unit stay: the next view starts from its own defaults.
    this.url.write({ tab, unit: this.unitFromUrl ?? undefined }, { push: true, replaceAll: true });
  }

  private selectUnit(unitId: number): void {
    this.unitFromUrl = unitId;
    // Year and the like stay if the other unit has them; ids of accounts and opened details
    // belong to a unit and are dropped.
    this.url.write({ unit: unitId, account: undefined, details: undefined }, { push: true });
    this.emit('strefa-unit-change', { unitId });
  }

  private onTabKeydown(event: KeyboardEvent): void {
    const current = PORTAL_TABS.indexOf(this.focusedTab ?? this.tab);
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        next = (current + 1) % PORTAL_TABS.length;
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        next = (current - 1 + PORTAL_TABS.length) % PORTAL_TABS.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = PORTAL_TABS.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    // Manual activation: arrows move the focus, Enter or Space opens the tab. Opening loads data
    // from the server, so walking past three tabs should not send three requests and three
    // history entries.
    this.focusedTab = PORTAL_TABS[next]!;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#tab-${this.focusedTab}`)?.focus(),
    );
  }

  private async logout(): Promise<void> {
    this.logoutError = null;
    try {
      await this.session.store.logout();
    } catch (error) {
      this.logoutError = errorMessage(error);
      return;
    }
    // The next person at this computer starts from the first tab, without this one's unit.
    this.url.write({}, { replaceAll: true });
    this.readUrl(this.url.read());
    this.emit('strefa-logout', {});
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tab' as keyof ResidentPortal)) this.focusedTab = null;
  }

  override render(): unknown {
    const store = this.session.store;
    const ready = this.session.ready;
    return html`<div class="portal root" part="base">
      <header class="header" part="header">
        <p class="brand" part="brand"><slot name="brand">${msg('Strefa Mieszkańca')}</slot></p>
        ${
          ready
            ? html`<div class="user">
                <span class="user-name" part="user">${this.session.user?.displayName}</span>
                <button
                  type="button"
                  class="strefa-button strefa-button--secondary"
                  part="logout-button"
                  @click=${() => this.logout()}
                >
                  ${msg('Wyloguj')}
                </button>
                ${
                  this.logoutError
                    ? html`<p class="strefa-alert strefa-alert--error logout-error" role="alert">
                        ${this.logoutError}
                      </p>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </header>
      ${
        ready
          ? this.renderZone()
          : store.status === 'unknown'
            ? store.error
              ? this.renderRetry(errorMessage(store.error), () => void store.refresh())
              : this.renderLoading()
            : this.renderLoginPrompt()
      }
    </div>`;
  }

  private renderLoading() {
    return html`<p class="state loading" role="status">
      <span class="spinner" aria-hidden="true"></span>${msg('Wczytywanie danych…')}
    </p>`;
  }

  private renderRetry(text: string, retry: () => void) {
    return html`<div class="state error" role="alert">
      <p>${text}</p>
      <button type="button" class="strefa-button" @click=${retry}>${msg('Spróbuj ponownie')}</button>
    </div>`;
  }

  /** A clerk's account in the residents' zone: where they belong instead (as `<clerk-admin>` does the reverse). */
  private renderClerkNotice() {
    const user = this.session.user!;
    return html`<div class="clerk-notice" part="panel">
      <p class="strefa-alert strefa-alert--info" role="status">
        ${msg(
          str`To jest strefa dla mieszkańców. Jesteś zalogowany(-a) kontem pracownika (${user.displayName}).`,
        )}
      </p>
      ${
        this.clerkUrl
          ? html`<p>
              <a class="strefa-button" href=${this.clerkUrl}>${msg('Przejdź do strony dla pracowników')}</a>
            </p>`
          : nothing
      }
    </div>`;
  }

  private renderZone() {
    if (this.session.user?.role === 'clerk') return this.renderClerkNotice();
    const focused = this.focusedTab ?? this.tab;
    return html`<div class="layout">
      <div
        class="tabs"
        part="tabs"
        role="tablist"
        aria-orientation="vertical"
        aria-label=${msg('Strefa Mieszkańca')}
        @keydown=${this.onTabKeydown}
      >
        ${PORTAL_TABS.map(
          (tab) =>
            html`<button
              type="button"
              class="tab"
              part="tab"
              role="tab"
              id="tab-${tab}"
              aria-selected=${tab === this.tab ? 'true' : 'false'}
              aria-controls=${tab === this.tab ? 'panel' : nothing}
              tabindex=${tab === focused ? '0' : '-1'}
              @click=${() => this.selectTab(tab)}
              @focus=${() => (this.focusedTab = tab)}
            >
              ${TAB_LABELS[tab]()}
            </button>`,
        )}
      </div>
      <div class="main">
        ${this.renderBack()} ${this.me ? this.renderUnitSwitcher() : nothing}
        <div
          class="panel"
          part="panel"
          role="tabpanel"
          id="panel"
          aria-labelledby="tab-${this.tab}"
          tabindex="0"
        >
          ${
            // `me` is the task's answer or the session check's (meToShow); without one, the task
            // is loading (never the previous `/me` meanwhile: it may be another person's) or failed.
            this.me
              ? this.renderPanel(this.currentUnit())
              : this.meTask.status === TaskStatus.ERROR
                ? this.renderRetry(errorMessage(this.meTask.error), () => void this.meTask.run())
                : this.renderLoading()
          }
        </div>
        ${this.me ? this.renderStatement() : nothing}
      </div>
    </div>`;
  }

  /** The yearly statement of the current unit: a year and its download (not beside Księgowość's own). */
  private renderStatement() {
    const unit = this.currentUnit();
    if (unit === null || this.tab === 'ksiegowosc') return nothing;
    return statementSection({
      assignments: this.me?.assignments ?? [],
      unit,
      chosenYear: this.statementYear,
      onYear: (year) => (this.statementYear = year),
      download: this.statement,
    });
  }

  /** The unit select, for a resident with several units, on the tabs that show one unit. */
  private renderUnitSwitcher() {
    const assignments = this.units(this.me?.assignments ?? []);
    if (assignments.length < 2 || this.tab === 'dane-osobowe') return nothing;
    const unit = this.currentUnit();
    return labelledSelect({
      id: 'unit',
      label: msg('Lokal'),
      options: assignments.map((a) => ({ value: String(a.unit.id), label: unitTitle(a) })),
      value: String(unit),
      onChange: (value) => this.selectUnit(Number(value)),
      fieldClass: 'unit-switcher',
      fieldPart: 'unit-switcher',
    });
  }

  private renderPanel(unit: number | null) {
    if (unit === null) {
      if (this.tab === 'dane-osobowe')
        return html`<resident-profile .apiBase=${this.apiBase}></resident-profile>`;
      return html`<p class="state empty" role="status">${msg('Nie masz przydziałów do żadnego lokalu.')}</p>`;
    }
    switch (this.tab) {
      case 'do-zaplaty':
        return html`<payment-info .apiBase=${this.apiBase} unit-id=${unit}></payment-info>`;
      case 'dane-osobowe':
        return html`<resident-profile .apiBase=${this.apiBase} unit-id=${unit}></resident-profile>`;
      case 'czynsz':
        return html`<rent-components
          .apiBase=${this.apiBase}
          unit-id=${unit}
          url-state
          .urlNamespace=${''}
        ></rent-components>`;
      case 'ksiegowosc':
        return html`<ledger-accounts
          .apiBase=${this.apiBase}
          unit-id=${unit}
          url-state
          .urlNamespace=${''}
        ></ledger-accounts>`;
      case 'media-odczyty':
        return html`<media-readings
          .apiBase=${this.apiBase}
          unit-id=${unit}
          url-state
          .urlNamespace=${''}
        ></media-readings>`;
      case 'media-rozliczenia':
        return html`<media-settlements
          .apiBase=${this.apiBase}
          unit-id=${unit}
          url-state
          .urlNamespace=${''}
        ></media-settlements>`;
    }
  }
}
