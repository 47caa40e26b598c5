import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** Malformed or oversized HTTP bodies: a GraphQL-shaped error, never an HTML page or a stack trace. */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        type === 'entity.too.large'
          ? 'The request body is too large.'
          : type === 'entity.parse.failed'
            ? 'The request body is not valid JSON.'
            : 'The request could not be read.';
      res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger.error({ err: error }, 'unexpected HTTP error');
    res.status(500).json({
      errors: [
        { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  };
}
