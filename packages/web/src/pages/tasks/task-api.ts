import type {
  CancelTaskRequest,
  CreateTaskRequest,
  Task,
  TransitionTaskRequest,
  UpdateTaskRequest,
} from '@synthorg/shared';

import { apiList, apiRequest } from '../../api/api-client.ts';

export interface TaskFilters {
  assigned_to?: string;
  project?: string;
}

const path = (id: string) => `/tasks/${encodeURIComponent(id)}`;

export const taskQueries = {
  list: (filters: TaskFilters) => ({
    queryKey: ['tasks', 'list', filters],
    queryFn: () => apiList<Task>('/tasks', { ...filters }),
  }),
};

export const taskApi = {
  create: (body: CreateTaskRequest) => apiRequest<Task>('POST', '/tasks', { body }),
  update: (id: string, body: UpdateTaskRequest) => apiRequest<Task>('PATCH', path(id), { body }),
  transition: (id: string, body: TransitionTaskRequest) =>
    apiRequest<Task>('POST', `${path(id)}/transition`, { body }),
  cancel: (id: string, body: CancelTaskRequest) =>
    apiRequest<Task>('POST', `${path(id)}/cancel`, { body }),
};
