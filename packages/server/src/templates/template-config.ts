import type { RootConfig, TemplateAgent, TemplateBody } from '@synthorg/shared';

import { ConfigError } from '../config/config-error.ts';
import type { Env } from '../config/config-loader.ts';
import { CONFIG_DEFAULTS, validateRootConfig } from '../config/config-loader.ts';
import { deepMerge } from '../config/deep-merge.ts';
import { substituteEnv } from '../config/env-substitution.ts';
import { autoName, uniqueNames } from './auto-names.ts';
import { personalityPreset } from './personality-presets.ts';
import type { RenderedTemplate } from './template-loader.ts';

type Raw = Record<string, unknown>;

/** A name still holding template syntax after rendering counts as "no name". */
function explicitName(agent: TemplateAgent): string | undefined {
  const name = agent.name?.trim();
  return name && !name.startsWith('{{') ? name : undefined;
}

function agentConfigs(agents: TemplateAgent[]): Raw[] {
  const taken = new Set(agents.map((a) => explicitName(a)?.toLowerCase()).filter(Boolean));
  const picked = agents.map((agent, index) => {
    const name = explicitName(agent) ?? autoName(agent.role, index, taken as Set<string>);
    taken.add(name.toLowerCase());
    return name;
  });
  const names = uniqueNames(picked);
  return agents.map((agent, index) => {
    const config: Raw = {
      name: names[index],
      role: agent.role,
      department: agent.department ?? 'engineering',
      level: agent.level,
      model: agent.model,
      personality: agent.personality_preset
        ? personalityPreset(agent.personality_preset)
        : (agent.personality ?? {}),
    };
    for (const key of ['skills', 'tools', 'authority', 'memory', 'autonomy_level'] as const) {
      if (agent[key] !== undefined) config[key] = agent[key];
    }
    return config;
  });
}

function companySettings(body: TemplateBody): Raw {
  const settings: Raw = { communication_pattern: body.communication };
  if (body.company.autonomy !== undefined) settings.autonomy = body.company.autonomy;
  if (body.company.budget_monthly !== undefined) {
    settings.budget_monthly = body.company.budget_monthly;
  }
  return settings;
}

/** The company config a rendered template stands for, before validation. */
export function templateToConfigInput(rendered: RenderedTemplate): Raw {
  const { body, vars } = rendered;
  const name = typeof vars.company_name === 'string' && vars.company_name.trim();
  const config: Raw = {
    company_name: name || body.name,
    company_type: body.company.type,
    departments: body.departments,
    agents: agentConfigs(body.agents.filter((agent) => !agent._remove)),
    config: companySettings(body),
    workflow: body.workflow,
  };
  const passed = [
    'workflow_handoffs',
    'escalation_paths',
    'providers',
    'budget',
    'meetings',
  ] as const;
  for (const key of passed) {
    if (body[key] !== undefined) config[key] = body[key];
  }
  return config;
}

/**
 * Turns a rendered template into a validated company config, with an optional overlay
 * (typically the user's providers and budget) deep-merged on top.
 */
export function configFromTemplate(
  rendered: RenderedTemplate,
  options: { env: Env; overlay?: Raw } = { env: {} },
): RootConfig {
  const merged = deepMerge(
    { ...CONFIG_DEFAULTS },
    deepMerge(templateToConfigInput(rendered), options.overlay ?? {}),
  );
  const { doc } = rendered;
  const substituted = substituteEnv(merged, {
    env: options.env,
    keepVerbatim: (path) => path.length === 3 && path[0] === 'providers' && path[2] === 'api_key',
    report: (path, message) => ({ file: doc.file, path: path.join('.'), message }),
  });
  if (substituted.issues.length > 0) throw new ConfigError(substituted.issues);
  const templateDoc = {
    ...doc,
    locate: (path: ReadonlyArray<PropertyKey>, message: string) => ({
      ...doc.locate(['template', ...path], message),
      path: path.map(String).join('.'),
    }),
  };
  return validateRootConfig(substituted.value, [templateDoc], doc.file);
}
