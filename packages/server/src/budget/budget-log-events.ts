/** Log event names of the budget domain. */
export const BUDGET_LOG = {
  recordAdded: 'work.budget.record_added',
  alert: 'work.budget.alert_raised',
  configUpdated: 'work.budget.config_updated',
} as const;
