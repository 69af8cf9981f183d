import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { errorText } from '../api/error-messages.ts';
import { AuthCard, FormError, TextField } from './AuthCard.tsx';
import { authApi } from './auth-api.ts';
import { useAuthStore } from './auth-store.ts';
import { usePasswordRule } from './password-rule.ts';

function localProblem(current: string, next: string, confirm: string, min: number): string | null {
  if (!current) return 'Enter your current password.';
  if (next.length < min) {
    return `The new password needs at least ${min} characters.`;
  }
  if (next !== confirm) return 'The new passwords do not match.';
  return null;
}

/**
 * Password change, forced when the account must change it. A wrong current password stays a
 * form error (it does not sign the user out).
 */
export function ChangePasswordPage() {
  const navigate = useNavigate();
  const rule = usePasswordRule();
  const user = useAuthStore((state) => state.user);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!user) return <Navigate to="/login" replace />;
  const username = user.username;

  async function submit() {
    const problem = localProblem(current, next, confirm, rule.min);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const { token, expires_in, ...user } = await authApi.changePassword({
        current_password: current,
        new_password: next,
      });
      // The change revoked every older token, ours included; the answer carries the new one.
      useAuthStore.getState().signIn(token, expires_in, user);
      navigate('/', { replace: true });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Change password"
      subtitle={
        user.must_change_password
          ? 'You must choose a new password to continue'
          : `Signed in as ${username}`
      }
      onSubmit={() => void submit()}
    >
      <TextField
        id="current-password"
        label="Current password"
        type="password"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
      />
      <TextField
        id="new-password"
        label="New password"
        type="password"
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        placeholder={rule.hint}
      />
      <TextField
        id="confirm-password"
        label="Confirm new password"
        type="password"
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
        errorId="password-error"
      />
      <FormError id="password-error" message={error} />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? 'Saving…' : 'Change password'}
      </button>
    </AuthCard>
  );
}
