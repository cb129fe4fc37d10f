/**
 * The shared base of the five data widgets (`<resident-profile>`, `<rent-components>`,
 * `<ledger-accounts>`, `<media-readings>`, `<media-settlements>`): the session (a login prompt
 * without one), the unit (the `unit-id` attribute, else the first assignment's unit from `/me`),
 * the unit's filters with the latest period as the default, the parameter form with "Wyślij",
 * loading / empty / error states with a retry, and the parameters in the URL when asked to.
 *
 * A subclass supplies its heading, its fields, how to fill and check parameters, and its data
 * task; everything that must behave the same in every widget lives here once.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import type { FiltersResponse, Freshness } from '@strefa/api-types';
import { ApiClientError } from './api-client.ts';
import { ResourceClient } from './resource-client.ts';
import { formatInstant, normalizeLang, type Lang } from './format.ts';
import { meToShow, takeMe } from './early-me.ts';
import { errorMessage, getLocale } from './localization.ts';
import { SessionController } from './session-store.ts';
import { StrefaElement } from './strefa-element.ts';
import { labelledSelect, yearOptions, type SelectOption } from './labelled-select.ts';
import { themeStyles } from './theme.styles.ts';
import { dataWidgetStyles } from './data-widget.styles.ts';
import { UrlStateController, VIEW_KEYS, type UrlState } from './url-state.ts';
// One login form per page for every data widget (and the portal, which holds them).
import './login-prompt.ts';

/** The parameters a data widget shows its data for (a subset per widget). */
export type ViewParams = Pick<UrlState, 'year' | 'month' | 'account' | 'medium' | 'details'>;

/** `wanted` when it is one of `values`, else the first of them (undefined for none). */
export function pickOne<T>(wanted: T | undefined, values: readonly T[]): T | undefined {
  return wanted !== undefined && values.includes(wanted) ? wanted : values[0];
}

const NUMERIC_PARAMS = new Set<keyof ViewParams>(['year', 'month', 'account', 'details']);

/**
 * @csspart login-pointer - Without a session, when the page's one login form is elsewhere: the
 * short note and its "Przejdź do logowania" button shown instead of a second form.
 */
export abstract class DataWidget extends StrefaElement {
  static override styles = [themeStyles, dataWidgetStyles];

  /**
   * The unit (flat, garage…) whose data is shown, by its id from `/me`. Without it the widget
   * shows the first unit assigned to the logged-in resident.
   */
  @property({ type: Number, attribute: 'unit-id', reflect: true }) unitId: number | null = null;

  /**
   * Keep the chosen parameters (year, month, account, medium, opened details) in the page's URL,
   * so the browser's back and forward arrows and a reload return to them. The keys are named after
   * the widget (`?strefa-rent-components-year=2026`); a value names them instead
   * (`url-state="garaz"` gives `strefa-garaz-year`), which two widgets of one kind on one page need.
   */
  @property({ attribute: 'url-state' }) urlState: string | null = null;

  /**
   * Set by `<resident-portal>`, which shows one widget at a time: '' keeps the parameters under
   * the portal's own keys (`strefa-year`). Not an attribute.
   */
  @property({ attribute: false }) urlNamespace: string | undefined = undefined;

  /** The page's shared session (one per API base). */
  protected readonly session = new SessionController(this);

  /** @internal The client with the data calls (resource-client.ts). */
  protected override createClient(base: string): ResourceClient {
    return new ResourceClient(base);
  }

  /** The API client for this element's `api-base`, with the data calls. */
  override get api(): ResourceClient {
    return super.api as ResourceClient;
  }

  /** The parameters the data on screen is for; null until the filters have given defaults. */
  @state() protected applied: ViewParams | null = null;
  /** The unit `applied` belongs to: a change of unit starts again from that unit's defaults. */
  @state() protected appliedUnit: number | null = null;
  /** What the form shows now; becomes `applied` only on "Wyślij". */
  @state() protected draft: ViewParams = {};
  /** Counts "Wyślij" presses: pressing it with unchanged parameters still reloads the data. */
  @state() protected submitCount = 0;

  /** The widget's keys in the URL; a back or forward step shows what that entry holds. */
  protected readonly url = new UrlStateController(this, {
    keys: VIEW_KEYS,
    enabled: () => this.urlState !== null && this.urlState !== undefined,
    namespace: () => this.urlNamespace ?? (this.urlState || this.localName),
    onChange: (state) => {
      // Back or forward: show exactly what that history entry holds (defaults where it holds none).
      const filters = this.filtersTask.value;
      const unit = this.effectiveUnitId;
      if (!filters || unit === null || this.appliedUnit !== unit) return;
      this.apply(this.resolveParams(pickView(state), filters), unit, { history: 'none' });
    },
  });

  /**
   * The billing data's freshness (`asOf`, `stale`) from the latest answer: "Stan na dzień …"
   * under the heading, and a warning when the data are older than the server's limit.
   */
  @state() protected freshness: Freshness | null = null;

  /** The widget's heading, e.g. "Czynsz". */
  protected abstract get heading(): string;

  /** True for widgets that need `/me` even with a `unit-id` (the profile shows the person). */
  protected get needsMe(): boolean {
    return false;
  }

  /** False for widgets without parameters (the profile): no filters request, no form. */
  protected get needsFilters(): boolean {
    return true;
  }

  /**
   * The parameters to show: `wanted` (from the URL, or kept from before) where the filters allow
   * it, defaults (the latest period with data, the first medium or account) elsewhere.
   */
  protected abstract resolveParams(wanted: ViewParams, filters: FiltersResponse): ViewParams;

  /** The form's fields (labelled selects) for these filters. */
  protected abstract renderFields(filters: FiltersResponse): TemplateResult;

  /** The data for `this.applied`: usually `this.renderTask(this.dataTask, …)`. */
  protected abstract renderContent(filters: FiltersResponse): unknown;

  /** `/me`: the person, their assignments, and the default unit. */
  protected readonly meTask = new Task(this, {
    task: async ([ready, unitId, needsMe], { signal }) => {
      if (!ready || (!needsMe && unitId !== null)) return initialState;
      return this.guard(takeMe(this.api, this.session.store, signal));
    },
    args: () => [this.session.ready, this.unitId, this.needsMe] as const,
  });

  override connectedCallback(): void {
    // The session controller starts the page's session check here; `/me` goes with it when this
    // widget will need it (`?include=me`, early-me.ts).
    super.connectedCallback();
    if (this.needsMe || this.unitId === null || this.unitId === undefined) {
      this.session.store.wantMe();
    }
  }

  /**
   * `/units/:id/filters`: years, media and accounts the resident may choose from. The task only
   * loads; the defaults are applied (and the URL corrected) once it completes, so an aborted or
   * superseded request never writes to the history.
   */
  protected readonly filtersTask = new Task(this, {
    task: async ([ready, unitId, needsFilters], { signal }) => {
      if (!ready || unitId === null || !needsFilters) return initialState;
      return this.guard(this.api.filters(unitId, signal));
    },
    args: () => [this.session.ready, this.effectiveUnitId, this.needsFilters] as const,
    // Called for the latest run only (a superseded one is dropped), hence for the shown unit.
    onComplete: (filters) => {
      const unitId = this.effectiveUnitId;
      if (!filters || unitId === null) return;
      if (this.appliedUnit !== unitId || !this.applied || this.provisional) {
        // A new unit (or the first load): the URL's parameters if they fit, else the defaults.
        // After an early start (see `paramsBeforeFilters`) the same parameters leave the data
        // tasks alone, so the answer already on its way is the one shown.
        this.apply(this.resolveParams(pickView(this.url.read()), filters), unitId, { history: 'replace' });
      }
    },
  });

  /** `applied` came from the URL before the filters answered, not yet checked against them. */
  private provisional = false;

  /**
   * The parameters to ask for the data with before the filters have answered, when the URL (a
   * reload, a shared link, the portal's view) names every one this widget needs; null (the
   * default) waits for the filters. The data then loads alongside the filters instead of after
   * them (issue 12); the filters still have the last word: parameters they do not offer are
   * replaced with the defaults when they answer, and the early answer is dropped unseen (the
   * content is drawn only once the filters are there). Return only values the API accepts.
   */
  protected paramsBeforeFilters(_wanted: ViewParams): ViewParams | null {
    return null;
  }

  /**
   * A task for the data of the applied parameters: `params` picks them (after the unit); while
   * any is missing (no unit yet, filters not loaded) the task waits in its initial state. Every
   * "Wyślij" runs it again, and a change of parameters aborts the request in flight.
   */
  protected dataTask<const P extends readonly unknown[], T>(
    params: () => P,
    load: (unit: number, params: { [K in keyof P]: NonNullable<P[K]> }, signal: AbortSignal) => Promise<T>,
  ): Task<readonly unknown[], T> {
    return new Task(this, {
      task: async ([unit, , ...values], { signal }) => {
        if (unit === null || values.some((value) => value === undefined || value === null)) {
          return initialState;
        }
        return this.guard(load(unit as number, values as { [K in keyof P]: NonNullable<P[K]> }, signal));
      },
      args: () => [this.appliedUnit, this.submitCount, ...params()] as const,
    });
  }

  /**
   * The year to show: `wanted` when the filters offer it, else `fallback` (by default the newest
   * year with any data: documents, readings, settlements, not only fees).
   */
  protected pickYear(
    wanted: number | undefined,
    filters: FiltersResponse,
    fallback: number | undefined = filters.years[0],
  ): number | undefined {
    return wanted !== undefined && filters.years.includes(wanted) ? wanted : fallback;
  }

  /** The unit shown: the attribute, else the first assignment's unit. */
  get effectiveUnitId(): number | null {
    if (this.unitId !== null && this.unitId !== undefined && !Number.isNaN(this.unitId)) return this.unitId;
    // Only this session's `/me` (a stale one may be the previous user's, on a shared computer):
    // the task's, or the session check's until then, so the data requests leave with the
    // session's answer (early-me.ts).
    return meToShow(this.meTask, this.session.store)?.assignments[0]?.unit.id ?? null;
  }

  /** The language for numbers and dates: the language the strings are in. */
  protected get fmtLang(): Lang {
    return normalizeLang(getLocale());
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // Logged out (or expired): forget the parameters, so that the next person to log in at this
    // computer starts from their own defaults and every data task asks the server again.
    if (!this.session.ready && this.applied) {
      this.applied = null;
      this.appliedUnit = null;
      this.draft = {};
    }
    if (!this.session.ready && this.freshness) this.freshness = null;
    this.startBeforeFilters();
  }

  /** Applies the URL's parameters early for a unit whose data has not started (see `paramsBeforeFilters`). */
  private startBeforeFilters(): void {
    const unit = this.effectiveUnitId;
    if (!this.session.ready || unit === null || !this.needsFilters) return;
    if (this.appliedUnit === unit && this.applied) return;
    const early = this.paramsBeforeFilters(pickView(this.url.read()));
    if (!early) return;
    this.apply(early, unit, { history: 'none' });
    this.provisional = true;
  }

  /**
   * Makes `params` the shown parameters (and the form's), and writes them to the URL: `push` for
   * a step the resident took, `replace` for defaults, `none` when the URL is where they came from.
   */
  protected apply(
    params: ViewParams,
    unit: number | null,
    { history }: { history: 'push' | 'replace' | 'none' },
  ): void {
    this.applied = { ...params };
    this.appliedUnit = unit;
    this.provisional = false;
    this.draft = { ...params };
    if (history !== 'none') this.url.write(params, { push: history === 'push', replaceAll: true });
  }

  /** Opens (id) or closes (undefined) the details view; a step in the browser's history. */
  protected setDetails(details: number | undefined): void {
    if (!this.applied) return;
    this.apply({ ...this.applied, details }, this.appliedUnit, { history: 'push' });
  }

  /**
   * Every API call of a widget goes through the session's one failure handler (SessionController);
   * a data answer's freshness (`asOf`, `stale`) is kept for "Stan na dzień …" under the heading.
   */
  protected async guard<T>(promise: Promise<T>): Promise<T> {
    const value = await this.session.guard(promise);
    const answer = value as Partial<Freshness> | null;
    if (answer && typeof answer === 'object' && 'asOf' in answer) {
      this.freshness = { asOf: answer.asOf ?? null, stale: answer.stale === true };
    }
    return value;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submitCount += 1;
    this.apply({ ...this.draft, details: undefined }, this.effectiveUnitId, { history: 'push' });
  }

  /** Sets one draft parameter from a select's value ('' clears it). */
  protected setDraft(name: keyof ViewParams, value: string): void {
    const next: ViewParams = { ...this.draft };
    if (value === '') delete next[name];
    else if (NUMERIC_PARAMS.has(name)) (next as Record<string, unknown>)[name] = Number(value);
    else (next as Record<string, unknown>)[name] = value;
    this.draft = next;
  }

  // ------------------------------------------------------------------ rendering

  override render(): unknown {
    return html`<div class="root">${this.renderState()}</div>`;
  }

  /** The login prompt, the session check, or the widget itself. */
  protected renderState(): unknown {
    if (!this.session.ready) {
      const store = this.session.store;
      if (store.status === 'unknown') {
        return store.error ? this.renderError(store.error, () => void store.refresh()) : this.renderLoading();
      }
      const prompt = this.renderLoginPrompt();
      // The pointer to the page's login form says which widget waits for it.
      return this.loginPromptKind === 'pointer'
        ? html`<section part="base" class="widget" aria-labelledby="heading">
            <h2 part="heading" id="heading" class="heading">${this.heading}</h2>
            ${prompt}
          </section>`
        : prompt;
    }
    return html`<section part="base" class="widget" aria-labelledby="heading">
      <h2 part="heading" id="heading" class="heading">${this.heading}</h2>
      ${this.renderFreshness()} ${this.renderBody()}
    </section>`;
  }

  /** "Stan na dzień …" under the heading, and a warning when the billing data are stale. */
  protected renderFreshness(): unknown {
    const freshness = this.freshness;
    if (!freshness) return nothing;
    const asOf = freshness.asOf ? formatInstant(freshness.asOf, this.fmtLang) : null;
    return html`<p part="as-of" class="as-of">
        ${asOf ? msg(str`Stan na dzień ${asOf}`) : msg('Data aktualizacji danych jest nieznana.')}
      </p>
      ${
        freshness.stale && asOf
          ? html`<p part="stale" class="stale" role="note">
              ${msg('Dane mogą być nieaktualne: ostatnie wpłaty i naliczenia mogą nie być jeszcze widoczne.')}
            </p>`
          : nothing
      }`;
  }

  /** Unit → filters → form and data; the profile overrides this. */
  protected renderBody(): unknown {
    if (this.effectiveUnitId === null) return this.renderUnitless();
    if (!this.needsFilters) return nothing;
    return this.filtersTask.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderError(error, () => void this.filtersTask.run()),
      complete: (filters) =>
        filters.years.length === 0
          ? this.renderEmpty(msg('Brak danych dla tego lokalu.'))
          : html`${this.renderForm(filters)}
              <div part="content" class="content">${this.renderContent(filters)}</div>`,
    });
  }

  /** Before a unit is known: `/me` is loading, failed, or lists no unit. */
  protected renderUnitless(): unknown {
    return this.meTask.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderError(error, () => void this.meTask.run()),
      complete: () => this.renderEmpty(msg('Nie masz przydziałów do żadnego lokalu.')),
    });
  }

  protected renderForm(filters: FiltersResponse): TemplateResult {
    return html`<form part="form" class="filters strefa-form-row" @submit=${this.onSubmit}>
      ${this.renderFields(filters)}
      <button type="submit" part="submit" class="strefa-button submit">${msg('Wyślij')}</button>
    </form>`;
  }

  /** A labelled select bound to one draft parameter. */
  protected renderSelect(name: keyof ViewParams, label: string, options: SelectOption[]): TemplateResult {
    return labelledSelect({
      id: `param-${name}`,
      label,
      options,
      value: this.draft[name] === undefined ? '' : String(this.draft[name]),
      onChange: (value) => this.setDraft(name, value),
      name,
      fieldPart: 'field',
      selectPart: 'select',
    });
  }

  /**
   * The year select followed by one more select (medium, settlement account…): the form of the
   * widgets that show one year of one thing.
   */
  protected renderYearAnd(
    filters: FiltersResponse,
    name: keyof ViewParams,
    label: string,
    options: SelectOption[],
  ): TemplateResult {
    return html`${this.renderSelect('year', msg('Rok'), this.yearOptions(filters))}
    ${this.renderSelect(name, label, options)}`;
  }

  /** The years of the filters as options (newest first, as the API sends them). */
  protected yearOptions(filters: FiltersResponse): SelectOption[] {
    return yearOptions(filters.years);
  }

  /** A task's states: loading, error with retry, or `complete`. */
  protected renderTask<T>(task: Task<readonly unknown[], T>, complete: (value: T) => unknown): unknown {
    return task.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderError(error, () => void task.run()),
      complete,
    });
  }

  protected renderLoading(): TemplateResult {
    return html`<p part="loading" class="state loading" role="status">
      <span class="spinner" aria-hidden="true"></span>${msg('Wczytywanie danych…')}
    </p>`;
  }

  protected renderEmpty(text: string): TemplateResult {
    return html`<p part="empty" class="state empty" role="status">${text}</p>`;
  }

  protected renderError(error: unknown, retry: () => void): TemplateResult {
    const text =
      error instanceof ApiClientError && error.code === 'not_found'
        ? msg('Nie znaleziono danych tego lokalu.')
        : errorMessage(error) || msg('Nie udało się wczytać danych.');
    return html`<div part="error" class="state error" role="alert">
      <p>${text}</p>
      <button type="button" class="strefa-button" part="retry" @click=${retry}>
        ${msg('Spróbuj ponownie')}
      </button>
    </div>`;
  }
}

/** The view parameters of a URL state (the tab and unit belong to the portal). */
export function pickView(state: UrlState): ViewParams {
  const { year, month, account, medium, details } = state;
  const view: ViewParams = {};
  if (year !== undefined) view.year = year;
  if (month !== undefined) view.month = month;
  if (account !== undefined) view.account = account;
  if (medium !== undefined) view.medium = medium;
  if (details !== undefined) view.details = details;
  return view;
}
