import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, type TestUser } from '../../../server/test/support/auth.ts';
import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, indicatorState, signInThroughUi } from './support/flows.ts';
import { restClient } from './support/rest-client.ts';

const CHANNEL = '#engineering';
const channelUrl = (baseUrl: string) =>
  `${baseUrl}/messages?channel=${encodeURIComponent(CHANNEL)}`;

async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => document.body.setAttribute('data-no-reload', 'yes'));
}
async function wasNotReloaded(page: Page): Promise<boolean> {
  return (await page.evaluate(() => document.body.getAttribute('data-no-reload'))) === 'yes';
}

describe('sending messages from the dashboard, in Chromium against the real server', () => {
  let server: TestServer;
  let browser: Browser;
  let api: ReturnType<typeof restClient>;
  let adminToken: string;
  let agentName: string;
  const contexts: BrowserContext[] = [];

  async function freshContext(width = 1280): Promise<BrowserContext> {
    const context = await newContext(browser, width);
    contexts.push(context);
    return context;
  }

  beforeAll(async () => {
    server = await startDashboardServer();
    const setup = await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN);
    expect(setup.status).toBe(201);
    adminToken = setup.body.data.token;
    api = restClient(server.baseUrl, adminToken);
    agentName = (await api('GET', '/agents')).body.data[0].name;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  it('sends a message that a second browser receives live, without reload', async () => {
    const { page: sender, problems } = await openPage(await freshContext());
    const { page: watcher } = await openPage(await freshContext());
    await signInThroughUi(sender, server.baseUrl);
    await signInThroughUi(watcher, server.baseUrl);
    await sender.goto(channelUrl(server.baseUrl));
    await watcher.goto(channelUrl(server.baseUrl));
    await indicatorState(sender, 'live');
    await indicatorState(watcher, 'live');
    await watcher.getByTestId('empty-state').waitFor();
    await markPage(watcher);

    const composer = sender.getByTestId('message-composer');
    await expect(composer.getByLabel('Channel').inputValue()).resolves.toBe(CHANNEL);
    await composer.getByLabel('To').selectOption(agentName);
    await composer.getByLabel('Message').fill('The build is green again');
    await composer.getByRole('button', { name: 'Send' }).click();

    const received = watcher.getByTestId('message-feed').locator('li', {
      hasText: 'The build is green again',
    });
    await received.waitFor();
    expect(await received.textContent()).toContain(ADMIN.username);
    expect(await received.textContent()).toContain(`→ ${agentName}`);
    expect(await wasNotReloaded(watcher)).toBe(true);
    await expect(composer.getByLabel('Message').inputValue()).resolves.toBe('');
    await sender.getByTestId('message-feed').getByText('The build is green again').waitFor();

    // What the browser sent is what the server stored.
    const stored = await api('GET', `/messages?channel=${encodeURIComponent(CHANNEL)}`);
    expect(stored.body.data).toHaveLength(1);
    expect(stored.body.data[0]).toMatchObject({
      channel: CHANNEL,
      to: agentName,
      sender: ADMIN.username,
      content: 'The build is green again',
    });
    await screenshot(sender, 'messages-sent');
    await screenshot(watcher, 'messages-received-second-browser');
    expect(problems.filter((text) => !text.includes('Failed to load resource'))).toEqual([]);
  });

  it('shows the error for the answer’s error_code when the server refuses the message', async () => {
    const manager: TestUser = await createUser(server.baseUrl, adminToken, 'manager');
    const { page } = await openPage(await freshContext());
    await signInThroughUi(page, server.baseUrl, manager);
    await page.goto(channelUrl(server.baseUrl));
    const composer = page.getByTestId('message-composer');
    await composer.waitFor();

    // The ceo makes the manager an observer while the page is open: the server refuses.
    await api('PATCH', `/users/${manager.userId}`, { role: 'observer' });
    await composer.getByLabel('Message').fill('Can I still post?');
    await composer.getByRole('button', { name: 'Send' }).click();
    const error = composer.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Your role can view but not change this.');
    await expect(composer.getByLabel('Message').inputValue()).resolves.toBe('Can I still post?');
    await screenshot(page, 'messages-send-refused');
    const stored = await api('GET', `/messages?channel=${encodeURIComponent(CHANNEL)}`);
    expect(stored.body.data.map((m: { content: string }) => m.content)).not.toContain(
      'Can I still post?',
    );
  });

  it('offers no send box to an observer, who still sees new messages arrive', async () => {
    const observer = await createUser(server.baseUrl, adminToken, 'observer');
    const { page } = await openPage(await freshContext(390));
    await signInThroughUi(page, server.baseUrl, observer);
    await page.goto(channelUrl(server.baseUrl));
    await page.getByTestId('composer-read-only').waitFor();
    await expect(page.getByTestId('message-composer').count()).resolves.toBe(0);
    await indicatorState(page, 'live');

    await api('POST', '/messages', { channel: CHANNEL, content: 'Standup in five minutes' });
    await page.getByTestId('message-feed').getByText('Standup in five minutes').waitFor();
    await screenshot(page, 'messages-observer-narrow');
  });

  it('fits a narrow window with the send box under the feed', async () => {
    const { page } = await openPage(await freshContext(390));
    await signInThroughUi(page, server.baseUrl);
    await page.goto(channelUrl(server.baseUrl));
    await page.getByTestId('message-composer').waitFor();
    await page.getByTestId('message-feed').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'messages-narrow');
  });
});
