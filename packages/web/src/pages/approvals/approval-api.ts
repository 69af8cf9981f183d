import type { Approval } from '@synthorg/shared';

import { apiList, apiRequest } from '../../api/api-client.ts';

const path = (id: string) => `/approvals/${encodeURIComponent(id)}`;

export const approvalQueries = {
  list: (filters: { status?: string; risk_level?: string }) => ({
    queryKey: ['approvals', 'list', filters],
    queryFn: () => apiList<Approval>('/approvals', { ...filters }),
  }),
};

export const approvalApi = {
  approve: (id: string, comment: string) =>
    apiRequest<Approval>('POST', `${path(id)}/approve`, { body: comment ? { comment } : {} }),
  reject: (id: string, reason: string) =>
    apiRequest<Approval>('POST', `${path(id)}/reject`, { body: { reason } }),
};
