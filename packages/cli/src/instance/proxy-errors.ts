import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_LIMIT_BYTES, drainRequest } from '@synthorg/server';
import { ERROR_CATALOGUE, type ErrorCode, type ErrorEnvelope } from '@synthorg/shared';
import type { FastifyInstance } from 'fastify';

/** What an error answer needs of a reply; the proxy types its replies for HTTP/2 too. */
interface ErrorReply {
  log: { warn(details: object, message: string): void };
  code(status: number): ErrorReply;
  type(contentType: string): ErrorReply;
  send(payload: unknown): unknown;
}

function envelope(code: ErrorCode, error?: string): ErrorEnvelope {
  return {
    data: null,
    error: error ?? ERROR_CATALOGUE[code].message,
    error_code: code,
    success: false,
  };
}

function sendError(reply: ErrorReply, code: ErrorCode, error?: string): unknown {
  return reply
    .code(ERROR_CATALOGUE[code].status)
    .type('application/json')
    .send(envelope(code, error));
}

/**
 * Refuses an `/api` body over the API's own limit before it is forwarded, as the API would
 * (413 PAYLOAD_TOO_LARGE): forwarding it only to have the API cut it off mid-stream broke the
 * pipe and answered 500. The body is drained (up to a cap) before the answer, so a client
 * still sending reads the 413 instead of a reset; the connection is closed afterwards.
 */
export function limitProxiedBodies(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (tooLarge(request.raw)) {
      reply.header('connection', 'close');
      await drainRequest(request.raw);
      return sendError(reply, 'PAYLOAD_TOO_LARGE');
    }
  });
  // With `Expect: 100-continue` a body that is too large is refused before the client sends
  // it, which is what the header is for; any other request gets its 100 and goes on.
  app.server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!tooLarge(request)) {
      response.writeContinue();
      app.server.emit('request', request, response);
      return;
    }
    const body = JSON.stringify(envelope('PAYLOAD_TOO_LARGE'));
    response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    response.end(body);
  });
}

function tooLarge(request: IncomingMessage): boolean {
  if (!request.url?.startsWith('/api')) return false;
  return Number(request.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES;
}

/**
 * `Expect: 100-continue` is answered by this listener (Node sends the 100 itself); the
 * upstream client refuses the header, so it is not forwarded. Everything else goes as is.
 */
export function withoutExpect(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
  const { expect: _expect, ...rest } = headers;
  return rest;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** A failed hop to the API answers in the API's envelope: 503 when it cannot be reached. */
export function proxyFailure(reply: ErrorReply, { error }: { error: unknown }): void {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  const code = causeCode(error);
  reply.log.warn({ err: error, cause_code: code }, 'dashboard proxy: API request failed');
  if (status === 503 || (code !== undefined && UNREACHABLE.has(code))) {
    void sendError(reply, 'UPSTREAM_UNAVAILABLE');
    return;
  }
  void sendError(reply, 'UPSTREAM_FAILED');
}
