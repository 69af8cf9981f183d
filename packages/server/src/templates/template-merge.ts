import { deepMerge, isPlainObject } from '../config/deep-merge.ts';

type Raw = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

/** Agents are matched across parent and child by role, department and merge id. */
function agentKey(agent: Raw): string {
  const department = text(agent.department) || 'engineering';
  return `${text(agent.role)}|${department}|${typeof agent.merge_id === 'string' ? agent.merge_id : ''}`;
}

function listOf(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function mergeAgents(parent: unknown, child: unknown): Raw[] {
  const merged = listOf(parent);
  for (const agent of listOf(child)) {
    const index = merged.findIndex((candidate) => agentKey(candidate) === agentKey(agent));
    if (agent._remove === true) {
      if (index !== -1) merged.splice(index, 1);
      continue;
    }
    if (index === -1) merged.push(agent);
    else merged[index] = agent;
  }
  return merged;
}

function mergeByName(parent: unknown, child: unknown): Raw[] {
  const merged = listOf(parent);
  for (const item of listOf(child)) {
    const index = merged.findIndex((candidate) => text(candidate.name) === text(item.name));
    if (index === -1) merged.push(item);
    else merged[index] = item;
  }
  return merged;
}

const SPECIAL = new Set(['agents', 'departments', 'company', 'variables', 'extends']);

/**
 * Applies a child template (the raw `template:` mapping) over its rendered parent: keys the
 * child sets win, `company` merges key by key, agents merge by (role, department, merge_id)
 * with `_remove: true` deleting the parent's agent, departments and variables merge by name
 * (child replaces), and hand-offs and escalation paths are replaced as a whole.
 */
export function mergeTemplateBodies(parent: Raw, child: Raw): Raw {
  const merged: Raw = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    if (!SPECIAL.has(key)) merged[key] = value;
  }
  merged.company = deepMerge(parent.company ?? {}, child.company ?? {});
  merged.agents = mergeAgents(parent.agents, child.agents);
  merged.departments = mergeByName(parent.departments, child.departments);
  merged.variables = mergeByName(parent.variables, child.variables);
  delete merged.extends;
  return merged;
}
