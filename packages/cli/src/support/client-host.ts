/** The address clients use: a wildcard bind is still reached over loopback. */
export function clientHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
