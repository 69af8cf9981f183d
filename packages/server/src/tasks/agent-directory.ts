import { AppError } from '../http/app-error.ts';

/**
 * What the work domain needs to know about agents. The organization domain owns agents and
 * provides this; tasks, budgets and analytics only ask whether a name exists and how many
 * there are.
 */
export interface AgentDirectory {
  has(agentName: string): Promise<boolean>;
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
