import { PRIORITIES, type Priority, type Task } from '@synthorg/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { FormError, TextField } from '../../auth/AuthCard.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { formatDateTime, formatUsd } from '../../components/format.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { TaskActions } from './TaskActions.tsx';
import { taskApi } from './task-api.ts';

function TaskEditor(props: { task: Task; onDone(): void }) {
  const { task } = props;
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [priority, setPriority] = useState<Priority>(task.priority);
  const save = useMutation({
    mutationFn: () =>
      taskApi.update(task.id, {
        title: title.trim(),
        description: description.trim(),
        priority,
        expected_version: task.version,
      }),
    onSuccess: props.onDone,
  });
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <TextField id="edit-title" label="Title" value={title} onChange={setTitle} />
      <div>
        <label className="field-label" htmlFor="edit-description">
          Description
        </label>
        <textarea
          id="edit-description"
          className="field"
          rows={4}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <SelectField
        id="edit-priority"
        label="Priority"
        value={priority}
        options={PRIORITIES}
        onChange={(v) => setPriority(v as Priority)}
      />
      <FormError id="edit-error" message={save.isError ? errorText(save.error) : null} />
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={props.onDone}>
          Discard
        </button>
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          Save
        </button>
      </div>
    </form>
  );
}

const FIELDS: [string, (task: Task) => string][] = [
  ['Type', (task) => task.type],
  ['Assignee', (task) => task.assigned_to ?? 'Unassigned'],
  ['Project', (task) => task.project],
  ['Complexity', (task) => task.estimated_complexity],
  ['Budget limit', (task) => formatUsd(task.budget_limit)],
  ['Created by', (task) => task.created_by],
  ['Updated', (task) => formatDateTime(task.updated_at)],
];

/** A task's details, kept current by events while open, with edit and state moves. */
export function TaskDetailDialog(props: { task: Task; canWrite: boolean; onClose(): void }) {
  const { task } = props;
  const [editing, setEditing] = useState(false);
  return (
    <Dialog title={task.title} onClose={props.onClose} testId="task-detail">
      {editing ? (
        <TaskEditor task={task} onDone={() => setEditing(false)} />
      ) : (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <Badge value={task.status} testId="task-detail-status" />
            <Badge value={task.priority} />
            {props.canWrite && task.status !== 'completed' && task.status !== 'cancelled' && (
              <button
                type="button"
                className="ml-auto text-sm text-indigo-600 hover:underline"
                onClick={() => setEditing(true)}
              >
                Edit
              </button>
            )}
          </div>
          <p className="text-sm whitespace-pre-wrap text-slate-700">{task.description}</p>
          {task.status_reason && (
            <p className="rounded bg-slate-50 p-2 text-sm text-slate-600">
              Reason: {task.status_reason}
            </p>
          )}
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            {FIELDS.map(([label, read]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd>{read(task)}</dd>
              </div>
            ))}
          </dl>
          <TaskActions key={task.version} task={task} canWrite={props.canWrite} />
        </div>
      )}
    </Dialog>
  );
}
