import type { AlertLevel, BudgetConfig, RemainingBudget } from '@synthorg/shared';

import type { RunStore } from '../runs/run-store.ts';
import type { RemainingBudgetSource } from './budget-guard.ts';

/** Start of the billing period containing `now`: day `resetDay` at 00:00 UTC. */
export function periodStart(now: Date, resetDay: number): Date {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), resetDay));
  if (start > now) start.setUTCMonth(start.getUTCMonth() - 1);
  return start;
}

export function dayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** 0 means "no limit" for every budget, so a fresh config never blocks by accident. */
const left = (limit: number, spent: number) => (limit > 0 ? Math.max(0, limit - spent) : null);

export function alertLevelOf(config: BudgetConfig, usedPercent: number): AlertLevel {
  if (usedPercent >= config.alerts.hard_stop_at) return 'hard_stop';
  if (usedPercent >= config.alerts.critical_at) return 'critical';
  if (usedPercent >= config.alerts.warn_at) return 'warning';
  return 'normal';
}

/**
 * Remaining budgets computed from the engine's call ledger and the company budget. A task's
 * own `budget_limit` wins; without one the company's `per_task_limit` applies.
 */
export function createLedgerBudget(
  runs: RunStore,
  config: () => BudgetConfig,
  taskLimit: (taskId: string) => Promise<number>,
  now: () => Date = () => new Date(),
): RemainingBudgetSource {
  return {
    async remaining({ taskId, agentName }): Promise<RemainingBudget> {
      const budget = config();
      const at = now();
      const ownLimit = await taskLimit(taskId);
      const [task, daily, monthly] = await Promise.all([
        runs.spent({ taskId }),
        runs.spent({ agentName, since: dayStart(at).toISOString() }),
        runs.spent({ since: periodStart(at, budget.reset_day).toISOString() }),
      ]);
      const monthlyCap = (budget.total_monthly * budget.alerts.hard_stop_at) / 100;
      return {
        task: left(ownLimit > 0 ? ownLimit : budget.per_task_limit, task),
        agent_daily: left(budget.per_agent_daily_limit, daily) ?? Number.POSITIVE_INFINITY,
        company_monthly: left(monthlyCap, monthly) ?? Number.POSITIVE_INFINITY,
      };
    },
  };
}
