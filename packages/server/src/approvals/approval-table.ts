import type { Approval } from '@synthorg/shared';

import { fromJson, toJson } from '../db/rows.ts';

export interface ApprovalTable {
  id: string;
  action_type: string;
  title: string;
  description: string;
  requested_by: string;
  risk_level: string;
  status: string;
  created_at: string;
  expires_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  task_id: string | null;
  metadata: string;
  /** Set for approvals the engine asks for: the same key never yields a second approval. */
  request_key: string | null;
}

export function approvalToRow(approval: Approval, requestKey?: string): ApprovalTable {
  return { ...approval, metadata: toJson(approval.metadata), request_key: requestKey ?? null };
}

export function rowToApproval({ request_key: _key, ...row }: ApprovalTable): Approval {
  return {
    ...row,
    risk_level: row.risk_level as Approval['risk_level'],
    status: row.status as Approval['status'],
    metadata: fromJson(row.metadata),
  };
}
