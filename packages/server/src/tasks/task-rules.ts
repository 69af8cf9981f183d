import {
  type CreateTaskInput,
  canTransition,
  STATUSES_REQUIRING_ASSIGNEE,
  type Task,
  type TaskStatus,
  type UpdateTaskRequest,
} from '@synthorg/shared';

import { AppError } from '../http/app-error.ts';

/**
 * Pure rules of the task state machine: each function takes the stored task and returns the
 * next one, or throws the AppError a client should see. Persistence lives in task-service.ts.
 */

/** Statuses from which a task may be (re)assigned without a state-machine move. */
const REASSIGNABLE: readonly TaskStatus[] = ['assigned'];

export function buildNewTask(
  input: CreateTaskInput,
  id: string,
  creator: string,
  now: string,
): Task {
  const assignee = input.assigned_to ?? null;
  if (assignee && input.delegation_chain.includes(assignee)) {
    throw new AppError('DOMAIN_RULE_VIOLATION', 'delegation_chain must not contain the assignee');
  }
  return {
    id,
    title: input.title,
    description: input.description,
    type: input.type,
    priority: input.priority,
    project: input.project,
    created_by: input.created_by ?? creator,
    assigned_to: assignee,
    reviewers: input.reviewers,
    dependencies: input.dependencies,
    artifacts_expected: input.artifacts_expected,
    acceptance_criteria: input.acceptance_criteria,
    estimated_complexity: input.estimated_complexity,
    budget_limit: input.budget_limit,
    deadline: input.deadline ?? null,
    max_retries: input.max_retries,
    retry_count: 0,
    status: assignee ? 'assigned' : 'created',
    status_reason: null,
    parent_task_id: input.parent_task_id ?? null,
    delegation_chain: input.delegation_chain,
    task_structure: null,
    coordination_topology: 'auto',
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

function assertAssignmentInvariant(task: Task): void {
  if (task.status === 'created' && task.assigned_to !== null) {
    throw new AppError('DOMAIN_RULE_VIOLATION', 'A created task has no assignee');
  }
  if (STATUSES_REQUIRING_ASSIGNEE.includes(task.status) && task.assigned_to === null) {
    throw new AppError(
      'DOMAIN_RULE_VIOLATION',
      `A task in status ${task.status} needs assigned_to`,
    );
  }
}

function assertMove(task: Task, target: TaskStatus): void {
  if (!canTransition(task.status, target)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `Task '${task.id}' cannot move from ${task.status} to ${target}`,
    );
  }
}

export interface TransitionPlan {
  target: TaskStatus;
  assignedTo?: string | undefined;
  reason?: string | undefined;
}

/** The next task after a state-machine move, with retry bookkeeping for `failed → assigned`. */
export function planTransition(task: Task, plan: TransitionPlan): Task {
  assertMove(task, plan.target);
  if (plan.assignedTo !== undefined && plan.target !== 'assigned') {
    throw new AppError(
      'DOMAIN_RULE_VIOLATION',
      'assigned_to may only be given when the target status is assigned',
    );
  }
  const next: Task = { ...task, status: plan.target, status_reason: plan.reason ?? null };
  if (plan.target === 'assigned') {
    next.assigned_to = plan.assignedTo ?? task.assigned_to;
    if (task.status === 'failed') {
      if (task.retry_count >= task.max_retries) {
        throw new AppError('DOMAIN_RULE_VIOLATION', `Task '${task.id}' has no retries left`);
      }
      next.retry_count = task.retry_count + 1;
    }
  }
  assertAssignmentInvariant(next);
  return next;
}

/** Assigns a task: a move to `assigned`, or a change of assignee while it is `assigned`. */
export function planAssign(task: Task, assignee: string): Task {
  if (REASSIGNABLE.includes(task.status)) {
    if (task.delegation_chain.includes(assignee)) {
      throw new AppError('DOMAIN_RULE_VIOLATION', 'delegation_chain must not contain the assignee');
    }
    return { ...task, assigned_to: assignee, status_reason: null };
  }
  return planTransition(task, { target: 'assigned', assignedTo: assignee });
}

export function planUpdate(task: Task, patch: UpdateTaskRequest): Task {
  const next: Task = { ...task };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.budget_limit !== undefined) next.budget_limit = patch.budget_limit;
  if (patch.deadline !== undefined) next.deadline = patch.deadline;
  if (patch.acceptance_criteria !== undefined) {
    next.acceptance_criteria = patch.acceptance_criteria.map((c) => ({
      description: c.description,
      met: c.met ?? false,
    }));
  }
  return next;
}

export function assertDeletable(task: Task): void {
  if (task.status === 'in_progress') {
    throw new AppError(
      'DOMAIN_RULE_VIOLATION',
      `Task '${task.id}' is in progress; cancel it before deleting it`,
    );
  }
}
