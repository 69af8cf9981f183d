import { createBrowserRouter } from 'react-router';

import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { SetupPage } from './auth/SetupPage.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { AgentDetailPage } from './pages/agents/AgentDetailPage.tsx';
import { AgentsPage } from './pages/agents/AgentsPage.tsx';
import { OrgChartPage } from './pages/agents/OrgChartPage.tsx';
import { ApprovalsPage } from './pages/approvals/ApprovalsPage.tsx';
import { MeetingsPage } from './pages/meetings/MeetingsPage.tsx';
import { MessagesPage } from './pages/messages/MessagesPage.tsx';
import { RequireRole } from './pages/not-allowed/RequireRole.tsx';
import { NotFoundPage } from './pages/not-found/NotFoundPage.tsx';
import { OverviewPage } from './pages/overview/OverviewPage.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';
import { TaskBoardPage } from './pages/tasks/TaskBoardPage.tsx';
import { UsersPage } from './pages/users/UsersPage.tsx';

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
        { path: 'tasks', element: <TaskBoardPage /> },
        { path: 'approvals', element: <ApprovalsPage /> },
        { path: 'org', element: <OrgChartPage /> },
        { path: 'agents', element: <AgentsPage /> },
        { path: 'agents/:name', element: <AgentDetailPage /> },
        {
          path: 'budget',
          // Charts are the heaviest dependency; only the budget page loads them.
          lazy: () =>
            import('./pages/budget/BudgetPage.tsx').then((module) => ({
              Component: module.BudgetPage,
            })),
        },
        { path: 'messages', element: <MessagesPage /> },
        { path: 'meetings', element: <MeetingsPage /> },
        {
          path: 'users',
          element: (
            <RequireRole roles={['ceo']}>
              <UsersPage />
            </RequireRole>
          ),
        },
        { path: 'settings', element: <SettingsPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
