import { join } from 'node:path';
import { budgetConfigSchema, providerConfigSchema } from '@synthorg/shared';

import type { AgentProfile, TaskBrief } from '../../src/engine/agent-profile.ts';
import {
  createCostForwarder,
  createLedgerCostSink,
} from '../../src/engine/budget/cost-forwarder.ts';
import { createLedgerBudget } from '../../src/engine/budget/ledger-budget.ts';
import { runAgentLoop } from '../../src/engine/loop/agent-loop.ts';
import type { ApprovalRequest, LoopDeps, LoopOutcome } from '../../src/engine/loop/loop-types.ts';
import { buildSystemPrompt, buildTaskInstruction } from '../../src/engine/loop/prompt.ts';
import { createProviderRegistry } from '../../src/engine/providers/provider-registry.ts';
import { createRunStore, type RunRecord } from '../../src/engine/runs/run-store.ts';
import { createToolRegistry } from '../../src/engine/tools/tool-registry.ts';
import { createWorkspaceGuard } from '../../src/engine/tools/workspace-guard.ts';
import { workspaceTools } from '../../src/engine/tools/workspace-tools.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createLogCapture, type LogCapture } from './log-capture.ts';
import { createRecordingPublisher, openWorkDb, type WorkDb } from './work-db.ts';

export const PRICES = { cost_per_1k_input: 0.5, cost_per_1k_output: 1.5 };

export function testAgent(overrides: Partial<AgentProfile> = {}): AgentProfile {
  return {
    name: 'Ada Builder',
    role: 'Full-Stack Developer',
    department: 'engineering',
    level: 'senior',
    status: 'active',
    skills: { primary: ['javascript'], secondary: [] },
    personality: { description: 'Pragmatic.', traits: ['practical'] },
    authority: { can_approve: [], reports_to: 'Demo Co CEO', can_delegate_to: [], budget_limit: 0 },
    autonomy: 'semi',
    tools: { access_level: 'standard', allowed: [], denied: [] },
    model: { provider: 'default', model_id: 'medium', temperature: 0.2, max_tokens: 200 },
    ...overrides,
  };
}

export function testTask(overrides: Partial<TaskBrief> = {}): TaskBrief {
  return {
    id: 'task-loop-1',
    title: 'Write project README',
    description: 'Create README.md describing the todo CLI.',
    acceptanceCriteria: ['README.md exists'],
    budgetLimit: 0,
    deadline: null,
    ...overrides,
  };
}

export interface LoopHarness {
  db: WorkDb;
  logs: LogCapture;
  events: ReturnType<typeof createRecordingPublisher>;
  approvals: ApprovalRequest[];
  runs: ReturnType<typeof createRunStore>;
  workspaceDir: string;
  /** Starts (or resumes, given a run) a run of the agent on the task. */
  run(options?: {
    agent?: AgentProfile;
    task?: TaskBrief;
    resume?: RunRecord;
    approvedCallId?: string;
    maxTurns?: number;
    monthly?: number;
  }): Promise<{ outcome: LoopOutcome; run: RunRecord }>;
  close(): Promise<void>;
}

/**
 * The loop over the real provider code (HTTP to the fake server), a migrated SQLite file,
 * the run store and the ledger budget: everything the runner gives the loop in production.
 */
export async function createLoopHarness(baseUrl: string): Promise<LoopHarness> {
  const db = await openWorkDb();
  const logs = createLogCapture();
  const log = createLogger({ level: 'debug', destination: logs.stream });
  const events = createRecordingPublisher();
  const approvals: ApprovalRequest[] = [];
  const runs = createRunStore(db.handle.db);
  const registry = createProviderRegistry({
    local: providerConfigSchema.parse({
      base_url: baseUrl,
      api_key: 'sk-loop-secret-999',
      models: [{ id: 'test-medium-001', alias: 'medium', ...PRICES }],
      retry: { max_retries: 2, base_delay: 0.001, jitter: false },
    }),
  });
  const workspaceDir = join(db.handle.location, '..', 'workspaces', 'ada');
  const tools = createToolRegistry(workspaceTools());
  const taskLimits = new Map<string, number>();

  return {
    db,
    logs,
    events,
    approvals,
    runs,
    workspaceDir,
    async run(options = {}) {
      const agent = options.agent ?? testAgent();
      const task = options.task ?? testTask();
      taskLimits.set(task.id, task.budgetLimit);
      const monthly = options.monthly ?? 100;
      const budgetConfig = budgetConfigSchema.parse({
        total_monthly: monthly,
        per_task_limit: Math.min(5, monthly),
        per_agent_daily_limit: Math.min(50, monthly),
      });
      const model = registry.resolve({
        provider: agent.model.provider,
        model: agent.model.model_id,
      });
      const run =
        options.resume ??
        (await runs.create({
          taskId: task.id,
          agentName: agent.name,
          attempt: 1,
          provider: model.providerName,
          model: model.model.id,
          scripted: model.scripted,
          messages: [
            {
              role: 'system',
              content: buildSystemPrompt(agent, { name: 'Demo Co', departments: ['engineering'] }),
            },
            { role: 'user', content: buildTaskInstruction(task) },
          ],
        }));
      const deps: LoopDeps = {
        runs,
        tools,
        budget: createLedgerBudget(
          runs,
          () => budgetConfig,
          async (id) => taskLimits.get(id) ?? 0,
        ),
        costs: createCostForwarder(
          runs,
          createLedgerCostSink(runs, events, () => budgetConfig),
          log,
        ),
        approvals: {
          async request(input) {
            approvals.push(input);
            return { id: `approval-${approvals.length}` };
          },
        },
        events,
        log,
        limits: { maxTurns: options.maxTurns ?? 20, repeatLimit: 3 },
        shouldStop: () => false,
      };
      const workspace = await createWorkspaceGuard(workspaceDir);
      const outcome = await runAgentLoop(
        {
          run,
          agent,
          task,
          model,
          workspace,
          ...(options.approvedCallId ? { approvedCallId: options.approvedCallId } : {}),
        },
        deps,
      );
      return { outcome, run: (await runs.get(run.id)) as RunRecord };
    },
    close: () => db.close(),
  };
}
