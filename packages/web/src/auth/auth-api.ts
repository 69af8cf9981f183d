import type {
  PasswordChangedResponse,
  SetupStatus,
  TokenResponse,
  UserInfo,
  WsTicketResponse,
} from '@synthorg/shared';
import { apiRequest } from '../api/api-client.ts';

export interface Credentials {
  username: string;
  password: string;
}

export const authApi = {
  setupStatus: () => apiRequest<SetupStatus>('GET', '/auth/setup-status', { token: null }),
  setup: (body: Credentials) =>
    apiRequest<TokenResponse>('POST', '/auth/setup', { body, token: null }),
  login: (body: Credentials) =>
    apiRequest<TokenResponse>('POST', '/auth/login', { body, token: null }),
  me: (token?: string) => apiRequest<UserInfo>('GET', '/auth/me', { token }),
  changePassword: (body: { current_password: string; new_password: string }) =>
    apiRequest<PasswordChangedResponse>('POST', '/auth/change-password', { body }),
  logout: () => apiRequest<null>('POST', '/auth/logout'),
  wsTicket: () => apiRequest<WsTicketResponse>('POST', '/auth/ws-ticket'),
};
