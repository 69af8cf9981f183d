import {
  type AgentSpending,
  type BudgetConfig,
  type BudgetConfigInput,
  budgetConfigSchema,
  type CostRecord,
  type RecordCostInput,
  type RemainingBudget,
  recordCostRequestSchema,
  type SpendingSummary,
} from '@synthorg/shared';
import type { Kysely } from 'kysely';

import { newId, toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { AppError } from '../http/app-error.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logging/logger.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { AgentDirectory } from '../tasks/agent-directory.ts';
import { BUDGET_LOG } from './budget-log-events.ts';
import {
  alertLevelOf,
  billingPeriod,
  isHigher,
  leftUnder,
  startOfUtcDay,
  usedPercent,
} from './budget-period.ts';
import { createCostQueries } from './cost-queries.ts';

const CONFIG_NAMESPACE = 'budget';
const CONFIG_KEY = 'config';

/**
 * Cost records and budget limits. The engine calls `remaining` before each LLM call and
 * `recordCost` after it; both answer what is left for the task, the agent today and the
 * company this month.
 *
 * @example
 * const left = await budget.remaining({ agent_id: 'alice', task_id: task.id });
 * if (Object.values(left).some((usd) => usd === 0)) return stop('budget exhausted');
 * const { remaining } = await budget.recordCost({ agent_id: 'alice', task_id: task.id,
 *   provider: 'local', model: 'small-1', input_tokens: 120, output_tokens: 40, cost_usd: 0.002 });
 */
export interface BudgetService {
  getConfig(): Promise<BudgetConfig>;
  /** Replaces the stored budget configuration (validated; defaults fill gaps). */
  setConfig(config: BudgetConfigInput): Promise<BudgetConfig>;
  /** Idempotent when `input.id` is given: a known id returns the stored record unchanged. */
  recordCost(input: RecordCostInput): Promise<{ record: CostRecord; remaining: RemainingBudget }>;
  remaining(scope: { agent_id: string; task_id?: string | null }): Promise<RemainingBudget>;
  listRecords(
    filter: { agent_id?: string | undefined; task_id?: string | undefined },
    window: { offset: number; limit: number },
  ): Promise<{ items: CostRecord[]; total: number }>;
  agentSpending(agentId: string): Promise<AgentSpending>;
  summary(): Promise<SpendingSummary>;
  totalCost(): Promise<number>;
}

export interface BudgetServiceDeps {
  db: Kysely<DatabaseSchema>;
  settingsStore: SettingsStore;
  events: EventPublisher;
  log: Logger;
  /** Reads a task's own `budget_limit`; 0 or an unknown task falls back to per_task_limit. */
  taskBudgetLimit?: (taskId: string) => Promise<number | undefined>;
  agents?: AgentDirectory | undefined;
}

export function createBudgetService(deps: BudgetServiceDeps): BudgetService {
  const { db, settingsStore, events, log } = deps;
  const costs = createCostQueries(db);

  const getConfig = async () => {
    const stored = await settingsStore.get(CONFIG_NAMESPACE, CONFIG_KEY);
    return budgetConfigSchema.parse(stored ? JSON.parse(stored) : {});
  };

  const monthlySpent = async (config: BudgetConfig, now: Date) =>
    costs.sum({ since: billingPeriod(now, config.reset_day).start });

  const remaining = async (scope: { agent_id: string; task_id?: string | null }) => {
    const config = await getConfig();
    const now = new Date();
    let task: number | null = null;
    if (scope.task_id) {
      const own = (await deps.taskBudgetLimit?.(scope.task_id)) ?? 0;
      const limit = own > 0 ? own : config.per_task_limit;
      task = leftUnder(limit, await costs.sum({ task_id: scope.task_id }));
    }
    const agentToday = await costs.sum({ agent_id: scope.agent_id, since: startOfUtcDay(now) });
    const monthlyCap = (config.total_monthly * config.alerts.hard_stop_at) / 100;
    return {
      task,
      agent_daily: leftUnder(config.per_agent_daily_limit, agentToday),
      company_monthly: leftUnder(monthlyCap, await monthlySpent(config, now)),
    };
  };

  const raiseAlert = (config: BudgetConfig, before: number, after: number) => {
    const previous = alertLevelOf(usedPercent(before, config), config);
    const percent = usedPercent(after, config);
    const level = alertLevelOf(percent, config);
    if (!isHigher(level, previous)) return;
    log.warn({ event: BUDGET_LOG.alert, level, previous, percent }, 'budget alert');
    events.publish('budget.alert', {
      level,
      previous_level: previous,
      used_percent: percent,
      total_cost_usd: after,
      budget_total_monthly: config.total_monthly,
    });
  };

  return {
    getConfig,
    remaining,
    listRecords: (filter, window) => costs.list(filter, window),
    totalCost: () => costs.sum({}),

    async setConfig(input) {
      const result = budgetConfigSchema.safeParse(input);
      if (!result.success) {
        throw new AppError(
          'DOMAIN_RULE_VIOLATION',
          result.error.issues.map((i) => i.message).join('; '),
        );
      }
      await settingsStore.set(CONFIG_NAMESPACE, CONFIG_KEY, JSON.stringify(result.data));
      log.info({ event: BUDGET_LOG.configUpdated }, 'budget config updated');
      return result.data;
    },

    async recordCost(request) {
      const input = parseInput(recordCostRequestSchema, request);
      if (deps.agents && !(await deps.agents.has(input.agent_id))) {
        throw new AppError('UNKNOWN_AGENT', `Agent '${input.agent_id}' not found`);
      }
      if (input.id) {
        const known = await costs.find(input.id);
        if (known) return { record: known, remaining: await remaining(known) };
      }
      const config = await getConfig();
      const now = new Date();
      const before = await monthlySpent(config, now);
      const { id = newId('cost'), ...fields } = input;
      const record: CostRecord = { id, ...fields, timestamp: now.toISOString() };
      const inserted = await db
        .insertInto('cost_records')
        .values(record)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (toNumber(inserted.numInsertedOrUpdatedRows) !== 1) {
        const known = await costs.find(id);
        if (known) return { record: known, remaining: await remaining(known) };
      }
      log.info(
        {
          event: BUDGET_LOG.recordAdded,
          recordId: record.id,
          agentId: record.agent_id,
          taskId: record.task_id,
          costUsd: record.cost_usd,
        },
        'cost recorded',
      );
      events.publish('budget.record_added', record);
      raiseAlert(config, before, before + record.cost_usd);
      return { record, remaining: await remaining(record) };
    },

    async agentSpending(agentId) {
      const totals = await costs.totals({ agent_id: agentId });
      const daily = await costs.sum({ agent_id: agentId, since: startOfUtcDay(new Date()) });
      return { agent_id: agentId, ...totals, daily_cost_usd: daily };
    },

    async summary() {
      const config = await getConfig();
      const period = billingPeriod(new Date(), config.reset_day);
      const totals = await costs.totals({ since: period.start });
      const percent = usedPercent(totals.total_cost_usd, config);
      return {
        period_start: period.start.toISOString(),
        period_end: period.end.toISOString(),
        ...totals,
        by_agent: await costs.byAgent(period.start),
        budget_total_monthly: config.total_monthly,
        budget_used_percent: percent,
        alert_level: alertLevelOf(percent, config),
      };
    },
  };
}
