import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonRequest, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('GET /auth/setup-status', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close({ removeData: true }));

  it('is public and says setup is required until the first account exists', async () => {
    const before = await request(`${t.baseUrl}/api/v1/auth/setup-status`);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      data: { setup_required: true, min_password_length: 12 },
      error: null,
      success: true,
    });

    const setup = await jsonRequest(`${t.baseUrl}/api/v1/auth/setup`, 'POST', {
      username: 'admin',
      password: 'correct horse battery',
    });
    expect(setup.status).toBe(201);

    const after = await request(`${t.baseUrl}/api/v1/auth/setup-status`);
    expect(after.body.data).toEqual({ setup_required: false, min_password_length: 12 });
  });
});
