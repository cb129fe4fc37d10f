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

export function createLogger(level: string, format: LogFormat = 'json'): Logger {
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
  // Synchronous, like the pretty lines: pino's default stream writes through the thread pool, so
  // under load a log line could reach the pipe after the start banner (console.log) that follows
  // it in the code (start-output.test.ts saw "database ready" after the banner).
  if (format === 'json') return pino(options, pino.destination({ dest: 1, sync: true }));
  return pino(
    options,
    pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }),
  );
}
