import { Writable } from 'node:stream';

export interface LogLine {
  level: number;
  event?: string;
  msg?: string;
  [field: string]: unknown;
}

export interface LogCapture {
  stream: Writable;
  /** Every raw line written so far, for "never appears anywhere" assertions. */
  raw(): string;
  lines(): LogLine[];
  events(): string[];
  /** Resolves with the first line whose event matches, waiting up to `timeoutMs`. */
  waitFor(event: string, timeoutMs?: number): Promise<LogLine>;
}

/** A pino destination that keeps every line in memory so tests can assert on them. */
export function createLogCapture(): LogCapture {
  let buffer = '';
  const listeners = new Set<() => void>();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      buffer += chunk.toString();
      for (const listener of listeners) listener();
      done();
    },
  });
  const lines = () =>
    buffer
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  return {
    stream,
    raw: () => buffer,
    lines,
    events: () => lines().map((line) => line.event ?? ''),
    waitFor(event, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines().find((line) => line.event === event);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`log event ${event} not seen within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
