import type { AgentRuntimeStatus, Task, TaskStatus } from '@synthorg/shared';

import type { EventPublisher } from '../../events/event-publisher.ts';
import type { Logger } from '../../logging/logger.ts';
import type { AgentProfile, CompanyProfile } from '../agent-profile.ts';
import type { RemainingBudgetSource } from '../budget/budget-guard.ts';
import type { CostForwarder } from '../budget/cost-forwarder.ts';
import type { ApprovalPort } from '../loop/loop-types.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { RunStore } from '../runs/run-store.ts';
import type { ToolRegistry } from '../tools/tool-registry.ts';

/** The task service as the runner uses it (the work domain's single writer of tasks). */
export interface TaskPort {
  get(id: string): Promise<Task>;
  list(
    filter: { status?: TaskStatus },
    window: { offset: number; limit: number },
  ): Promise<{ items: Task[]; total: number }>;
  transition(
    id: string,
    plan: { target: TaskStatus; assignedTo?: string; reason?: string },
    actor: string,
  ): Promise<Task>;
}

/** A department's `review_requirements`, as its configuration states them. */
export interface ReviewPolicy {
  min_reviewers: number;
  required_reviewer_roles: string[];
  self_review_allowed: boolean;
}

/** The organization as the runner needs it: who can work, and the company they work for. */
export interface OrgPort {
  agents(): Promise<AgentProfile[]>;
  company(): Promise<CompanyProfile>;
  /** The review requirements the department states; undefined when it states none. */
  reviewPolicy(department: string): Promise<ReviewPolicy | undefined>;
}

export interface ApprovalDecision {
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  reason: string | null;
  decidedBy: string | null;
}

/** Where the runtime status of agents (`idle`, `working`, `waiting_approval`) is kept. */
export interface AgentStatusPort {
  set(agentName: string, status: AgentRuntimeStatus): Promise<void>;
}

/** Asking for approvals and reading their decisions. */
export interface ApprovalGate extends ApprovalPort {
  decision(approvalId: string): Promise<ApprovalDecision>;
}

export interface RunnerConfig {
  /** How often the runner looks for work when nothing woke it. */
  pollIntervalMs: number;
  maxConcurrentRuns: number;
  maxRunsPerAgent: number;
  maxTurns: number;
  repeatLimit: number;
  minScore: number;
  /** Reworks after rejected reviews before the task is blocked for a person. */
  maxReworks: number;
  /** Agents' workspaces live in `<workspacesDir>/<agent name as a safe folder name>`. */
  workspacesDir: string;
}

export const DEFAULT_RUNNER_CONFIG: Omit<RunnerConfig, 'workspacesDir'> = {
  pollIntervalMs: 1000,
  maxConcurrentRuns: 4,
  maxRunsPerAgent: 1,
  maxTurns: 20,
  repeatLimit: 3,
  minScore: 0.1,
  maxReworks: 3,
};

export interface RunnerDeps {
  tasks: TaskPort;
  org: OrgPort;
  /** The providers of the current configuration (it may change while the server runs). */
  providers: () => Promise<ProviderRegistry>;
  runs: RunStore;
  tools: ToolRegistry;
  budget: RemainingBudgetSource;
  costs: CostForwarder;
  approvals: ApprovalGate;
  agentStatus: AgentStatusPort;
  events: EventPublisher;
  log: Logger;
  config: RunnerConfig;
}

/** The runner's actor name on task transitions. */
export const RUNNER_ACTOR = 'engine';
