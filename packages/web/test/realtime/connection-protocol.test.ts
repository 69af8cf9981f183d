import { CHANNELS, type Channel, type WsEvent } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonRequest } from '../../../server/test/support/http.ts';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.ts';
import {
  type AuthLostReason,
  type Connection,
  type ConnectionStatus,
  createConnection,
} from '../../src/realtime/connection.ts';

const ADMIN = { username: 'protocol-admin', password: 'a long enough password' };
const TASK = {
  title: 'Protocol task',
  description: 'Over the real socket',
  type: 'review',
  project: 'p',
};

/** Polls until `check` holds; generous, because only the outcome matters, not its speed. */
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the connection client against the real server (Node WebSocket)', () => {
  let server: TestServer;
  let token: string;
  let connection: Connection;
  const events: WsEvent[] = [];
  const resyncs: Channel[][] = [];
  const authLost: AuthLostReason[] = [];
  let status: ConnectionStatus = 'idle';
  let ticketsIssued = 0;

  const call = (method: string, path: string, body?: unknown) =>
    jsonRequest(`${server.baseUrl}/api/v1${path}`, method, body, token);

  beforeAll(async () => {
    server = await startTestServer();
    token = (await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN)).body.data
      .token;
    connection = createConnection({
      url: `${server.wsUrl}/api/v1/ws`,
      channels: CHANNELS,
      fetchTicket: async () => {
        ticketsIssued += 1;
        const response = await call('POST', '/auth/ws-ticket');
        if (response.status !== 200) throw new Error(`ticket: ${response.status}`);
        return response.body.data.ticket;
      },
      onEvent: (event) => events.push(event),
      onResync: (channels) => resyncs.push(channels),
      onSnapshot: (snapshot) => {
        status = snapshot.status;
      },
      onAuthLost: (reason) => authLost.push(reason),
    });
  });
  afterAll(async () => {
    connection?.stop();
    await server?.close({ removeData: true });
  });

  it('goes live and receives a task event published by a REST call', async () => {
    connection.start();
    await until(() => status === 'live', 'live');
    const created = await call('POST', '/tasks', TASK);
    await until(
      () => events.some((event) => event.payload.id === created.body.data.id),
      'task.created',
    );
    expect(connection.positions().tasks?.offset).toBeGreaterThanOrEqual(1);
  });

  it('reconnects by itself after a restart on the same port and asks for a refetch', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const before = ticketsIssued;
    await server.close();
    await until(() => status !== 'live', 'leaving live');
    server = await startTestServer({ settings: { dataDir: server.dataDir, port } });

    await until(() => status === 'live', 'live again');
    await until(() => resyncs.some((channels) => channels.includes('tasks')), 'resync of tasks');
    expect(ticketsIssued).toBeGreaterThan(before);

    const created = await call('POST', '/tasks', { ...TASK, title: 'After the restart' });
    await until(
      () => events.some((event) => event.payload.id === created.body.data.id),
      'new event',
    );
    expect(connection.positions().tasks?.epoch).toBe(events.at(-1)?.epoch);
  });

  it('hands control back to login when the login is revoked (4011)', async () => {
    expect((await call('POST', '/auth/logout')).status).toBe(200);
    await until(() => authLost.length > 0, 'auth lost');
    expect(authLost).toEqual(['login_revoked']);
    expect(status).toBe('idle');
  });
});
