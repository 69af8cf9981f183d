import {
  type Approval,
  type ApprovalStatus,
  type CreateApprovalRequest,
  createApprovalRequestSchema,
  type RiskLevel,
  rejectRequestSchema,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, nowIso, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logging/logger.ts';
import { APPROVAL_LOG } from './approval-log-events.ts';
import { approvalToRow, rowToApproval } from './approval-table.ts';

export interface ApprovalFilter {
  status?: ApprovalStatus | undefined;
  risk_level?: RiskLevel | undefined;
  action_type?: string | undefined;
  task_id?: string | undefined;
}

/** Called once per approval when it leaves `pending` (approved, rejected or expired). */
export type DecisionListener = (approval: Approval) => void;

/**
 * Approvals with compare-and-set decisions: of two concurrent decisions exactly one wins, the
 * other gets 409 APPROVAL_NOT_PENDING. Expiry happens on read and on a periodic sweep.
 *
 * @example
 * const approval = await approvals.create({ action_type: 'deploy:production', title: 'Ship',
 *   description: 'v1 to prod', risk_level: 'high', task_id: task.id }, 'agent-alice');
 * const stop = approvals.onDecided((decided) => {
 *   if (decided.id === approval.id) resume(decided.status);
 * });
 */
export interface ApprovalService {
  /**
   * Stores and announces a new approval. With `options.requestKey` (the engine's requests) a
   * second call with the same key returns the approval stored by the first, announcing nothing.
   */
  create(
    input: CreateApprovalRequest,
    requestedBy: string,
    options?: { requestKey?: string },
  ): Promise<Approval>;
  /** Throws NOT_FOUND; an overdue pending approval is expired first. */
  get(id: string): Promise<Approval>;
  list(
    filter: ApprovalFilter,
    window: { offset: number; limit: number },
  ): Promise<{ items: Approval[]; total: number }>;
  approve(id: string, decidedBy: string, comment?: string): Promise<Approval>;
  reject(id: string, decidedBy: string, reason: string): Promise<Approval>;
  /** Registers a listener for decisions made by this process; returns its unsubscribe. */
  onDecided(listener: DecisionListener): () => void;
  /** Expires every overdue pending approval; returns how many it expired. */
  expireDue(): Promise<number>;
  countPending(): Promise<number>;
}

/**
 * A task review (`task:review`) is requested by the agent whose work it reviews; unless the
 * request says self-review is allowed, that name may not decide it.
 */
function isSelfReview(approval: Approval, decidedBy: string): boolean {
  return (
    approval.action_type === 'task:review' &&
    approval.metadata.self_review_allowed !== 'true' &&
    approval.requested_by.toLowerCase() === decidedBy.toLowerCase()
  );
}

export interface ApprovalServiceDeps {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
}

export function createApprovalService(deps: ApprovalServiceDeps): ApprovalService {
  const { db, events, log } = deps;
  const listeners = new Set<DecisionListener>();

  const notify = (approval: Approval) => {
    for (const listener of listeners) {
      try {
        listener(approval);
      } catch (err) {
        log.error({ event: APPROVAL_LOG.listenerFailed, err, approvalId: approval.id }, 'listener');
      }
    }
  };

  const find = async (id: string) => {
    const row = await db
      .selectFrom('approvals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? rowToApproval(row) : undefined;
  };

  /** Moves `pending` to a final state if nobody else did first; returns the stored result. */
  type Decision = Pick<Approval, 'status'> &
    Partial<Pick<Approval, 'decided_at' | 'decided_by' | 'decision_reason'>>;

  const decide = async (id: string, changes: Decision) => {
    const result = await db
      .updateTable('approvals')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (toNumber(result.numUpdatedRows) !== 1) return undefined;
    return find(id);
  };

  const expire = async (approval: Approval) => {
    const expired = await decide(approval.id, { status: 'expired' });
    if (!expired) return false;
    log.info({ event: APPROVAL_LOG.expired, approvalId: approval.id }, 'approval expired');
    events.publish('approval.expired', expired);
    notify(expired);
    return true;
  };

  const isOverdue = (approval: Approval, now: string) =>
    approval.status === 'pending' && approval.expires_at !== null && approval.expires_at <= now;

  const get = async (id: string) => {
    const approval = await find(id);
    if (!approval) throw new AppError('NOT_FOUND', `Approval '${id}' not found`);
    if (isOverdue(approval, nowIso())) await expire(approval);
    return (await find(id)) ?? approval;
  };

  const decideOrRefuse = async (
    id: string,
    status: 'approved' | 'rejected',
    by: string,
    reason: string | null,
  ) => {
    const current = await get(id);
    if (current.status !== 'pending') {
      throw new AppError(
        'APPROVAL_NOT_PENDING',
        `Approval '${id}' is ${current.status}, not pending`,
      );
    }
    if (isSelfReview(current, by)) {
      throw new AppError(
        'SELF_REVIEW_NOT_ALLOWED',
        `'${by}' did the work under review and may not decide its review`,
      );
    }
    const decided = await decide(id, {
      status,
      decided_at: nowIso(),
      decided_by: by,
      decision_reason: reason,
    });
    if (!decided) {
      log.info({ event: APPROVAL_LOG.decisionLost, approvalId: id, by }, 'decision lost');
      throw new AppError(
        'APPROVAL_NOT_PENDING',
        'Approval is no longer pending (already decided or expired)',
      );
    }
    log.info({ event: APPROVAL_LOG.decided, approvalId: id, status, by }, 'approval decided');
    events.publish(status === 'approved' ? 'approval.approved' : 'approval.rejected', decided);
    notify(decided);
    return decided;
  };

  const expireDue = async () => {
    const due = await db
      .selectFrom('approvals')
      .selectAll()
      .where('status', '=', 'pending')
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', nowIso())
      .execute();
    let count = 0;
    for (const row of due) if (await expire(rowToApproval(row))) count += 1;
    return count;
  };

  return {
    get,
    expireDue,

    async create(request, requestedBy, options = {}) {
      const input = parseInput(createApprovalRequestSchema, request);
      const { requestKey } = options;
      const byKey = async () =>
        requestKey === undefined
          ? undefined
          : await db
              .selectFrom('approvals')
              .selectAll()
              .where('request_key', '=', requestKey)
              .executeTakeFirst();
      const earlier = await byKey();
      if (earlier) {
        log.info(
          { event: APPROVAL_LOG.reused, approvalId: earlier.id, requestKey },
          'approval already requested',
        );
        return rowToApproval(earlier);
      }
      const created = new Date();
      const approval: Approval = {
        id: newId('approval'),
        action_type: input.action_type,
        title: input.title,
        description: input.description,
        requested_by: requestedBy,
        risk_level: input.risk_level,
        status: 'pending',
        created_at: created.toISOString(),
        expires_at: input.ttl_seconds
          ? new Date(created.getTime() + input.ttl_seconds * 1000).toISOString()
          : null,
        decided_at: null,
        decided_by: null,
        decision_reason: null,
        task_id: input.task_id ?? null,
        metadata: input.metadata,
      };
      await db
        .insertInto('approvals')
        .values(approvalToRow(approval, requestKey))
        .onConflict((conflict) => conflict.column('request_key').doNothing())
        .execute();
      const stored = await byKey();
      if (stored && stored.id !== approval.id) {
        // Someone asked with the same key between our read and our write: theirs stands.
        return rowToApproval(stored);
      }
      log.info({ event: APPROVAL_LOG.submitted, approvalId: approval.id, requestedBy }, 'approval');
      events.publish('approval.submitted', approval);
      return approval;
    },

    async list(filter, window) {
      await expireDue();
      let query = db.selectFrom('approvals');
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.risk_level) query = query.where('risk_level', '=', filter.risk_level);
      if (filter.action_type) query = query.where('action_type', '=', filter.action_type);
      if (filter.task_id) query = query.where('task_id', '=', filter.task_id);
      const counted = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(rowToApproval), total: toNumber(counted?.n) };
    },

    approve: (id, by, comment) => decideOrRefuse(id, 'approved', by, comment ?? null),
    reject: (id, by, reason) =>
      decideOrRefuse(id, 'rejected', by, parseInput(rejectRequestSchema, { reason }).reason),

    onDecided(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async countPending() {
      await expireDue();
      const row = await db
        .selectFrom('approvals')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return toNumber(row?.n);
    },
  };
}
