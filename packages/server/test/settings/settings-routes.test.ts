import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTING_NAMESPACES, SETTING_VALUE_MAX_LENGTH, settingEntrySchema } from '@synthorg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, expectAnonymousRefused, setupAdmin, type TestUser } from '../support/auth.ts';
import { type JsonResponse, jsonRequest } from '../support/http.ts';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.ts';
import { connectWs, issueTicket, subscribe } from '../support/ws.ts';

const COMPANY = `company_name: Layered Labs
budget: {total_monthly: 40, per_task_limit: 3}
agents:
  - {name: Ada, role: Lead Engineer, department: engineering, level: lead, model: large}
departments:
  - {name: engineering, head: Ada}
`;

let t: TestServer;
let admin: TestUser;
let observer: TestUser;
const call = (method: string, path: string, body?: unknown, token = admin.token) =>
  jsonRequest(`${t.baseUrl}/api/v1${path}`, method, body, token);
const put = (path: string, value: unknown, token?: string): Promise<JsonResponse> =>
  call('PUT', `/settings/${path}`, { value }, token);

beforeAll(async () => {
  const dataDir = await makeDataDir();
  await writeFile(join(dataDir, 'company.yaml'), COMPANY);
  // The env layer: what the process was started with (env var or the flag standing for it).
  t = await startTestServer({ settings: { dataDir, rateLimitPerMinute: 900 } });
  admin = await setupAdmin(t.baseUrl);
  observer = await createUser(t.baseUrl, admin.token, 'observer');
});
afterAll(async () => {
  await t.close({ removeData: true });
});

describe('reading settings', () => {
  it('lists every definition and every entry, and each namespace on its own', async () => {
    const schema = await call('GET', '/settings/_schema', undefined, observer.token);
    expect(schema.status).toBe(200);
    const keys = schema.body.data.map((d: { namespace: string; key: string }) => d.key);
    expect(keys).toContain('rate_limit_max_requests');
    const all = await call('GET', '/settings', undefined, observer.token);
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(schema.body.data.length);
    for (const entry of all.body.data) settingEntrySchema.parse(entry);

    for (const namespace of SETTING_NAMESPACES) {
      const defs = await call('GET', `/settings/_schema/${namespace}`);
      const entries = await call('GET', `/settings/${namespace}`);
      expect(defs.status).toBe(200);
      expect(entries.status).toBe(200);
      const expected = schema.body.data.filter(
        (d: { namespace: string }) => d.namespace === namespace,
      );
      expect(defs.body.data).toEqual(expected);
      expect(entries.body.data.map((e: { definition: unknown }) => e.definition)).toEqual(expected);
    }
    // No setting exists yet for these; see docs/decisions.md.
    expect((await call('GET', '/settings/memory')).body.data).toEqual([]);
    expect((await call('GET', '/settings/backup')).body.data).toEqual([]);
    expect((await call('GET', '/settings/providers')).body.data).toEqual([]);

    const one = await call('GET', '/settings/api/jwt_expiry_minutes', undefined, observer.token);
    expect(one.body.data).toMatchObject({ value: '1440', source: 'default', updated_at: null });
  });

  it('answers 404 SETTING_NOT_FOUND for unknown namespaces and keys, the system ones included', async () => {
    for (const path of [
      '/settings/_schema/nope',
      '/settings/_schema/system',
      '/settings/nope',
      '/settings/system',
      '/settings/system/jwt_secret',
      '/settings/api/nope',
      '/settings/budget/config',
      '/settings/budget/auto_downgrade',
    ]) {
      const response = await call('GET', path);
      expect(response.status, path).toBe(404);
      expect(response.body.error_code).toBe('SETTING_NOT_FOUND');
    }
    for (const [method, body] of [
      ['PUT', { value: 'x'.repeat(40) }],
      ['DELETE', undefined],
    ] as const) {
      const response = await call(method, '/settings/system/jwt_secret', body);
      expect(response.status).toBe(404);
      expect(response.body.error_code).toBe('SETTING_NOT_FOUND');
      expect((await call(method, '/settings/api/unknown_key', body)).status).toBe(404);
    }
    const secret = await t.server.context.settingsStore.get('system', 'jwt_secret');
    expect(secret).toBeTruthy();
    const everything = JSON.stringify([
      (await call('GET', '/settings')).body,
      (await call('GET', '/settings/_schema')).body,
      ...(await Promise.all(
        SETTING_NAMESPACES.map(async (n) => (await call('GET', `/settings/${n}`)).body),
      )),
    ]);
    expect(everything).not.toContain(secret as string);
    expect(everything).not.toContain('jwt_secret');
  });

  it('refuses anonymous callers on every route, and every role but the ceo on writes', async () => {
    for (const path of [
      '/settings/_schema',
      '/settings/_schema/api',
      '/settings',
      '/settings/api',
      '/settings/api/max',
    ]) {
      await expectAnonymousRefused(t.baseUrl, 'GET', `/api/v1${path}`);
    }
    await expectAnonymousRefused(t.baseUrl, 'PUT', '/api/v1/settings/api/jwt_expiry_minutes', {
      value: '5',
    });
    await expectAnonymousRefused(t.baseUrl, 'DELETE', '/api/v1/settings/api/jwt_expiry_minutes');
    const denied = await put('api/jwt_expiry_minutes', '5', observer.token);
    expect(denied.status).toBe(403);
    expect(denied.body.error_code).toBe('FORBIDDEN');
    // A manager may write tasks and messages, but not the settings of the whole system.
    const manager = await createUser(t.baseUrl, admin.token, 'manager');
    for (const [path, value] of [
      ['budget/total_monthly', '40'],
      ['api/rate_limit_max_requests', '1'],
    ] as const) {
      const refused = await put(path, value, manager.token);
      expect(refused.status).toBe(403);
      expect(refused.body.error_code).toBe('FORBIDDEN');
    }
    expect(
      (await call('DELETE', '/settings/budget/total_monthly', undefined, manager.token)).status,
    ).toBe(403);
    expect((await call('GET', '/settings/budget/total_monthly')).body.data.source).not.toBe('db');
    const deniedDelete = await call(
      'DELETE',
      '/settings/api/jwt_expiry_minutes',
      undefined,
      observer.token,
    );
    expect(deniedDelete.status).toBe(403);
    expect((await call('GET', '/settings/api/jwt_expiry_minutes')).body.data.source).toBe(
      'default',
    );
  });
});

describe('writing settings', () => {
  it('refuses malformed bodies with 400 and stores nothing', async () => {
    for (const body of [
      { value: 'x'.repeat(SETTING_VALUE_MAX_LENGTH + 1) },
      { value: 30 },
      { value: null },
      { value: '30', extra: true },
      {},
    ]) {
      const response = await call('PUT', '/settings/api/jwt_expiry_minutes', body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(response.body.error_code).toBe('VALIDATION_ERROR');
    }
    expect((await call('GET', '/settings/api/jwt_expiry_minutes')).body.data.source).toBe(
      'default',
    );
  });

  it('answers 422 SETTING_INVALID_VALUE for each kind of invalid value and keeps the old one', async () => {
    const cases: [string, string][] = [
      ['api/jwt_expiry_minutes', 'soon'], // type
      ['api/jwt_expiry_minutes', '1.5'], // integer
      ['api/jwt_expiry_minutes', '0'], // min
      ['api/jwt_expiry_minutes', '999999'], // max
      ['budget/total_monthly', '-1'], // min on a float
      ['observability/log_level', 'verbose'], // enum
      ['company/name', ' padded '], // pattern
      ['company/name', ''], // pattern
      ['api/cors_allowed_origins', '[not json'], // json
      ['api/cors_allowed_origins', '["https://ok.example/path"]'], // custom check
      ['api/cors_allowed_origins', '"https://ok.example"'], // not an array
      ['budget/alert_warn_at', '95'], // cross-field: warn < critical
      ['budget/per_task_limit', '41'], // cross-field against the YAML total_monthly (40)
    ];
    for (const [path, value] of cases) {
      const before = (await call('GET', `/settings/${path}`)).body.data;
      const response = await put(path, value);
      expect(response.status, `${path} = ${value}`).toBe(422);
      expect(response.body.error_code).toBe('SETTING_INVALID_VALUE');
      expect((await call('GET', `/settings/${path}`)).body.data).toEqual(before);
    }
  });

  it('keeps small decimals as plain decimals, so they stay in effect and under the budget rules', async () => {
    // 0.0000001 used to be stored as 1e-7, which the float type then refused to read back.
    const tiny = await put('budget/per_agent_daily_limit', '0.0000001');
    expect(tiny.status).toBe(200);
    expect(tiny.body.data).toMatchObject({ value: '0.0000001', source: 'db' });
    expect((await call('GET', '/budget/config')).body.data.per_agent_daily_limit).toBe(1e-7);
    // A tiny total is checked against the per-task limit (from the YAML) like any other.
    const total = await put('budget/total_monthly', '0.0000001');
    expect(total.status).toBe(422);
    expect(total.body.error_code).toBe('SETTING_INVALID_VALUE');
    expect((await call('DELETE', '/settings/budget/per_agent_daily_limit')).status).toBe(204);
  });

  it('resolves DB over env over YAML over default, and DELETE falls back', async () => {
    const entry = async (path: string) => (await call('GET', `/settings/${path}`)).body.data;
    expect(await entry('api/rate_limit_max_requests')).toMatchObject({
      value: '900',
      source: 'env',
    });
    expect(await entry('budget/total_monthly')).toMatchObject({ value: '40', source: 'yaml' });
    expect(await entry('company/name')).toMatchObject({ value: 'Layered Labs', source: 'yaml' });
    expect(await entry('security/lockout_window_minutes')).toMatchObject({
      value: '15',
      source: 'default',
    });

    for (const [path, value] of [
      ['api/rate_limit_max_requests', '950'],
      ['budget/total_monthly', '60'],
      ['security/lockout_window_minutes', '20'],
    ]) {
      const stored = await put(path as string, value);
      expect(stored.status).toBe(200);
      expect(stored.body.data).toMatchObject({ value, source: 'db' });
      expect(Date.parse(stored.body.data.updated_at)).not.toBeNaN();
      expect(await entry(path as string)).toEqual(stored.body.data);
    }
    const deleted = await call('DELETE', '/settings/api/rate_limit_max_requests');
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect(await entry('api/rate_limit_max_requests')).toMatchObject({
      value: '900',
      source: 'env',
    });
    expect((await call('DELETE', '/settings/budget/total_monthly')).status).toBe(204);
    expect(await entry('budget/total_monthly')).toMatchObject({ value: '40', source: 'yaml' });
    expect((await call('DELETE', '/settings/security/lockout_window_minutes')).status).toBe(204);
    expect(await entry('security/lockout_window_minutes')).toMatchObject({ source: 'default' });
    // Idempotent: nothing stored, still 204.
    expect((await call('DELETE', '/settings/security/lockout_window_minutes')).status).toBe(204);
  });

  it('refuses a DELETE whose fallback breaks a cross-field rule, and changes nothing', async () => {
    expect((await put('budget/total_monthly', '500')).status).toBe(200);
    expect((await put('budget/per_task_limit', '200')).status).toBe(200);
    const refused = await call('DELETE', '/settings/budget/total_monthly');
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe('SETTING_INVALID_VALUE');
    expect((await call('GET', '/settings/budget/total_monthly')).body.data.value).toBe('500');
    expect((await call('GET', '/budget/config')).body.data.total_monthly).toBe(500);
    expect((await call('DELETE', '/settings/budget/per_task_limit')).status).toBe(204);
    expect((await call('DELETE', '/settings/budget/total_monthly')).status).toBe(204);
    expect((await call('GET', '/budget/config')).body.data).toMatchObject({
      total_monthly: 40,
      per_task_limit: 3,
    });
  });

  it('publishes settings.updated on the system channel after each PUT and DELETE', async () => {
    const client = connectWs(t.wsUrl, { ticket: await issueTicket(t.baseUrl, observer.token) });
    await client.opened;
    await subscribe(client, { channels: ['system'] });
    expect((await put('security/ws_ticket_ttl_seconds', '45')).status).toBe(200);
    const updated = await client.next((m) => m.event_type === 'settings.updated');
    expect(updated).toMatchObject({
      channel: 'system',
      payload: { namespace: 'security', key: 'ws_ticket_ttl_seconds', value: '45', source: 'db' },
    });
    expect((await call('DELETE', '/settings/security/ws_ticket_ttl_seconds')).status).toBe(204);
    const reset = await client.next(
      (m) => m.event_type === 'settings.updated' && m.payload.source !== 'db',
    );
    expect(reset.payload).toEqual({
      namespace: 'security',
      key: 'ws_ticket_ttl_seconds',
      value: '30',
      source: 'default',
    });
    // A refused write publishes nothing.
    await put('security/ws_ticket_ttl_seconds', '0');
    await client.barrier();
    expect(client.events().filter((e) => e.event_type === 'settings.updated')).toHaveLength(2);
    client.ws.close();
  });
});
