import { createServer } from 'node:net';

import { CliError, errnoOf } from './cli-error.ts';

/** The one-line refusal for a listener that could not bind, or the error itself. */
export function portError(error: unknown, what: string, host: string, port: number): unknown {
  const code = errnoOf(error);
  if (code === 'EADDRINUSE') {
    return new CliError(`${what} port ${port} on ${host} is already in use; pick another`);
  }
  if (code === 'EACCES') {
    return new CliError(`${what} port ${port} on ${host} needs privileges this user lacks`);
  }
  if (code === 'EADDRNOTAVAIL') return new CliError(`${what} host ${host} is not a local address`);
  return error;
}

function probe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * Binds and releases both ports before anything is written, so a busy port refuses
 * with the data dir untouched. The listeners still report a port lost in between.
 */
export async function ensurePortsFree(options: {
  host: string;
  apiPort: number;
  webPort: number;
}): Promise<void> {
  const { host } = options;
  for (const [what, port] of [
    ['API', options.apiPort],
    ['dashboard', options.webPort],
  ] as const) {
    await probe(host, port).catch((error: unknown) => {
      throw portError(error, what, host, port);
    });
  }
}
