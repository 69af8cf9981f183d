import { type ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startWebListener } from '../src/instance/web-listener.ts';
import { cleanUp, freePort, runCli, tempDir } from './support/cli.ts';

vi.setConfig({ testTimeout: 120_000 });

let root: string;
let dataDir: string;
let apiPort: number;
let webPort: number;

beforeAll(async () => {
  root = await tempDir();
  dataDir = join(root, 'proxy');
  [apiPort, webPort] = [await freePort(), await freePort()];
  const args = ['--api-port', String(apiPort), '--web-port', String(webPort)];
  const started = await runCli(['start', '--data-dir', dataDir, ...args]);
  expect(started.code).toBe(0);
});

afterAll(async () => {
  await runCli(['stop', '--data-dir', dataDir]);
  await cleanUp(root, [dataDir]);
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A raw POST as curl sends it: with `Expect: 100-continue` the body waits for the 100.
 * `strict`: any socket error fails, even after the answer (a broken pipe while sending).
 */
function post(
  port: number,
  body: Buffer,
  expectContinue: boolean,
  strict = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': body.length,
    };
    if (expectContinue) headers.expect = '100-continue';
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/auth/login', method: 'POST', headers },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    // The server may answer a refused body before it is all sent; the answer is what counts.
    req.on('error', (error) => {
      if (strict || !answered) reject(error);
    });
    if (expectContinue) req.on('continue', () => req.end(body));
    else if (strict) void sendInSteps(req, body);
    else req.end(body);
  });
}

/** Writes the body 256 KiB at a time, each step after the previous one was handed on. */
async function sendInSteps(req: ClientRequest, body: Buffer): Promise<void> {
  const step = 256 * 1024;
  for (let at = 0; at < body.length && !req.destroyed; at += step) {
    await new Promise<void>((done) => req.write(body.subarray(at, at + step), () => done()));
  }
  if (!req.destroyed) req.end();
}

const LOGIN = Buffer.from(JSON.stringify({ username: 'nobody', password: 'not the password' }));

describe('the dashboard listener forwards /api like the API answers it', () => {
  it('handles Expect: 100-continue instead of failing with 500', async () => {
    const direct = await post(apiPort, LOGIN, true);
    const proxied = await post(webPort, LOGIN, true);
    expect(proxied.status).not.toBe(500);
    expect(proxied).toEqual(direct);
    expect(proxied.body).toMatchObject({ success: false, data: null });
  });

  it.each([false, true])(
    'answers a 3 MiB body with 413 in the envelope (expect: %s)',
    async (expectContinue) => {
      const big = Buffer.alloc(3 * 1024 * 1024, 'a');
      const direct = await post(apiPort, big, expectContinue);
      const proxied = await post(webPort, big, expectContinue);
      expect(direct.status).toBe(413);
      expect(proxied.status).toBe(413);
      expect(proxied.body).toEqual({
        data: null,
        error: expect.any(String),
        error_code: 'PAYLOAD_TOO_LARGE',
        success: false,
      });
    },
  );

  it('reads a 12 MiB body to its end before answering 413, so the sender gets no broken pipe', async () => {
    const huge = Buffer.alloc(12 * 1024 * 1024, 'a');
    for (const port of [apiPort, webPort]) {
      const answer = await post(port, huge, false, true);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE', success: false });
    }
  });
});

describe('when the API cannot be reached', () => {
  let web: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const deadApi = `http://127.0.0.1:${await freePort()}`;
    web = await startWebListener({
      host: '127.0.0.1',
      port,
      apiUrl: deadApi,
      webDir: undefined,
      forwardWebSocket: false,
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await web.close();
  });

  it('answers 503 UPSTREAM_UNAVAILABLE in the envelope', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      data: null,
      error: expect.any(String),
      error_code: 'UPSTREAM_UNAVAILABLE',
      success: false,
    });
  });
});
