import type { Agent } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Badge, labelOf } from '../../components/Badge.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, QueryState } from '../../components/QueryState.tsx';

import { agentQueries } from './agent-api.ts';

function AgentCard(props: { agent: Agent }) {
  const { agent } = props;
  return (
    <Link
      to={`/agents/${encodeURIComponent(agent.name)}`}
      data-testid="agent-card"
      className="card block hover:border-indigo-300"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-semibold">{agent.name}</p>
          <p className="truncate text-sm text-slate-500">{agent.role}</p>
        </div>
        {agent.status && <Badge value={agent.status} />}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-1 text-xs">
        <dt className="text-slate-500">Department</dt>
        <dd>{labelOf(agent.department)}</dd>
        <dt className="text-slate-500">Level</dt>
        <dd>{agent.level ? labelOf(agent.level) : '—'}</dd>
        <dt className="text-slate-500">Model</dt>
        <dd className="truncate">{agent.model?.model_id ?? '—'}</dd>
      </dl>
    </Link>
  );
}

export function AgentsPage() {
  const agents = useQuery(agentQueries.list());
  return (
    <>
      <PageHeader
        title="Agents"
        subtitle={
          agents.data
            ? `${agents.data.total} agents in the organization`
            : 'The people of the company'
        }
      />
      <QueryState
        query={agents}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyBlock title="No agents yet" hint="Load a company template to hire a team." />}
      >
        {(page) => (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
            {page.items.map((agent) => (
              <AgentCard key={agent.name} agent={agent} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
