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
import type { ApiErrorBody } from '@strefa/api-types';
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

/** The file name of `Content-Disposition` (RFC 6266): `filename*` (UTF-8) before `filename`. */
export function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? null;
}

/**
 * The yearly statement as a file, with the name the server gives it (else a plain one). A
 * refusal is the same `ApiClientError` as for every JSON call, so the widget words it alike.
 */
export async function fetchStatement(
  api: ApiClient,
  unitId: number,
  year: number,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(statementUrl(api, unitId, year), {
      credentials: 'include',
      headers: { Accept: 'application/pdf, application/json' },
      signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw new ApiClientError(0, 'aborted', 'aborted');
    throw new ApiClientError(0, 'network', 'network');
  }
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) as ApiErrorBody | null)?.error;
    throw new ApiClientError(
      response.status,
      error?.code ?? (response.status >= 500 ? 'unavailable' : 'internal'),
      error?.message ?? response.statusText,
      error ?? null,
    );
  }
  const blob = await response.blob().catch(() => {
    throw new ApiClientError(0, 'network', 'network');
  });
  const filename = attachmentName(response.headers.get('Content-Disposition'));
  return { blob, filename: filename ?? `zestawienie-roczne_${year}.pdf` };
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
      const { blob, filename } = await fetchStatement(this.host.api, unitId, year, this.aborter.signal);
      this.save(blob, filename);
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

  /** Hands the file to the browser's downloads under the server's name. */
  private save(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    this.host.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // Revoked later: some browsers read the URL after click() has returned.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
