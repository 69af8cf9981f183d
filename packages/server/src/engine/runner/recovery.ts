import { ENGINE_LOG } from '../engine-log-events.ts';
import type { RunRecord } from '../runs/run-store.ts';
import { announceStatus } from './run-executor.ts';
import { RUNNER_ACTOR, type RunnerDeps } from './runner-types.ts';

/**
 * On start: delivers cost records committed before a crash, and marks runs that were
 * `running` when the process died as interrupted (their tasks too), so the runner resumes
 * them from their last checkpoint instead of starting over.
 */
export async function recoverRuns(deps: RunnerDeps): Promise<void> {
  const forwarded = await deps.costs.forwardPending();
  for (const run of await deps.runs.listByStatus(['running'])) {
    await deps.runs.setStatus(run.id, 'interrupted');
    const task = await deps.tasks.get(run.taskId).catch(() => undefined);
    if (task && (task.status === 'in_progress' || task.status === 'assigned')) {
      await deps.tasks.transition(
        task.id,
        { target: 'interrupted', reason: 'the server stopped during the run' },
        RUNNER_ACTOR,
      );
    }
    deps.log.info(
      { event: ENGINE_LOG.runRecovered, runId: run.id, taskId: run.taskId, turns: run.turnCount },
      'run interrupted by a restart; will resume',
    );
  }
  if (forwarded > 0) {
    deps.log.info({ event: ENGINE_LOG.costRecorded, forwarded }, 'delivered pending cost records');
  }
}

/**
 * Applies a decided approval to a parked run. Approved: the run is marked running again and
 * the caller resumes it at the parked call. Rejected or expired: the call gets the reason as
 * its result, the run ends `rejected` and the task fails with the reason. Pending: nothing.
 */
export async function settleParked(
  deps: RunnerDeps,
  run: RunRecord,
): Promise<{ run: RunRecord; approvedCallId: string } | undefined> {
  if (!run.approvalId || !run.parkedCallId) return undefined;
  const decision = await deps.approvals.decision(run.approvalId);
  if (decision.status === 'pending') return undefined;
  deps.log.info(
    {
      event: ENGINE_LOG.approvalDecided,
      runId: run.id,
      approvalId: run.approvalId,
      status: decision.status,
    },
    'approval decided',
  );
  if (decision.status === 'approved') {
    await deps.runs.setStatus(run.id, 'running');
    return { run: { ...run, status: 'running' }, approvedCallId: run.parkedCallId };
  }

  const reason = decision.reason ?? decision.status;
  const call = run.messages
    .flatMap((m) => (m.role === 'assistant' ? m.toolCalls : []))
    .find((c) => c.id === run.parkedCallId);
  const messages = [
    ...run.messages,
    {
      role: 'tool' as const,
      toolCallId: run.parkedCallId,
      toolName: call?.name ?? 'unknown',
      content: `Not approved (${decision.status}) by ${decision.decidedBy ?? 'nobody'}: ${reason}`,
      isError: true,
    },
  ];
  await deps.runs.finish(run.id, { reason: 'rejected', error: reason, messages });
  await deps.tasks.transition(
    run.taskId,
    { target: 'failed', reason: `approval ${decision.status}: ${reason}`.slice(0, 1000) },
    RUNNER_ACTOR,
  );
  await announceStatus(deps, run.agentName, 'idle');
  return undefined;
}
