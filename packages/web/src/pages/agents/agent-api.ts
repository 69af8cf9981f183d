import { apiList, apiRequest } from '../../api/api-client.ts';

// TODO(shared-agent-schema): use the agent and department schemas from @synthorg/shared once
// the organization endpoints land them; these follow the reference's field names.
export interface Agent {
  id?: string;
  name: string;
  role: string;
  department: string;
  level?: string;
  status?: string;
  model?: { provider?: string; model_id?: string } | null;
  autonomy_level?: string | null;
  current_task_id?: string | null;
}

export interface Department {
  name: string;
  head?: string | null;
  budget_percent?: number;
  teams?: { name: string; lead?: string | null; members?: string[] }[];
}

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
