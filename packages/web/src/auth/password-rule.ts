import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';

import { authApi } from './auth-api.ts';

/** What `GET /auth/setup-status` may add: the server's own minimum, when it publishes one. */
function minimumOf(status: unknown): number | null {
  const value = (status as { min_password_length?: unknown } | undefined)?.min_password_length;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The password rule to show and check before sending: the server's minimum when its public
 * setup status carries `min_password_length`, the shared `PASSWORD_MIN_LENGTH` otherwise. The
 * server checks again either way.
 */
export function usePasswordRule(): { min: number; max: number; text: string } {
  const status = useQuery({
    queryKey: ['auth', 'setup-status'],
    queryFn: authApi.setupStatus,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const min = minimumOf(status.data) ?? PASSWORD_MIN_LENGTH;
  return { min, max: PASSWORD_MAX_LENGTH, text: `At least ${min} characters.` };
}
