import { APPROVAL_STATUSES, type Approval, RISK_LEVELS } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { useCanWrite } from '../../auth/use-can-write.ts';
import { Badge } from '../../components/Badge.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { formatDateTime, formatRelative } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, QueryState } from '../../components/QueryState.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { ApprovalDecision } from './ApprovalDecision.tsx';
import { approvalQueries } from './approval-api.ts';

function ApprovalRow(props: { approval: Approval; onOpen(): void }) {
  const { approval } = props;
  return (
    <li>
      <button
        type="button"
        data-testid="approval-row"
        data-approval-id={approval.id}
        data-status={approval.status}
        onClick={props.onOpen}
        className="flex w-full flex-wrap items-center gap-x-4 gap-y-1 px-3 py-3 text-left hover:bg-slate-50"
      >
        <span className="min-w-0 flex-1 font-medium">{approval.title}</span>
        <Badge value={approval.risk_level} />
        <Badge value={approval.status} />
        <span className="text-xs text-slate-500">
          {approval.requested_by} · {approval.action_type} · {formatRelative(approval.created_at)}
        </span>
      </button>
    </li>
  );
}

function ApprovalDetail(props: { approval: Approval; canWrite: boolean; onClose(): void }) {
  const { approval } = props;
  const rows: [string, string][] = [
    ['Action', approval.action_type],
    ['Requested by', approval.requested_by],
    ['Created', formatDateTime(approval.created_at)],
    ['Expires', formatDateTime(approval.expires_at)],
    ['Decided by', approval.decided_by ?? '—'],
    ['Decided', formatDateTime(approval.decided_at)],
  ];
  return (
    <Dialog title={approval.title} onClose={props.onClose} testId="approval-detail">
      <div className="space-y-3">
        <div className="flex gap-2">
          <Badge value={approval.status} testId="approval-detail-status" />
          <Badge value={approval.risk_level} />
        </div>
        <p className="text-sm whitespace-pre-wrap text-slate-700">{approval.description}</p>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {approval.decision_reason && (
          <p className="rounded bg-slate-50 p-2 text-sm">“{approval.decision_reason}”</p>
        )}
        {props.canWrite && approval.status === 'pending' && (
          <ApprovalDecision approval={approval} onDecided={props.onClose} />
        )}
      </div>
    </Dialog>
  );
}

/** The approvals queue (pending first by default), decided in place, kept current by events. */
export function ApprovalsPage() {
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'pending';
  const risk = params.get('risk_level') ?? '';
  const approvals = useQuery(
    approvalQueries.list({ ...(status ? { status } : {}), ...(risk ? { risk_level: risk } : {}) }),
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const open = approvals.data?.items.find((item) => item.id === openId);
  const setFilter = (key: string, value: string) =>
    setParams((p) => ({ ...Object.fromEntries(p), [key]: value }));

  return (
    <>
      <PageHeader title="Approvals" subtitle="Decisions the agents are waiting for" />
      <div className="mb-4 grid grid-cols-1 gap-3 sm:max-w-lg sm:grid-cols-2">
        <SelectField
          id="approval-status"
          label="Status"
          value={status}
          options={APPROVAL_STATUSES}
          anyLabel="Any status"
          onChange={(v) => setFilter('status', v)}
        />
        <SelectField
          id="approval-risk"
          label="Risk"
          value={risk}
          options={RISK_LEVELS}
          anyLabel="Any risk"
          onChange={(v) => setFilter('risk_level', v)}
        />
      </div>
      <QueryState
        query={approvals}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyBlock
            title="Nothing to decide"
            hint="New requests appear here the moment they are submitted."
          />
        }
      >
        {(page) => (
          <ul className="card divide-y divide-slate-100 p-0" data-testid="approval-list">
            {page.items.map((approval) => (
              <ApprovalRow
                key={approval.id}
                approval={approval}
                onOpen={() => setOpenId(approval.id)}
              />
            ))}
          </ul>
        )}
      </QueryState>
      {open && (
        <ApprovalDetail approval={open} canWrite={canWrite} onClose={() => setOpenId(null)} />
      )}
    </>
  );
}
