import type { Logger } from '@apollo/utils.logger';

/** For Apollo servers that exist only in tests: their default logger writes to the console. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
