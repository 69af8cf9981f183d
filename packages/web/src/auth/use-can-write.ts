import { WRITE_ROLES } from '@synthorg/shared';

import { useAuthStore } from './auth-store.ts';

/** Whether the signed-in role may change things; write controls are hidden otherwise. */
export function useCanWrite(): boolean {
  const role = useAuthStore((state) => state.user?.role);
  return role !== undefined && WRITE_ROLES.includes(role);
}
