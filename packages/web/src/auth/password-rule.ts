import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type SetupStatus } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';

import { authApi } from './auth-api.ts';

/** The server's current minimum (`api.min_password_length`), when its answer carries one. */
function minimumOf(status: SetupStatus | undefined): number | null {
  const value = status?.min_password_length;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The password rule to show and check before sending: the server's minimum when its public
 * setup status carries `min_password_length`, the shared `PASSWORD_MIN_LENGTH` otherwise. The
 * server checks again either way.
 */
export function usePasswordRule(): { min: number; max: number; text: string; hint: string } {
  const status = useQuery({
    queryKey: ['auth', 'setup-status'],
    queryFn: authApi.setupStatus,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const min = minimumOf(status.data) ?? PASSWORD_MIN_LENGTH;
  const hint = `At least ${min} characters`;
  return { min, max: PASSWORD_MAX_LENGTH, text: `${hint}.`, hint };
}
