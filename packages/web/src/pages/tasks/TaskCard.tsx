import type { Task } from '@synthorg/shared';

import { Badge } from '../../components/Badge.tsx';
import { formatRelative } from '../../components/format.ts';

export function TaskCard(props: { task: Task; onOpen(task: Task): void }) {
  const { task } = props;
  return (
    <button
      type="button"
      data-testid="task-card"
      data-task-id={task.id}
      data-status={task.status}
      onClick={() => props.onOpen(task)}
      className="w-full rounded-md border border-slate-200 bg-white p-3 text-left shadow-sm hover:border-indigo-300 focus:ring-2 focus:ring-indigo-200 focus:outline-none"
    >
      <p className="line-clamp-2 text-sm font-medium">{task.title}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Badge value={task.priority} />
        <span>{task.assigned_to ?? 'Unassigned'}</span>
        <span className="ml-auto">{formatRelative(task.updated_at)}</span>
      </div>
    </button>
  );
}
