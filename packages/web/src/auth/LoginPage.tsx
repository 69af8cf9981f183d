import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { isApiError } from '../api/api-error.ts';
import { errorText } from '../api/error-messages.ts';
import { AuthCard, FormError, TextField } from './AuthCard.tsx';
import { authApi } from './auth-api.ts';
import { type SignOutReason, useAuthStore } from './auth-store.ts';
import { signInWith } from './session.ts';
import { useLockout } from './use-lockout.ts';

const SIGN_OUT_NOTES: Record<SignOutReason, string | null> = {
  logout: null,
  session_ended: 'Your session ended. Please sign in again.',
  login_revoked: 'You were signed out. Please sign in again.',
};

/** Only same-app paths are followed after login, never another origin. */
export function safeRedirect(value: string | null): string {
  const local = value?.startsWith('/') === true && !value.startsWith('//');
  return local && value ? value : '/';
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signOutReason = useAuthStore((state) => state.signOutReason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lockout = useLockout();
  const setupStatus = useQuery({
    queryKey: ['auth', 'setup-status'],
    queryFn: authApi.setupStatus,
    retry: false,
  });

  if (setupStatus.data?.setup_required) return <Navigate to="/setup" replace />;

  async function submit() {
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    try {
      await signInWith(useAuthStore, { username: username.trim(), password });
      navigate(safeRedirect(params.get('redirect')), { replace: true });
    } catch (failure) {
      if (isApiError(failure, 'LOGIN_LOCKED')) lockout.lockFor(failure.retryAfterSeconds ?? 60);
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const note = signOutReason ? SIGN_OUT_NOTES[signOutReason] : null;
  return (
    <AuthCard
      title="SynthOrg"
      subtitle="Sign in to your dashboard"
      onSubmit={() => void submit()}
      footer={
        // Setup required redirects above; setup done hides the link. Only when the server
        // could not say is it offered, so a first-time user is never stuck.
        setupStatus.isError && (
          <Link className="text-indigo-600 hover:underline" to="/setup">
            First time? Set up the admin account
          </Link>
        )
      }
    >
      {note && (
        <p
          data-testid="sign-out-note"
          className="rounded-md bg-amber-50 p-2 text-sm text-amber-800"
        >
          {note}
        </p>
      )}
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
        autoComplete="current-password"
        errorId="login-error"
      />
      <FormError id="login-error" message={error} />
      {lockout.locked && (
        <p data-testid="lockout" className="text-sm text-red-700">
          Sign-in is locked. Try again in {lockout.secondsLeft} s.
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={busy || lockout.locked}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </AuthCard>
  );
}
