import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin, type TestUser } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { type ScaleOutCluster, startScaleOutCluster } from '../support/scale-out.ts';
import type { TestServer } from '../support/test-server.ts';

/** The lowest rate limit the settings allow. */
const LIMIT = 60;

describe('three instances started at once on an empty PostgreSQL', () => {
  let cluster: ScaleOutCluster;
  let servers: TestServer[];
  let admin: TestUser;
  /** Requests under the global limit so far (setup has its own per-route limit). */
  let counted = 0;

  const get = (server: TestServer, path: string, token?: string) => {
    counted++;
    return jsonRequest(`${server.baseUrl}/api/v1${path}`, 'GET', undefined, token);
  };

  beforeAll(async () => {
    cluster = await startScaleOutCluster(3, () => ({ rateLimitPerMinute: LIMIT }), {
      concurrent: true,
    });
    servers = cluster.instances;
    admin = await setupAdmin(servers[0]?.baseUrl ?? '');
    counted++; // setupAdmin's `auth/me`
  });
  afterAll(() => cluster.close());

  it('migrates and bootstraps the company once: every instance sees the same organization', async () => {
    const departments = await Promise.all(
      servers.map(async (server) => (await get(server, '/departments', admin.token)).body),
    );
    const names = departments.map((body) =>
      (body.data as { name: string }[]).map((d) => d.name).sort(),
    );
    expect(names[0]?.length).toBeGreaterThan(0);
    expect(new Set(names[0]).size).toBe(names[0]?.length);
    expect(names[1]).toEqual(names[0]);
    expect(names[2]).toEqual(names[0]);
  });

  it('shares the per-address rate limit between instances', async () => {
    for (let i = 0; counted < LIMIT; i++) {
      const response = await get(servers[i % 3] as TestServer, '/auth/setup-status');
      expect(response.status).toBe(200);
    }
    for (const server of servers) {
      const refused = await get(server, '/auth/setup-status');
      expect(refused.status).toBe(429);
      expect(refused.body.error_code).toBe('RATE_LIMITED');
    }
  });
});
