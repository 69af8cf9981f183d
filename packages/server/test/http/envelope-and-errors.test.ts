import { ERROR_CATALOGUE, healthStatusSchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('HTTP foundation on a real server', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      beforeListen: (server) => {
        server.app.get('/api/v1/test-only/boom', async () => {
          throw new Error('database password is hunter2 at /srv/secret');
        });
      },
    });
  });
  afterAll(() => t.close({ removeData: true }));

  it('answers health with the documented shape', async () => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/health`);
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.error).toBeNull();
    const health = healthStatusSchema.parse(body.data);
    expect(health.status).toBe('ok');
    expect(health.persistence).toBe(true);
    expect(health.uptime_seconds).toBeGreaterThanOrEqual(0);
  });

  it('answers an unknown route with 404 in the envelope', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/no-such-thing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      data: null,
      error: 'Not found',
      error_code: 'ROUTE_NOT_FOUND',
      success: false,
    });
  });

  it('answers malformed JSON with 400 VALIDATION_ERROR and details', async () => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(status).toBe(400);
    expect(body.error_code).toBe('VALIDATION_ERROR');
    expect(body.success).toBe(false);
    expect(body.details[0].path).toBe('body');
  });

  it('hides internals of a thrown error and logs its stack', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/test-only/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({
      data: null,
      error: ERROR_CATALOGUE.INTERNAL_ERROR.message,
      error_code: 'INTERNAL_ERROR',
      success: false,
    });
    const line = t.logs
      .lines()
      .find((l) => l.event === 'api.request.error' && l.status_code === 500);
    expect(line).toBeDefined();
    expect(JSON.stringify(line?.err)).toContain('at ');
  });

  it('sets security headers on API responses, errors included', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/no-such-thing`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a body over 2 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024 + 10) }),
    });
    expect(status).toBe(413);
    expect(body.error_code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the OpenAPI document and the interactive docs', async () => {
    const { body: spec } = await request(`${t.baseUrl}/docs/openapi.json`);
    expect(spec.paths['/api/v1/health']).toBeDefined();
    const ui = await fetch(`${t.baseUrl}/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<script');
  });

  it('answers CORS preflights only for allowed origins', async () => {
    const allowed = await fetch(`${t.baseUrl}/api/v1/health`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const foreign = await fetch(`${t.baseUrl}/api/v1/health`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('writes an event field on every log line and keeps credentials out of logs', async () => {
    const bearer = 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-payload.signature';
    await fetch(`${t.baseUrl}/api/v1/health?ticket=SECRET_TICKET_VALUE_123&x=1`, {
      headers: { authorization: bearer, cookie: 'session=COOKIE_SECRET' },
    });
    await t.logs.waitFor('api.request.completed');
    const raw = t.logs.raw();
    expect(raw).not.toContain('SECRET_TICKET_VALUE_123');
    expect(raw).not.toContain('secret-payload');
    expect(raw).not.toContain('COOKIE_SECRET');
    for (const line of t.logs.lines()) expect(typeof line.event).toBe('string');
  });
});
