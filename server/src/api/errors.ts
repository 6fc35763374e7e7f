import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, StartexError, type ErrorCode, type HttpErrorBody } from '@startex/shared';
import { STATUS_CODES } from 'node:http';

export function errorBody(code: ErrorCode, message?: string, problems?: readonly unknown[]): HttpErrorBody {
  const { status } = ERROR_CATALOGUE[code];
  const body: HttpErrorBody = { statusCode: status, code, error: STATUS_CODES[status] ?? 'Error', message: message ?? ERROR_CATALOGUE[code].message };
  return problems ? { ...body, problems } : body;
}

/** Fastify's own error codes that mean the client sent something wrong. */
const CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** Every error leaves the API as a catalogue body; only the unexpected ones are 500s, and logged. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: HttpErrorBody;
    if (error instanceof StartexError) {
      body = errorBody(error.code, error.message, error.problems);
    } else if (error.code && CLIENT_ERRORS[error.code]) {
      body = errorBody(CLIENT_ERRORS[error.code]!, error.message);
    } else if (error instanceof SyntaxError || (error.statusCode !== undefined && error.statusCode < 500)) {
      body = errorBody('VALIDATION_FAILED', error.message);
    } else {
      request.log.error({ err: error }, 'unexpected error');
      body = errorBody('INTERNAL');
    }
    return reply.status(body.statusCode).send(body);
  });
}
