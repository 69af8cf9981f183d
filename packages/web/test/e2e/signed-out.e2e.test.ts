import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN } from './support/flows.ts';

describe('the dashboard, signed out, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDashboardServer();
    // An existing account, so the first-run redirect to setup does not apply.
    const setup = await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN);
    expect(setup.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  it('sends a deep link to sign-in with a way back, and renders under the CSP without errors', async () => {
    const context = await newContext(browser);
    const { page, problems } = await openPage(context);

    await page.goto(`${server.baseUrl}/tasks?status=blocked`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/login');
    expect(landed.searchParams.get('redirect')).toBe('/tasks?status=blocked');
    await screenshot(page, 'signed-out');
    expect(problems.filter((text) => !text.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });
});
