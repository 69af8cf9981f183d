import { join } from 'node:path';
import { budgetConfigSchema, providerConfigSchema, type Task } from '@synthorg/shared';

import type { AgentProfile } from '../../src/engine/agent-profile.ts';
import {
  createCostForwarder,
  createLedgerCostSink,
} from '../../src/engine/budget/cost-forwarder.ts';
import { createLedgerBudget } from '../../src/engine/budget/ledger-budget.ts';
import type { ApprovalRequest } from '../../src/engine/loop/loop-types.ts';
import { createProviderRegistry } from '../../src/engine/providers/provider-registry.ts';
import type {
  ApprovalDecision,
  ApprovalGate,
  RunnerDeps,
} from '../../src/engine/runner/runner-types.ts';
import { DEFAULT_RUNNER_CONFIG, type ReviewPolicy } from '../../src/engine/runner/runner-types.ts';
import { createTaskRunner, type TaskRunner } from '../../src/engine/runner/task-runner.ts';
import { createRunStore } from '../../src/engine/runs/run-store.ts';
import { createToolRegistry } from '../../src/engine/tools/tool-registry.ts';
import { workspaceTools } from '../../src/engine/tools/workspace-tools.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createTaskService, type TaskService } from '../../src/tasks/task-service.ts';
import { PRICES, testAgent } from './engine-harness.ts';
import { createLogCapture, type LogCapture } from './log-capture.ts';
import { createRecordingPublisher, openWorkDb, type WorkDb } from './work-db.ts';

export const CEO = testAgent({
  name: 'Demo Co CEO',
  role: 'CEO',
  department: 'executive',
  level: 'c_suite',
  model: { provider: 'default', model_id: 'large', temperature: 0.2, max_tokens: 200 },
});
export const DEV = testAgent({ name: 'Ada Builder' });

export interface RunnerHarness {
  db: WorkDb;
  tasks: TaskService;
  deps: RunnerDeps;
  runner: TaskRunner;
  logs: LogCapture;
  events: ReturnType<typeof createRecordingPublisher>;
  decisions: Map<string, ApprovalDecision>;
  /** Every approval the runner asked for, in order (`approval-<n>` is the n-th). */
  requests: ApprovalRequest[];
  /** `agent:status` in the order the runner set them. */
  statuses: string[];
  createTask(overrides?: Record<string, unknown>): Promise<Task>;
  close(): Promise<void>;
}

/** The runner over the real task service, run store and provider code on one SQLite file. */
export async function createRunnerHarness(
  baseUrl: string,
  options: {
    agents?: AgentProfile[];
    db?: WorkDb;
    /** `review_requirements` by department name; a department not listed states none. */
    reviewPolicies?: Record<string, ReviewPolicy>;
  } = {},
): Promise<RunnerHarness> {
  const db = options.db ?? (await openWorkDb());
  const logs = createLogCapture();
  const log = createLogger({ level: 'debug', destination: logs.stream });
  const events = createRecordingPublisher();
  const tasks = createTaskService({ db: db.handle.db, events, log });
  const runs = createRunStore(db.handle.db);
  const budget = budgetConfigSchema.parse({ total_monthly: 100 });
  const decisions = new Map<string, ApprovalDecision>();
  let approvalCount = 0;
  const requests: ApprovalRequest[] = [];
  const approvals: ApprovalGate = {
    async request(input) {
      requests.push(input);
      approvalCount += 1;
      const id = `approval-${approvalCount}`;
      decisions.set(id, { status: 'pending', reason: null, decidedBy: null });
      return { id };
    },
    decision: async (id) =>
      decisions.get(id) ?? { status: 'expired', reason: null, decidedBy: null },
  };
  const providers = createProviderRegistry({
    local: providerConfigSchema.parse({
      base_url: baseUrl,
      api_key: 'sk-runner-secret',
      models: [
        { id: 'test-large-001', alias: 'large', ...PRICES },
        { id: 'test-medium-001', alias: 'medium', ...PRICES },
      ],
      retry: { max_retries: 1, base_delay: 0.001, jitter: false },
    }),
  });
  const agents = options.agents ?? [CEO, DEV];
  const statuses: string[] = [];
  const deps: RunnerDeps = {
    tasks,
    org: {
      agents: async () => agents,
      company: async () => ({ name: 'Demo Co', departments: ['executive', 'engineering'] }),
      reviewPolicy: async (department) => options.reviewPolicies?.[department],
    },
    providers: async () => providers,
    agentStatus: {
      set: async (agent, status) => {
        statuses.push(`${agent}:${status}`);
      },
    },
    runs,
    tools: createToolRegistry(workspaceTools()),
    budget: createLedgerBudget(
      runs,
      () => budget,
      async (id) => (await tasks.get(id)).budget_limit,
    ),
    costs: createCostForwarder(
      runs,
      createLedgerCostSink(runs, events, () => budget),
      log,
    ),
    approvals,
    events,
    log,
    config: {
      ...DEFAULT_RUNNER_CONFIG,
      pollIntervalMs: 50,
      workspacesDir: join(db.handle.location, '..', 'workspaces'),
    },
  };
  const runner = createTaskRunner(deps);
  return {
    db,
    tasks,
    deps,
    runner,
    logs,
    events,
    decisions,
    requests,
    statuses,
    createTask: (overrides = {}) =>
      tasks.create(
        {
          title: 'Write project README',
          description: 'Create README.md describing the todo CLI with Install, Usage, License.',
          type: 'development',
          project: 'proj-demo',
          estimated_complexity: 'medium',
          ...overrides,
        },
        'Demo Co CEO',
      ),
    async close() {
      await runner.stop(0);
      if (!options.db) await db.close();
    },
  };
}
