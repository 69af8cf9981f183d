import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_ENGINE } from '../../../server/test/support/engine-company.ts';
import { jsonRequest } from '../../../server/test/support/http.ts';
import type { TestServer } from '../../../server/test/support/test-server.ts';
import { launchBrowser, newContext, openPage, screenshot } from './support/browser.ts';
import { startDashboardServer } from './support/dashboard-server.ts';
import { ADMIN, indicatorState, signInThroughUi } from './support/flows.ts';
import { restClient } from './support/rest-client.ts';

interface Run {
  id: string;
  status: string;
}

describe("an agent's recent activity, in Chromium against the real server and engine", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let api: ReturnType<typeof restClient>;
  let agent: string;

  /** Creates a task for the agent; the engine (offline demo provider) runs it. */
  const giveTask = async (title: string): Promise<string> =>
    (
      await api('POST', '/tasks', {
        title,
        description: 'agent page check',
        type: 'research',
        project: 'docs',
        assigned_to: agent,
      })
    ).body.data.id;

  /** Waits (generously, never timing it) until the task's runs all finished. */
  async function finishedRuns(taskId: string): Promise<Run[]> {
    for (let i = 0; i < 600; i++) {
      const runs = (await api('GET', `/tasks/${taskId}/runs`)).body.data as Run[];
      if (runs.length > 0 && runs.every((run) => run.status === 'finished')) return runs;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`task ${taskId} never finished its run`);
  }

  beforeAll(async () => {
    server = await startDashboardServer({ engine: TEST_ENGINE });
    const setup = await jsonRequest(`${server.baseUrl}/api/v1/auth/setup`, 'POST', ADMIN);
    expect(setup.status).toBe(201);
    api = restClient(server.baseUrl, setup.body.data.token);
    const agents = (await api('GET', '/agents')).body.data as { name: string }[];
    agent = agents[0]?.name as string;
    browser = await launchBrowser();
    context = await newContext(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close({ removeData: true });
  });

  it('loads past runs over REST on open, then shows a new run and its steps live', async () => {
    const earlier = await giveTask('Collect the onboarding notes');
    const [earlierRun] = await finishedRuns(earlier);

    const { page, problems } = await openPage(context);
    await signInThroughUi(page, server.baseUrl);
    await page.goto(`${server.baseUrl}/agents/${encodeURIComponent(agent)}`);
    const runRow = (id: string) => page.locator(`[data-testid="agent-run"][data-run-id="${id}"]`);
    await runRow(earlierRun?.id as string).waitFor();
    expect(await runRow(earlierRun?.id as string).textContent()).toContain(
      'Collect the onboarding notes',
    );
    expect(await runRow(earlierRun?.id as string).getAttribute('data-status')).toBe('finished');
    await indicatorState(page, 'live');
    await markPage(page);

    const later = await giveTask('Write project README');
    const [laterRun] = await finishedRuns(later);
    await page
      .locator(`[data-testid="agent-run"][data-run-id="${laterRun?.id}"][data-status="finished"]`)
      .waitFor();
    // Newest first: the new run sits above the earlier one.
    const order = await page
      .getByTestId('agent-run')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-run-id')));
    expect(order).toEqual([laterRun?.id, earlierRun?.id]);
    // The steps of the new run arrived as agent.activity events while the page was open.
    const steps = page.getByTestId('agent-live-steps');
    await steps.getByText('agent.activity').first().waitFor();
    expect(await steps.textContent()).toContain('tool call');
    expect(await wasNotReloaded(page)).toBe(true);
    await screenshot(page, 'agent-activity-wide');
    expect(problems.filter((text) => !text.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  }, 90_000);

  it('fits a narrow window', async () => {
    const narrow = await newContext(browser, 390, 800);
    const { page } = await openPage(narrow);
    await signInThroughUi(page, server.baseUrl);
    await page.goto(`${server.baseUrl}/agents/${encodeURIComponent(agent)}`);
    await page.getByTestId('agent-run').first().waitFor();
    // Both tasks are done: the newest shows as the last task, not as a current one.
    await page.getByRole('heading', { name: 'Last task' }).waitFor();
    expect(await page.getByTestId('agent-task').textContent()).toContain('Write project README');
    expect(await page.getByRole('heading', { name: 'Current task' }).count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'agent-activity-narrow');
    await narrow.close();
  });
});

async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => document.body.setAttribute('data-no-reload', 'yes'));
}
async function wasNotReloaded(page: Page): Promise<boolean> {
  return (await page.evaluate(() => document.body.getAttribute('data-no-reload'))) === 'yes';
}
