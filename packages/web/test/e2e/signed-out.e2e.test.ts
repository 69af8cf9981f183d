import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';

describe('the dashboard, signed out, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDashboardServer();
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
