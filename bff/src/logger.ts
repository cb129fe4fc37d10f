/**
 * Logs (pino): one line per request and per event worth an operator's eye. JSON when the output
 * is a file, a pipe or a log collector; readable lines (pino-pretty, in this process and
 * synchronously, so they keep their order with the start banner) when a person watches a
 * terminal. `LOG_FORMAT=json` or `pretty` overrides the choice.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/** `pretty` on a terminal, `json` otherwise (or as `LOG_FORMAT` says). */
export function defaultLogFormat(
  env: NodeJS.ProcessEnv = process.env,
  isTTY = !!process.stdout.isTTY,
): LogFormat {
  const wanted = env.LOG_FORMAT?.trim().toLowerCase();
  if (wanted === 'json' || wanted === 'pretty') return wanted;
  return isTTY ? 'pretty' : 'json';
}

/** Request lines are written in blocks of about this many bytes (a server under load). */
export const LOG_BLOCK_BYTES = 4096;
/** ...and at the latest this long after they were logged (a quiet server). */
export const LOG_FLUSH_EVERY_MS = 250;

export interface LoggerOptions {
  /**
   * Collect JSON lines in memory and write them in blocks (the server): one `write` per request
   * was about a twentieth of a session check's CPU in `npm run bench`. Warnings and errors are
   * written at once, everything when the process exits; `logger.flush()` writes what is held
   * (the server does before its start banner, so the two keep their order).
   */
  buffered?: boolean;
}

export function createLogger(
  level: string,
  format: LogFormat = 'json',
  { buffered = false }: LoggerOptions = {},
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'strefa-bff' },
    // Never log secrets, even if a body or header ends up in a log call by mistake.
    redact: {
      paths: [
        'password',
        'newPassword',
        'currentPassword',
        'oneTimePassword',
        'req.headers.cookie',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  if (format === 'json') {
    // Synchronous, like the pretty lines: pino's default stream writes through the thread pool, so
    // under load a log line could reach the pipe after the start banner (console.log) that follows
    // it in the code (start-output.test.ts saw "database ready" after the banner).
    if (!buffered) return pino(options, pino.destination({ dest: 1, sync: true }));
    const destination = pino.destination({
      dest: 1,
      sync: true,
      minLength: LOG_BLOCK_BYTES,
      periodicFlush: LOG_FLUSH_EVERY_MS,
    });
    // pino registers no exit hook for a synchronous destination: what is held is written here.
    process.once('exit', () => destination.flushSync());
    return pino(
      {
        ...options,
        hooks: {
          logMethod(args, method, level) {
            method.apply(this, args);
            if (level >= pino.levels.values.warn!) destination.flush();
          },
        },
      },
      destination,
    );
  }
  return pino(
    options,
    pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }),
  );
}
