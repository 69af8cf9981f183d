import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App.tsx';
import { useAuthStore } from './auth/auth-store.ts';
import { connectApiToAuth } from './auth/session.ts';
import './index.css';

connectApiToAuth(useAuthStore);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
