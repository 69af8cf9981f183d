import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { errorText } from '../api/error-messages.ts';

export function LoadingBlock(props: { label?: string }) {
  return (
    <div data-testid="loading" className="animate-pulse space-y-3 py-2" aria-busy="true">
      <span className="sr-only">{props.label ?? 'Loading'}</span>
      <div className="h-4 w-2/3 rounded bg-slate-200" />
      <div className="h-4 w-1/2 rounded bg-slate-200" />
      <div className="h-4 w-3/5 rounded bg-slate-200" />
    </div>
  );
}

export function ErrorBlock(props: { error: unknown; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      data-testid="error-state"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
    >
      <span>{errorText(props.error)}</span>
      {props.onRetry && (
        <button type="button" className="btn-secondary" onClick={props.onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyBlock(props: { title: string; hint?: string }) {
  return (
    <div
      data-testid="empty-state"
      className="rounded-lg border border-dashed border-slate-300 p-8 text-center"
    >
      <p className="font-medium text-slate-700">{props.title}</p>
      {props.hint && <p className="mt-1 text-sm text-slate-500">{props.hint}</p>}
    </div>
  );
}

/**
 * Loading, error (from `error_code`, with retry) and empty states around a query's data.
 * Keeps showing data it already has while a refetch runs.
 */
export function QueryState<T>(props: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.data === undefined) {
    if (query.isError)
      return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
    return <LoadingBlock />;
  }
  if (props.isEmpty?.(query.data)) return <>{props.empty}</>;
  return <>{props.children(query.data)}</>;
}
