import type { Task } from '@synthorg/shared';

import type { AgentProfile } from '../agent-profile.ts';

/** Complexities each seniority fits, as in the original's scorer. */
const SENIORITY_FIT: Record<string, string[]> = {
  junior: ['simple'],
  mid: ['simple', 'medium'],
  senior: ['medium', 'complex'],
  lead: ['complex', 'epic'],
  principal: ['complex', 'epic'],
  director: ['epic'],
  vp: ['epic'],
  c_suite: ['epic'],
};

/** Departments whose agents usually do each task type. */
const TYPE_DEPARTMENTS: Record<string, string[]> = {
  development: ['engineering'],
  design: ['design'],
  research: ['data_analytics', 'product', 'engineering'],
  review: ['quality_assurance', 'engineering'],
  meeting: ['executive', 'operations', 'product'],
  admin: ['operations', 'executive'],
};

export interface Candidate {
  agent: AgentProfile;
  score: number;
  activeTasks: number;
}

export interface AssignmentChoice {
  agent: AgentProfile;
  score: number;
  /** True when no agent reached `min_score` and the fallback chose. */
  fallback: boolean;
}

function mentions(text: string, term: string): boolean {
  return term.length > 1 && text.includes(term.toLowerCase());
}

/**
 * Score 0–1 of an agent for a task: skills named in the task (primary 0.4, secondary 0.2,
 * by the share of the agent's skills mentioned), role named in the task (+0.2), seniority
 * fitting the complexity (+0.2) and, our addition, a department that does this task type
 * (+0.2). Tasks carry no required skills, so the text stands in for them.
 */
export function scoreAgent(agent: AgentProfile, task: Task): number {
  if (agent.status !== 'active') return 0;
  const text = `${task.title} ${task.description}`.toLowerCase();
  const share = (skills: string[]) =>
    skills.length === 0 ? 0 : skills.filter((s) => mentions(text, s)).length / skills.length;
  let score = share(agent.skills.primary) * 0.4 + share(agent.skills.secondary) * 0.2;
  if (mentions(text, agent.role)) score += 0.2;
  if (SENIORITY_FIT[agent.level]?.includes(task.estimated_complexity)) score += 0.2;
  if (TYPE_DEPARTMENTS[task.type]?.includes(agent.department)) score += 0.2;
  return Math.min(1, score);
}

const byPreference = (a: Candidate, b: Candidate) =>
  b.score - a.score || a.activeTasks - b.activeTasks || a.agent.name.localeCompare(b.agent.name);

/**
 * Picks the agent for a task. The explicit assignee wins; then the best score at or above
 * `minScore` among agents with capacity. When nobody reaches `minScore` the task still gets
 * the best-scoring active agent with capacity (flagged `fallback`), so a task is never left
 * unassigned for want of a perfect match. Undefined only when no active agent has capacity.
 */
export function chooseAgent(
  candidates: Candidate[],
  task: Task,
  options: { minScore: number; maxPerAgent: number },
): AssignmentChoice | undefined {
  const open = candidates
    .filter((c) => c.agent.status === 'active' && c.activeTasks < options.maxPerAgent)
    .sort(byPreference);
  if (task.assigned_to) {
    const named = open.find((c) => c.agent.name === task.assigned_to);
    return named ? { agent: named.agent, score: named.score, fallback: false } : undefined;
  }
  const best = open[0];
  if (!best) return undefined;
  return { agent: best.agent, score: best.score, fallback: best.score < options.minScore };
}
