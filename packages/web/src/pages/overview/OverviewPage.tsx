import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { labelOf } from '../../components/Badge.tsx';
import { formatUsd } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorBlock } from '../../components/QueryState.tsx';
import { ActivityFeed } from './ActivityFeed.tsx';
import { overviewQueries } from './overview-api.ts';

function MetricCard(props: { title: string; value: string; to: string; testId: string }) {
  return (
    <Link to={props.to} className="card block hover:border-indigo-300" data-testid={props.testId}>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.title}</p>
      <p className="mt-2 text-2xl font-semibold">{props.value}</p>
    </Link>
  );
}

export function OverviewPage() {
  const metrics = useQuery(overviewQueries.metrics);
  const value = (n: number | undefined, format: (n: number) => string = String) => {
    if (n !== undefined) return format(n);
    return metrics.isError ? '—' : '…';
  };

  return (
    <>
      <PageHeader title="Overview" subtitle="Your synthetic organization at a glance" />
      {metrics.isError && (
        <ErrorBlock error={metrics.error} onRetry={() => void metrics.refetch()} />
      )}
      <section className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <MetricCard
          title="Tasks"
          value={value(metrics.data?.total_tasks)}
          to="/tasks"
          testId="metric-tasks"
        />
        <MetricCard
          title="Agents"
          value={value(metrics.data?.total_agents)}
          to="/agents"
          testId="metric-agents"
        />
        <MetricCard
          title="Spend"
          value={value(metrics.data?.total_cost_usd, formatUsd)}
          to="/budget"
          testId="metric-spend"
        />
        <MetricCard
          title="Pending approvals"
          value={value(metrics.data?.pending_approvals)}
          to="/approvals"
          testId="metric-approvals"
        />
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2">
          <h2 className="mb-2 font-semibold">Live activity</h2>
          <ActivityFeed />
        </section>
        <section className="card">
          <h2 className="mb-2 font-semibold">Tasks by status</h2>
          {metrics.data ? (
            <dl className="space-y-1 text-sm">
              {Object.entries(metrics.data.tasks_by_status).map(([status, count]) => (
                <div key={status} className="flex justify-between">
                  <dt className="text-slate-600">{labelOf(status)}</dt>
                  <dd className="font-medium">{count}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-slate-500">
              {metrics.isError ? 'Not available.' : 'Loading…'}
            </p>
          )}
        </section>
      </div>
    </>
  );
}
