import pino, { type DestinationStream, type Logger } from 'pino';

import { PRODUCT_NAME } from './version';

/** Paths pino blanks wherever they appear: tokens never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.authorization',
  '*.token',
  'err.config.headers.authorization',
];

/**
 * Longest caller-supplied string a log line or a span attribute carries (an operation name can be
 * 64 KiB).
 */
export const MAX_LOGGED_STRING = 100;

export function createLogger(
  options: { level: string; name?: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      name: options.name ?? PRODUCT_NAME,
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
