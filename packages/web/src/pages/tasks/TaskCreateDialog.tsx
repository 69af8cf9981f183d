import {
  COMPLEXITIES,
  type Complexity,
  PRIORITIES,
  type Priority,
  TASK_TYPES,
  type TaskType,
} from '@synthorg/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { FormError, TextField } from '../../auth/AuthCard.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { AgentPicker } from './AgentPicker.tsx';
import { taskApi } from './task-api.ts';

interface Draft {
  title: string;
  description: string;
  type: TaskType;
  priority: Priority;
  project: string;
  assigned_to: string;
  estimated_complexity: Complexity;
  budget_limit: string;
}

const EMPTY: Draft = {
  title: '',
  description: '',
  type: 'development',
  priority: 'medium',
  project: 'default',
  assigned_to: '',
  estimated_complexity: 'medium',
  budget_limit: '0',
};

export function TaskCreateDialog(props: { onClose(): void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      taskApi.create({
        title: draft.title.trim(),
        description: draft.description.trim(),
        type: draft.type,
        priority: draft.priority,
        project: draft.project.trim(),
        estimated_complexity: draft.estimated_complexity,
        budget_limit: Number(draft.budget_limit) || 0,
        ...(draft.assigned_to ? { assigned_to: draft.assigned_to } : {}),
      }),
    onSuccess: () => props.onClose(),
    onError: (error) => setProblem(errorText(error)),
  });

  function submit() {
    if (!draft.title.trim() || !draft.description.trim() || !draft.project.trim()) {
      setProblem('Title, description and project are required.');
      return;
    }
    setProblem(null);
    create.mutate();
  }

  return (
    <Dialog title="New task" onClose={props.onClose} testId="task-create-dialog">
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField id="task-title" label="Title" value={draft.title} onChange={set('title')} />
        <div>
          <label className="field-label" htmlFor="task-description">
            Description
          </label>
          <textarea
            id="task-description"
            className="field"
            rows={3}
            value={draft.description}
            onChange={(event) => set('description')(event.target.value)}
          />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <SelectField
            id="task-type"
            label="Type"
            value={draft.type}
            options={TASK_TYPES}
            onChange={(v) => set('type')(v as TaskType)}
          />
          <SelectField
            id="task-priority"
            label="Priority"
            value={draft.priority}
            options={PRIORITIES}
            onChange={(v) => set('priority')(v as Priority)}
          />
          <TextField
            id="task-project"
            label="Project"
            value={draft.project}
            onChange={set('project')}
          />
          <SelectField
            id="task-complexity"
            label="Complexity"
            value={draft.estimated_complexity}
            options={COMPLEXITIES}
            onChange={(v) => set('estimated_complexity')(v as Complexity)}
          />
          <AgentPicker
            id="task-assignee"
            label="Assign to"
            value={draft.assigned_to}
            onChange={set('assigned_to')}
          />
          <TextField
            id="task-budget"
            label="Budget limit (USD)"
            type="number"
            value={draft.budget_limit}
            onChange={set('budget_limit')}
          />
        </div>
        <FormError id="task-create-error" message={problem} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create task'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
