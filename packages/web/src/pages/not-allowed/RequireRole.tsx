import type { Role } from '@synthorg/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { useAuthStore } from '../../auth/auth-store.ts';
import { labelOf } from '../../components/Badge.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** Shows the page only to the given roles; everyone else learns why they cannot see it. */
export function RequireRole(props: { roles: readonly Role[]; children: ReactNode }) {
  const role = useAuthStore((state) => state.user?.role);
  if (role !== undefined && props.roles.includes(role)) return <>{props.children}</>;
  return (
    <div data-testid="not-allowed">
      <PageHeader title="Not allowed" />
      <div className="card space-y-3 p-4 text-sm">
        <p>
          This page is for {props.roles.map(labelOf).join(', ')} only. You are signed in as{' '}
          {labelOf(role ?? 'unknown')}.
        </p>
        <Link className="text-indigo-600 hover:underline" to="/">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}
