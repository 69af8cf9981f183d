import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, signInThroughUi } from './support/flows.ts';

const PAGES = [
  { path: '/', heading: 'Overview' },
  { path: '/org', heading: 'Org chart' },
  { path: '/agents', heading: 'Agents' },
  { path: '/agents/nobody-yet', heading: 'nobody-yet' },
  { path: '/tasks', heading: 'Tasks' },
  { path: '/approvals', heading: 'Approvals' },
  { path: '/budget', heading: 'Budget' },
  { path: '/messages', heading: 'Messages' },
  { path: '/meetings', heading: 'Meetings' },
  { path: '/settings', heading: 'Settings' },
];

/** Waits until the page has settled into data, an empty state or an error state. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="loading"]').length === 0,
    undefined,
    {
      timeout: 15_000,
    },
  );
}

describe('every page, signed in, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startDashboardServer();
    expect((await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN)).status).toBe(
      201,
    );
    browser = await launchBrowser();
    context = await newContext(browser);
    ({ page, problems } = await openPage(context));
    await signInThroughUi(page, server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  it('opens each page by its URL (as a reload would) and renders data, empty or error states', async () => {
    for (const { path, heading } of PAGES) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await settled(page);
      const name = path === '/' ? 'overview' : path.slice(1).replaceAll('/', '-');
      await screenshot(page, `page-${name}`);
    }
    await page.goto(`${server.baseUrl}/agents`);
    await page.getByTestId('agent-card').first().click();
    await page.getByTestId('agent-status').waitFor();
    await settled(page);
    await screenshot(page, 'page-agent-detail');

    const crashes = problems.filter((text) => !text.includes('Failed to load resource'));
    expect(crashes).toEqual([]);
  });

  it('names channels with one #, answers an unknown URL with a not-found page', async () => {
    await page.goto(`${server.baseUrl}/messages`);
    const channels = page.getByTestId('channel-list');
    await channels.getByRole('button', { name: /^#all-hands/ }).waitFor();
    expect(await channels.textContent()).not.toContain('##');

    await page.goto(`${server.baseUrl}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found', exact: true }).waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('/no-such-page');
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('does not offer first-time setup on the login page once setup is done', async () => {
    const fresh = await newContext(browser);
    const { page: signedOut } = await openPage(fresh);
    const status = signedOut.waitForResponse((r) => r.url().endsWith('/api/v1/auth/setup-status'));
    await signedOut.goto(`${server.baseUrl}/login`);
    expect(await (await status).json()).toMatchObject({ data: { setup_required: false } });
    await signedOut.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(signedOut.getByText('First time?').count()).resolves.toBe(0);
    await fresh.close();
  });

  it('shows every column for an unknown ?status= and one for a known one', async () => {
    await page.goto(`${server.baseUrl}/tasks?status=bogus`);
    await page.getByTestId('column-created').waitFor();
    expect(await page.getByTestId('column-bogus').count()).toBe(0);
    expect(
      await page.locator('[data-testid^="column-"]:not([data-testid="column-count"])').count(),
    ).toBeGreaterThan(1);
    await page.goto(`${server.baseUrl}/tasks?status=cancelled`);
    await page.getByTestId('column-cancelled').waitFor();
    expect(await page.getByTestId('column-created').count()).toBe(0);
  });

  it('creates, edits, assigns and cancels a task from the board', async () => {
    await page.goto(`${server.baseUrl}/tasks`);
    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Title').fill('Write the onboarding guide');
    await page.getByLabel('Description').fill('For new agents');
    await page.getByRole('button', { name: 'Create task' }).click();
    const card = page.getByTestId('column-created').getByText('Write the onboarding guide');
    await card.waitFor();

    await card.click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('Write the onboarding guide, v2');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('dialog')
      .getByRole('heading', { name: 'Write the onboarding guide, v2' })
      .waitFor();

    await page.getByRole('dialog').getByLabel('Assignee').selectOption({ index: 1 });
    await page.getByTestId('move-assigned').click();
    await page.getByTestId('task-detail-status').filter({ hasText: 'Assigned' }).waitFor();
    await page.getByRole('button', { name: 'Cancel task' }).click();
    await page.getByLabel('Reason for cancelling').fill('Superseded by the handbook');
    await page.getByRole('button', { name: 'Confirm cancel' }).click();
    await page.getByTestId('task-detail-status').filter({ hasText: 'Cancelled' }).waitFor();
    await screenshot(page, 'task-detail-cancelled');
    await page.keyboard.press('Escape');
    await page
      .getByTestId('column-cancelled')
      .getByText('Write the onboarding guide, v2')
      .waitFor();
    await screenshot(page, 'task-board-after-actions');
  });

  it('applies a typed filter once typing settles and keeps it in the URL', async () => {
    const token = (await jsonRequest(`${server.baseUrl}/api/v1/auth/login`, 'POST', ADMIN)).body
      .data.token;
    const create = (title: string, project: string) =>
      jsonRequest(
        `${server.baseUrl}/api/v1/tasks`,
        'POST',
        { title, description: 'filter check', type: 'research', project },
        token,
      );
    expect((await create('Plan the launch party', 'launch')).status).toBe(201);
    expect((await create('Rotate the on-call keys', 'ops')).status).toBe(201);

    await page.goto(`${server.baseUrl}/tasks`);
    await page.getByText('Rotate the on-call keys').waitFor();
    const requests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (new URL(request.url()).pathname === '/api/v1/tasks') requests.push(request.url());
    };
    page.on('request', onRequest);
    await page.getByLabel('Project').pressSequentially('launch');
    await page.waitForURL((url) => url.searchParams.get('project') === 'launch');
    await page.getByText('Rotate the on-call keys').waitFor({ state: 'detached' });
    await page.getByText('Plan the launch party').waitFor();
    page.off('request', onRequest);
    expect(await page.getByLabel('Project').inputValue()).toBe('launch');
    // Whatever the pace of typing, the last request asked for the whole word.
    expect(new URL(requests.at(-1) ?? 'http://x/').searchParams.get('project')).toBe('launch');

    // A reload keeps the filter (it lives in the URL) and shows it in the input.
    await page.reload();
    await page.getByText('Plan the launch party').waitFor();
    expect(await page.getByLabel('Project').inputValue()).toBe('launch');
    await page.getByLabel('Project').fill('');
    await page.waitForURL((url) => !url.searchParams.has('project'));
    await page.getByText('Rotate the on-call keys').waitFor();
  });

  it('lists the providers as the API gives them: the offline demo provider marked scripted', async () => {
    const token = (await jsonRequest(`${server.baseUrl}/api/v1/auth/login`, 'POST', ADMIN)).body
      .data.token;
    const providers = (
      await jsonRequest(`${server.baseUrl}/api/v1/providers`, 'GET', undefined, token)
    ).body.data as Record<string, { scripted: boolean; models: { id: string }[] }>;
    const [name, demo] = Object.entries(providers)[0] ?? [];
    expect(demo?.scripted).toBe(true);

    await page.goto(`${server.baseUrl}/settings`);
    const row = page.getByTestId('provider').filter({ hasText: name as string });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Scripted');
    expect(text).toContain(demo?.models[0]?.id);
    expect(text).not.toContain('Key Set');
  });

  it('stays usable in a narrow window: navigation folds into a menu', async () => {
    const narrow = await newContext(browser, 390, 800);
    const { page: phone } = await openPage(narrow);
    await signInThroughUi(phone, server.baseUrl);
    const navLink = phone.getByRole('navigation').getByRole('link', { name: 'Tasks', exact: true });
    await expect(navLink.isVisible()).resolves.toBe(false);
    await phone.getByRole('button', { name: 'Toggle navigation' }).click();
    await navLink.click();
    await phone.getByRole('heading', { name: 'Tasks', exact: true }).waitFor();
    await settled(phone);
    await screenshot(phone, 'narrow-tasks');
    await narrow.close();
  });
});
