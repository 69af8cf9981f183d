import type { AgentActivity, RiskLevel, TerminationReason } from '@synthorg/shared';

import type { EventPublisher } from '../../events/event-publisher.ts';
import type { Logger } from '../../logging/logger.ts';
import type { AgentProfile, TaskBrief } from '../agent-profile.ts';
import type { RemainingBudgetSource } from '../budget/budget-guard.ts';
import type { CostForwarder } from '../budget/cost-forwarder.ts';
import type { ResolvedModel } from '../providers/provider-registry.ts';
import type { RunRecord, RunStore } from '../runs/run-store.ts';
import type { ToolRegistry } from '../tools/tool-registry.ts';
import type { WorkspaceGuard } from '../tools/workspace-guard.ts';

export interface ApprovalRequest {
  taskId: string;
  agentName: string;
  actionType: string;
  risk: RiskLevel;
  title: string;
  description: string;
  metadata: Record<string, string>;
  /**
   * Names what asks (e.g. a run's turn and tool call): asking again with the same key — after
   * a crash between the request and the checkpoint — returns the approval asked for before.
   */
  requestKey: string;
}

/** The approvals domain as the loop sees it: it only asks for an approval. */
export interface ApprovalPort {
  request(input: ApprovalRequest): Promise<{ id: string }>;
}

export interface LoopLimits {
  maxTurns: number;
  /** Consecutive identical tool-call turns that stop a run. */
  repeatLimit: number;
}

export interface LoopDeps {
  runs: RunStore;
  tools: ToolRegistry;
  budget: RemainingBudgetSource;
  costs: CostForwarder;
  approvals: ApprovalPort;
  events: EventPublisher;
  log: Logger;
  limits: LoopLimits;
  /** True once the server is stopping: the loop checkpoints and returns at the next step. */
  shouldStop(): boolean;
  signal?: AbortSignal;
}

export interface LoopInput {
  run: RunRecord;
  agent: AgentProfile;
  task: TaskBrief;
  model: ResolvedModel;
  workspace: WorkspaceGuard;
  /** Set when resuming after a human approved this parked call. */
  approvedCallId?: string;
}

export interface LoopOutcome {
  reason: TerminationReason;
  /** Why the loop stopped, for people (the task's failure reason). */
  detail: string | null;
  /** The last assistant text of a completed run. */
  summary: string | null;
  approvalId?: string;
}

export type ActivityKind = AgentActivity['kind'];
