import { useQuery } from '@tanstack/react-query';

import { agentQueries } from '../agents/agent-api.ts';

/**
 * Picks an agent by name: a list when the agents endpoint answers, free text (with the
 * known names as suggestions) otherwise, so a missing endpoint never blocks the form.
 */
export function AgentPicker(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  const agents = useQuery(agentQueries.list());
  const names = agents.data?.items.map((agent) => agent.name) ?? [];
  return (
    <div>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      {names.length > 0 ? (
        <select
          id={props.id}
          className="field"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        >
          <option value="">Unassigned</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={props.id}
          className="field"
          value={props.value}
          placeholder="Agent name"
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </div>
  );
}
