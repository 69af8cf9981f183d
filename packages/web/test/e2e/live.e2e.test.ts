import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, indicatorState, signInThroughUi } from './support/flows.ts';
import { restClient } from './support/rest-client.ts';

const NEW_TASK = {
  title: 'Draft the launch plan',
  description: 'Channels, dates, owners',
  type: 'research',
  project: 'launch',
};

/** A marker that only survives as long as the page is not reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => document.body.setAttribute('data-no-reload', 'yes'));
}
async function wasNotReloaded(page: Page): Promise<boolean> {
  return (await page.evaluate(() => document.body.getAttribute('data-no-reload'))) === 'yes';
}

describe('live updates in Chromium against the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let first: BrowserContext;
  let second: BrowserContext;
  let api: ReturnType<typeof restClient>;
  let agentName: string;

  beforeAll(async () => {
    server = await startDashboardServer();
    const setup = await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN);
    expect(setup.status).toBe(201);
    api = restClient(server.baseUrl, setup.body.data.token);
    const agents = await api('GET', '/agents');
    agentName = agents.body.data[0].name;
    browser = await launchBrowser();
    first = await newContext(browser);
    second = await newContext(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  it('goes live and shows a task created by another client, then moves its card, without reload', async () => {
    const { page } = await openPage(first);
    await signInThroughUi(page, server.baseUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.getByRole('heading', { name: 'Tasks', exact: true }).waitFor();
    expect(await indicatorState(page, 'live', 5_000)).toBe('live');
    await server.logs.waitFor('api.ws.connected');
    await markPage(page);

    const created = await api('POST', '/tasks', NEW_TASK);
    const card = page.locator(`[data-task-id="${created.body.data.id}"]`);
    await page
      .getByTestId('column-created')
      .locator(`[data-task-id="${created.body.data.id}"]`)
      .waitFor();

    await api('POST', `/tasks/${created.body.data.id}/transition`, {
      target_status: 'assigned',
      assigned_to: agentName,
    });
    await page
      .getByTestId('column-assigned')
      .locator(`[data-task-id="${created.body.data.id}"]`)
      .waitFor();
    await expect(card.getAttribute('data-status')).resolves.toBe('assigned');
    expect(await wasNotReloaded(page)).toBe(true);
    await screenshot(page, 'live-task-board');
  });

  it('shows an approval submitted elsewhere, and approving it in one browser updates the other', async () => {
    const { page: deciding } = await openPage(first);
    await deciding.goto(`${server.baseUrl}/approvals`);
    const { page: watching } = await openPage(second);
    await signInThroughUi(watching, server.baseUrl);
    await watching.goto(`${server.baseUrl}/approvals?status=`);
    await indicatorState(deciding, 'live');
    await indicatorState(watching, 'live');
    await markPage(watching);

    const submitted = await api('POST', '/approvals', {
      action_type: 'deploy:production',
      title: 'Ship v1 to production',
      description: 'All checks green',
      risk_level: 'high',
    });
    const id = submitted.body.data.id as string;
    const rowIn = (page: Page) =>
      page.locator(`[data-testid="approval-row"][data-approval-id="${id}"]`);
    await rowIn(deciding).waitFor();
    await rowIn(watching).waitFor();

    await rowIn(deciding).click();
    await deciding.getByLabel('Comment (optional)').fill('Go ahead');
    await deciding.getByTestId('approve').click();
    await rowIn(deciding).waitFor({ state: 'detached' });
    await watching
      .locator(`[data-testid="approval-row"][data-approval-id="${id}"][data-status="approved"]`)
      .waitFor();
    expect(await wasNotReloaded(watching)).toBe(true);
    await screenshot(watching, 'live-approvals-second-browser');
    await deciding.close();
    await watching.close();
  });

  it('leaves live when the server stops and returns by itself after a restart, catching up', async () => {
    const { page } = await openPage(first);
    await page.goto(`${server.baseUrl}/tasks`);
    await indicatorState(page, 'live');
    const port = Number(new URL(server.baseUrl).port);
    const dataDir = server.dataDir;
    await server.close();
    expect(await indicatorState(page, 'reconnecting', 20_000)).toBe('reconnecting');
    await screenshot(page, 'live-reconnecting');
    server = await startDashboardServer({ dataDir, port });
    const created = await api('POST', '/tasks', {
      ...NEW_TASK,
      title: 'Made while the dashboard was away',
    });
    expect(await indicatorState(page, 'live', 40_000)).toBe('live');
    await page.locator(`[data-task-id="${created.body.data.id}"]`).waitFor({ timeout: 15_000 });
    await page.close();
  }, 90_000);

  it("signing out in one tab closes the other tab's live connection (4011) and shows sign-in", async () => {
    const { page: tab1 } = await openPage(first);
    const { page: tab2 } = await openPage(first);
    await tab1.goto(`${server.baseUrl}/`);
    await tab2.goto(`${server.baseUrl}/tasks`);
    await indicatorState(tab1, 'live');
    await indicatorState(tab2, 'live');

    await tab1.getByTestId('logout').click();
    await tab1.getByRole('button', { name: 'Sign in' }).waitFor();
    await tab2.getByTestId('sign-out-note').waitFor();
    expect(new URL(tab2.url()).pathname).toBe('/login');
    const revoked = await server.logs.waitFor('api.ws.session_revoked');
    expect(revoked.reason).toBeDefined();
    await screenshot(tab2, 'live-revoked-tab');
  });
});
