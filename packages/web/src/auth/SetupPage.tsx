import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../api/api-error.ts';
import { errorText } from '../api/error-messages.ts';
import { AuthCard, FormError, TextField } from './AuthCard.tsx';
import { authApi } from './auth-api.ts';
import { useAuthStore } from './auth-store.ts';
import { usePasswordRule } from './password-rule.ts';
import { completeSignIn } from './session.ts';

function localProblem(
  username: string,
  password: string,
  confirm: string,
  min: number,
): string | null {
  if (!username.trim()) return 'Enter a username.';
  if (password.length < min) {
    return `The password needs at least ${min} characters.`;
  }
  if (password !== confirm) return 'The passwords do not match.';
  return null;
}

/** First run: creates the admin (CEO) account and signs it in. */
export function SetupPage() {
  const navigate = useNavigate();
  const rule = usePasswordRule();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [alreadyDone, setAlreadyDone] = useState(false);

  async function submit() {
    const problem = localProblem(username, password, confirm, rule.min);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await completeSignIn(
        useAuthStore,
        await authApi.setup({ username: username.trim(), password }),
      );
      navigate('/', { replace: true });
    } catch (failure) {
      setAlreadyDone(isApiError(failure, 'SETUP_ALREADY_DONE'));
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Welcome to SynthOrg"
      subtitle="Create the first admin (CEO) account"
      onSubmit={() => void submit()}
      footer={
        <Link className="text-indigo-600 hover:underline" to="/login">
          {alreadyDone ? 'Go to sign in' : 'Already set up? Sign in'}
        </Link>
      }
    >
      <TextField
        id="username"
        label="Username"
        value={username}
        onChange={setUsername}
        autoComplete="username"
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        placeholder={rule.hint}
        errorId="setup-error"
      />
      <TextField
        id="confirm"
        label="Confirm password"
        type="password"
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
        errorId="setup-error"
      />
      <FormError id="setup-error" message={error} />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? 'Creating…' : 'Create admin account'}
      </button>
    </AuthCard>
  );
}
