import type { Project } from '@synthorg/shared';

import { fromJson, toJson } from '../db/rows.ts';

/** `task_ids` is not stored: it is derived from the tasks whose `project` is this id. */
export interface ProjectTable {
  id: string;
  name: string;
  description: string;
  team: string;
  lead: string | null;
  deadline: string | null;
  budget: number;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export function projectToRow(project: Project): ProjectTable {
  const { task_ids: _derived, ...rest } = project;
  return { ...rest, team: toJson(project.team) };
}

export function rowToProject(row: ProjectTable, taskIds: string[]): Project {
  return {
    ...row,
    team: fromJson(row.team),
    budget: Number(row.budget),
    status: row.status as Project['status'],
    task_ids: taskIds,
  };
}
