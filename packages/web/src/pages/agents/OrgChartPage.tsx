import type { Agent } from '@synthorg/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { labelOf } from '../../components/Badge.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/QueryState.tsx';

import { agentQueries } from './agent-api.ts';

interface DepartmentSummary {
  name: string;
  head?: string | null;
  budget_percent?: number;
}

function DepartmentCard(props: { department: DepartmentSummary; members: Agent[] }) {
  const { department, members } = props;
  return (
    <section className="card" data-testid="department">
      <header className="mb-3 flex items-baseline justify-between gap-2">
        <h2 className="font-semibold">{labelOf(department.name)}</h2>
        {department.budget_percent !== undefined && (
          <span className="text-xs text-slate-500">{department.budget_percent}% of budget</span>
        )}
      </header>
      <p className="mb-2 text-sm">
        <span className="text-slate-500">Head: </span>
        {department.head ? (
          <Link
            className="text-indigo-600 hover:underline"
            to={`/agents/${encodeURIComponent(department.head)}`}
          >
            {department.head}
          </Link>
        ) : (
          '—'
        )}
      </p>
      <ul className="space-y-1 text-sm">
        {members.map((agent) => (
          <li key={agent.name} className="flex justify-between gap-2">
            <Link
              className="truncate text-indigo-600 hover:underline"
              to={`/agents/${encodeURIComponent(agent.name)}`}
            >
              {agent.name}
            </Link>
            <span className="truncate text-slate-500">{agent.role}</span>
          </li>
        ))}
        {members.length === 0 && <li className="text-slate-400">No agents</li>}
      </ul>
    </section>
  );
}

/** Departments with their heads and members; agents in no listed department are shown too. */
export function OrgChartPage() {
  const departments = useQuery(agentQueries.departments());
  const agents = useQuery(agentQueries.list());
  const failed = departments.error ?? agents.error;
  const listed = departments.data?.items ?? [];
  const everyone = agents.data?.items ?? [];
  const known = new Set(listed.map((department) => department.name));
  const unplaced = everyone.filter((agent) => !known.has(agent.department));

  return (
    <>
      <PageHeader title="Org chart" subtitle="Departments, their heads and their people" />
      {failed && (
        <ErrorBlock
          error={failed}
          onRetry={() => void Promise.all([departments.refetch(), agents.refetch()])}
        />
      )}
      {!failed && (departments.isPending || agents.isPending) && <LoadingBlock />}
      {departments.data && agents.data && listed.length === 0 && everyone.length === 0 && (
        <EmptyBlock
          title="No organization yet"
          hint="Load a company template to create departments and agents."
        />
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {listed.map((department) => (
          <DepartmentCard
            key={department.name}
            department={department}
            members={everyone.filter((agent) => agent.department === department.name)}
          />
        ))}
        {unplaced.length > 0 && (
          <DepartmentCard department={{ name: 'unassigned' }} members={unplaced} />
        )}
      </div>
    </>
  );
}
