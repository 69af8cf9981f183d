import type { AutonomyLevel } from '@synthorg/shared';

import type { ToolPermissions } from './tools/tool-permissions.ts';

/**
 * What the runtime needs to know about an agent. The organization domain owns agents; an
 * adapter in the composition root maps them to this shape.
 */
export interface AgentProfile {
  /** Agents are referenced by name (`tasks.assigned_to`). */
  name: string;
  role: string;
  department: string;
  level: string;
  status: string;
  skills: { primary: string[]; secondary: string[] };
  personality: {
    description?: string;
    communication_style?: string;
    traits?: string[];
    risk_tolerance?: string;
    creativity?: string;
    decision_making?: string;
    collaboration?: string;
    verbosity?: string;
    conflict_approach?: string;
  };
  authority: {
    can_approve: string[];
    reports_to: string | null;
    can_delegate_to: string[];
    budget_limit: number;
  };
  autonomy: AutonomyLevel;
  tools: ToolPermissions;
  model: { provider: string; model_id: string; temperature: number; max_tokens: number };
}

export interface CompanyProfile {
  name: string;
  departments: string[];
}

/** The task fields the prompt and the budget check use. */
export interface TaskBrief {
  id: string;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  budgetLimit: number;
  deadline: string | null;
}
