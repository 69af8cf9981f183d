import {
  type AgentSpending,
  autoDowngradeSchema,
  type BudgetConfig,
  type BudgetConfigInput,
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
import { decimalText } from '../settings/setting-definitions.ts';
import type { SettingsService } from '../settings/settings-service.ts';
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

/** Internal (never a setting): the auto-downgrade section given to `PUT /budget/config`. */
const AUTO_DOWNGRADE = { namespace: 'budget', key: 'auto_downgrade' } as const;

/** `PUT /budget/config` fields and the settings (namespace `budget`) they are stored as. */
const FIELD_SETTINGS = [
  [['total_monthly'], 'total_monthly'],
  [['per_task_limit'], 'per_task_limit'],
  [['per_agent_daily_limit'], 'per_agent_daily_limit'],
  [['alerts', 'warn_at'], 'alert_warn_at'],
  [['alerts', 'critical_at'], 'alert_critical_at'],
  [['alerts', 'hard_stop_at'], 'alert_hard_stop_at'],
  [['reset_day'], 'reset_day'],
] as const;

/** A partial budget: the fields `PUT /budget/config` was given. */
export interface BudgetConfigPatch {
  total_monthly?: number | undefined;
  per_task_limit?: number | undefined;
  per_agent_daily_limit?: number | undefined;
  alerts?:
    | {
        warn_at?: number | undefined;
        critical_at?: number | undefined;
        hard_stop_at?: number | undefined;
      }
    | undefined;
  reset_day?: number | undefined;
  auto_downgrade?: BudgetConfigInput['auto_downgrade'];
}

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
  /** The effective budget: the `budget` settings (DB over YAML over defaults). */
  getConfig(): Promise<BudgetConfig>;
  /**
   * Stores the given fields as `budget` setting overrides (checked together with the rest of
   * the effective budget; 400 `VALIDATION_ERROR` when inconsistent) and answers the result.
   */
  setConfig(patch: BudgetConfigPatch): Promise<BudgetConfig>;
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
  settings: SettingsService;
  events: EventPublisher;
  log: Logger;
  /** Reads a task's own `budget_limit`; 0 or an unknown task falls back to per_task_limit. */
  taskBudgetLimit?: (taskId: string) => Promise<number | undefined>;
  agents?: AgentDirectory | undefined;
}

export function createBudgetService(deps: BudgetServiceDeps): BudgetService {
  const { db, settingsStore, settings, events, log } = deps;
  const costs = createCostQueries(db);

  const autoDowngrade = async (): Promise<BudgetConfig['auto_downgrade']> => {
    const stored = await settingsStore.get(AUTO_DOWNGRADE.namespace, AUTO_DOWNGRADE.key);
    const parsed = autoDowngradeSchema.safeParse(stored ? JSON.parse(stored) : {});
    return parsed.success ? parsed.data : autoDowngradeSchema.parse({});
  };

  const getConfig = async (): Promise<BudgetConfig> => {
    const v = (key: string) => settings.value<number>('budget', key);
    return {
      total_monthly: v('total_monthly'),
      alerts: {
        warn_at: v('alert_warn_at'),
        critical_at: v('alert_critical_at'),
        hard_stop_at: v('alert_hard_stop_at'),
      },
      per_task_limit: v('per_task_limit'),
      per_agent_daily_limit: v('per_agent_daily_limit'),
      auto_downgrade: await autoDowngrade(),
      reset_day: v('reset_day'),
    };
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

    async setConfig(patch) {
      const values: Record<string, string> = {};
      for (const [path, key] of FIELD_SETTINGS) {
        let node: unknown = patch;
        for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
        if (typeof node === 'number') values[key] = decimalText(node);
      }
      await settings.setMany('budget', values, 'VALIDATION_ERROR');
      if (patch.auto_downgrade !== undefined) {
        const section = autoDowngradeSchema.parse(patch.auto_downgrade);
        await settingsStore.set(
          AUTO_DOWNGRADE.namespace,
          AUTO_DOWNGRADE.key,
          JSON.stringify(section),
        );
      }
      log.info(
        { event: BUDGET_LOG.configUpdated, fields: Object.keys(values) },
        'budget config updated',
      );
      return getConfig();
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
