import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('HTTP input edges on a real server', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      beforeListen: (server) => {
        server.app.post('/api/v1/test-only/echo/:id', async (req) => ({ body: req.body }));
      },
    });
  });
  afterAll(() => t.close({ removeData: true }));

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const { status, headers, body } = await request(`${t.baseUrl}/api/v1/health`, {
      method: 'DELETE',
    });
    expect(status).toBe(405);
    expect(body.error_code).toBe('METHOD_NOT_ALLOWED');
    expect(headers.get('allow')).toContain('GET');
  });

  it('keeps 404 for a path no route has', async () => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/nothing/here`, {
      method: 'DELETE',
    });
    expect(status).toBe(404);
    expect(body.error_code).toBe('ROUTE_NOT_FOUND');
  });

  it('routes a 200-character path parameter instead of answering 414', async () => {
    const id = 'a'.repeat(200);
    const { status } = await request(`${t.baseUrl}/api/v1/test-only/echo/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(status).toBe(200);
  });

  it('drops a __proto__ key instead of calling valid JSON invalid', async () => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/test-only/echo/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"ok","__proto__":{"admin":true}}',
    });
    expect(status).toBe(200);
    expect(body.body).toEqual({ title: 'ok' });
  });

  it.each([
    ['NUL', '"a\\u0000b"'],
    ['lone surrogate', '"\\ud800"'],
  ])('refuses text with a %s with 400 naming the field', async (_name, literal) => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/test-only/echo/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"outer":{"title":${literal}}}`,
    });
    expect(status).toBe(400);
    expect(body.error_code).toBe('VALIDATION_ERROR');
    expect(body.details[0].path).toBe('body.outer.title');
  });

  it('keeps the SQLite file readable by its owner only', () => {
    const mode = statSync(join(t.dataDir, 'synthorg.db')).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});
