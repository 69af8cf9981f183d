import { TASK_STATUSES, type TaskStatus } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { useCanWrite } from '../../auth/use-can-write.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, QueryState } from '../../components/QueryState.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { useDebouncedSearchParam } from '../../components/use-debounced.ts';
import { TaskColumns } from './TaskColumns.tsx';
import { TaskCreateDialog } from './TaskCreateDialog.tsx';
import { TaskDetailDialog } from './TaskDetailDialog.tsx';
import { type TaskFilters, taskQueries } from './task-api.ts';

function useBoardFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  // Typed filters reach the URL (and the request) once typing pauses, not per keystroke.
  const [assignee, setAssignee] = useDebouncedSearchParam('assigned_to');
  const [project, setProject] = useDebouncedSearchParam('project');
  const filters: TaskFilters = {
    ...(params.get('assigned_to') ? { assigned_to: params.get('assigned_to') ?? '' } : {}),
    ...(params.get('project') ? { project: params.get('project') ?? '' } : {}),
  };
  const setStatus = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set('status', value);
      else next.delete('status');
      return next;
    });
  return { status, filters, setStatus, assignee, setAssignee, project, setProject };
}

/** The task board: columns by status, filters in the URL, kept current by `tasks` events. */
export function TaskBoardPage() {
  const canWrite = useCanWrite();
  const { status, filters, setStatus, assignee, setAssignee, project, setProject } =
    useBoardFilters();
  const tasks = useQuery(taskQueries.list(filters));
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = tasks.data?.items.find((task) => task.id === openId);
  // An unknown `?status=` (an old or mistyped link) shows every column, not an invented one.
  const known = (TASK_STATUSES as readonly string[]).includes(status);
  const statuses = known ? [status as TaskStatus] : TASK_STATUSES;

  return (
    <>
      <PageHeader
        title="Tasks"
        subtitle={tasks.data ? `${tasks.data.total} tasks` : 'The work of the organization'}
        actions={
          canWrite && (
            <button type="button" className="btn-primary" onClick={() => setCreating(true)}>
              New task
            </button>
          )
        }
      />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3 lg:max-w-3xl">
        <SelectField
          id="filter-status"
          label="Status"
          value={status}
          options={TASK_STATUSES}
          anyLabel="All statuses"
          onChange={setStatus}
        />
        <div>
          <label className="field-label" htmlFor="filter-assignee">
            Assignee
          </label>
          <input
            id="filter-assignee"
            className="field"
            placeholder="Any agent"
            value={assignee}
            onChange={(event) => setAssignee(event.target.value)}
          />
        </div>
        <div>
          <label className="field-label" htmlFor="filter-project">
            Project
          </label>
          <input
            id="filter-project"
            className="field"
            placeholder="Any project"
            value={project}
            onChange={(event) => setProject(event.target.value)}
          />
        </div>
      </div>
      <QueryState
        query={tasks}
        isEmpty={(page) =>
          page.items.length === 0 && !status && !filters.assigned_to && !filters.project
        }
        empty={
          <EmptyBlock
            title="No tasks yet"
            hint={
              canWrite
                ? 'Create the first one with "New task".'
                : 'Tasks appear here as they are created.'
            }
          />
        }
      >
        {(page) => (
          <TaskColumns
            tasks={page.items}
            statuses={statuses}
            onOpen={(task) => setOpenId(task.id)}
          />
        )}
      </QueryState>
      {creating && <TaskCreateDialog onClose={() => setCreating(false)} />}
      {open && <TaskDetailDialog task={open} canWrite={canWrite} onClose={() => setOpenId(null)} />}
    </>
  );
}
