import type { Task } from '@synthorg/shared';

import { fromJson, toJson } from '../db/rows.ts';

/** One row per task. List-valued fields are JSON text so both dialects share the queries. */
export interface TaskTable {
  id: string;
  title: string;
  description: string;
  type: string;
  priority: string;
  project: string;
  created_by: string;
  assigned_to: string | null;
  reviewers: string;
  dependencies: string;
  artifacts_expected: string;
  acceptance_criteria: string;
  estimated_complexity: string;
  budget_limit: number;
  deadline: string | null;
  max_retries: number;
  retry_count: number;
  status: string;
  status_reason: string | null;
  parent_task_id: string | null;
  delegation_chain: string;
  task_structure: string | null;
  coordination_topology: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export function taskToRow(task: Task): TaskTable {
  return {
    ...task,
    reviewers: toJson(task.reviewers),
    dependencies: toJson(task.dependencies),
    artifacts_expected: toJson(task.artifacts_expected),
    acceptance_criteria: toJson(task.acceptance_criteria),
    delegation_chain: toJson(task.delegation_chain),
  };
}

export function rowToTask(row: TaskTable): Task {
  return {
    ...row,
    type: row.type as Task['type'],
    priority: row.priority as Task['priority'],
    estimated_complexity: row.estimated_complexity as Task['estimated_complexity'],
    status: row.status as Task['status'],
    task_structure: row.task_structure as Task['task_structure'],
    coordination_topology: row.coordination_topology as Task['coordination_topology'],
    budget_limit: Number(row.budget_limit),
    reviewers: fromJson(row.reviewers),
    dependencies: fromJson(row.dependencies),
    artifacts_expected: fromJson(row.artifacts_expected),
    acceptance_criteria: fromJson(row.acceptance_criteria),
    delegation_chain: fromJson(row.delegation_chain),
  };
}
