import { join } from 'node:path';

import type { AgentRuntimeStatus, Task, TerminationReason } from '@synthorg/shared';

import type { Logger } from '../../logging/logger.ts';
import type { AgentProfile } from '../agent-profile.ts';
import { ENGINE_LOG } from '../engine-log-events.ts';
import { runAgentLoop } from '../loop/agent-loop.ts';
import type { LoopOutcome } from '../loop/loop-types.ts';
import type { RunRecord } from '../runs/run-store.ts';
import { createWorkspaceGuard } from '../tools/workspace-guard.ts';
import { requestReview } from './review.ts';
import { RUNNER_ACTOR, type RunnerDeps } from './runner-types.ts';

/** A folder name for an agent: lower-case letters, digits and dashes. */
export function workspaceFolder(agentName: string): string {
  return (
    agentName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'agent'
  );
}

export function workspaceOf(deps: RunnerDeps, agentName: string): string {
  return join(deps.config.workspacesDir, workspaceFolder(agentName));
}

export interface RunJob {
  task: Task;
  agent: AgentProfile;
  run: RunRecord;
  approvedCallId?: string;
}

const FAILING: TerminationReason[] = ['error', 'max_turns', 'repeated_tool_call', 'rejected'];

/** Moves the task to `in_progress` from wherever a run may start or resume. */
async function ensureInProgress(deps: RunnerDeps, task: Task, agent: string): Promise<Task> {
  let current = task;
  if (current.status === 'interrupted' || current.status === 'failed') {
    current = await deps.tasks.transition(
      current.id,
      { target: 'assigned', assignedTo: agent },
      RUNNER_ACTOR,
    );
  }
  if (current.status === 'assigned') {
    current = await deps.tasks.transition(current.id, { target: 'in_progress' }, RUNNER_ACTOR);
  }
  return current;
}

/** The agent's runtime status; a failure to record it never stops a run. */
export async function announceStatus(
  deps: RunnerDeps,
  agentName: string,
  status: AgentRuntimeStatus,
): Promise<void> {
  await deps.agentStatus.set(agentName, status).catch((error: unknown) => {
    deps.log.warn({ event: ENGINE_LOG.runnerError, agent: agentName, err: error }, 'status');
  });
}

/** Applies a loop outcome to the run and the task. */
async function settle(deps: RunnerDeps, job: RunJob, outcome: LoopOutcome, log: Logger) {
  const { task, run } = job;
  if (outcome.reason === 'parked') {
    log.info({ event: ENGINE_LOG.runParked, approvalId: outcome.approvalId }, 'run parked');
    await announceStatus(deps, job.agent.name, 'waiting_approval');
    return;
  }
  if (outcome.reason === 'shutdown') {
    await deps.runs.setStatus(run.id, 'interrupted');
    await deps.tasks.transition(
      task.id,
      { target: 'interrupted', reason: 'server stopped' },
      RUNNER_ACTOR,
    );
    log.info({ event: ENGINE_LOG.runInterrupted }, 'run checkpointed for restart');
    await announceStatus(deps, job.agent.name, 'idle');
    return;
  }
  await deps.runs.finish(run.id, { reason: outcome.reason, error: outcome.detail });
  if (outcome.reason === 'completed') {
    const inReview = await deps.tasks.transition(
      task.id,
      { target: 'in_review', reason: 'agent completed the task' },
      RUNNER_ACTOR,
    );
    await requestReview(deps, inReview, run, job.agent, outcome.summary, log);
  } else if (outcome.reason === 'budget_exhausted') {
    // A budget stop waits for a person: raise the budget, then move the task to `assigned`.
    await deps.tasks.transition(
      task.id,
      { target: 'blocked', reason: `budget_exhausted: ${outcome.detail ?? ''}`.slice(0, 1000) },
      RUNNER_ACTOR,
    );
    log.info({ event: ENGINE_LOG.taskBlocked, detail: outcome.detail }, 'task blocked by budget');
  } else if (FAILING.includes(outcome.reason)) {
    await deps.tasks.transition(
      task.id,
      { target: 'failed', reason: `${outcome.reason}: ${outcome.detail ?? ''}`.slice(0, 1000) },
      RUNNER_ACTOR,
    );
  }
  log.info(
    { event: ENGINE_LOG.runFinished, reason: outcome.reason, detail: outcome.detail },
    'run finished',
  );
  await announceStatus(deps, job.agent.name, 'idle');
}

/**
 * Runs (or resumes) one job to its next stop and leaves task and run in a consistent state.
 * An unexpected failure fails the run and, when it can, the task.
 */
export async function executeRun(
  deps: RunnerDeps,
  job: RunJob,
  shouldStop: () => boolean,
  signal: AbortSignal,
): Promise<void> {
  const log = deps.log.child({ runId: job.run.id, taskId: job.task.id, agent: job.agent.name });
  try {
    const task = await ensureInProgress(deps, job.task, job.agent.name);
    const model = (await deps.providers()).resolve({
      provider: job.agent.model.provider,
      model: job.agent.model.model_id,
    });
    const workspace = await createWorkspaceGuard(workspaceOf(deps, job.agent.name));
    await announceStatus(deps, job.agent.name, 'working');
    const outcome = await runAgentLoop(
      {
        run: job.run,
        agent: job.agent,
        task: {
          id: task.id,
          title: task.title,
          description: task.description,
          acceptanceCriteria: task.acceptance_criteria.map((c) => c.description),
          budgetLimit: task.budget_limit,
          deadline: task.deadline,
        },
        model,
        workspace,
        ...(job.approvedCallId ? { approvedCallId: job.approvedCallId } : {}),
      },
      {
        ...deps,
        limits: { maxTurns: deps.config.maxTurns, repeatLimit: deps.config.repeatLimit },
        shouldStop,
        signal,
      },
    );
    await settle(deps, { ...job, task }, outcome, log);
  } catch (error) {
    log.error({ event: ENGINE_LOG.runFailed, err: error }, 'run failed unexpectedly');
    const message = error instanceof Error ? error.message : String(error);
    await deps.runs.finish(job.run.id, { reason: 'error', error: message }).catch(() => undefined);
    await deps.tasks
      .transition(
        job.task.id,
        { target: 'failed', reason: `error: ${message}`.slice(0, 1000) },
        RUNNER_ACTOR,
      )
      .catch(() => undefined);
  }
}
