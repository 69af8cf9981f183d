import { PASSWORD_MIN_LENGTH } from '@synthorg/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser } from '../../../server/test/support/auth.ts';
import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, signInThroughUi } from './support/flows.ts';
import { restClient } from './support/rest-client.ts';

const NEW_USER = { username: 'dana', password: 'dana has a long password' };

/** Polls until `check` holds; fails after a generous bound, never asserts speed. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never held');
}

interface StoredUser {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  must_change_password: boolean;
}

describe('the users page (ceo only), in Chromium against the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let api: ReturnType<typeof restClient>;
  let adminToken: string;

  const stored = async (username: string): Promise<StoredUser | undefined> =>
    ((await api('GET', '/users')).body.data as StoredUser[]).find((u) => u.username === username);
  const rowOf = (username: string) =>
    page.locator(`[data-testid="user-row"][data-username="${username}"]`);

  beforeAll(async () => {
    server = await startDashboardServer();
    const setup = await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN);
    expect(setup.status).toBe(201);
    adminToken = setup.body.data.token;
    api = restClient(server.baseUrl, adminToken);
    browser = await launchBrowser();
    context = await newContext(browser);
    ({ page, problems } = await openPage(context));
    await signInThroughUi(page, server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  it('lists the accounts and creates one with a role; the password rule is shown', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await rowOf(ADMIN.username).waitFor();
    expect(await rowOf(ADMIN.username).textContent()).toContain('(you)');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByTestId('user-create-dialog');
    expect(await dialog.getByTestId('password-rule').textContent()).toContain(
      `At least ${PASSWORD_MIN_LENGTH} characters`,
    );
    await dialog.getByLabel('Username').fill(NEW_USER.username);
    await dialog.getByLabel('Initial password').fill('short');
    await dialog.getByLabel('Role').selectOption('manager');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    expect(await dialog.getByTestId('form-error').textContent()).toContain(
      `at least ${PASSWORD_MIN_LENGTH} characters`,
    );
    expect(await stored(NEW_USER.username)).toBeUndefined();

    await dialog.getByLabel('Initial password').fill(NEW_USER.password);
    await screenshot(page, 'users-create-dialog');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(NEW_USER.username).waitFor();
    expect(
      await rowOf(NEW_USER.username)
        .getByLabel(/^Role of/)
        .inputValue(),
    ).toBe('manager');
    expect(await stored(NEW_USER.username)).toMatchObject({
      role: 'manager',
      disabled: false,
      must_change_password: true,
    });
  });

  it('shows the error for ALREADY_EXISTS and keeps the existing account as it was', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByTestId('user-create-dialog');
    await dialog.getByLabel('Username').fill(NEW_USER.username);
    await dialog.getByLabel('Initial password').fill('another long password');
    await dialog.getByLabel('Role').selectOption('observer');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByTestId('form-error').waitFor();
    expect(await dialog.getByTestId('form-error').textContent()).toBe('That already exists.');
    await page.keyboard.press('Escape');
    expect(await stored(NEW_USER.username)).toMatchObject({ role: 'manager' });
  });

  it('changes a role, disables and enables an account', async () => {
    const row = rowOf(NEW_USER.username);
    await row.getByLabel(/^Role of/).selectOption('board_member');
    await until(async () => (await stored(NEW_USER.username))?.role === 'board_member');

    await row.getByRole('button', { name: 'Disable' }).click();
    await row.locator('[data-testid="user-state"]', { hasText: 'Disabled' }).waitFor();
    expect(await stored(NEW_USER.username)).toMatchObject({ disabled: true, role: 'board_member' });
    const refused = await jsonRequest(`${server.baseUrl}/api/v1/auth/login`, 'POST', NEW_USER);
    expect(refused.body.error_code).toBe('ACCOUNT_DISABLED');
    await screenshot(page, 'users-disabled');

    await row.getByRole('button', { name: 'Enable' }).click();
    await row.locator('[data-testid="user-state"]', { hasText: 'Active' }).waitFor();
    expect(await stored(NEW_USER.username)).toMatchObject({ disabled: false });
  });

  it('shows the server’s refusal in the row when the page’s role is stale', async () => {
    // A second ceo demotes the signed-in admin behind the page's back.
    const other = await createUser(server.baseUrl, adminToken, 'ceo');
    const admin = await stored(ADMIN.username);
    const asOther = restClient(server.baseUrl, other.token);
    await asOther('PATCH', `/users/${admin?.id}`, { role: 'manager' });

    const row = rowOf(NEW_USER.username);
    await row.getByLabel(/^Role of/).selectOption('observer');
    const error = row.getByTestId('user-row-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('You do not have permission to do that.');
    await screenshot(page, 'users-refused');
    const after = await asOther('GET', '/users');
    expect(
      (after.body.data as StoredUser[]).find((u) => u.username === NEW_USER.username),
    ).toMatchObject({ role: 'board_member' });
    await asOther('PATCH', `/users/${admin?.id}`, { role: 'ceo' });
  });

  it('answers other roles with a clear "not allowed" page, and hides the nav entry', async () => {
    const manager = await createUser(server.baseUrl, adminToken, 'manager');
    const narrow = await newContext(browser, 390, 800);
    const { page: phone } = await openPage(narrow);
    await signInThroughUi(phone, server.baseUrl, manager);
    await phone.getByRole('button', { name: 'Toggle navigation' }).click();
    await phone.getByRole('navigation').getByRole('link', { name: 'Tasks', exact: true }).waitFor();
    await expect(
      phone.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).count(),
    ).resolves.toBe(0);
    await phone.goto(`${server.baseUrl}/users`);
    await phone.getByTestId('not-allowed').waitFor();
    expect(await phone.getByTestId('not-allowed').textContent()).toContain('CEO only');
    await expect(phone.getByTestId('user-table').count()).resolves.toBe(0);
    await screenshot(phone, 'users-not-allowed-narrow');
    await narrow.close();
  });

  it('fits a narrow window', async () => {
    const narrow = await newContext(browser, 390, 800);
    const { page: phone } = await openPage(narrow);
    await signInThroughUi(phone, server.baseUrl);
    await phone.goto(`${server.baseUrl}/users`);
    await phone.locator('[data-testid="user-row"]').first().waitFor();
    await screenshot(phone, 'users-narrow');
    await screenshot(page, 'users-wide');
    await narrow.close();
    expect(problems.filter((text) => !text.includes('Failed to load resource'))).toEqual([]);
  });
});
