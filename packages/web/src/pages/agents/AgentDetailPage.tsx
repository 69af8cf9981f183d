import type { AgentSpending, Task, WsEvent } from '@synthorg/shared';
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

/** Statuses of work not finished yet. */
const OPEN_STATUSES = new Set(['assigned', 'in_progress', 'in_review', 'blocked']);

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

/** A line for one event on this agent's page: a run step says what the agent did. */
function stepText(event: WsEvent): string {
  const { kind, summary, turn } = event.payload;
  if (event.event_type === 'agent.activity' && typeof summary === 'string') {
    return `turn ${String(turn)} · ${String(kind).replace(/_/g, ' ')}: ${summary}`;
  }
  return describeEvent(event);
}

function LiveSteps(props: { name: string }) {
  const events = useActivityStore((state) => state.events).filter(
    (event) =>
      event.payload.agent_id === props.name || Object.values(event.payload).includes(props.name),
  );
  if (events.length === 0)
    return <p className="text-sm text-slate-500">Nothing yet since this page was opened.</p>;
  return (
    <ol className="space-y-1 text-sm" data-testid="agent-live-steps" aria-live="polite">
      {events.slice(0, 15).map((event) => (
        <li key={`${event.channel}-${event.epoch}-${event.id}`} className="flex gap-2">
          <span className="min-w-0 flex-1 break-words">
            <span className="font-mono text-xs text-slate-500">{event.event_type}</span>{' '}
            {stepText(event)}
          </span>
          <span className="shrink-0 text-xs text-slate-400">{formatRelative(event.timestamp)}</span>
        </li>
      ))}
    </ol>
  );
}

function RecentRuns(props: { name: string; titles: Map<string, string> }) {
  const runs = useQuery(agentQueries.runs(props.name));
  return (
    <QueryState
      query={runs}
      isEmpty={(page) => page.items.length === 0}
      empty={<p className="text-sm text-slate-500">No runs yet.</p>}
    >
      {(page) => (
        <ol className="divide-y divide-slate-100 text-sm" data-testid="agent-runs">
          {page.items.map((run) => (
            <li
              key={run.id}
              data-testid="agent-run"
              data-run-id={run.id}
              data-status={run.status}
              className="space-y-1 py-2"
            >
              <p className="flex flex-wrap items-center gap-2">
                <Badge value={run.status} />
                <span className="min-w-0 flex-1 truncate font-medium">
                  {props.titles.get(run.task_id) ?? run.task_id}
                </span>
                <span className="text-xs text-slate-400">{formatRelative(run.started_at)}</span>
              </p>
              <p className="text-xs text-slate-500">
                attempt {run.attempt} · {run.turn_count} turns · {run.llm_calls} LLM calls ·{' '}
                {formatUsd(run.cost_usd)}
                {run.termination_reason && ` · ${labelOf(run.termination_reason)}`}
              </p>
            </li>
          ))}
        </ol>
      )}
    </QueryState>
  );
}

/**
 * One agent: status, current task, spend, its latest runs (over REST, refetched on events) and
 * the steps published while the page is open.
 */
export function AgentDetailPage() {
  const name = useParams().name ?? '';
  const agent = useQuery(agentQueries.detail(name));
  const { tasks, spending } = useAgentWork(name);
  // The task being worked on, else one still open; a finished one is only the "last task".
  const items = tasks.data?.items ?? [];
  const current =
    items.find((task) => task.status === 'in_progress') ??
    items.find((task) => OPEN_STATUSES.has(task.status));
  const last = current ? undefined : items.at(-1);
  const titles = new Map(tasks.data?.items.map((task) => [task.id, task.title]));

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
          <div className="grid gap-4 md:grid-cols-2">
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
              <h2 className="font-semibold">{last ? 'Last task' : 'Current task'}</h2>
              {tasks.isError && <ErrorBlock error={tasks.error} />}
              {tasks.isPending && <LoadingBlock />}
              {tasks.data &&
                (current || last ? (
                  <p data-testid="agent-task">
                    <Badge value={(current ?? last)?.status ?? ''} /> {(current ?? last)?.title}
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
            <section className="card md:col-span-2" data-testid="agent-activity">
              <h2 className="mb-3 font-semibold">Recent activity</h2>
              <div className="grid gap-6 md:grid-cols-2">
                <div className="min-w-0">
                  <h3 className="mb-1 text-sm font-medium text-slate-600">Runs</h3>
                  <RecentRuns name={name} titles={titles} />
                </div>
                <div className="min-w-0">
                  <h3 className="mb-1 text-sm font-medium text-slate-600">Live steps</h3>
                  <LiveSteps name={name} />
                </div>
              </div>
            </section>
          </div>
        )}
      </QueryState>
    </>
  );
}
