import { createBrowserRouter, Navigate } from 'react-router';

import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { SetupPage } from './auth/SetupPage.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { OverviewPage } from './pages/overview/OverviewPage.tsx';

/** Every page has its own URL, so links and reloads land where they point. */
export function createRouter() {
  return createBrowserRouter([
    { path: '/setup', element: <SetupPage /> },
    { path: '/login', element: <LoginPage /> },
    {
      path: '/change-password',
      element: (
        <RequireAuth>
          <ChangePasswordPage />
        </RequireAuth>
      ),
    },
    {
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <OverviewPage /> },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ]);
}
