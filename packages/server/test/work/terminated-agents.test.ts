import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import { makeDataDir } from '../support/test-server.ts';
import { NEW_TASK, startWorkApi, type WorkApi } from '../support/work-api.ts';
import { connectWs, issueTicket, subscribe, type WsClient } from '../support/ws.ts';

const JUN =
  '  - {name: Jun, role: Developer, department: engineering, level: junior, model: small}\n';
const company = (llmUrl: string) => `company_name: Leaving Co
departments:
  - {name: engineering, head: Ada, budget_percent: 100}
agents:
  - {name: Ada, role: Lead Engineer, department: engineering, level: lead, model: small}
${JUN}  - {name: Kim, role: Developer, department: engineering, level: senior, model: small}
meetings:
  types:
    - name: incident_review
      trigger: incident
      participants: [Jun, engineering, author]
providers:
  local:
    driver: openai_compatible
    base_url: ${llmUrl}
    api_key: sk-terminated-test
    models: [{id: test-small-001, alias: small}]
`;

let llm: FakeOpenAi;
let dataDir: string;
let w: WorkApi;
let client: WsClient;
/** A task given to Jun while Jun still worked here. */
let junTask: string;
let kimTask: string;

beforeAll(async () => {
  llm = await startFakeOpenAi();
  dataDir = await makeDataDir();
  await writeFile(join(dataDir, 'company.yaml'), company(llm.baseUrl));
  // The engine is not started: the test drives the real runner tick by tick.
  w = await startWorkApi({ settings: { dataDir } });
  const given = await w.call('POST', '/tasks', { ...NEW_TASK, assigned_to: 'Jun' });
  expect(given.status).toBe(201);
  junTask = given.body.data.id;
  await writeFile(join(dataDir, 'company.yaml'), company(llm.baseUrl).replace(JUN, ''));
  const reloaded = await w.call('POST', '/company/reload');
  expect(reloaded.status).toBe(200);
  const jun = reloaded.body.data.agents.find((a: { name: string }) => a.name === 'Jun');
  expect(jun.status).toBe('terminated');
  client = connectWs(w.t.wsUrl, { ticket: await issueTicket(w.t.baseUrl, w.admin.token) });
  await client.opened;
  await subscribe(client, { channels: ['tasks', 'meetings'] });
});
afterAll(async () => {
  client.ws.close();
  await w.t.close({ removeData: true });
  await llm.close();
});

const mark = () => client.mark();
const eventTypesSince = async (from: number) =>
  (await client.eventsSince(from)).map((m) => m.event_type);

describe('a terminated agent gets no new work', () => {
  it('creating or assigning a task for it is 422 AGENT_TERMINATED; nothing stored or sent', async () => {
    const spare = await w.call('POST', '/tasks', NEW_TASK);
    expect(spare.status).toBe(201);
    const before = (await w.call('GET', '/tasks')).body.pagination.total;
    const from = await mark();
    for (const name of ['Jun', 'jun']) {
      const created = await w.call('POST', '/tasks', { ...NEW_TASK, assigned_to: name });
      expect(created.status).toBe(422);
      expect(created.body).toMatchObject({ error_code: 'AGENT_TERMINATED', success: false });
      expect(created.body.error).toContain("'Jun'");
      const reviewer = await w.call('POST', '/tasks', { ...NEW_TASK, reviewers: [name] });
      expect(reviewer.body.error_code).toBe('AGENT_TERMINATED');
      const assigned = await w.call('POST', `/tasks/${spare.body.data.id}/assign`, {
        assigned_to: name,
      });
      expect(assigned.status).toBe(422);
      expect(assigned.body.error_code).toBe('AGENT_TERMINATED');
    }
    expect(await eventTypesSince(from)).toEqual([]);
    expect((await w.call('GET', '/tasks')).body.pagination.total).toBe(before);
    const stored = (await w.call('GET', `/tasks/${spare.body.data.id}`)).body.data;
    expect(stored).toMatchObject({ status: 'created', assigned_to: null, version: 1 });
    // Unknown names keep their own code.
    const nobody = await w.call('POST', '/tasks', { ...NEW_TASK, assigned_to: 'Nobody' });
    expect(nobody.body.error_code).toBe('UNKNOWN_AGENT');
    // A working agent takes it, spelled canonically; it is the runner test's control task.
    const kims = await w.call('POST', `/tasks/${spare.body.data.id}/assign`, {
      assigned_to: 'kim',
    });
    expect(kims.status).toBe(200);
    expect(kims.body.data.assigned_to).toBe('Kim');
    kimTask = kims.body.data.id;
  });

  it('the runner starts no run for its assigned task, and the task can be reassigned', async () => {
    // Kim's task is the control: the same tick that leaves Jun's task starts Kim's.
    llm.enqueue(fake.text('Done: the landing page is written.'));
    const { runner, runs } = w.t.server.context.engine;
    runner.wake();
    await runner.idle();
    expect((await runs.listForTask(kimTask)).map((r) => r.agentName)).toEqual(['Kim']);
    expect(await runs.listForTask(junTask)).toEqual([]);
    expect(llm.requests).toHaveLength(1);
    const left = (await w.call('GET', `/tasks/${junTask}`)).body.data;
    expect(left).toMatchObject({ status: 'assigned', assigned_to: 'Jun' });
    const moved = await w.call('POST', `/tasks/${junTask}/assign`, { assigned_to: 'ADA' });
    expect(moved.status).toBe(200);
    expect(moved.body.data.assigned_to).toBe('Ada');
  });

  it('a triggered meeting leaves it out, however it is named', async () => {
    const response = await w.call('POST', '/meetings/trigger', {
      event_name: 'incident',
      context: { author: 'jun' },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.map((m: { participant_ids: string[] }) => m.participant_ids)).toEqual(
      [['Ada', 'Kim']],
    );
  });
});
