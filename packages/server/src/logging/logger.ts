import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths removed from every log line. Tickets and tokens must never reach a log: the request
 * serializer below strips the query string too, because `?ticket=` lives there.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'res.headers["set-cookie"]',
  'password',
  'current_password',
  'new_password',
  'token',
  'ticket',
  'api_key',
  'secret',
  '*.password',
  '*.token',
  '*.ticket',
  '*.api_key',
  '*.secret',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout when absent. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/** Drops the query string, where tickets and other credentials may travel. */
export function redactUrl(url: string): string {
  const cut = url.indexOf('?');
  return cut === -1 ? url : `${url.slice(0, cut)}?[redacted]`;
}

/** Builds the root JSON logger. Child loggers bind request, connection and run ids. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'synthorg' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Lines written by libraries (Fastify's "listening") get an event too, so every line can
      // be filtered by `event`.
      mixin: (fields: object) => ('event' in fields ? {} : { event: 'lib.message' }),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url ?? ''),
        }),
        err: pino.stdSerializers.err,
      },
    },
    options.destination,
  );
}
