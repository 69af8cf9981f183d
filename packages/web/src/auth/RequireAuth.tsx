import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { ErrorBlock, LoadingBlock } from '../components/QueryState.tsx';
import { useAuthStore } from './auth-store.ts';
import { restoreSession } from './session.ts';

/**
 * Guards the app: waits for a stored login to be restored (so the role survives a reload),
 * sends anonymous visitors to the login page with a `redirect` back, and forces the password
 * change before anything else.
 */
export function RequireAuth(props: { children: ReactNode }) {
  const location = useLocation();
  const status = useAuthStore((state) => state.status);
  const user = useAuthStore((state) => state.user);
  const restore = useQuery({
    queryKey: ['auth', 'restore'],
    queryFn: async () => {
      await restoreSession(useAuthStore);
      return true;
    },
    enabled: status === 'restoring',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (status === 'restoring') {
    return (
      <main className="mx-auto max-w-md p-8">
        {restore.isError ? (
          <ErrorBlock error={restore.error} onRetry={() => void restore.refetch()} />
        ) : (
          <LoadingBlock label="Restoring your session" />
        )}
      </main>
    );
  }
  if (status === 'anonymous' || !user) {
    const target = `${location.pathname}${location.search}`;
    const search = target === '/' ? '' : `?redirect=${encodeURIComponent(target)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  if (user.must_change_password && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <>{props.children}</>;
}
