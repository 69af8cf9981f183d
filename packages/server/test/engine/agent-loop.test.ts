import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createLoopHarness,
  type LoopHarness,
  PRICES,
  testAgent,
  testTask,
} from '../support/engine-harness.ts';
import { type FakeOpenAi, fake, startFakeOpenAi } from '../support/fake-openai.ts';
import type { Json } from '../support/http.ts';

let server: FakeOpenAi;
let h: LoopHarness;

beforeEach(async () => {
  server = await startFakeOpenAi();
  h = await createLoopHarness(server.baseUrl);
});
afterEach(async () => {
  await h.close();
  await server.close();
});

const README = '# todo\n\n## Install\n\n## Usage\n\nadd, list, done\n\n## License\n';
const priced = (prompt: number, completion: number) =>
  (prompt / 1000) * PRICES.cost_per_1k_input + (completion / 1000) * PRICES.cost_per_1k_output;
const published = (type: string): Array<{ payload: Json }> =>
  h.events.published.filter((e) => e.type === type);

describe('agent loop over the real provider code', () => {
  it('writes a file with a tool, finishes, and records a cost per LLM call as it goes', async () => {
    server.enqueue(
      fake.tool(
        'write_file',
        { path: 'README.md', content: README },
        { prompt: 50, completion: 20 },
      ),
      fake.text('README.md written.', { prompt: 80, completion: 30 }),
    );
    const { outcome, run } = await h.run();

    expect(outcome).toMatchObject({ reason: 'completed', summary: 'README.md written.' });
    expect(await readFile(join(h.workspaceDir, 'README.md'), 'utf8')).toBe(README);
    expect(run.turnCount).toBe(2);
    expect(run.llmCalls).toBe(2);
    expect(run.costUsd).toBeCloseTo(priced(50, 20) + priced(80, 30), 10);

    const records = published('budget.record_added').map((e) => e.payload);
    expect(records).toHaveLength(2);
    expect(records[0]?.cost_usd).toBeCloseTo(priced(50, 20), 10);
    expect(records[1]?.cost_usd).toBeCloseTo(priced(80, 30), 10);
    expect(records[0]).toMatchObject({
      agent_id: 'Ada Builder',
      task_id: 'task-loop-1',
      input_tokens: 50,
    });
    const kinds = published('agent.activity').map((e) => e.payload.kind);
    expect(kinds).toEqual(['llm_call', 'tool_call', 'llm_call']);

    // The second request carried the tool result back to the model.
    const second = server.requests[1]?.body.messages ?? [];
    expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(h.logs.raw()).not.toContain('sk-loop-secret-999');
  });

  it('stops before the call that would cross the task budget', async () => {
    const agent = testAgent({
      model: { provider: 'default', model_id: 'medium', temperature: 0, max_tokens: 4000 },
    });
    const limit = 12;
    server.setHandler((req) =>
      fake.tool(
        'write_file',
        { path: `f${req.body.messages.length}.md`, content: 'x' },
        { prompt: 1000, completion: 2000 },
      ),
    );
    const { outcome, run } = await h.run({ agent, task: testTask({ budgetLimit: limit }) });

    expect(outcome.reason).toBe('budget_exhausted');
    expect(outcome.detail).toMatch(/task budget/);
    expect(server.requests).toHaveLength(2);
    expect(run.costUsd).toBeCloseTo(2 * priced(1000, 2000), 10);
    expect(await h.runs.spent({ taskId: 'task-loop-1' })).toBeLessThanOrEqual(limit);
    expect(h.logs.events()).toContain('engine.budget.stop');
  });

  it('stops an agent that repeats the same tool call', async () => {
    server.setHandler(() => fake.tool('list_directory', { path: '.' }));
    const { outcome } = await h.run();
    expect(outcome.reason).toBe('repeated_tool_call');
    expect(server.requests).toHaveLength(3);
    expect(h.logs.events()).toContain('engine.loop.repeated_tool_call');
  });

  it('ends a script that never finishes at max_turns', async () => {
    server.setHandler((req) =>
      fake.tool('read_file', { path: `missing-${req.body.messages.length}.md` }),
    );
    const { outcome, run } = await h.run({ maxTurns: 4 });
    expect(outcome.reason).toBe('max_turns');
    expect(server.requests).toHaveLength(4);
    expect(run.turnCount).toBe(4);
  });

  it('refuses and logs path traversal, absolute paths and symlinks, then carries on', async () => {
    await mkdir(h.workspaceDir, { recursive: true });
    const outside = join(h.workspaceDir, '..', 'outside');
    await mkdir(outside, { recursive: true });
    await symlink(outside, join(h.workspaceDir, 'escape'));
    server.enqueue(
      fake.tool('write_file', { path: '../../outside.md', content: 'x' }),
      fake.tool('write_file', { path: '/etc/synthorg-evil', content: 'x' }),
      fake.tool('write_file', { path: 'escape/evil.md', content: 'x' }),
      fake.text('I stayed inside.'),
    );
    const { outcome } = await h.run();

    expect(outcome.reason).toBe('completed');
    const refusals = h.logs.lines().filter((l) => l.event === 'engine.tool.path_refused');
    expect(refusals.map((l) => l.path)).toEqual([
      '../../outside.md',
      '/etc/synthorg-evil',
      'escape/evil.md',
    ]);
    expect(existsSync(join(h.workspaceDir, '..', '..', 'outside.md'))).toBe(false);
    expect(existsSync(join(outside, 'evil.md'))).toBe(false);
    const toolReplies = server.requests[3]?.body.messages.filter((m) => m.role === 'tool') ?? [];
    expect(toolReplies.map((m) => String(m.content))).toEqual([
      expect.stringMatching(/traversal/),
      expect.stringMatching(/absolute/),
      expect.stringMatching(/symlink/),
    ]);
  });

  it('refuses unknown tools and invalid arguments with a readable error', async () => {
    server.enqueue(
      fake.tool('delete_everything', {}),
      fake.tool('write_file', { path: 'a.md' }),
      fake.text('ok'),
    );
    const { outcome } = await h.run();
    expect(outcome.reason).toBe('completed');
    const tools = server.requests[2]?.body.messages.filter((m) => m.role === 'tool') ?? [];
    expect(String(tools[0]?.content)).toMatch(/Unknown tool/);
    expect(String(tools[1]?.content)).toMatch(/Invalid arguments: content/);
  });

  it('parks a risky call for approval and resumes from that very call', async () => {
    const agent = testAgent({ autonomy: 'supervised' });
    server.enqueue(fake.tool('write_file', { path: 'README.md', content: README }));
    const parked = await h.run({ agent });

    expect(parked.outcome).toMatchObject({ reason: 'parked', approvalId: 'approval-1' });
    expect(parked.run).toMatchObject({
      status: 'parked',
      approvalId: 'approval-1',
      parkedCallId: expect.any(String),
    });
    expect(h.approvals[0]).toMatchObject({
      actionType: 'code:write',
      risk: 'medium',
      taskId: 'task-loop-1',
    });
    expect(existsSync(join(h.workspaceDir, 'README.md'))).toBe(false);

    server.enqueue(fake.text('Done after approval.'));
    const resumed = await h.run({
      agent,
      resume: parked.run,
      approvedCallId: parked.run.parkedCallId ?? '',
    });
    expect(resumed.outcome.reason).toBe('completed');
    expect(await readFile(join(h.workspaceDir, 'README.md'), 'utf8')).toBe(README);
    expect(server.requests).toHaveLength(2);
    expect(resumed.run.llmCalls).toBe(2);
  });

  it('ends with a classified error when the provider refuses the key, recording nothing', async () => {
    server.enqueue(fake.status(401));
    const { outcome, run } = await h.run();
    expect(outcome.reason).toBe('error');
    expect(outcome.detail).toMatch(/\(auth\)/);
    expect(run.llmCalls).toBe(0);
    expect(published('budget.record_added')).toHaveLength(0);
  });

  it('rides out a 429 with Retry-After and a 500 in the middle of a run', async () => {
    server.enqueue(
      fake.tool('write_file', { path: 'a.md', content: 'a' }),
      fake.status(429, { 'retry-after': '0' }),
      fake.status(500),
      fake.text('finished'),
    );
    const { outcome, run } = await h.run();
    expect(outcome.reason).toBe('completed');
    expect(run.llmCalls).toBe(2);
    expect(server.requests).toHaveLength(4);
  });

  it('publishes budget.alert when the month crosses a threshold', async () => {
    server.enqueue(
      fake.tool('write_file', { path: 'a.md', content: 'a' }, { prompt: 2000, completion: 2000 }),
      fake.text('ok', { prompt: 10, completion: 10 }),
    );
    await h.run({ monthly: 5 });
    const alerts = published('budget.alert').map((e) => e.payload);
    expect(alerts[0]).toMatchObject({ level: 'warning', previous_level: 'normal' });
  });
});
