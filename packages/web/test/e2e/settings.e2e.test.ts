import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser } from '../../../server/test/support/auth.ts';
import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, indicatorState, signInThroughUi } from './support/flows.ts';
import { restClient } from './support/rest-client.ts';

const KEY = 'api.min_password_length';

async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => document.body.setAttribute('data-no-reload', 'yes'));
}
async function wasNotReloaded(page: Page): Promise<boolean> {
  return (await page.evaluate(() => document.body.getAttribute('data-no-reload'))) === 'yes';
}
const rowIn = (page: Page, key = KEY) =>
  page.locator(`[data-testid="setting"][data-setting="${key}"]`);
const rowWithSource = (page: Page, source: string, key = KEY) =>
  page.locator(`[data-testid="setting"][data-setting="${key}"][data-source="${source}"]`);

describe('the runtime settings editor, in Chromium against the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let api: ReturnType<typeof restClient>;
  let adminToken: string;
  const contexts: BrowserContext[] = [];

  const stored = async () => (await api('GET', '/settings/api/min_password_length')).body.data;

  beforeAll(async () => {
    server = await startDashboardServer();
    const setup = await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN);
    expect(setup.status).toBe(201);
    adminToken = setup.body.data.token;
    api = restClient(server.baseUrl, adminToken);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  async function signedIn(width = 1280, account = ADMIN) {
    const context = await newContext(browser, width);
    contexts.push(context);
    const watched = await openPage(context);
    await signInThroughUi(watched.page, server.baseUrl, account);
    await watched.page.goto(`${server.baseUrl}/settings`);
    return watched;
  }

  it('changes a setting (source switches to db, a second browser follows live) and resets it', async () => {
    const before = await stored();
    expect(before.source).toBe('default');
    const { page, problems } = await signedIn();
    const { page: watcher } = await signedIn();
    await indicatorState(page, 'live');
    await indicatorState(watcher, 'live');
    await rowWithSource(page, 'default').waitFor();
    await rowWithSource(watcher, 'default').waitFor();
    expect(await rowIn(page).getByTestId('setting-value').textContent()).toBe(before.value);
    await markPage(watcher);

    // A value out of the definition's bounds: the server's 422, naming the rule, is shown in
    // the row.
    await rowIn(page).getByRole('button', { name: 'Edit' }).click();
    await rowIn(page).getByRole('spinbutton').fill('3');
    await rowIn(page).getByRole('button', { name: 'Save' }).click();
    const error = rowIn(page).getByTestId('setting-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^api\/min_password_length must be at least \d+$/);
    expect(await stored()).toMatchObject({ source: 'default', value: before.value });
    await screenshot(page, 'settings-invalid-value');

    await rowIn(page).getByRole('spinbutton').fill('14');
    await rowIn(page).getByRole('button', { name: 'Save' }).click();
    await rowWithSource(page, 'db').waitFor();
    expect(await rowIn(page).getByTestId('setting-value').textContent()).toBe('14');
    expect(await stored()).toMatchObject({ source: 'db', value: '14' });
    await rowWithSource(watcher, 'db').waitFor();
    expect(await rowIn(watcher).getByTestId('setting-value').textContent()).toBe('14');
    expect(await wasNotReloaded(watcher)).toBe(true);
    await screenshot(page, 'settings-changed-wide');

    await rowIn(page).getByRole('button', { name: 'Reset to default' }).click();
    await rowWithSource(page, 'default').waitFor();
    expect(await rowIn(page).getByTestId('setting-value').textContent()).toBe(before.value);
    expect(await stored()).toMatchObject({ source: 'default', value: before.value });
    await rowWithSource(watcher, 'default').waitFor();
    expect(await wasNotReloaded(watcher)).toBe(true);
    expect(problems.filter((text) => !text.includes('Failed to load resource'))).toEqual([]);
  });

  it('edits by type: an enum is a select, restart-bound settings are marked', async () => {
    const { page } = await signedIn();
    await page.getByLabel('Show advanced').check();
    const poll = rowIn(page, 'coordination.poll_interval_ms');
    await poll.waitFor();
    expect(await poll.getByTestId('setting-restart').textContent()).toBe('applies after restart');
    const level = rowIn(page, 'observability.log_level');
    await level.getByRole('button', { name: 'Edit' }).click();
    const options = await level
      .getByRole('combobox')
      .evaluate((select) => [...(select as HTMLSelectElement).options].map((o) => o.value));
    expect(options).toContain('info');
    expect(options).toContain('debug');
    await level.getByRole('button', { name: 'Cancel' }).click();
    await screenshot(page, 'settings-advanced-wide');
  });

  it('the change-password form checks the minimum the server has now', async () => {
    expect((await api('PUT', '/settings/api/min_password_length', { value: '17' })).status).toBe(
      200,
    );
    try {
      const context = await newContext(browser, 1280);
      contexts.push(context);
      const { page } = await openPage(context);
      await signInThroughUi(page, server.baseUrl, ADMIN);
      await page.goto(`${server.baseUrl}/change-password`);
      const next = page.locator('#new-password');
      await next.waitFor();
      expect(await next.getAttribute('placeholder')).toBe('At least 17 characters');
      await page.locator('#current-password').fill(ADMIN.password);
      // 16 characters: enough for the built-in minimum, not for the stored one.
      await next.fill('sixteen-chars-ok');
      await page.locator('#confirm-password').fill('sixteen-chars-ok');
      await page.getByRole('button', { name: /change password/i }).click();
      await page.getByText('The new password needs at least 17 characters.').waitFor();
    } finally {
      expect((await api('DELETE', '/settings/api/min_password_length')).status).toBe(204);
    }
  });

  it('shows an observer the values read-only', async () => {
    const observer = await createUser(server.baseUrl, adminToken, 'observer');
    const { page } = await signedIn(390, observer);
    await rowIn(page).waitFor();
    await expect(
      page.getByTestId('runtime-settings').getByRole('button', { name: 'Edit' }).count(),
    ).resolves.toBe(0);
    expect(await page.getByTestId('runtime-settings').textContent()).toContain(
      'Your role can read these but not change them.',
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'settings-observer-narrow');
  });
});
