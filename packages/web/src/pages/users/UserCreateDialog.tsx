import { ROLES, type Role, USERNAME_MAX_LENGTH } from '@synthorg/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { errorText } from '../../api/error-messages.ts';
import { FormError, TextField } from '../../auth/AuthCard.tsx';
import { usePasswordRule } from '../../auth/password-rule.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { userApi } from './user-api.ts';

/** A new account; it must change the password given here at its first sign-in. */
export function UserCreateDialog(props: { onClose(): void }) {
  const queryClient = useQueryClient();
  const rule = usePasswordRule();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('observer');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => userApi.create({ username: username.trim(), password, role }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      props.onClose();
    },
    onError: (error) => setProblem(errorText(error)),
  });

  function submit() {
    if (!username.trim()) return setProblem('Enter a username.');
    if (username.trim().length > USERNAME_MAX_LENGTH) {
      return setProblem(`A username has at most ${USERNAME_MAX_LENGTH} characters.`);
    }
    if (password.length < rule.min || password.length > rule.max) {
      return setProblem(`The password needs at least ${rule.min} characters.`);
    }
    setProblem(null);
    create.mutate();
  }

  return (
    <Dialog title="New user" onClose={props.onClose} testId="user-create-dialog">
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField
          id="user-username"
          label="Username"
          value={username}
          onChange={setUsername}
          autoComplete="off"
        />
        <div>
          <TextField
            id="user-password"
            label="Initial password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
          />
          <p className="mt-1 text-xs text-slate-500" data-testid="password-rule">
            {rule.text} The user must change it at the first sign-in.
          </p>
        </div>
        <SelectField
          id="user-role"
          label="Role"
          value={role}
          options={ROLES}
          onChange={(value) => setRole(value as Role)}
        />
        <FormError id="user-create-error" message={problem} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create user'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
