import type {
  AgentConfig,
  AgentModel,
  DepartmentConfig,
  ProvidersConfig,
  RootConfig,
} from '@synthorg/shared';

import { ConfigError, type ConfigIssue } from '../config/config-error.ts';

/** Used when a config names no provider, so a fresh install runs its demo company offline. */
export const DEMO_PROVIDER_NAME = 'demo';

export function demoProviders(): ProvidersConfig {
  const model = (tier: string) => ({
    id: `demo-${tier}`,
    alias: tier,
    cost_per_1k_input: 0,
    cost_per_1k_output: 0,
    max_context: 200_000,
  });
  return {
    [DEMO_PROVIDER_NAME]: {
      driver: 'scripted',
      script: 'builtin:demo',
      models: [model('large'), model('medium'), model('small')],
      retry: { max_retries: 0, base_delay: 1, max_delay: 60, exponential_base: 2, jitter: true },
      timeout: 120,
    },
  };
}

/** A department ready to store: its head is an agent name (or null when none fits). */
export interface ResolvedDepartment {
  config: DepartmentConfig;
  head: string | null;
  headRole: string | null;
}

export interface ResolvedAgent {
  config: AgentConfig;
  model: AgentModel;
}

export interface ResolvedOrg {
  config: RootConfig;
  providers: ProvidersConfig;
  agents: ResolvedAgent[];
  departments: ResolvedDepartment[];
  /** True when the demo provider was added because the config named none. */
  demoProvider: boolean;
  warnings: string[];
}

function resolveModel(
  agent: AgentConfig,
  providers: ProvidersConfig,
): Omit<AgentModel, 'temperature' | 'max_tokens' | 'fallback_model'> | undefined {
  const wanted = agent.model.model_id;
  const entries = Object.entries(providers).filter(
    ([name]) => agent.model.provider === 'default' || name === agent.model.provider,
  );
  for (const [name, provider] of entries) {
    const byId = provider.models.find((m) => m.id === wanted);
    if (byId) return { provider: name, model_id: byId.id, tier: byId.alias ?? null };
    const byAlias = provider.models.find((m) => m.alias === wanted);
    if (byAlias) return { provider: name, model_id: byAlias.id, tier: wanted };
  }
  return undefined;
}

function resolveAgents(config: RootConfig, providers: ProvidersConfig, file: string) {
  const issues: ConfigIssue[] = [];
  const agents = config.agents.map((agent, index): ResolvedAgent => {
    const resolved = resolveModel(agent, providers);
    if (!resolved) {
      const who =
        agent.model.provider === 'default'
          ? 'no provider offers'
          : `provider '${agent.model.provider}' does not offer`;
      issues.push({
        file,
        path: `agents.${index}.model`,
        message: `${who} model '${agent.model.model_id}' (as id or alias)`,
      });
    }
    const model: AgentModel = {
      provider: resolved?.provider ?? agent.model.provider,
      model_id: resolved?.model_id ?? agent.model.model_id,
      tier: resolved?.tier ?? null,
      temperature: agent.model.temperature,
      max_tokens: agent.model.max_tokens,
      fallback_model: agent.model.fallback_model ?? null,
    };
    return { config: agent, model };
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return agents;
}

/**
 * The department head as an agent name. `head` may already be an agent name, or (as the
 * original allowed) a role; `head_role` is always a role. A role resolves to the first agent
 * with that role in the department, else anywhere in the company.
 */
function resolveHead(department: DepartmentConfig, agents: AgentConfig[]): string | null {
  const byName = agents.find((a) => a.name.toLowerCase() === department.head?.toLowerCase());
  if (byName) return byName.name;
  const role = (department.head_role ?? department.head)?.toLowerCase();
  if (!role) return null;
  const withRole = agents.filter((a) => a.role.toLowerCase() === role);
  const inDepartment = withRole.find(
    (a) => a.department.toLowerCase() === department.name.toLowerCase(),
  );
  return (inDepartment ?? withRole[0])?.name ?? null;
}

/**
 * Turns a validated config into what gets stored: the demo provider when none is named, every
 * agent's model resolved to a concrete provider model (tier aliases included), and every
 * department head resolved to an agent. Unresolvable models are errors; heads without a
 * matching agent are warnings (the department simply has no head yet).
 */
export function resolveOrg(config: RootConfig, file: string): ResolvedOrg {
  const demoProvider = Object.keys(config.providers).length === 0;
  const providers = demoProvider ? demoProviders() : config.providers;
  const agents = resolveAgents(config, providers, file);
  const warnings: string[] = [];
  const departments = config.departments.map((department): ResolvedDepartment => {
    const head = resolveHead(department, config.agents);
    const wanted = department.head ?? department.head_role;
    if (!head && wanted) {
      warnings.push(`department '${department.name}': no agent fills head '${wanted}'`);
    }
    return { config: department, head, headRole: department.head_role ?? null };
  });
  return { config, providers, agents, departments, demoProvider, warnings };
}
