// JSON logs to stderr (pino). Secrets and key material are never passed to the logger; the
// redact list is a second line of defence in case someone logs a whole object by mistake.
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level: string = process.env.PORTCULLIS_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { name: 'portcullis-gateway' },
      redact: { paths: ['*.password', '*.privateKey', '*.secret', 'password', 'privateKey', 'secret'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything (tests that do not care). */
export const silentLogger: Logger = pino({ level: 'silent' });
