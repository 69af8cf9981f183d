import { ROLES, type Role, type User } from '@synthorg/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { useAuthStore } from '../../auth/auth-store.ts';
import { Badge, labelOf } from '../../components/Badge.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { UserCreateDialog } from './UserCreateDialog.tsx';
import { userApi, userQueries } from './user-api.ts';

/** One grid for the header and every row; rows stack on a narrow window. */
const COLUMNS =
  'grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1fr)_12rem_minmax(0,1fr)_8rem] sm:gap-4';

function UserRow(props: { user: User; self: boolean }) {
  const { user, self } = props;
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (change: { role?: Role; disabled?: boolean }) => userApi.update(user.id, change),
    onSuccess: () => {
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => setProblem(errorText(error)),
  });
  // Your own row is read-only here: a ceo cannot demote or lock out themself by a misclick.
  const locked = self || update.isPending;

  return (
    <li
      data-testid="user-row"
      data-username={user.username}
      className={`${COLUMNS} items-start px-4 py-3`}
    >
      <div className="min-w-0">
        <p className="font-medium break-all">
          {user.username}
          {self && <span className="ml-1 text-xs text-slate-500">(you)</span>}
        </p>
        <p className="text-xs text-slate-500">Created {formatDateTime(user.created_at)}</p>
      </div>
      <div>
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.username}
        </label>
        <select
          id={`role-${user.id}`}
          className="field"
          value={user.role}
          disabled={locked}
          onChange={(event) => update.mutate({ role: event.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {labelOf(role)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap gap-1 sm:pt-2">
        <Badge value={user.disabled ? 'disabled' : 'active'} testId="user-state" />
        {user.must_change_password && <Badge value="must_change_password" />}
      </div>
      <div className="sm:text-right">
        {!self && (
          <button
            type="button"
            className={user.disabled ? 'btn-secondary' : 'btn-danger'}
            disabled={locked}
            onClick={() => update.mutate({ disabled: !user.disabled })}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        )}
        {problem && (
          <p role="alert" data-testid="user-row-error" className="mt-1 text-xs text-red-700">
            {problem}
          </p>
        )}
      </div>
    </li>
  );
}

/** Accounts (ceo only): create, change role, disable and enable. */
export function UsersPage() {
  const me = useAuthStore((state) => state.user);
  const users = useQuery(userQueries.list());
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Who may sign in to this dashboard, and with which role"
        actions={
          <button type="button" className="btn-primary" onClick={() => setCreating(true)}>
            New user
          </button>
        }
      />
      <QueryState query={users}>
        {(page) => (
          <div className="card p-0">
            <div
              className={`${COLUMNS} hidden border-b border-slate-200 px-4 py-2 text-xs font-medium text-slate-500 uppercase sm:grid`}
              aria-hidden="true"
            >
              <span>User</span>
              <span>Role</span>
              <span>State</span>
              <span className="text-right">Access</span>
            </div>
            <ul className="divide-y divide-slate-100" data-testid="user-table" aria-label="Users">
              {page.items.map((user) => (
                <UserRow key={user.id} user={user} self={user.id === me?.id} />
              ))}
            </ul>
          </div>
        )}
      </QueryState>
      {creating && <UserCreateDialog onClose={() => setCreating(false)} />}
    </>
  );
}
