import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, createAdminThroughUi, indicatorState } from './support/flows.ts';

describe('first run in Chromium against a fresh database', () => {
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

  it('creates the admin, lands on the overview and keeps the login and role across a reload', async () => {
    const context = await newContext(browser);
    const { page, problems } = await openPage(context);

    await createAdminThroughUi(page, server.baseUrl);
    expect(new URL(page.url()).pathname).toBe('/');
    // Live within a couple of seconds; the wait is generous so a slow machine does not flake.
    expect(await indicatorState(page, 'live', 10_000)).toBe('live');
    await server.logs.waitFor('api.ws.connected');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('(CEO)');
    await screenshot(page, 'overview-first-run');

    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await indicatorState(page, 'live', 10_000)).toBe('live');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('admin');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('(CEO)');
    expect(problems.filter((text) => !text.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });

  it('signs out, refuses a wrong password, and shows the lockout with its wait time', async () => {
    const context = await newContext(browser);
    const { page } = await openPage(context);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Username').fill(ADMIN.username);

    const error = page.getByTestId('form-error');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await error.waitFor();
      await expect(error.textContent()).resolves.toMatch(/Wrong username or password|Too many/);
    }
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('lockout').waitFor();
    await expect(page.getByTestId('lockout').textContent()).resolves.toMatch(/Try again in \d+ s/);
    await expect(page.getByRole('button', { name: 'Sign in' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'login-locked');
    await context.close();
  });
});
