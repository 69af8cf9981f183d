import { once } from 'node:events';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * The comparison point of `bench:ws --baseline`: a bare `ws` server that serializes each
 * event per client and calls `send` per client (no auth, history, filters or batching).
 */
export async function startBaseline(): Promise<{
  baseUrl: string;
  publish(payload: Record<string, unknown>): void;
  close(): Promise<void>;
}> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/api/v1/ws', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('message', () => ws.send(JSON.stringify({ action: 'subscribed', channels: ['agents'] })));
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let id = 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    publish(payload) {
      const event = {
        id: ++id,
        epoch: 'baseline',
        event_type: 'agent.activity',
        channel: 'agents',
        timestamp: new Date().toISOString(),
        payload,
      };
      for (const client of wss.clients) client.send(JSON.stringify(event));
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.close();
    },
  };
}
