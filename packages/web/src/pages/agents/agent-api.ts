import type { Agent, Department } from '@synthorg/shared';

import { apiList, apiRequest } from '../../api/api-client.ts';

export const agentQueries = {
  list: () => ({ queryKey: ['agents', 'list'], queryFn: () => apiList<Agent>('/agents') }),
  detail: (name: string) => ({
    queryKey: ['agents', 'detail', name],
    queryFn: () => apiRequest<Agent>('GET', `/agents/${encodeURIComponent(name)}`),
  }),
  departments: () => ({
    queryKey: ['departments', 'list'],
    queryFn: () => apiList<Department>('/departments'),
  }),
};
