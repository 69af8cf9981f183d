import { SYNTHORG_VERSION } from '@synthorg/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';

import { authApi } from '../auth/auth-api.ts';
import { useAuthStore } from '../auth/auth-store.ts';
import { labelOf } from '../components/Badge.tsx';
import { useActivityStore } from '../realtime/activity-store.ts';
import { ConnectionBanner } from '../realtime/ConnectionBanner.tsx';
import { ConnectionIndicator } from '../realtime/ConnectionIndicator.tsx';
import { RealtimeProvider, stopRealtime } from '../realtime/RealtimeProvider.tsx';
import { navItemsFor } from './nav-items.ts';

function useLogout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async () => {
    // Close our own socket first; the server then closes the login's other sockets (4011).
    stopRealtime();
    await authApi.logout().catch(() => undefined);
    useAuthStore.getState().signOut('logout');
    useActivityStore.getState().clear();
    queryClient.clear();
    navigate('/login', { replace: true });
  };
}

function Sidebar(props: { open: boolean; onNavigate(): void }) {
  const role = useAuthStore((state) => state.user?.role);
  return (
    <nav
      aria-label="Main"
      className={`${props.open ? 'block' : 'hidden'} border-b border-slate-800 bg-slate-900 md:block md:w-56 md:shrink-0 md:border-b-0`}
    >
      <ul className="grid grid-cols-2 gap-1 p-2 sm:grid-cols-3 md:grid-cols-1">
        {navItemsFor(role).map((item) => (
          <li key={item.path}>
            <NavLink
              to={item.path}
              end={item.path === '/'}
              onClick={props.onNavigate}
              className={({ isActive }) =>
                `block rounded-md px-3 py-2 text-sm ${isActive ? 'bg-indigo-600 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The signed-in frame: one layout route owns navigation, the live connection and its banner. */
export function AppShell() {
  const user = useAuthStore((state) => state.user);
  const logout = useLogout();
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <RealtimeProvider>
      <div className="flex min-h-screen flex-col md:flex-row">
        <div className="md:flex md:min-h-screen md:flex-col md:bg-slate-900">
          <div className="flex items-center justify-between bg-slate-900 px-4 py-3">
            <span className="flex items-center gap-2 font-semibold text-white">
              <span className="flex h-7 w-7 items-center justify-center rounded bg-indigo-500 text-sm">
                S
              </span>
              SynthOrg
            </span>
            <button
              type="button"
              className="rounded p-1 text-slate-300 md:hidden"
              aria-label="Toggle navigation"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(!menuOpen)}
            >
              ☰
            </button>
          </div>
          <Sidebar open={menuOpen} onNavigate={() => setMenuOpen(false)} />
          <p className="hidden px-4 py-3 text-xs text-slate-500 md:mt-auto md:block">
            v{SYNTHORG_VERSION}
          </p>
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex flex-wrap items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2">
            <ConnectionIndicator />
            <span className="text-sm text-slate-600" data-testid="current-user">
              {user?.username} <span className="text-slate-400">({labelOf(user?.role ?? '')})</span>
            </span>
            <button
              type="button"
              className="btn-secondary"
              data-testid="logout"
              onClick={() => void logout()}
            >
              Sign out
            </button>
          </header>
          <ConnectionBanner />
          <main className="min-w-0 flex-1 p-4 md:p-6">
            <Outlet />
          </main>
        </div>
      </div>
    </RealtimeProvider>
  );
}
