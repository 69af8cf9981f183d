import { chmodSync, existsSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupAdmin } from '../support/auth.ts';
import { jsonRequest } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let tokenFile: string;

beforeAll(async () => {
  server = await startTestServer();
  await mkdir(join(server.dataDir, 'run'), { recursive: true });
  tokenFile = join(server.dataDir, 'run', 'doctor-token');
});

afterAll(async () => {
  await server.close({ removeData: true });
});

function writeToken(value: string, mode = 0o600): void {
  writeFileSync(tokenFile, value, { mode });
  chmodSync(tokenFile, mode);
}

const redeem = (token: string) =>
  jsonRequest(`${server.baseUrl}/api/v1/doctor/session`, 'POST', { token });

describe('POST /api/v1/doctor/session', () => {
  it('needs an account: 409 SETUP_REQUIRED before first-run setup', async () => {
    writeToken('first-run-token');
    const response = await redeem('first-run-token');
    expect(response.status).toBe(409);
    expect(response.body.error_code).toBe('SETUP_REQUIRED');
  });

  it('trades the token file once for a 60-second token of the first ceo', async () => {
    const admin = await setupAdmin(server.baseUrl);
    writeToken('good-token');
    const response = await redeem('good-token');
    expect(response.status).toBe(201);
    expect(response.body.data.expires_in).toBe(60);
    expect(existsSync(tokenFile)).toBe(false);
    const me = await jsonRequest(
      `${server.baseUrl}/api/v1/auth/me`,
      'GET',
      undefined,
      response.body.data.token,
    );
    expect(me.body.data.username).toBe(admin.username);

    const replay = await redeem('good-token');
    expect(replay.status).toBe(401);
    expect(replay.body.error_code).toBe('TOKEN_INVALID');
  });

  it.each([
    ['a wrong token', 'right', 'wrong', 0o600],
    ['a file others can read', 'shared', 'shared', 0o644],
  ])(
    'refuses %s and removes the file, so a guess costs the guesser it',
    async (_what, stored, given, mode) => {
      writeToken(stored, mode);
      const response = await redeem(given);
      expect(response.status).toBe(401);
      expect(existsSync(tokenFile)).toBe(false);
    },
  );

  it('refuses a token file older than two minutes', async () => {
    writeToken('stale');
    const old = new Date(Date.now() - 5 * 60 * 1000);
    utimesSync(tokenFile, old, old);
    expect((await redeem('stale')).status).toBe(401);
  });

  it('never logs the token', () => {
    for (const token of ['good-token', 'right', 'wrong', 'stale']) {
      expect(server.logs.raw()).not.toContain(token);
    }
  });
});

describe('POST /api/v1/doctor/echo', () => {
  it('refuses an anonymous caller', async () => {
    const response = await jsonRequest(`${server.baseUrl}/api/v1/doctor/echo`, 'POST', {
      nonce: 'x',
    });
    expect(response.status).toBe(401);
  });
});
