/**
 * The yearly statement's download itself: fetching the PDF (or the API's JSON refusal) and handing
 * it to the browser under the server's file name. `StatementDownload` (statement-download.ts)
 * imports this module on the first click, so pages that show the link but never download carry
 * none of it.
 */
import type { ApiErrorBody } from '@strefa/api-types';
import { ApiClientError } from './api-client.ts';

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
  url: string,
  year: number,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
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

/** Hands the file to the browser's downloads under the server's name. */
export function saveFile(root: HTMLElement | DocumentFragment, blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
