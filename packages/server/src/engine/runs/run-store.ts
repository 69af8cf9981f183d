import type { RunStatus, RunView, TerminationReason } from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { fromJson, newId, nowIso, toJson, toNumber } from '../../db/rows.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import { roundUsd } from '../providers/pricing.ts';
import type { ChatMessage } from '../providers/provider-types.ts';
import type { EngineLlmCallTable, EngineRunTable } from './run-table.ts';

export interface RunRecord {
  id: string;
  taskId: string;
  agentName: string;
  attempt: number;
  status: RunStatus;
  terminationReason: TerminationReason | null;
  error: string | null;
  turnCount: number;
  llmCalls: number;
  costUsd: number;
  approvalId: string | null;
  parkedCallId: string | null;
  /** The review (an approval) this completed run's work waits for. */
  reviewApprovalId: string | null;
  provider: string;
  model: string;
  scripted: boolean;
  messages: ChatMessage[];
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface LlmCall {
  /** `<run id>:<turn>`: a turn is recorded at most once, whatever happens around it. */
  id: string;
  runId: string;
  taskId: string;
  agentName: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  createdAt: string;
  costRecordId: string | null;
}

export interface NewRun {
  taskId: string;
  agentName: string;
  attempt: number;
  provider: string;
  model: string;
  scripted: boolean;
  messages: ChatMessage[];
}

export interface RunFinish {
  reason: TerminationReason;
  error?: string | null;
  messages?: ChatMessage[];
}

/** Persistence of runs, their checkpoints and the LLM call ledger. */
export interface RunStore {
  create(run: NewRun): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  listForTask(taskId: string): Promise<RunRecord[]>;
  /** An agent's runs, newest first, one page of them, with the total. */
  listForAgent(
    agentName: string,
    window: { offset: number; limit: number },
  ): Promise<{ items: RunRecord[]; total: number }>;
  listByStatus(statuses: RunStatus[]): Promise<RunRecord[]>;
  findByApproval(approvalId: string): Promise<RunRecord | undefined>;
  /** Commits a turn: the conversation and its call, atomically. False if already recorded. */
  recordTurn(runId: string, messages: ChatMessage[], call: LlmCall): Promise<boolean>;
  checkpoint(runId: string, messages: ChatMessage[]): Promise<void>;
  park(runId: string, messages: ChatMessage[], approvalId: string, callId: string): Promise<void>;
  /** Records the review requested for a completed run. */
  setReview(runId: string, approvalId: string): Promise<void>;
  setStatus(runId: string, status: RunStatus): Promise<void>;
  finish(runId: string, finish: RunFinish): Promise<void>;
  callsNotForwarded(): Promise<LlmCall[]>;
  markForwarded(callId: string, costRecordId: string): Promise<void>;
  /** Sum of recorded calls, optionally filtered; `since` is an ISO timestamp. */
  spent(filter: { taskId?: string; agentName?: string; since?: string }): Promise<number>;
}

function toRecord(row: EngineRunTable): RunRecord {
  return {
    id: row.id,
    taskId: row.task_id,
    agentName: row.agent_name,
    attempt: row.attempt,
    status: row.status,
    terminationReason: row.termination_reason,
    error: row.error,
    turnCount: row.turn_count,
    llmCalls: row.llm_calls,
    // The sum of the calls' costs, added up by the database in binary floating point.
    costUsd: roundUsd(Number(row.cost_usd)),
    approvalId: row.approval_id,
    parkedCallId: row.parked_call_id,
    reviewApprovalId: row.review_approval_id,
    provider: row.provider,
    model: row.model,
    scripted: Boolean(row.scripted),
    messages: fromJson<ChatMessage[]>(row.messages),
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

function toCall(row: EngineLlmCallTable): LlmCall {
  return {
    id: row.id,
    runId: row.run_id,
    taskId: row.task_id,
    agentName: row.agent_name,
    provider: row.provider,
    model: row.model,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: Number(row.cost_usd),
    createdAt: row.created_at,
    costRecordId: row.cost_record_id,
  };
}

/** The API view of a run: counts and cost, never message text. */
export function toRunView(run: RunRecord): RunView {
  return {
    id: run.id,
    task_id: run.taskId,
    agent_id: run.agentName,
    attempt: run.attempt,
    status: run.status,
    termination_reason: run.terminationReason,
    error: run.error,
    turn_count: run.turnCount,
    llm_calls: run.llmCalls,
    cost_usd: run.costUsd,
    approval_id: run.approvalId,
    started_at: run.startedAt,
    updated_at: run.updatedAt,
    finished_at: run.finishedAt,
  };
}

export function createRunStore(db: Kysely<DatabaseSchema>): RunStore {
  const get = async (id: string) => {
    const row = await db
      .selectFrom('engine_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };
  const update = (runId: string, patch: Partial<EngineRunTable>) =>
    db
      .updateTable('engine_runs')
      .set({ ...patch, updated_at: nowIso() })
      .where('id', '=', runId)
      .execute();

  return {
    get,
    async create(run) {
      const now = nowIso();
      const row: EngineRunTable = {
        id: newId('run'),
        task_id: run.taskId,
        agent_name: run.agentName,
        attempt: run.attempt,
        status: 'running',
        termination_reason: null,
        error: null,
        turn_count: 0,
        llm_calls: 0,
        cost_usd: 0,
        approval_id: null,
        parked_call_id: null,
        review_approval_id: null,
        provider: run.provider,
        model: run.model,
        scripted: run.scripted ? 1 : 0,
        messages: toJson(run.messages),
        started_at: now,
        updated_at: now,
        finished_at: null,
      };
      await db.insertInto('engine_runs').values(row).execute();
      return toRecord(row);
    },
    async listForTask(taskId) {
      const rows = await db
        .selectFrom('engine_runs')
        .selectAll()
        .where('task_id', '=', taskId)
        .orderBy('started_at')
        .orderBy('attempt')
        .execute();
      return rows.map(toRecord);
    },
    async listForAgent(agentName, window) {
      const counted = await db
        .selectFrom('engine_runs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('agent_name', '=', agentName)
        .executeTakeFirst();
      const rows = await db
        .selectFrom('engine_runs')
        .selectAll()
        .where('agent_name', '=', agentName)
        .orderBy('started_at', 'desc')
        .orderBy('attempt', 'desc')
        .orderBy('id', 'desc')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(toRecord), total: toNumber(counted?.n) };
    },
    async listByStatus(statuses) {
      const rows = await db
        .selectFrom('engine_runs')
        .selectAll()
        .where('status', 'in', statuses)
        .orderBy('started_at')
        .execute();
      return rows.map(toRecord);
    },
    async findByApproval(approvalId) {
      const row = await db
        .selectFrom('engine_runs')
        .selectAll()
        .where('approval_id', '=', approvalId)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    recordTurn: (runId, messages, call) =>
      db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('engine_llm_calls')
          .values({
            id: call.id,
            run_id: call.runId,
            task_id: call.taskId,
            agent_name: call.agentName,
            provider: call.provider,
            model: call.model,
            input_tokens: call.inputTokens,
            output_tokens: call.outputTokens,
            cost_usd: call.costUsd,
            created_at: call.createdAt,
            cost_record_id: null,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (toNumber(inserted.numInsertedOrUpdatedRows) !== 1) return false;
        await trx
          .updateTable('engine_runs')
          .set((eb) => ({
            messages: toJson(messages),
            turn_count: eb('turn_count', '+', 1),
            llm_calls: eb('llm_calls', '+', 1),
            cost_usd: eb('cost_usd', '+', call.costUsd),
            updated_at: nowIso(),
          }))
          .where('id', '=', runId)
          .execute();
        return true;
      }),
    checkpoint: async (runId, messages) => {
      await update(runId, { messages: toJson(messages) });
    },
    park: async (runId, messages, approvalId, callId) => {
      await update(runId, {
        status: 'parked',
        messages: toJson(messages),
        approval_id: approvalId,
        parked_call_id: callId,
      });
    },
    setReview: async (runId, approvalId) => {
      await update(runId, { review_approval_id: approvalId });
    },
    setStatus: async (runId, status) => {
      await update(runId, { status });
    },
    finish: async (runId, finish) => {
      await update(runId, {
        status: 'finished',
        termination_reason: finish.reason,
        error: finish.error ?? null,
        finished_at: nowIso(),
        ...(finish.messages ? { messages: toJson(finish.messages) } : {}),
      });
    },
    async callsNotForwarded() {
      const rows = await db
        .selectFrom('engine_llm_calls')
        .selectAll()
        .where('cost_record_id', 'is', null)
        .orderBy('created_at')
        .execute();
      return rows.map(toCall);
    },
    markForwarded: async (callId, costRecordId) => {
      await db
        .updateTable('engine_llm_calls')
        .set({ cost_record_id: costRecordId })
        .where('id', '=', callId)
        .execute();
    },
    async spent(filter) {
      let query = db.selectFrom('engine_llm_calls');
      if (filter.taskId) query = query.where('task_id', '=', filter.taskId);
      if (filter.agentName) query = query.where('agent_name', '=', filter.agentName);
      if (filter.since) query = query.where('created_at', '>=', filter.since);
      const row = await query
        .select((eb) => eb.fn.sum<number>('cost_usd').as('total'))
        .executeTakeFirst();
      return toNumber(row?.total);
    },
  };
}
