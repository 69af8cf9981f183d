import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BudgetService } from '../../src/budget/budget-service.ts';
import { expectAnonymousRefused } from '../support/auth.ts';
import { NEW_TASK, startWorkApi, type WorkApi } from '../support/work-api.ts';

let w: WorkApi;
let budget: BudgetService;

beforeAll(async () => {
  w = await startWorkApi();
  budget = w.t.server.context.budget;
});
afterAll(() => w.t.close({ removeData: true }));

const call = (agent_id: string, cost_usd: number, task_id: string | null = null) =>
  budget.recordCost({
    agent_id,
    task_id,
    provider: 'test-provider',
    model: 'test-small-001',
    input_tokens: 100,
    output_tokens: 50,
    cost_usd,
  });

describe('budget routes and the budget service', () => {
  it('refuses anonymous callers on every budget route', async () => {
    for (const path of [
      '/budget/config',
      '/budget/records',
      '/budget/summary',
      '/budget/agents/a',
    ]) {
      await expectAnonymousRefused(w.t.baseUrl, 'GET', `/api/v1${path}`);
    }
    await expectAnonymousRefused(w.t.baseUrl, 'PUT', '/api/v1/budget/config', {});
  });

  it('serves the company budget with the original defaults, and only the ceo replaces it', async () => {
    const config = await w.call('GET', '/budget/config', undefined, w.observer.token);
    expect(config.status).toBe(200);
    expect(config.body.data).toEqual(await budget.getConfig());
    expect(config.body.data).toMatchObject({
      alerts: { warn_at: 75, critical_at: 90, hard_stop_at: 100 },
      reset_day: 1,
    });
    const initial = config.body.data.total_monthly;
    const denied = await w.call('PUT', '/budget/config', { total_monthly: 5 }, w.observer.token);
    expect(denied.status).toBe(403);
    const badOrder = await w.call('PUT', '/budget/config', {
      alerts: { warn_at: 95, critical_at: 90, hard_stop_at: 100 },
    });
    expect(badOrder.status).toBe(400);
    const tooBig = await w.call('PUT', '/budget/config', { total_monthly: 4, per_task_limit: 5 });
    expect(tooBig.status).toBe(400);
    expect((await w.call('GET', '/budget/config')).body.data.total_monthly).toBe(initial);
  });

  it('records costs, answers what remains, and lists, filters and sums them', async () => {
    const put = await w.call('PUT', '/budget/config', {
      total_monthly: 20,
      per_task_limit: 2,
      per_agent_daily_limit: 3,
    });
    expect(put.status).toBe(200);
    const task = (await w.call('POST', '/tasks', { ...NEW_TASK, budget_limit: 1.5 })).body.data;
    const first = await call(w.agents[0], 0.5, task.id);
    expect(first.remaining).toEqual({ task: 1, agent_daily: 2.5, company_monthly: 19.5 });
    const second = await call(w.agents[0], 1.25, task.id);
    expect(second.remaining).toEqual({ task: 0, agent_daily: 1.25, company_monthly: 18.25 });
    await call(w.agents[1], 0.25);
    expect(await budget.remaining({ agent_id: w.agents[1] })).toEqual({
      task: null,
      agent_daily: 2.75,
      company_monthly: 18,
    });

    const records = await w.call('GET', `/budget/records?task_id=${task.id}&limit=1`);
    expect(records.body.pagination).toEqual({ total: 2, offset: 0, limit: 1 });
    expect(records.body.data[0]).toMatchObject({ agent_id: w.agents[0], cost_usd: 1.25 });
    const alice = await w.call('GET', `/budget/agents/${encodeURIComponent(w.agents[0])}`);
    expect(alice.body.data).toMatchObject({
      total_cost_usd: 1.75,
      record_count: 2,
      input_tokens: 200,
    });
    const nobody = await w.call('GET', '/budget/agents/nobody');
    expect(nobody.body.data).toMatchObject({ total_cost_usd: 0, record_count: 0 });
    const summary = await w.call('GET', '/budget/summary');
    expect(summary.body.data).toMatchObject({
      total_cost_usd: 2,
      record_count: 3,
      budget_total_monthly: 20,
      budget_used_percent: 10,
      alert_level: 'normal',
    });
    expect(summary.body.data.by_agent).toEqual(
      expect.arrayContaining([
        { agent_id: w.agents[0], total_cost_usd: 1.75, record_count: 2 },
        { agent_id: w.agents[1], total_cost_usd: 0.25, record_count: 1 },
      ]),
    );
    await expect(call('nobody-x', 1)).rejects.toMatchObject({ code: 'UNKNOWN_AGENT' });
  });

  it('raises budget.alert once per upward crossing of a threshold', async () => {
    await w.call('PUT', '/budget/config', {
      total_monthly: 10,
      per_task_limit: 5,
      per_agent_daily_limit: 10,
    });
    const spent = (await w.call('GET', '/budget/summary')).body.data.total_cost_usd;
    await call(w.agents[0], 7.5 - spent);
    await call(w.agents[0], 0.1);
    await call(w.agents[0], 1.5);
    const alerts = w.t.logs.lines().filter((line) => line.event === 'work.budget.alert_raised');
    expect(alerts.map((a) => a.level)).toEqual(['warning', 'critical']);
    expect((await budget.remaining({ agent_id: 'dave' })).company_monthly).toBeCloseTo(0.9, 6);
  });

  it('records a cost with a caller id once, however often it is sent', async () => {
    const input = {
      id: 'call-outbox-1',
      agent_id: w.agents[1],
      provider: 'test-provider',
      model: 'test-small-001',
      input_tokens: 3,
      output_tokens: 4,
      cost_usd: 0.01,
    };
    const before = (await w.call('GET', '/budget/records')).body.pagination.total;
    const first = await budget.recordCost(input);
    const again = await budget.recordCost({ ...input, cost_usd: 9 });
    expect(again.record).toEqual(first.record);
    expect((await w.call('GET', '/budget/records')).body.pagination.total).toBe(before + 1);
    const added = w.t.logs
      .lines()
      .filter(
        (line) => line.event === 'work.budget.record_added' && line.recordId === 'call-outbox-1',
      );
    expect(added).toHaveLength(1);
  });

  it('rejects a malformed cost record without storing it', async () => {
    const before = (await w.call('GET', '/budget/records')).body.pagination.total;
    await expect(call(w.agents[1], -1)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect((await w.call('GET', '/budget/records')).body.pagination.total).toBe(before);
    expect((await w.call('GET', '/budget/records?limit=0')).status).toBe(400);
  });
});
