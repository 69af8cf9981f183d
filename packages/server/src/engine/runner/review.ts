import type { Task } from '@synthorg/shared';

import type { Logger } from '../../logging/logger.ts';
import type { AgentProfile } from '../agent-profile.ts';
import { ENGINE_LOG } from '../engine-log-events.ts';
import type { RunRecord } from '../runs/run-store.ts';
import { newRun, type ReviewFeedback } from './run-jobs.ts';
import { type ReviewPolicy, RUNNER_ACTOR, type RunnerDeps } from './runner-types.ts';

/** The approval action type of a review request. */
export const REVIEW_ACTION_TYPE = 'task:review';

export interface ReviewRequirement {
  /** Agents the task names as reviewers (the assignee dropped unless self-review is allowed). */
  reviewers: string[];
  minReviewers: number;
  selfReviewAllowed: boolean;
  /** The department whose policy asked for the review, if one did. */
  department: string | null;
}

/**
 * Whether finished work needs a review before it counts as done: when the task names
 * reviewers, or when the assignee's department states `review_requirements` with
 * `min_reviewers` of at least 1. A department that states nothing asks for no review.
 */
export function reviewRequirementOf(
  task: Pick<Task, 'reviewers'>,
  assignee: Pick<AgentProfile, 'name' | 'department'>,
  policy: ReviewPolicy | undefined,
): ReviewRequirement | undefined {
  const selfReviewAllowed = policy?.self_review_allowed ?? false;
  const byDepartment = policy !== undefined && policy.min_reviewers >= 1;
  if (task.reviewers.length === 0 && !byDepartment) return undefined;
  return {
    reviewers: task.reviewers.filter((name) => selfReviewAllowed || name !== assignee.name),
    minReviewers: Math.max(1, policy?.min_reviewers ?? 1),
    selfReviewAllowed,
    department: byDepartment ? assignee.department : null,
  };
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * After a run completed, with the task `in_review`: completes the task when no review is
 * required; otherwise asks for a review (keyed by the run, so asking twice yields one
 * approval) and records it on the run. The task stays `in_review` until it is decided.
 */
export async function requestReview(
  deps: RunnerDeps,
  task: Task,
  run: RunRecord,
  agent: AgentProfile,
  summary: string | null,
  log: Logger,
): Promise<void> {
  const policy = await deps.org.reviewPolicy(agent.department);
  const requirement = reviewRequirementOf(task, agent, policy);
  if (!requirement) {
    await deps.tasks.transition(
      task.id,
      { target: 'completed', reason: clip(summary ?? 'completed', 1000) },
      RUNNER_ACTOR,
    );
    return;
  }
  const round = (await deps.runs.listForTask(task.id)).filter(
    (r) => r.id !== run.id && r.reviewApprovalId !== null,
  ).length;
  const approval = await deps.approvals.request({
    taskId: task.id,
    agentName: agent.name,
    actionType: REVIEW_ACTION_TYPE,
    risk: 'low',
    title: clip(`Review: ${task.title}`, 256),
    description: clip(
      `${agent.name} finished "${task.title}" (review round ${round + 1}).\n\n` +
        `${summary ?? '(no summary)'}`,
      4096,
    ),
    metadata: {
      source: 'engine',
      kind: 'task_review',
      run_id: run.id,
      round: String(round + 1),
      reviewers: clip(requirement.reviewers.join(', '), 256),
      min_reviewers: String(requirement.minReviewers),
      self_review_allowed: String(requirement.selfReviewAllowed),
      ...(requirement.department ? { department: requirement.department } : {}),
    },
    requestKey: `review:${run.id}`,
  });
  await deps.runs.setReview(run.id, approval.id);
  log.info(
    { event: ENGINE_LOG.reviewRequested, approvalId: approval.id, round: round + 1 },
    'waiting for review',
  );
}

export type ReviewVerdict =
  | { kind: 'pending' }
  | { kind: 'completed' }
  | { kind: 'blocked' }
  | { kind: 'rework'; run: RunRecord };

/**
 * Applies the decision on the review of `reviewed` (the task's last completed run). Approved:
 * the task completes. Rejected or expired: the agent reworks the task in a new run whose
 * instruction carries the reviewer's reason, at most `maxReworks` times; after that the task
 * is `blocked` for a person. A rework run created before a crash is reused, not doubled.
 * Nothing happens while the review is pending, or a rework would exceed the agent's capacity.
 */
export async function settleReview(
  deps: RunnerDeps,
  task: Task,
  runs: RunRecord[],
  reviewed: RunRecord,
  agent: AgentProfile,
  canRework: boolean,
): Promise<ReviewVerdict> {
  if (!reviewed.reviewApprovalId) return { kind: 'pending' };
  const decision = await deps.approvals.decision(reviewed.reviewApprovalId);
  if (decision.status === 'pending') return { kind: 'pending' };
  // A rework waits (the task stays in review) until the agent has room for another run.
  if (decision.status !== 'approved' && !canRework) return { kind: 'pending' };
  const by = decision.decidedBy ?? 'nobody';
  deps.log.info(
    {
      event: ENGINE_LOG.reviewDecided,
      taskId: task.id,
      runId: reviewed.id,
      approvalId: reviewed.reviewApprovalId,
      status: decision.status,
    },
    'review decided',
  );
  if (decision.status === 'approved') {
    const comment = decision.reason ? `: ${decision.reason}` : '';
    await deps.tasks.transition(
      task.id,
      { target: 'completed', reason: clip(`review approved by ${by}${comment}`, 1000) },
      RUNNER_ACTOR,
    );
    return { kind: 'completed' };
  }
  const reason = decision.reason ?? `review ${decision.status}`;
  const rejections = runs.filter((r) => r.reviewApprovalId !== null).length;
  if (rejections > deps.config.maxReworks) {
    await deps.tasks.transition(
      task.id,
      {
        target: 'blocked',
        reason: clip(
          `review ${decision.status} ${rejections} times; last by ${by}: ${reason}`,
          1000,
        ),
      },
      RUNNER_ACTOR,
    );
    return { kind: 'blocked' };
  }
  const feedback: ReviewFeedback = { round: rejections, reviewer: by, reason };
  const later = runs.slice(runs.indexOf(reviewed) + 1).at(-1);
  const rework = later ?? (await newRun(deps, task, agent, reviewed.attempt + 1, feedback));
  if (later) await deps.runs.setStatus(later.id, 'running');
  await deps.tasks.transition(
    task.id,
    { target: 'in_progress', reason: clip(`rework requested by ${by}: ${reason}`, 1000) },
    RUNNER_ACTOR,
  );
  return { kind: 'rework', run: { ...rework, status: 'running' } };
}
