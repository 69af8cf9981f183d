import type { IncomingMessage } from 'node:http';

/** Most of a refused body that is read and thrown away before the answer; the rest is cut. */
export const DRAIN_CAP_BYTES = 16 * 1024 * 1024;

/**
 * Reads and discards what is left of a request body, up to `capBytes`, and resolves when it
 * has all arrived (or the cap is passed, or the connection ends).
 *
 * A body refused early (413) is still on its way. Closing the connection with it unread makes
 * the kernel reset the connection, and a client that is still sending then gets a broken pipe
 * and may lose the answer it was sent. Draining first lets the answer arrive as an answer.
 */
export function drainRequest(raw: IncomingMessage, capBytes = DRAIN_CAP_BYTES): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      raw.off('data', onData);
      raw.off('end', done);
      raw.off('close', done);
      raw.off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > capBytes) {
        raw.pause();
        done();
      }
    };
    raw.on('data', onData);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}
