import { useQuery } from '@tanstack/react-query';

import { Badge } from '../../components/Badge.tsx';
import { formatUsd } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorBlock, LoadingBlock, QueryState } from '../../components/QueryState.tsx';
import { useActivityStore } from '../../realtime/activity-store.ts';
import { SpendOverTime, SpendPerAgent } from './BudgetCharts.tsx';
import { budgetQueries, spendByDay } from './budget-api.ts';

function Stat(props: { label: string; value: string; testId?: string }) {
  return (
    <div className="card">
      <p className="text-xs tracking-wide text-slate-500 uppercase">{props.label}</p>
      <p className="mt-1 text-xl font-semibold" data-testid={props.testId}>
        {props.value}
      </p>
    </div>
  );
}

function AlertHistory() {
  const alerts = useActivityStore((state) => state.events).filter(
    (event) => event.event_type === 'budget.alert',
  );
  if (alerts.length === 0) return null;
  return (
    <ul className="card space-y-1 text-sm" data-testid="budget-alerts">
      {alerts.map((alert) => (
        <li key={alert.id}>
          <Badge value={String(alert.payload.level)} />{' '}
          {Number(alert.payload.used_percent).toFixed(1)} % used ·{' '}
          {alert.timestamp.slice(0, 16).replace('T', ' ')}
        </li>
      ))}
    </ul>
  );
}

/** Spend this period against the monthly budget, over time and per agent, with alert levels. */
export function BudgetPage() {
  const summary = useQuery(budgetQueries.summary);
  const records = useQuery(budgetQueries.records);
  const config = useQuery(budgetQueries.config);

  return (
    <>
      <PageHeader title="Budget" subtitle="Spending and cost allocation" />
      <QueryState query={summary}>
        {(data) => (
          <section className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
            <Stat
              label="Spent this period"
              value={formatUsd(data.total_cost_usd)}
              testId="budget-spent"
            />
            <Stat label="Monthly budget" value={formatUsd(data.budget_total_monthly)} />
            <Stat label="Used" value={`${data.budget_used_percent.toFixed(1)} %`} />
            <div className="card">
              <p className="text-xs tracking-wide text-slate-500 uppercase">Alert level</p>
              <div className="mt-2">
                <Badge value={data.alert_level} testId="budget-alert-level" />
              </div>
              {config.data && (
                <p className="mt-2 text-xs text-slate-500">
                  Warn {config.data.alerts.warn_at}% · critical {config.data.alerts.critical_at}% ·
                  stop {config.data.alerts.hard_stop_at}%
                </p>
              )}
            </div>
          </section>
        )}
      </QueryState>
      <div className="grid gap-6 xl:grid-cols-2">
        <section className="card">
          <h2 className="mb-2 font-semibold">Spend over time</h2>
          {records.isError ? (
            <ErrorBlock error={records.error} onRetry={() => void records.refetch()} />
          ) : records.data ? (
            <SpendOverTime points={spendByDay(records.data.items)} />
          ) : (
            <LoadingBlock />
          )}
        </section>
        <section className="card">
          <h2 className="mb-2 font-semibold">Spend per agent</h2>
          {summary.data ? <SpendPerAgent rows={summary.data.by_agent} /> : <LoadingBlock />}
        </section>
      </div>
      <div className="mt-6">
        <AlertHistory />
      </div>
    </>
  );
}
