import { once } from 'node:events';
import WebSocket from 'ws';

/** Client side helpers shared by the WebSocket benchmarks. */
export async function post(
  url: string,
  body: unknown,
  token?: string,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = (await response.json()) as { data: Record<string, string> };
  return json.data;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Opens `count` real `ws` clients through the ticket flow, subscribed to `agents`. */
export async function connectClients(
  baseUrl: string,
  token: string,
  count: number,
  latencies: number[],
) {
  const wsUrl = baseUrl.replace(/^http/, 'ws');
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const { ticket = '' } = token
      ? await post(`${baseUrl}/api/v1/auth/ws-ticket`, undefined, token)
      : {};
    const ws = new WebSocket(`${wsUrl}/api/v1/ws?ticket=${ticket}`);
    await once(ws, 'open');
    ws.send(JSON.stringify({ action: 'subscribe', channels: ['agents'] }));
    await once(ws, 'message');
    ws.on('message', (data) => {
      const now = performance.timeOrigin + performance.now();
      // Cheaper than JSON.parse, so the clients (one process) limit the measurement less.
      const text = data.toString();
      const at = text.indexOf('"at":');
      latencies.push(now - Number.parseFloat(text.slice(at + 5, at + 40)));
    });
    sockets.push(ws);
  }
  return sockets;
}
