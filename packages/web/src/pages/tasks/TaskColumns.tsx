import { TASK_STATUSES, type Task, type TaskStatus } from '@synthorg/shared';

import { Badge } from '../../components/Badge.tsx';
import { TaskCard } from './TaskCard.tsx';

/** The board: one column per status, in the order work flows. */
export function TaskColumns(props: {
  tasks: Task[];
  statuses?: readonly TaskStatus[];
  onOpen(task: Task): void;
}) {
  const statuses = props.statuses ?? TASK_STATUSES;
  return (
    <div className="flex gap-3 overflow-x-auto pb-3" data-testid="task-board">
      {statuses.map((status) => {
        const tasks = props.tasks.filter((task) => task.status === status);
        return (
          <section
            key={status}
            data-testid={`column-${status}`}
            className="flex w-64 shrink-0 flex-col rounded-lg bg-slate-100 p-2"
          >
            <header className="mb-2 flex items-center justify-between px-1">
              <Badge value={status} />
              <span className="text-xs text-slate-500" data-testid="column-count">
                {tasks.length}
              </span>
            </header>
            <div className="space-y-2">
              {tasks.map((task) => (
                <TaskCard key={task.id} task={task} onOpen={props.onOpen} />
              ))}
              {tasks.length === 0 && (
                <p className="px-1 py-4 text-center text-xs text-slate-400">Nothing here</p>
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}
