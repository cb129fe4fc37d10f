/**
 * Turns every failure into the contract's JSON error. Typed ApiErrors keep their status and
 * Polish message; a database that does not answer becomes 503 `unavailable`; a malformed body
 * becomes 400; anything else is logged in full and answered 500 without a stack or SQL.
 */
import type { Context, Middleware } from 'koa';
import type { Logger } from '../logger.ts';
import { ApiError, unavailable } from '../errors.ts';
import { isApiSpace } from '../lib/api-space.ts';
import { NO_STORE } from './no-store.ts';

/** Errors that mean "the database is not there", not "the code is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; message?: string; errorNum?: number };
  // KnexTimeoutError: no pooled connection in time, or a query over DB_QUERY_TIMEOUT_MS;
  // DatabaseConnectError: a connection could not be opened at all (db/connection.ts).
  if (e.name === 'KnexTimeoutError' || e.name === 'DatabaseConnectError') return true;
  if (
    e.code &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|SQLITE_BUSY|SQLITE_CANTOPEN|SQLITE_IOERR.*|NJS-(500|501|503|510|511|521|040)|ORA-(03113|03114|03135|12170|12514|12541|12543|01033|01034|01089|02396))$/.test(
      e.code,
    )
  ) {
    return true;
  }
  return /^(NJS-5\d\d|ORA-(03113|03114|03135|12170|12514|12541|12543|01033|01034|01089)):/.test(
    e.message ?? '',
  );
}

export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && isApiSpace(ctx.path)) {
        throw new ApiError(404, 'not_found', 'Nie ma takiego adresu w API.');
      }
    } catch (caught) {
      let error: ApiError;
      if (caught instanceof ApiError) {
        error = caught;
      } else if (isDatabaseUnavailable(caught)) {
        ctx.state.log?.warn({ err: caught }, 'database unavailable');
        error = unavailable();
      } else if (isClientBodyError(caught)) {
        error = clientBodyError(caught as { status: number; type?: string });
      } else {
        ctx.state.log?.error({ err: caught }, 'unhandled error');
        error = new ApiError(500, 'internal', 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie później.');
      }
      ctx.status = error.status;
      ctx.type = 'application/json';
      ctx.body = error.toBody();
      for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
      ctx.set('Cache-Control', NO_STORE);
    }
  };
}

/**
 * A body the parser refused: 413 when it is over the limit (16 kB of JSON; the client must send
 * less, not something else), else 400 for malformed JSON or a wrong encoding. Both name the body.
 */
function clientBodyError(error: { status: number; type?: string }): ApiError {
  if (error.status === 413) {
    return new ApiError(413, 'invalid_parameter', 'Treść żądania jest za duża.', { field: 'body' });
  }
  return new ApiError(400, 'invalid_parameter', 'Nieprawidłowa treść żądania: oczekiwano poprawnego JSON.', {
    field: 'body',
  });
}

function isClientBodyError(error: unknown): boolean {
  const e = error as { status?: number; expose?: boolean; type?: string };
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
}

/** Errors that only say the client went away before the answer was sent (a closed tab). */
export function isClientGone(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * Koa's own error event: what fails after the answer has started (a streamed PDF whose client
 * left, a socket error), which no middleware can turn into JSON any more. Koa would print it
 * with console.error; here it goes to the request's log line, and a client that simply went
 * away is not an error of the server (debug level).
 */
export function logLateError(logger: Logger): (error: unknown, ctx?: Context) => void {
  return (error, ctx) => {
    const log: Logger = (ctx?.state as { log?: Logger } | undefined)?.log ?? logger;
    if (isClientGone(error)) log.debug({ err: error }, 'the client went away before the answer was sent');
    else log.error({ err: error }, 'error after the answer had started');
  };
}
