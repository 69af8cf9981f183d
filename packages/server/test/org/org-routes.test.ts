import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAnonymousRefused } from '../support/auth.ts';
import { startWorkApi, type WorkApi } from '../support/work-api.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

let w: WorkApi;
/** A real WebSocket client subscribed to the `agents` channel for the whole file. */
let live: WsClient;

beforeAll(async () => {
  w = await startWorkApi();
  live = connectWs(w.t.wsUrl, { ticket: await issueTicket(w.t.baseUrl, w.admin.token) });
  await live.opened;
  await subscribe(live, { channels: ['agents'] });
});
afterAll(async () => {
  live.ws.close();
  await w.t.close({ removeData: true });
});

/** Events received on the live socket after everything sent so far has arrived. */
async function agentEvents() {
  await live.barrier();
  return live.events();
}

const ROUTES = [
  ['GET', '/company'],
  ['GET', '/company/departments'],
  ['POST', '/company/reload'],
  ['GET', '/departments'],
  ['GET', '/departments/engineering'],
  ['GET', '/agents'],
  ['GET', '/agents/x'],
  ['GET', '/agents/x/autonomy'],
  ['POST', '/agents/x/autonomy', { level: 'semi' }],
  ['GET', '/providers'],
  ['GET', '/providers/demo'],
  ['GET', '/providers/demo/models'],
] as const;

describe('organization routes on a fresh install', () => {
  it('refuses anonymous and forged callers on every route', async () => {
    for (const [method, path, body] of ROUTES) {
      await expectAnonymousRefused(w.t.baseUrl, method, `/api/v1${path}`, body);
    }
  });

  it('bootstrapped the default solo_founder template with resolved heads and models', async () => {
    const { status, body } = await w.call('GET', '/company');
    expect(status).toBe(200);
    const company = body.data;
    expect(company).toMatchObject({
      company_name: 'My Company',
      company_type: 'solo_founder',
      autonomy_level: 'semi',
      source: 'template:solo_founder',
      budget: { total_monthly: 25 },
    });
    const [ceo, dev] = company.agents;
    expect(ceo).toMatchObject({
      name: 'My Company CEO',
      role: 'CEO',
      level: 'c_suite',
      status: 'active',
      runtime_status: 'idle',
      model: { provider: 'demo', model_id: 'demo-large', tier: 'large' },
    });
    expect(dev.model).toMatchObject({ provider: 'demo', model_id: 'demo-medium', tier: 'medium' });
    expect(
      company.departments.map((d: { name: string; head: string }) => [d.name, d.head]),
    ).toEqual([
      ['executive', 'My Company CEO'],
      ['engineering', dev.name],
    ]);
    const budget = await w.call('GET', '/budget/config');
    expect(budget.body.data).toMatchObject({ total_monthly: 25, per_task_limit: 5 });
    const departments = await w.call('GET', '/company/departments');
    expect(departments.body.data).toEqual(company.departments);
  });

  it('lets an observer read every organization route', async () => {
    for (const [method, path] of ROUTES.filter(([m, p]) => m === 'GET' && !p.includes('/x'))) {
      const response = await w.call(method, path, undefined, w.observer.token);
      expect(response.status, path).toBe(200);
    }
  });

  it('paginates departments and agents within the limits', async () => {
    const first = await w.call('GET', '/departments?limit=1');
    expect(first.body.data.map((d: { name: string }) => d.name)).toEqual(['executive']);
    expect(first.body.pagination).toEqual({ total: 2, offset: 0, limit: 1 });
    const second = await w.call('GET', '/agents?offset=1&limit=1');
    expect(second.body.data).toHaveLength(1);
    expect(second.body.pagination).toEqual({ total: 2, offset: 1, limit: 1 });
    expect((await w.call('GET', '/agents?offset=5')).body.data).toEqual([]);
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'limit=abc']) {
      const response = await w.call('GET', `/agents?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error_code).toBe('VALIDATION_ERROR');
    }
  });

  it('filters agents and finds one by name (any case) or id; 404 otherwise', async () => {
    const engineers = await w.call('GET', '/agents?department=engineering');
    expect(engineers.body.data).toHaveLength(1);
    const agent = engineers.body.data[0];
    expect(
      (await w.call('GET', `/agents/${encodeURIComponent(agent.name.toUpperCase())}`)).body.data,
    ).toEqual(agent);
    expect((await w.call('GET', `/agents/${agent.id}`)).body.data).toEqual(agent);
    expect((await w.call('GET', '/agents?level=wizard')).status).toBe(400);
    const missing = await w.call('GET', '/agents/Nobody');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      error_code: 'NOT_FOUND',
      error: "Agent 'Nobody' not found",
    });
  });

  it('finds departments case-insensitively; 404 for an unknown one', async () => {
    const found = await w.call('GET', '/departments/Engineering');
    expect(found.body.data).toMatchObject({ name: 'engineering', budget_percent: 60 });
    const missing = await w.call('GET', '/departments/legal');
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });

  it('reads and sets autonomy; observers may not, bad levels are 400, nothing changes', async () => {
    const path = `/agents/${encodeURIComponent('My Company CEO')}/autonomy`;
    const before = await w.call('GET', path);
    expect(before.body.data).toMatchObject({
      level: 'semi',
      source: 'company',
      promotion_pending: false,
    });
    const seen = (await agentEvents()).length;

    const denied = await w.call('POST', path, { level: 'full' }, w.observer.token);
    expect(denied.status).toBe(403);
    expect(denied.body.error_code).toBe('WRITE_ACCESS_DENIED');
    const invalid = await w.call('POST', path, { level: 'godlike' });
    expect(invalid.status).toBe(400);
    expect((await w.call('POST', '/agents/Nobody/autonomy', { level: 'full' })).status).toBe(404);
    expect((await w.call('GET', path)).body.data).toEqual(before.body.data);
    expect(await agentEvents()).toHaveLength(seen);

    const changed = await w.call('POST', path, { level: 'full' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ level: 'full', source: 'agent' });
    const [updated, ...rest] = (await agentEvents()).slice(seen);
    expect(rest).toEqual([]);
    expect(updated).toMatchObject({
      event_type: 'agent.updated',
      channel: 'agents',
      payload: { name: 'My Company CEO', autonomy_level: 'full' },
    });
  });

  it('setStatus persists the runtime status and publishes agent.status_changed', async () => {
    const agents = w.t.server.context.org.agents;
    const [agent] = await agents.list({ department: 'engineering' });
    const seen = (await agentEvents()).length;
    await agents.setStatus(agent!.id, 'working');
    await agents.setStatus(agent!.id, 'working');
    const received = (await agentEvents()).slice(seen);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      event_type: 'agent.status_changed',
      channel: 'agents',
      payload: {
        agent_id: agent!.id,
        name: agent!.name,
        runtime_status: 'working',
        previous_status: 'idle',
      },
    });
    const fetched = await w.call('GET', `/agents/${agent!.id}`);
    expect(fetched.body.data.runtime_status).toBe('working');
    const working = await w.call('GET', '/agents?runtime_status=working');
    expect(working.body.data.map((a: { id: string }) => a.id)).toEqual([agent!.id]);
    await expect(agents.setStatus('no-such-agent', 'idle')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('shows the demo provider and its models, and 404 for an unknown provider', async () => {
    const all = await w.call('GET', '/providers');
    expect(Object.keys(all.body.data)).toEqual(['demo']);
    expect(all.body.data.demo).toMatchObject({
      driver: 'scripted',
      scripted: true,
      has_api_key: false,
    });
    const models = await w.call('GET', '/providers/demo/models');
    expect(models.body.data.map((m: { alias: string }) => m.alias)).toEqual([
      'large',
      'medium',
      'small',
    ]);
    expect((await w.call('GET', '/providers/nope')).status).toBe(404);
    expect((await w.call('GET', '/providers/nope/models')).status).toBe(404);
  });

  it('reload is for the ceo only', async () => {
    const denied = await w.call('POST', '/company/reload', undefined, w.observer.token);
    expect(denied.status).toBe(403);
  });
});
