/**
 * "Pobierz zestawienie roczne (PDF)": the download of a unit's yearly statement, shared by
 * `<ledger-accounts>` and `<resident-portal>`.
 *
 * A real link to the statement's address (so "copy link", a middle click and a browser without
 * this script still reach it with the session cookie), which a click turns into a download
 * through the API client: the widget then says "Przygotowuję…" while the server draws the PDF,
 * and a refusal (a session that ended, too many statements at once, no connection) is a Polish
 * sentence beside the link instead of a page of JSON. The accessible name says PDF and the year.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { ApiClientError, type ApiClient } from './api-client.ts';
import { errorMessage } from './localization.ts';

/** The link's layout: on its own line, a message beside or below it; hidden in print. */
export const statementStyles = css`
  .statement-download {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    margin-block: calc(var(--_space) * 0.75);
  }
  .statement-status:empty {
    display: none;
  }
  .statement-error {
    flex-basis: 100%;
    margin: 0;
  }
  @media print {
    .statement-download {
      display: none;
    }
  }
`;

/**
 * The address of a unit's yearly statement: a download that the session cookie opens. Here and
 * not in the API client, so that widgets without the download (the login above all) do not
 * carry its code.
 */
export function statementUrl(api: ApiClient, unitId: number, year: number): string {
  return `${api.base}/api/v1/units/${unitId}/statement?year=${year}`;
}

export interface StatementHost extends ReactiveControllerHost {
  readonly api: ApiClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Told of a failed download first (e.g. to end the session on a 401). */
  onStatementError?(error: unknown): void;
}

export class StatementDownload implements ReactiveController {
  private busy = false;
  private error: string | null = null;
  private aborter: AbortController | null = null;

  constructor(private readonly host: StatementHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.aborter?.abort();
  }

  /** The link for a unit and year, and the state of its download. */
  render(unitId: number, year: number) {
    const label = msg('Pobierz zestawienie roczne (PDF)');
    return html`<div class="statement-download" part="statement">
      <a
        class="strefa-button strefa-button--secondary statement-link"
        part="statement-link"
        href=${statementUrl(this.host.api, unitId, year)}
        download
        aria-disabled=${this.busy ? 'true' : nothing}
        @click=${(event: MouseEvent) => this.download(event, unitId, year)}
        >${label} <span class="visually-hidden">${msg(str`za rok ${year}`)}</span></a
      >
      <span class="statement-status" role="status"
        >${this.busy ? msg('Przygotowuję zestawienie…') : nothing}</span
      >
      ${
        this.error
          ? html`<p class="strefa-alert strefa-alert--error statement-error" role="alert">${this.error}</p>`
          : nothing
      }
    </div>`;
  }

  private async download(event: MouseEvent, unitId: number, year: number): Promise<void> {
    // A click with a modifier opens the link as the browser would (new tab, save as…).
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.aborter = new AbortController();
    this.host.requestUpdate();
    try {
      // The download's code is loaded with the first click (most visits download nothing).
      const { fetchStatement, saveFile } = await import('./statement-file.ts');
      const url = statementUrl(this.host.api, unitId, year);
      const { blob, filename } = await fetchStatement(url, year, this.aborter.signal);
      saveFile(this.host.renderRoot, blob, filename);
    } catch (error) {
      if (!(error instanceof ApiClientError && error.code === 'aborted')) {
        this.host.onStatementError?.(error);
        this.error = errorMessage(error);
      }
    } finally {
      this.busy = false;
      this.aborter = null;
      this.host.requestUpdate();
    }
  }
}
