/**
 * `GET /api/v1/units/:unitId/statement?year`: the yearly statement as a PDF attachment.
 *
 * - Authorisation, validation and every query run before the first byte: a unit that is not the
 *   person's is the same JSON 404 as on every unit endpoint, a malformed year the same 400.
 * - Then the PDF is streamed: the response starts with the first page and the pages follow as
 *   they are drawn (pdf/pdf-layout.ts); nothing keeps the whole file.
 * - At most `STATEMENT_CONCURRENCY` statements are made at once (each is a burst of CPU: two on a
 *   two-core host keep the other endpoints answering); a few more wait for a slot; beyond that
 *   the answer is 429 `too_many_requests` with `Retry-After`. A slot is held from the first
 *   query to the last page, so memory is bounded by the slots times one statement.
 */
import type { Context } from 'koa';
import type { Readable } from 'node:stream';
import { ApiError } from '../errors.ts';
import { QueueFullError, Semaphore } from '../lib/semaphore.ts';
import { contentDisposition, statementPdf } from '../pdf/statement-pdf.ts';
import type { Services } from '../services/index.ts';

/** Statements that may wait for a slot, per slot. */
const WAITING_PER_SLOT = 2;

export function tooManyStatements(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    'too_many_requests',
    'Serwer przygotowuje teraz wiele zestawień. Spróbuj ponownie za chwilę.',
    { retryAfter: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** The handler's work for one app: its own line of statement slots. */
export function statementDownload(services: Services) {
  const concurrency = services.context.config.statementConcurrency;
  const slots = new Semaphore(concurrency, concurrency * WAITING_PER_SLOT, 2);

  return async function sendStatement(ctx: Context, personId: number, unitId: number, year: number) {
    const log = ctx.state.log ?? services.context.logger;
    // Resolves with the stream once the data are in and the first page is under way; the slot
    // is released when the last page is drawn (or drawing failed), not when this resolves.
    const pdf = await new Promise<{ stream: Readable; disposition: string }>((resolve, reject) => {
      slots
        .run(async () => {
          const data = await services.statement.yearly(personId, unitId, year);
          const { stream, done } = statementPdf(data);
          resolve({ stream, disposition: contentDisposition(data) });
          await done.catch((error: unknown) => log.error({ err: error }, 'statement PDF failed half-way'));
        })
        .catch((error: unknown) =>
          reject(error instanceof QueueFullError ? tooManyStatements(error.retryAfterSeconds) : error),
        );
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', pdf.disposition);
    ctx.type = 'application/pdf';
    ctx.body = pdf.stream;
  };
}
