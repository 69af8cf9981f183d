/** Log event names of the approval domain. */
export const APPROVAL_LOG = {
  submitted: 'work.approval.submitted',
  reused: 'work.approval.reused',
  decided: 'work.approval.decided',
  expired: 'work.approval.expired',
  decisionLost: 'work.approval.decision_lost',
  listenerFailed: 'work.approval.listener_failed',
} as const;
