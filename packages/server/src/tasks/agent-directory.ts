/**
 * What the work domain needs to know about agents. The organization domain owns agents and
 * provides this; tasks, budgets and analytics only ask whether a name exists and how many
 * there are.
 */
export interface AgentDirectory {
  has(agentName: string): Promise<boolean>;
  count(): Promise<number>;
}
