/** Structured JSON logs (pino): one line per request and per event worth an operator's eye. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
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
  });
}
