import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRunStore } from '../../src/engine/runs/run-store.ts';
import { openWorkDb, type WorkDb } from '../support/work-db.ts';

let db: WorkDb;
beforeAll(async () => {
  db = await openWorkDb();
});
afterAll(async () => {
  await db.close();
});

describe("a run's cost", () => {
  it('is the sum of its calls rounded to 10 decimals, not binary floating-point noise', async () => {
    const runs = createRunStore(db.handle.db);
    const run = await runs.create({
      taskId: 'task-cost',
      agentName: 'Ada',
      attempt: 1,
      provider: 'fake',
      model: 'm',
      scripted: false,
      messages: [],
    });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; the run reports 0.3.
    for (const [turn, costUsd] of [0.1, 0.2].entries()) {
      const call = {
        id: `${run.id}:${turn}`,
        runId: run.id,
        taskId: 'task-cost',
        agentName: 'Ada',
        provider: 'fake',
        model: 'm',
        inputTokens: 10,
        outputTokens: 5,
        costUsd,
        createdAt: new Date().toISOString(),
        costRecordId: null,
      };
      expect(await runs.recordTurn(run.id, [], call)).toBe(true);
    }
    const stored = await runs.get(run.id);
    expect(stored?.llmCalls).toBe(2);
    expect(stored?.costUsd).toBe(0.3);
  });
});
