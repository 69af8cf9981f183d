import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import './index.css';

function App() {
  return <h1 className="p-6 text-2xl font-semibold">SynthOrg</h1>;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
