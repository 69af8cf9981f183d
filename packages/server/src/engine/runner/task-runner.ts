import type { Task, TaskStatus, TerminationReason } from '@synthorg/shared';

import type { AgentProfile } from '../agent-profile.ts';
import { ENGINE_LOG } from '../engine-log-events.ts';
import { chooseAgent, scoreAgent } from './assignment.ts';
import { recoverRuns, settleParked } from './recovery.ts';
import { requestReview, settleReview } from './review.ts';
import { executeRun, type RunJob } from './run-executor.ts';
import { latestRun, newRun } from './run-jobs.ts';
import { RUNNER_ACTOR, type RunnerDeps } from './runner-types.ts';

/** Failures worth another attempt; a budget stop or a human's rejection would only repeat. */
const RETRYABLE: TerminationReason[] = ['error', 'max_turns', 'repeated_tool_call'];
const PAGE = { offset: 0, limit: 100 };

export interface TaskRunner {
  /** Recovers interrupted work, then starts picking up tasks. */
  start(): Promise<void>;
  /** Stops intake, lets runs reach a checkpoint (aborting calls after `graceMs`), then resolves. */
  stop(graceMs?: number): Promise<void>;
  /** Looks for work now instead of at the next poll (after a task or approval changes). */
  wake(): void;
  /** Resolves once no run is active and nothing is waiting to start; for tests and the CLI. */
  idle(): Promise<void>;
}

/**
 * Picks up tasks and runs agents on them with bounded concurrency (overall and per agent):
 * resumes approved or rejected parked runs, interrupted runs and assigned tasks, retries
 * failed ones up to `max_retries`, and assigns `created` tasks.
 */
export function createTaskRunner(deps: RunnerDeps): TaskRunner {
  const { log, config } = deps;
  const active = new Map<string, { agent: string; done: Promise<void> }>();
  const abort = new AbortController();
  const warned = new Set<string>();
  let stopping = false;
  let ticking: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const runsOf = (agent: string) => [...active.values()].filter((a) => a.agent === agent).length;
  const hasCapacity = (agent: string) =>
    !stopping && active.size < config.maxConcurrentRuns && runsOf(agent) < config.maxRunsPerAgent;

  const launch = (job: RunJob) => {
    const done = executeRun(deps, job, () => stopping, abort.signal).finally(() => {
      active.delete(job.task.id);
      wake();
    });
    active.set(job.task.id, { agent: job.agent.name, done });
  };

  const list = async (status: TaskStatus) => (await deps.tasks.list({ status }, PAGE)).items;

  const warnOnce = (key: string, fields: Record<string, unknown>, msg: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    log.warn({ event: ENGINE_LOG.taskUnassignable, ...fields }, msg);
  };

  /**
   * Tasks `in_review` after a run of theirs completed: asks for the review if a crash came
   * between the move and the request, applies decided reviews (complete, rework or block).
   */
  async function settleReviews(agents: Map<string, AgentProfile>) {
    for (const task of await list('in_review')) {
      if (active.has(task.id)) continue;
      const runs = await deps.runs.listForTask(task.id);
      const reviewed = runs.findLast((r) => r.terminationReason === 'completed');
      // Moved to review by a person, not by a run: not the engine's review.
      if (!reviewed) continue;
      const agent = agents.get(reviewed.agentName);
      if (!agent) continue;
      if (!reviewed.reviewApprovalId) {
        const summary = reviewed.messages.findLast((m) => m.role === 'assistant');
        await requestReview(deps, task, reviewed, agent, summary?.content ?? null, log);
        continue;
      }
      const verdict = await settleReview(
        deps,
        task,
        runs,
        reviewed,
        agent,
        // A terminated agent's rejected work waits in review for a person, never reworked.
        agent.status !== 'terminated' && hasCapacity(agent.name),
      );
      if (verdict.kind === 'rework') {
        launch({ task: await deps.tasks.get(task.id), agent, run: verdict.run });
      }
    }
  }

  async function resumeParked(agents: Map<string, AgentProfile>) {
    for (const run of await deps.runs.listByStatus(['parked'])) {
      const agent = agents.get(run.agentName);
      if (!agent || active.has(run.taskId) || !hasCapacity(agent.name)) continue;
      const approved = await settleParked(deps, run);
      if (approved) launch({ task: await deps.tasks.get(run.taskId), agent, ...approved });
    }
  }

  async function resumeInterrupted(agents: Map<string, AgentProfile>) {
    for (const task of await list('interrupted')) {
      const run = await latestRun(deps, task.id);
      const agent = agents.get(run?.agentName ?? task.assigned_to ?? '');
      if (!agent || active.has(task.id) || !hasCapacity(agent.name)) continue;
      if (run?.status === 'interrupted' || run?.status === 'running') {
        await deps.runs.setStatus(run.id, 'running');
        log.info({ event: ENGINE_LOG.runResumed, runId: run.id, taskId: task.id }, 'resuming');
        launch({ task, agent, run });
      } else {
        launch({ task, agent, run: await newRun(deps, task, agent, (run?.attempt ?? 0) + 1) });
      }
    }
  }

  async function startAssigned(agents: Map<string, AgentProfile>) {
    for (const task of await list('assigned')) {
      const agent = agents.get(task.assigned_to ?? '');
      if (!agent) {
        warnOnce(task.id, { taskId: task.id, assignee: task.assigned_to }, 'assignee is no agent');
        continue;
      }
      if (active.has(task.id) || !hasCapacity(agent.name)) continue;
      const previous = await latestRun(deps, task.id);
      launch({ task, agent, run: await newRun(deps, task, agent, (previous?.attempt ?? 0) + 1) });
    }
  }

  async function retryFailed(agents: Map<string, AgentProfile>) {
    for (const task of await list('failed')) {
      if (task.retry_count >= task.max_retries || active.has(task.id)) continue;
      const run = await latestRun(deps, task.id);
      if (!run?.terminationReason || !RETRYABLE.includes(run.terminationReason)) continue;
      const agent = agents.get(run.agentName);
      if (!agent || !hasCapacity(agent.name)) continue;
      const assigned = await deps.tasks.transition(
        task.id,
        {
          target: 'assigned',
          assignedTo: agent.name,
          reason: `retry after ${run.terminationReason}`,
        },
        RUNNER_ACTOR,
      );
      log.info(
        { event: ENGINE_LOG.taskRetried, taskId: task.id, retry: assigned.retry_count },
        'retry',
      );
      launch({ task: assigned, agent, run: await newRun(deps, assigned, agent, run.attempt + 1) });
    }
  }

  async function workloads(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const status of ['assigned', 'in_progress'] as const) {
      for (const task of await list(status)) {
        if (task.assigned_to) counts.set(task.assigned_to, (counts.get(task.assigned_to) ?? 0) + 1);
      }
    }
    return counts;
  }

  async function assignCreated(agents: Map<string, AgentProfile>) {
    const created = await list('created');
    if (created.length === 0) return;
    const load = await workloads();
    for (const task of created) {
      if (stopping) return;
      await assignOne(task, [...agents.values()], load);
    }
  }

  async function assignOne(task: Task, agents: AgentProfile[], load: Map<string, number>) {
    const candidates = agents.map((agent) => ({
      agent,
      score: scoreAgent(agent, task),
      activeTasks: load.get(agent.name) ?? 0,
    }));
    const choice = chooseAgent(candidates, task, {
      minScore: config.minScore,
      maxPerAgent: config.maxRunsPerAgent,
    });
    if (!choice) {
      if (!agents.some((a) => a.status === 'active'))
        warnOnce(task.id, { taskId: task.id }, 'no active agent can take the task');
      return;
    }
    const assigned = await deps.tasks.transition(
      task.id,
      {
        target: 'assigned',
        assignedTo: choice.agent.name,
        reason: choice.fallback
          ? `best available agent (score ${choice.score.toFixed(2)} below minimum)`
          : `score ${choice.score.toFixed(2)}`,
      },
      RUNNER_ACTOR,
    );
    load.set(choice.agent.name, (load.get(choice.agent.name) ?? 0) + 1);
    log.info(
      {
        event: ENGINE_LOG.taskAssigned,
        taskId: task.id,
        agent: choice.agent.name,
        score: choice.score,
        fallback: choice.fallback,
      },
      'assigned',
    );
    if (hasCapacity(choice.agent.name)) {
      launch({
        task: assigned,
        agent: choice.agent,
        run: await newRun(deps, assigned, choice.agent, 1),
      });
    }
  }

  async function tick() {
    const roster = await deps.org.agents();
    // Decided reviews of a terminated agent's work still settle; nothing else runs for it.
    await settleReviews(new Map(roster.map((a) => [a.name, a])));
    const agents = new Map(roster.filter((a) => a.status !== 'terminated').map((a) => [a.name, a]));
    await resumeParked(agents);
    await resumeInterrupted(agents);
    await startAssigned(agents);
    await retryFailed(agents);
    await assignCreated(agents);
  }

  function wake() {
    if (stopping) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tick()
      .catch((error: unknown) =>
        log.error({ event: ENGINE_LOG.runnerError, err: error }, 'tick failed'),
      )
      .finally(() => {
        ticking = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  return {
    wake,
    async start() {
      await recoverRuns(deps);
      timer = setInterval(wake, config.pollIntervalMs);
      timer.unref();
      log.info(
        {
          event: ENGINE_LOG.runnerStarted,
          maxConcurrentRuns: config.maxConcurrentRuns,
          pollIntervalMs: config.pollIntervalMs,
        },
        'runner started',
      );
      wake();
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (timer) clearInterval(timer);
      await ticking;
      const runs = [...active.values()].map((a) => a.done);
      const grace = setTimeout(() => abort.abort(new Error('server stopping')), graceMs);
      await Promise.allSettled(runs);
      clearTimeout(grace);
      log.info({ event: ENGINE_LOG.runnerStopped, checkpointed: runs.length }, 'runner stopped');
    },
    async idle() {
      for (;;) {
        if (ticking) await ticking;
        const running = [...active.values()].map((a) => a.done);
        if (running.length === 0 && !ticking) return;
        await Promise.allSettled(running);
      }
    },
  };
}
