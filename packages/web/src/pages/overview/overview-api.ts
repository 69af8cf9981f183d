import { apiList, apiRequest } from '../../api/api-client.ts';

// TODO(shared-analytics-schema): take this type from @synthorg/shared once the analytics
// endpoint lands there.
export interface OverviewMetrics {
  total_tasks: number;
  tasks_by_status: Record<string, number>;
  total_agents: number;
  total_cost_usd: number;
}

export const overviewQueries = {
  metrics: {
    queryKey: ['analytics', 'overview'],
    queryFn: () => apiRequest<OverviewMetrics>('GET', '/analytics/overview'),
  },
  pendingApprovals: {
    queryKey: ['approvals', 'count', 'pending'],
    queryFn: () => apiList<unknown>('/approvals', { status: 'pending', limit: 1 }),
  },
};
