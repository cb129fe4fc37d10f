/**
 * The HTTP server around the app, with the answers Node's own parser gives before Koa sees a
 * request put into the contract's shape:
 *
 * - headers over `maxHeaderSize` (Node's 16 KiB: cookies, a long URL) → 431 `headers_too_large`;
 * - a method token Node's parser does not know (`FOO /api/v1/me`) → 405 `method_not_allowed`
 *   with `Allow` for a path the API routes (404 `not_found` for one it does not), 405 for pages;
 * - `CONNECT` (Node hands it to a 'connect' listener, or drops the socket) → 405 the same way;
 * - a request that does not arrive in full within Node's time limits → 408 `request_timeout`;
 * - anything else malformed → 400 `bad_request`.
 *
 * Under the API these bodies are the contract's JSON error; elsewhere plain text. Every such
 * answer closes the connection (the parser's state is lost).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { ApiErrorBody, ErrorCode } from '@strefa/api-types';
import { isApiSpace } from './lib/api-space.ts';
import { requestListener } from './lib/request-listener.ts';
import type { Logger } from './logger.ts';
import { SITE_METHODS } from './middleware/methods.ts';
import { NO_STORE } from './middleware/no-store.ts';

/** Node's default: the request line and headers together may take this many bytes. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface HttpServerOptions {
  app: Koa;
  /** The methods some API route accepts on a path, with OPTIONS ([] for an unknown path). */
  allowedMethods(path: string): string[];
  logger?: Pick<Logger, 'warn'>;
  /** Node's time limits (its defaults: 60 s for the headers, 300 s for the whole request). */
  timeouts?: { headersMs: number; requestMs: number; checkEveryMs: number };
}

interface RawAnswer {
  status: number;
  reason: string;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

/** The request line of what the parser refused, when it can be read at all. */
export function requestLineOf(raw: Buffer | undefined): { method: string; path: string } | null {
  if (!raw) return null;
  const line = raw.subarray(0, Math.min(raw.length, MAX_HEADER_BYTES)).toString('latin1').split('\r\n')[0]!;
  const match = /^(\S+) (\S+)(?: HTTP\/\d\.\d)?$/.exec(line);
  if (!match) return null;
  let path = match[2]!;
  // Absolute form (`GET http://host/api/v1/me`): the path is what follows the authority.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(path);
  if (absolute) path = absolute[1] ?? '/';
  return { method: match[1]!, path: path.split(/[?#]/)[0]! };
}

function write(socket: Duplex, path: string | null, answer: RawAnswer): void {
  const api = path === null || isApiSpace(path);
  const body = api
    ? JSON.stringify({ error: { code: answer.code, message: answer.message } } satisfies ApiErrorBody)
    : `${answer.reason}\n`;
  const headers: Record<string, string> = {
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': NO_STORE,
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
    ...answer.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${answer.status} ${answer.reason}\r\n${head}\r\n${body}`);
}

function methodAnswer(allowedMethods: (path: string) => string[], path: string | null): RawAnswer {
  if (path !== null && !isApiSpace(path)) {
    return {
      status: 405,
      reason: 'Method Not Allowed',
      code: 'method_not_allowed',
      message: 'Ten adres nie obsługuje metody żądania.',
      headers: { Allow: SITE_METHODS.join(', ') },
    };
  }
  const allow = path === null ? [] : allowedMethods(path);
  if (allow.length === 0) {
    return { status: 404, reason: 'Not Found', code: 'not_found', message: 'Nie ma takiego adresu w API.' };
  }
  return {
    status: 405,
    reason: 'Method Not Allowed',
    code: 'method_not_allowed',
    message: `Ten adres nie obsługuje metody żądania. Dozwolone: ${allow.join(', ')}.`,
    headers: { Allow: allow.join(', ') },
  };
}

export function createHttpServer({ app, allowedMethods, logger, timeouts }: HttpServerOptions): Server {
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      ...(timeouts
        ? {
            headersTimeout: timeouts.headersMs,
            requestTimeout: timeouts.requestMs,
            connectionsCheckingInterval: timeouts.checkEveryMs,
          }
        : {}),
    },
    requestListener(app),
  );

  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const line = requestLineOf(error.rawPacket);
    const path = line?.path ?? null;
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      write(socket, path, {
        status: 431,
        reason: 'Request Header Fields Too Large',
        code: 'headers_too_large',
        message: 'Nagłówki żądania są za duże. Usuń ciasteczka tej strony i spróbuj ponownie.',
      });
    } else if (error.code === 'HPE_INVALID_METHOD') {
      write(socket, path, methodAnswer(allowedMethods, path));
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      // The headers or body did not arrive within Node's headersTimeout / requestTimeout.
      write(socket, path, {
        status: 408,
        reason: 'Request Timeout',
        code: 'request_timeout',
        message: 'Żądanie nie dotarło w całości na czas. Spróbuj ponownie.',
      });
    } else {
      logger?.warn({ err: error }, 'malformed request from a client');
      write(socket, path, {
        status: 400,
        reason: 'Bad Request',
        code: 'bad_request',
        message: 'Nieprawidłowe żądanie HTTP.',
      });
    }
  });

  // CONNECT names a host, not a path: nothing here tunnels anywhere.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    write(socket, null, {
      status: 405,
      reason: 'Method Not Allowed',
      code: 'method_not_allowed',
      message: 'Ten serwer nie obsługuje metody CONNECT.',
      headers: { Allow: SITE_METHODS.join(', ') },
    });
  });

  return server;
}
