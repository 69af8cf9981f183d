import type { RemainingBudget } from '@synthorg/shared';

export const BUDGET_SCOPES = ['task', 'agent_daily', 'company_monthly'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/** Where the remaining budgets come from: the budget domain, or the engine's own ledger. */
export interface RemainingBudgetSource {
  remaining(query: { taskId: string; agentName: string }): Promise<RemainingBudget>;
}

export type BudgetVerdict =
  | { ok: true }
  | { ok: false; scope: BudgetScope; remaining: number; estimate: number; reason: string };

/**
 * The pre-call check: a call may start only if its worst-case cost fits every remaining
 * budget. Checking the worst case (not the spend so far) is what keeps the total under the
 * limit instead of crossing it by one call.
 */
export async function checkBudget(
  source: RemainingBudgetSource,
  query: { taskId: string; agentName: string },
  estimate: number,
): Promise<BudgetVerdict> {
  const remaining = await source.remaining(query);
  const scopes: Array<[BudgetScope, number | null]> = [
    ['task', remaining.task],
    ['agent_daily', remaining.agent_daily],
    ['company_monthly', remaining.company_monthly],
  ];
  for (const [scope, left] of scopes) {
    if (left === null || estimate <= left) continue;
    return {
      ok: false,
      scope,
      remaining: left,
      estimate,
      reason:
        `${scope.replace('_', ' ')} budget: the next call may cost up to $${estimate.toFixed(6)} ` +
        `but only $${Math.max(0, left).toFixed(6)} remains`,
    };
  }
  return { ok: true };
}
