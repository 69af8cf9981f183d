/** Log event names of the organization domain (company, departments, agents, providers). */
export const ORG_EVENTS = {
  bootstrapStarted: 'org.bootstrap.started',
  bootstrapCompleted: 'org.bootstrap.completed',
  bootstrapSkipped: 'org.bootstrap.skipped',
  configWarning: 'org.config.warning',
  configApplied: 'org.config.applied',
  headUnresolved: 'org.department.head_unresolved',
  agentStatusChanged: 'org.agent.status_changed',
  autonomyChanged: 'org.agent.autonomy_changed',
  demoProviderAdded: 'org.provider.demo_added',
} as const;
