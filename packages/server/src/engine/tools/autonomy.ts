import type { AutonomyLevel, RiskLevel } from '@synthorg/shared';

/** Actions a level runs without asking; anything else needs a human's approval. */
const AUTO_APPROVED: Record<AutonomyLevel, (action: string) => boolean> = {
  full: () => true,
  semi: (action) => !/^(deploy|org|budget):|^comms:external$/.test(action),
  supervised: (action) => ['code:read', 'vcs:read', 'test:run', 'db:query'].includes(action),
  locked: () => false,
};

const RISK: Record<string, RiskLevel> = {
  'deploy:production': 'critical',
  'db:admin': 'critical',
  'org:fire': 'critical',
  'deploy:staging': 'high',
  'db:mutate': 'high',
  'code:delete': 'high',
  'vcs:push': 'high',
  'comms:external': 'high',
  'budget:exceed': 'high',
  'code:create': 'medium',
  'code:write': 'medium',
  'code:refactor': 'medium',
  'vcs:commit': 'medium',
  'arch:decide': 'medium',
  'org:hire': 'medium',
  'org:promote': 'medium',
  'budget:spend': 'medium',
};

const LOW_RISK = /^(code:read|vcs:read|vcs:branch|test:|docs:|comms:internal|db:query)/;

/** Risk of an action; unknown actions are treated as high, failing closed. */
export function riskOf(action: string): RiskLevel {
  return RISK[action] ?? (LOW_RISK.test(action) ? 'low' : 'high');
}

/** Whether an agent at `level` must wait for a human before running `action`. */
export function needsApproval(level: AutonomyLevel, action: string): boolean {
  return !AUTO_APPROVED[level](action);
}
