import type { Task } from '@synthorg/shared';

import type { AgentProfile } from '../agent-profile.ts';
import { buildSystemPrompt, buildTaskInstruction } from '../loop/prompt.ts';
import type { RunRecord } from '../runs/run-store.ts';
import type { RunnerDeps } from './runner-types.ts';

/** A new run of `agent` on `task`: the conversation starts with the prompt and the task. */
export async function newRun(
  deps: RunnerDeps,
  task: Task,
  agent: AgentProfile,
  attempt: number,
): Promise<RunRecord> {
  const model = (await deps.providers()).resolve({
    provider: agent.model.provider,
    model: agent.model.model_id,
  });
  const company = await deps.org.company();
  return deps.runs.create({
    taskId: task.id,
    agentName: agent.name,
    attempt,
    provider: model.providerName,
    model: model.model.id,
    scripted: model.scripted,
    messages: [
      { role: 'system', content: buildSystemPrompt(agent, company) },
      {
        role: 'user',
        content: buildTaskInstruction({
          id: task.id,
          title: task.title,
          description: task.description,
          acceptanceCriteria: task.acceptance_criteria.map((c) => c.description),
          budgetLimit: task.budget_limit,
          deadline: task.deadline,
        }),
      },
    ],
  });
}

/** The latest run of a task, if any. */
export async function latestRun(deps: RunnerDeps, taskId: string): Promise<RunRecord | undefined> {
  const runs = await deps.runs.listForTask(taskId);
  return runs.at(-1);
}
