import { join } from 'node:path';

import type { Company, ProvidersConfig } from '@synthorg/shared';
import type { Kysely } from 'kysely';

import type { ApprovalService } from '../approvals/approval-service.ts';
import type { BudgetService } from '../budget/budget-service.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import type { Logger } from '../logging/logger.ts';
import { createCostForwarder } from './budget/cost-forwarder.ts';
import { createProviderRegistry, type ProviderRegistry } from './providers/provider-registry.ts';
import {
  type AgentStatusPort,
  DEFAULT_RUNNER_CONFIG,
  type RunnerConfig,
  type TaskPort,
} from './runner/runner-types.ts';
import { createTaskRunner, type TaskRunner } from './runner/task-runner.ts';
import { createRunStore, type RunStore } from './runs/run-store.ts';
import { approvalGateOf, budgetSourceOf, costSinkOf, orgPortOf } from './service-adapters.ts';
import { createToolRegistry } from './tools/tool-registry.ts';
import { workspaceTools } from './tools/workspace-tools.ts';

export interface EngineDeps {
  db: Kysely<DatabaseSchema>;
  events: EventPublisher;
  log: Logger;
  tasks: TaskPort;
  budget: BudgetService;
  approvals: ApprovalService;
  /** The current company (agents, departments, autonomy); undefined before one is loaded. */
  company: () => Promise<Company | undefined>;
  /** The configured providers (keys resolved) and the directory scripts are relative to. */
  providers: () => Promise<{ config: ProvidersConfig; configDir: string }>;
  agentStatus: AgentStatusPort;
  dataDir: string;
  runner?: Partial<Omit<RunnerConfig, 'workspacesDir'>>;
  /**
   * The limits in effect now, read by the runner on every scheduling decision and run start
   * (the runtime settings); `runner` holds them when absent.
   */
  liveLimits?: () => Pick<RunnerConfig, LiveLimit>;
}

type LiveLimit = 'maxConcurrentRuns' | 'maxRunsPerAgent' | 'maxTurns';

/** The runner's config, with the live limits as getters over `liveLimits`. */
function runnerConfigOf(deps: EngineDeps): RunnerConfig {
  const config: RunnerConfig = {
    ...DEFAULT_RUNNER_CONFIG,
    ...deps.runner,
    workspacesDir: join(deps.dataDir, 'workspaces'),
  };
  const live = deps.liveLimits;
  if (!live) return config;
  for (const key of ['maxConcurrentRuns', 'maxRunsPerAgent', 'maxTurns'] as const) {
    Object.defineProperty(config, key, { get: () => live()[key], enumerable: true });
  }
  return config;
}

export interface Engine {
  runs: RunStore;
  runner: TaskRunner;
  /** The providers of the current configuration. */
  providers(): Promise<ProviderRegistry>;
  start(): Promise<void>;
  stop(graceMs?: number): Promise<void>;
}

/** A registry rebuilt only when the providers configuration changes. */
function cachedRegistry(source: EngineDeps['providers']): () => Promise<ProviderRegistry> {
  let built: { key: string; registry: ProviderRegistry } | undefined;
  return async () => {
    const { config, configDir } = await source();
    const key = JSON.stringify([config, configDir]);
    if (built?.key !== key) {
      built = { key, registry: createProviderRegistry(config, { configDir }) };
    }
    return built.registry;
  };
}

/**
 * The agent runtime of one server: run store, tools, providers and the runner, over the
 * work and organization services. Approval decisions wake the runner at once.
 */
export function createEngine(deps: EngineDeps): Engine {
  const log = deps.log.child({ component: 'engine' });
  const runs = createRunStore(deps.db);
  const registry = cachedRegistry(deps.providers);
  const runner = createTaskRunner({
    tasks: deps.tasks,
    org: orgPortOf(deps.company),
    providers: registry,
    runs,
    tools: createToolRegistry(workspaceTools()),
    budget: budgetSourceOf(deps.budget),
    costs: createCostForwarder(runs, costSinkOf(deps.budget), log),
    approvals: approvalGateOf(deps.approvals),
    agentStatus: deps.agentStatus,
    events: deps.events,
    log,
    config: runnerConfigOf(deps),
  });
  let unsubscribe: (() => void) | undefined;

  return {
    runs,
    runner,
    providers: registry,
    async start() {
      unsubscribe = deps.approvals.onDecided(() => runner.wake());
      await runner.start();
    },
    async stop(graceMs) {
      unsubscribe?.();
      await runner.stop(graceMs);
    },
  };
}
