import { TASK_TRANSITIONS, type Task, type TaskStatus } from '@synthorg/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { FormError } from '../../auth/AuthCard.tsx';
import { labelOf } from '../../components/Badge.tsx';
import { AgentPicker } from './AgentPicker.tsx';
import { taskApi } from './task-api.ts';

const TERMINAL: readonly TaskStatus[] = ['completed', 'cancelled'];

/** Moves along the state machine (only allowed targets offered) and cancel with a reason. */
export function TaskActions(props: { task: Task; canWrite: boolean }) {
  const { task } = props;
  const [assignee, setAssignee] = useState(task.assigned_to ?? '');
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const onError = (error: Error) => setProblem(errorText(error));
  const transition = useMutation({
    mutationFn: (target: TaskStatus) =>
      taskApi.transition(task.id, {
        target_status: target,
        expected_version: task.version,
        ...(target === 'assigned' && assignee ? { assigned_to: assignee } : {}),
      }),
    onSuccess: () => setProblem(null),
    onError,
  });
  const cancel = useMutation({
    mutationFn: () =>
      taskApi.cancel(task.id, { reason: reason.trim(), expected_version: task.version }),
    onSuccess: () => setCancelling(false),
    onError,
  });

  if (!props.canWrite || TERMINAL.includes(task.status)) return null;
  const targets = TASK_TRANSITIONS[task.status].filter((target) => target !== 'cancelled');
  return (
    <div className="space-y-3 border-t border-slate-100 pt-3">
      {targets.includes('assigned') && (
        <AgentPicker
          id="transition-assignee"
          label="Assignee"
          value={assignee}
          onChange={setAssignee}
        />
      )}
      <div className="flex flex-wrap gap-2">
        {targets.map((target) => (
          <button
            key={target}
            type="button"
            className="btn-secondary"
            data-testid={`move-${target}`}
            disabled={transition.isPending}
            onClick={() => transition.mutate(target)}
          >
            Move to {labelOf(target)}
          </button>
        ))}
        {TASK_TRANSITIONS[task.status].includes('cancelled') && !cancelling && (
          <button type="button" className="btn-danger" onClick={() => setCancelling(true)}>
            Cancel task
          </button>
        )}
      </div>
      {cancelling && (
        <div className="space-y-2">
          <label className="field-label" htmlFor="cancel-reason">
            Reason for cancelling
          </label>
          <textarea
            id="cancel-reason"
            className="field"
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="flex gap-2">
            <button
              type="button"
              className="btn-danger"
              disabled={!reason.trim() || cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              Confirm cancel
            </button>
            <button type="button" className="btn-secondary" onClick={() => setCancelling(false)}>
              Back
            </button>
          </div>
        </div>
      )}
      <FormError id="task-action-error" message={problem} />
    </div>
  );
}
