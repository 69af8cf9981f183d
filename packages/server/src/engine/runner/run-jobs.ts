import type { Task } from '@synthorg/shared';

import type { AgentProfile } from '../agent-profile.ts';
import { buildSystemPrompt, buildTaskInstruction } from '../loop/prompt.ts';
import type { RunRecord } from '../runs/run-store.ts';
import type { RunnerDeps } from './runner-types.ts';

/** Why a reviewer sent the work back; a rework run's instruction ends with it. */
export interface ReviewFeedback {
  /** How many reviews of this task were rejected so far, this one included. */
  round: number;
  reviewer: string;
  reason: string;
}

function feedbackSection(feedback: ReviewFeedback): string {
  return (
    `\n\n## Review feedback (rework ${feedback.round})\n` +
    `Your previous result was sent back by the reviewer ${feedback.reviewer}:\n\n` +
    `${feedback.reason}\n\n` +
    'Address this feedback; your earlier files are still in your workspace.'
  );
}

/**
 * A new run of `agent` on `task`: the conversation starts with the prompt and the task, and
 * for a rework with the reviewer's feedback.
 */
export async function newRun(
  deps: RunnerDeps,
  task: Task,
  agent: AgentProfile,
  attempt: number,
  feedback?: ReviewFeedback,
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
        content:
          buildTaskInstruction({
            id: task.id,
            title: task.title,
            description: task.description,
            acceptanceCriteria: task.acceptance_criteria.map((c) => c.description),
            budgetLimit: task.budget_limit,
            deadline: task.deadline,
          }) + (feedback ? feedbackSection(feedback) : ''),
      },
    ],
  });
}

/** The latest run of a task, if any. */
export async function latestRun(deps: RunnerDeps, taskId: string): Promise<RunRecord | undefined> {
  const runs = await deps.runs.listForTask(taskId);
  return runs.at(-1);
}
