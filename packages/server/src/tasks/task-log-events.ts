/** Log event names of the task domain. */
export const TASK_LOG = {
  created: 'work.task.created',
  updated: 'work.task.updated',
  statusChanged: 'work.task.status_changed',
  assigned: 'work.task.assigned',
  deleted: 'work.task.deleted',
  versionConflict: 'work.task.version_conflict',
} as const;
