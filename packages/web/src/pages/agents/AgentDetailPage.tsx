import type { AgentSpending, Task } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

import { apiList, apiRequest } from '../../api/api-client.ts';
import { Badge, labelOf } from '../../components/Badge.tsx';
import { formatRelative, formatUsd } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorBlock, LoadingBlock, QueryState } from '../../components/QueryState.tsx';
import { useActivityStore } from '../../realtime/activity-store.ts';
import { describeEvent } from '../overview/ActivityFeed.tsx';
import { agentQueries } from './agent-api.ts';

function useAgentWork(name: string) {
  const tasks = useQuery({
    queryKey: ['tasks', 'list', { assigned_to: name }],
    queryFn: () => apiList<Task>('/tasks', { assigned_to: name }),
  });
  const spending = useQuery({
    queryKey: ['agent-spending', name],
    queryFn: () => apiRequest<AgentSpending>('GET', `/budget/agents/${encodeURIComponent(name)}`),
  });
  return { tasks, spending };
}

function AgentActivity(props: { name: string }) {
  const events = useActivityStore((state) => state.events).filter((event) =>
    Object.values(event.payload).includes(props.name),
  );
  if (events.length === 0)
    return <p className="text-sm text-slate-500">No activity since this page was opened.</p>;
  return (
    <ol className="space-y-1 text-sm">
      {events.slice(0, 15).map((event) => (
        <li key={`${event.channel}-${event.id}`} className="flex justify-between gap-2">
          <span className="truncate">
            <span className="font-mono text-xs text-slate-500">{event.event_type}</span>{' '}
            {describeEvent(event)}
          </span>
          <span className="shrink-0 text-xs text-slate-400">{formatRelative(event.timestamp)}</span>
        </li>
      ))}
    </ol>
  );
}

/** One agent: status, current task, spend, and what it did while the page is open. */
export function AgentDetailPage() {
  const name = useParams().name ?? '';
  const agent = useQuery(agentQueries.detail(name));
  const { tasks, spending } = useAgentWork(name);
  const current =
    tasks.data?.items.find((task) => task.status === 'in_progress') ?? tasks.data?.items[0];

  return (
    <>
      <Link to="/agents" className="text-sm text-indigo-600 hover:underline">
        ← All agents
      </Link>
      <PageHeader
        title={name}
        subtitle={agent.data ? `${agent.data.role} · ${labelOf(agent.data.department)}` : undefined}
      />
      <QueryState query={agent}>
        {(data) => (
          <div className="grid gap-4 lg:grid-cols-3">
            <section className="card space-y-2 text-sm">
              <h2 className="font-semibold">Status</h2>
              <Badge value={data.status ?? 'unknown'} testId="agent-status" />
              <p>Level: {data.level ? labelOf(data.level) : '—'}</p>
              <p>Model: {data.model?.model_id ?? '—'}</p>
              <p>
                Autonomy: {data.autonomy_level ? labelOf(data.autonomy_level) : 'Company default'}
              </p>
            </section>
            <section className="card space-y-2 text-sm">
              <h2 className="font-semibold">Current task</h2>
              {tasks.isError && <ErrorBlock error={tasks.error} />}
              {tasks.isPending && <LoadingBlock />}
              {tasks.data &&
                (current ? (
                  <p>
                    <Badge value={current.status} /> {current.title}
                  </p>
                ) : (
                  <p className="text-slate-500">No assigned tasks.</p>
                ))}
              <h2 className="pt-2 font-semibold">Spend</h2>
              {spending.isError ? (
                <p className="text-slate-500">Not available.</p>
              ) : (
                <p data-testid="agent-spend">
                  {formatUsd(spending.data?.total_cost_usd)} total ·{' '}
                  {formatUsd(spending.data?.daily_cost_usd)} today
                </p>
              )}
            </section>
            <section className="card lg:row-span-2">
              <h2 className="mb-2 font-semibold">Recent activity</h2>
              <AgentActivity name={name} />
            </section>
          </div>
        )}
      </QueryState>
    </>
  );
}
