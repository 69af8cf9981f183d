import { AppError } from '../http/app-error.ts';

/**
 * What the work domain needs to know about agents. The organization domain owns agents and
 * provides this; tasks, budgets and analytics only ask whether a name exists, what it is
 * spelled as, whether the agent still works here and how many there are.
 */
export interface AgentDirectory {
  has(agentName: string): Promise<boolean>;
  /** By id or (case-insensitive) name; terminated agents included. */
  find(idOrName: string): Promise<{ name: string; status: string } | undefined>;
  count(): Promise<number>;
}

/**
 * Refuses the first name that is not a known agent with `UNKNOWN_AGENT`, before the caller
 * stores or publishes anything. Without a directory every name passes (unit wiring).
 *
 * @example
 * await assertKnownAgents(agents, project.team, 'team member');
 */
export async function assertKnownAgents(
  directory: AgentDirectory | undefined,
  names: Iterable<string>,
  what = 'Agent',
): Promise<void> {
  if (!directory) return;
  for (const name of new Set(names)) {
    if (!(await directory.has(name))) {
      throw new AppError('UNKNOWN_AGENT', `${what} '${name}' is not an agent of the company`);
    }
  }
}

/**
 * The agents' canonical names (as stored in the company), in order and without repeats once
 * canonical: `Mina`, `mina` and Mina's id are one member. The first unknown name is
 * `UNKNOWN_AGENT`. Without a directory the names are only de-duplicated as given.
 */
export async function canonicalAgentNames(
  directory: AgentDirectory | undefined,
  names: Iterable<string>,
  what = 'Agent',
): Promise<string[]> {
  const canonical: string[] = [];
  for (const name of names) {
    const agent = directory ? await directory.find(name) : { name };
    if (!agent)
      throw new AppError('UNKNOWN_AGENT', `${what} '${name}' is not an agent of the company`);
    canonical.push(agent.name);
  }
  return [...new Set(canonical)];
}

/**
 * The canonical name of an agent that can be given work: `UNKNOWN_AGENT` for no agent,
 * `AGENT_TERMINATED` for one no longer in the company. Without a directory the name is
 * returned as given (unit wiring).
 */
export async function workingAgentName(
  directory: AgentDirectory | undefined,
  name: string,
  what = 'Agent',
): Promise<string> {
  if (!directory) return name;
  const agent = await directory.find(name);
  if (!agent) throw new AppError('UNKNOWN_AGENT', `${what} '${name}' not found`);
  if (agent.status === 'terminated') {
    throw new AppError(
      'AGENT_TERMINATED',
      `${what} '${agent.name}' was terminated and cannot be given work`,
    );
  }
  return agent.name;
}
