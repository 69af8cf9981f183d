import type { Approval } from '@synthorg/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { FormError } from '../../auth/AuthCard.tsx';
import { approvalApi } from './approval-api.ts';

/** Approve with an optional comment, or reject with a required reason. */
export function ApprovalDecision(props: { approval: Approval; onDecided(): void }) {
  const { approval } = props;
  const [text, setText] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const decide = useMutation({
    mutationFn: () =>
      rejecting
        ? approvalApi.reject(approval.id, text.trim())
        : approvalApi.approve(approval.id, text.trim()),
    onSuccess: props.onDecided,
  });
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3">
      <label className="field-label" htmlFor="decision-text">
        {rejecting ? 'Reason for rejecting (required)' : 'Comment (optional)'}
      </label>
      <textarea
        id="decision-text"
        className="field"
        rows={2}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <FormError id="decision-error" message={decide.isError ? errorText(decide.error) : null} />
      <div className="flex flex-wrap gap-2">
        {rejecting ? (
          <>
            <button
              type="button"
              className="btn-danger"
              data-testid="confirm-reject"
              disabled={!text.trim() || decide.isPending}
              onClick={() => decide.mutate()}
            >
              Confirm reject
            </button>
            <button type="button" className="btn-secondary" onClick={() => setRejecting(false)}>
              Back
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn-primary"
              data-testid="approve"
              disabled={decide.isPending}
              onClick={() => decide.mutate()}
            >
              Approve
            </button>
            <button
              type="button"
              className="btn-secondary"
              data-testid="reject"
              onClick={() => setRejecting(true)}
            >
              Reject…
            </button>
          </>
        )}
      </div>
    </div>
  );
}
