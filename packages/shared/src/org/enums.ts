/**
 * Enumerations of the organization domain, as `as const` arrays so they are values (for zod,
 * dropdowns and iteration) and types at once. Values and order follow the original system.
 */

/** Ordered from least to most senior; comparisons use the index. */
export const SENIORITY_LEVELS = [
  'junior',
  'mid',
  'senior',
  'lead',
  'principal',
  'director',
  'vp',
  'c_suite',
] as const;
export type SeniorityLevel = (typeof SENIORITY_LEVELS)[number];

/** Employment lifecycle of an agent (who is on the payroll). */
export const AGENT_STATUSES = ['active', 'onboarding', 'on_leave', 'terminated'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** What the runtime is doing with an agent right now; the engine updates it. */
export const AGENT_RUNTIME_STATUSES = [
  'idle',
  'working',
  'waiting_approval',
  'paused',
  'error',
] as const;
export type AgentRuntimeStatus = (typeof AGENT_RUNTIME_STATUSES)[number];

/** Ordered from least to most autonomous. */
export const AUTONOMY_LEVELS = ['locked', 'supervised', 'semi', 'full'] as const;
export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];

export const COMPANY_TYPES = [
  'solo_founder',
  'startup',
  'dev_shop',
  'product_team',
  'agency',
  'full_company',
  'research_lab',
  'custom',
] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

/** The departments the built-in roles belong to; config may also name its own. */
export const STANDARD_DEPARTMENTS = [
  'executive',
  'product',
  'design',
  'engineering',
  'quality_assurance',
  'data_analytics',
  'operations',
  'creative_marketing',
  'security',
] as const;
export type StandardDepartment = (typeof STANDARD_DEPARTMENTS)[number];

export const LOW_MEDIUM_HIGH = ['low', 'medium', 'high'] as const;
export type LowMediumHigh = (typeof LOW_MEDIUM_HIGH)[number];

export const DECISION_MAKING_STYLES = [
  'analytical',
  'intuitive',
  'consultative',
  'directive',
] as const;
export type DecisionMakingStyle = (typeof DECISION_MAKING_STYLES)[number];

/** Ordinal: adjacent values are half-compatible. */
export const COLLABORATION_PREFERENCES = ['independent', 'pair', 'team'] as const;
export type CollaborationPreference = (typeof COLLABORATION_PREFERENCES)[number];

export const COMMUNICATION_VERBOSITIES = ['terse', 'balanced', 'verbose'] as const;
export type CommunicationVerbosity = (typeof COMMUNICATION_VERBOSITIES)[number];

export const CONFLICT_APPROACHES = [
  'avoid',
  'accommodate',
  'compete',
  'compromise',
  'collaborate',
] as const;
export type ConflictApproach = (typeof CONFLICT_APPROACHES)[number];

export const MEMORY_LEVELS = ['persistent', 'project', 'session', 'none'] as const;
export type MemoryLevel = (typeof MEMORY_LEVELS)[number];

export const TOOL_ACCESS_LEVELS = [
  'sandboxed',
  'restricted',
  'standard',
  'elevated',
  'custom',
] as const;
export type ToolAccessLevel = (typeof TOOL_ACCESS_LEVELS)[number];

export const TASK_ASSIGNMENT_STRATEGIES = [
  'manual',
  'role_based',
  'load_balanced',
  'cost_optimized',
  'hierarchical',
  'auction',
] as const;
export type TaskAssignmentStrategy = (typeof TASK_ASSIGNMENT_STRATEGIES)[number];

/** Template variable types. */
export const TEMPLATE_VAR_TYPES = ['str', 'int', 'float', 'bool'] as const;
export type TemplateVarType = (typeof TEMPLATE_VAR_TYPES)[number];

/** The 20 personality presets templates may name (definitions live in the server). */
export const PERSONALITY_PRESET_NAMES = [
  'visionary_leader',
  'pragmatic_builder',
  'eager_learner',
  'methodical_analyst',
  'creative_innovator',
  'disciplined_executor',
  'team_diplomat',
  'independent_researcher',
  'quality_guardian',
  'empathetic_mentor',
  'strategic_planner',
  'rapid_prototyper',
  'security_sentinel',
  'communication_bridge',
  'data_driven_optimizer',
  'user_advocate',
  'process_optimizer',
  'growth_hacker',
  'technical_communicator',
  'systems_thinker',
] as const;
export type PersonalityPresetName = (typeof PERSONALITY_PRESET_NAMES)[number];

/** Rank of an autonomy level, for "at most" comparisons. */
export function autonomyRank(level: AutonomyLevel): number {
  return AUTONOMY_LEVELS.indexOf(level);
}

/** Rank of a seniority level, for "at least" comparisons. */
export function seniorityRank(level: SeniorityLevel): number {
  return SENIORITY_LEVELS.indexOf(level);
}
