import type { CreateUserRequest, UpdateUserRequest, User } from '@synthorg/shared';

import { apiList, apiRequest } from '../../api/api-client.ts';

export const userQueries = {
  list: () => ({ queryKey: ['users', 'list'], queryFn: () => apiList<User>('/users') }),
};

export const userApi = {
  create: (body: CreateUserRequest) => apiRequest<User>('POST', '/users', { body }),
  update: (id: string, body: UpdateUserRequest) =>
    apiRequest<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body }),
};
