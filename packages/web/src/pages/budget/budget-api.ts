import type { BudgetConfig, CostRecord, SpendingSummary } from '@synthorg/shared';

import { apiList, apiRequest } from '../../api/api-client.ts';

export const budgetQueries = {
  summary: {
    queryKey: ['budget', 'summary'],
    queryFn: () => apiRequest<SpendingSummary>('GET', '/budget/summary'),
  },
  config: {
    queryKey: ['budget', 'config'],
    queryFn: () => apiRequest<BudgetConfig>('GET', '/budget/config'),
  },
  records: {
    queryKey: ['budget', 'list', {}],
    queryFn: () => apiList<CostRecord>('/budget/records'),
  },
};

/** Spend per UTC day, oldest first, for the chart. */
export function spendByDay(records: CostRecord[]): { day: string; cost: number }[] {
  const totals = new Map<string, number>();
  for (const record of records) {
    const day = record.timestamp.slice(0, 10);
    totals.set(day, (totals.get(day) ?? 0) + record.cost_usd);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, cost]) => ({ day, cost: Math.round(cost * 10_000) / 10_000 }));
}
