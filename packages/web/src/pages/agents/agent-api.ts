import type { Agent, Department, RunView } from '@synthorg/shared';

import { apiList, apiRequest } from '../../api/api-client.ts';

export const agentQueries = {
  list: () => ({ queryKey: ['agents', 'list'], queryFn: () => apiList<Agent>('/agents') }),
  detail: (name: string) => ({
    queryKey: ['agents', 'detail', name],
    queryFn: () => apiRequest<Agent>('GET', `/agents/${encodeURIComponent(name)}`),
  }),
  /** The agent's latest runs, newest first; refetched on `agents` and `tasks` events. */
  runs: (name: string) => ({
    queryKey: ['agent-runs', name],
    queryFn: () => apiList<RunView>(`/agents/${encodeURIComponent(name)}/runs`, { limit: 10 }),
  }),
  departments: () => ({
    queryKey: ['departments', 'list'],
    queryFn: () => apiList<Department>('/departments'),
  }),
};
