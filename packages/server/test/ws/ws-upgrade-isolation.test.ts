import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket } from '../support/ws.ts';

interface RawAnswer {
  status: number;
  body: string;
}

/** A request whose path is sent byte for byte (fetch and ws would normalise `..` and `//`). */
function rawRequest(baseUrl: string, path: string, upgrade: boolean): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const headers: Record<string, string> = upgrade
    ? {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      }
    : {};
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers, agent: false });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the upgrade path is separate from the HTTP pipeline', () => {
  let t: TestServer;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestServer({ settings: { rateLimitPerMinute: 60, wsAuthTimeoutMs: 200 } });
    admin = await setupAdmin(t.baseUrl);
  });
  afterAll(() => t.close({ removeData: true }));

  it('does not rate-limit the upgrade even when the address is over the HTTP limit', async () => {
    const ticket = await issueTicket(t.baseUrl, admin.token);
    let status = 0;
    // The lowest limit is 60; 130 quick requests span at most two windows, one sees over 60.
    for (let i = 0; i < 130 && status !== 429; i++) {
      status = (await jsonRequest(`${t.baseUrl}/api/v1/auth/me`, 'GET', undefined, admin.token))
        .status;
    }
    expect(status).toBe(429);

    for (let i = 0; i < 8; i++) {
      const client = connectWs(t.wsUrl);
      await client.opened;
      client.send({ action: 'auth', ticket: `unknown-${i}` });
      expect(await client.closed).toEqual({ code: 4001, reason: 'invalid_or_expired' });
    }
    const client = connectWs(t.wsUrl, { ticket });
    await client.opened;
    await client.barrier();
    client.ws.close();
  });

  it('runs no HTTP auth hook on the upgrade: a bad bearer header and a cookie change nothing', async () => {
    const fresh = await startTestServer();
    try {
      const user = await setupAdmin(fresh.baseUrl);
      const ticket = await issueTicket(fresh.baseUrl, user.token);
      const { default: WebSocket } = await import('ws');
      const ws = new WebSocket(`${fresh.wsUrl}/api/v1/ws?ticket=${ticket}`, {
        headers: { authorization: 'Bearer not-a-token', cookie: 'session=whatever' },
      });
      const reply = await new Promise<string>((resolve, reject) => {
        ws.once('open', () => ws.send(JSON.stringify({ action: 'ping' })));
        ws.once('message', (data) => resolve(data.toString()));
        ws.once('close', (code) => reject(new Error(`closed ${code}`)));
      });
      expect(JSON.parse(reply)).toEqual({ action: 'pong' });
      ws.close();
      expect(fresh.logs.events()).not.toContain('api.auth.failed');
    } finally {
      await fresh.close({ removeData: true });
    }
  });

  it('reaches the handler (close 4001) when upgraded without any credentials', async () => {
    const client = connectWs(t.wsUrl, { query: 'x=/api/v1/users' });
    await client.opened;
    expect((await client.closed).code).toBe(4001);
  });

  it('opens no HTTP route through path tricks around /ws', async () => {
    const paths = [
      '/api/v1/ws',
      '/api/v1/ws/',
      '/api/v1//ws',
      '/api/v1/ws/../users',
      '/api/v1/ws/../tasks',
      '/api/v1/ws/%2e%2e/users',
      '/api/v1/ws?x=/api/v1/users',
      '/api/v1/ws#/api/v1/users',
      '/api/v1/ws;/users',
    ];
    for (const path of paths) {
      const plain = await rawRequest(t.baseUrl, path, false);
      expect([401, 404, 429], `GET ${path}`).toContain(plain.status);
      expect(plain.body).not.toContain(admin.username);
      const upgraded = await rawRequest(t.baseUrl, path, true);
      // The router ends the path at `?` or `#`: those reach the WebSocket handler itself.
      const isWsRoute = /^\/api\/v1\/ws([?#]|$)/.test(path);
      if (isWsRoute) expect(upgraded.status, `upgrade ${path}`).toBe(101);
      else expect([401, 404, 429], `upgrade ${path}`).toContain(upgraded.status);
      expect(upgraded.body).not.toContain(admin.username);
    }
  });
});
