import { ERROR_CATALOGUE, type ErrorCode, type ErrorDetail } from '@synthorg/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

import { API_EVENTS } from '../logging/events.ts';
import { AppError } from './app-error.ts';
import { drainRequest } from './drain.ts';
import { failure } from './envelope.ts';
import { trackRouteMethods } from './route-methods.ts';

interface Classified {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  headers?: Record<string, string>;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_ERROR',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_ERROR',
};

function zodDetails(error: FastifyError): ErrorDetail[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.map((issue) => ({
    path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
    message: issue.message ?? 'invalid',
  }));
}

/** Maps anything thrown by a route or by Fastify itself to a catalogue code. */
function classify(error: FastifyError | AppError): Classified {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.status >= 500 ? ERROR_CATALOGUE[error.code].message : error.message,
      details: error.details,
      headers: error.headers,
    };
  }
  if (error.validation) {
    return { code: 'VALIDATION_ERROR', message: 'Validation error', details: zodDetails(error) };
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped === 'VALIDATION_ERROR' || (error instanceof SyntaxError && error.statusCode === 400)) {
    return {
      code: 'VALIDATION_ERROR',
      message: 'Validation error',
      details: [{ path: 'body', message: `Body is not valid JSON: ${error.message}` }],
    };
  }
  if (mapped) return { code: mapped, message: ERROR_CATALOGUE[mapped].message };
  if (error.statusCode === 429) return { code: 'RATE_LIMITED', message: 'Too many requests' };
  if (error.statusCode === 404) return { code: 'NOT_FOUND', message: 'Not found' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'VALIDATION_ERROR', message: error.message };
  }
  return { code: 'INTERNAL_ERROR', message: ERROR_CATALOGUE.INTERNAL_ERROR.message };
}

/**
 * Installs the single serializer of failures: every error leaves as the envelope with an
 * `error_code`; 5xx bodies carry only the catalogue's generic text, the stack goes to the log.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const classified = classify(error);
    const status = ERROR_CATALOGUE[classified.code].status;
    const fields = {
      event: API_EVENTS.requestError,
      method: request.method,
      path: request.routeOptions.url ?? 'unmatched',
      status_code: status,
      error_code: classified.code,
    };
    if (status >= 500) request.log.error({ ...fields, err: error }, 'request failed');
    else request.log.warn({ ...fields, error: classified.message }, 'request rejected');

    for (const [name, value] of Object.entries(classified.headers ?? {})) reply.header(name, value);
    // The refused body is read (and dropped) first, so the client sees the 413, not a reset.
    if (classified.code === 'PAYLOAD_TOO_LARGE') await drainRequest(request.raw);
    return reply
      .status(status)
      .send(failure(classified.code, classified.message, classified.details));
  });

  const allowedMethods = trackRouteMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods(request.url.split('?')[0] ?? '/');
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      request.log.warn({ event: API_EVENTS.routeNotFound, method: request.method, allowed }, '405');
      reply.header('Allow', allowed.join(', '));
      return reply.status(405).send(failure('METHOD_NOT_ALLOWED', 'Method not allowed'));
    }
    request.log.warn({ event: API_EVENTS.routeNotFound, method: request.method }, 'no route');
    return reply.status(404).send(failure('ROUTE_NOT_FOUND', 'Not found'));
  });
}
