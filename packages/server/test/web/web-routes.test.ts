import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const INDEX = '<!doctype html><title>dashboard</title><div id="root"></div>';
const html = { accept: 'text/html,application/xhtml+xml' };

describe('the dashboard served by the API server', () => {
  let webDir: string;
  let t: TestServer;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'synthorg-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), INDEX);
    await writeFile(join(webDir, 'assets', 'app-1a2b3c.js'), 'console.log(1);');
    await writeFile(join(webDir, 'favicon.svg'), '<svg/>');
    t = await startTestServer({ settings: { webDir } });
  });
  afterAll(async () => {
    await t.close({ removeData: true });
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / without caching it', async () => {
    const response = await fetch(`${t.baseUrl}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves hashed assets as immutable and other files as they are', async () => {
    const asset = await fetch(`${t.baseUrl}/assets/app-1a2b3c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1);');

    const icon = await fetch(`${t.baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toBe('<svg/>');
  });

  it('answers any page URL a browser asks for with index.html, so reloads keep the route', async () => {
    for (const path of ['/tasks', '/agents/ada-lovelace', '/settings?tab=user']) {
      const response = await fetch(`${t.baseUrl}${path}`, { headers: html });
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('keeps the JSON 404 for unknown API paths, even when HTML is accepted', async () => {
    for (const path of ['/api/v1/no-such-thing', '/api', '/api/v2/tasks']) {
      const { status, body } = await request(`${t.baseUrl}${path}`, { headers: html });
      expect(status, path).toBe(404);
      expect(body).toMatchObject({ error_code: 'ROUTE_NOT_FOUND', success: false });
    }
  });

  it('does not answer non-HTML requests for missing files with the page', async () => {
    const { status, body } = await request(`${t.baseUrl}/assets/missing.js`);
    expect(status).toBe(404);
    expect(body.error_code).toBe('ROUTE_NOT_FOUND');
  });

  it('never serves files outside the dashboard folder', async () => {
    const response = await fetch(`${t.baseUrl}/..%2f..%2fetc%2fpasswd`, { headers: html });
    expect(await response.text()).not.toContain('root:');
  });

  it('still answers health as JSON next to the dashboard', async () => {
    const { status, body } = await request(`${t.baseUrl}/api/v1/health`);
    expect(status).toBe(200);
    expect(body.success).toBe(true);
  });
});
