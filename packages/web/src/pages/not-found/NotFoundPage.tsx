import { Link, useLocation } from 'react-router';

import { PageHeader } from '../../components/PageHeader.tsx';

/** Any dashboard URL no page answers: say so instead of showing another page. */
export function NotFoundPage() {
  const location = useLocation();
  return (
    <div data-testid="not-found">
      <PageHeader title="Page not found" />
      <div className="card space-y-3 p-4 text-sm">
        <p>
          There is no page at <code className="break-all">{location.pathname}</code>.
        </p>
        <Link className="text-indigo-600 hover:underline" to="/">
          Go to the overview
        </Link>
      </div>
    </div>
  );
}
