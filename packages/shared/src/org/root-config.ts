import { z } from 'zod';

import { budgetConfigSchema } from '../budget.ts';

import { agentConfigSchema } from './agent-config.ts';
import {
  companySettingsSchema,
  departmentConfigSchema,
  escalationPathSchema,
  gracefulShutdownConfigSchema,
  taskAssignmentConfigSchema,
  workflowHandoffSchema,
} from './company-config.ts';
import { COMPANY_TYPES } from './enums.ts';
import { ALL_PARTICIPANTS, meetingsConfigSchema } from './meetings-config.ts';
import { providerEntrySchema, providerNameSchema } from './provider-config.ts';

/**
 * Top-level keys of the original's config that we accept and keep but do not act on yet.
 * Any other unknown key is reported as a warning by the loader (it is most likely a typo).
 */
export const ACCEPTED_UNUSED_KEYS = [
  'custom_roles',
  'communication',
  'routing',
  'logging',
  'coordination_metrics',
  'memory',
  'persistence',
  'cost_tiers',
  'org_memory',
  'api',
  'sandboxing',
  'mcp',
  'security',
  'trust',
  'promotion',
  'task_engine',
  'coordination',
  'workflow',
] as const;

const rootShape = z.looseObject({
  company_name: z.string().trim().min(1).max(128),
  company_type: z.enum(COMPANY_TYPES).default('custom'),
  departments: z.array(departmentConfigSchema).default([]),
  agents: z.array(agentConfigSchema).default([]),
  config: companySettingsSchema.prefault({}),
  budget: budgetConfigSchema.prefault({}),
  providers: z.record(providerNameSchema, providerEntrySchema).default({}),
  task_assignment: taskAssignmentConfigSchema.prefault({}),
  graceful_shutdown: gracefulShutdownConfigSchema.prefault({}),
  workflow_handoffs: z.array(workflowHandoffSchema).default([]),
  escalation_paths: z.array(escalationPathSchema).default([]),
  meetings: meetingsConfigSchema.prefault({}),
});
type RootShape = z.infer<typeof rootShape>;
type Ctx = z.core.$RefinementCtx<RootShape>;

function checkUnique(ctx: Ctx, names: string[], path: PropertyKey[], what: string): void {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index],
        message: `duplicate ${what} '${name}'`,
      });
    }
    seen.add(key);
  });
}

function checkDepartmentReferences(config: RootShape, ctx: Ctx): void {
  const known = new Set(config.departments.map((d) => d.name.toLowerCase()));
  const links = [
    ['workflow_handoffs', config.workflow_handoffs],
    ['escalation_paths', config.escalation_paths],
  ] as const;
  for (const [path, list] of links) {
    list.forEach((link, index) => {
      for (const field of ['from_department', 'to_department'] as const) {
        if (!known.has(link[field].toLowerCase())) {
          ctx.addIssue({
            code: 'custom',
            path: [path, index, field],
            message: `unknown department '${link[field]}'`,
          });
        }
      }
      if (link.from_department.toLowerCase() === link.to_department.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: [path, index], message: 'departments must differ' });
      }
    });
  }
}

function checkAliasesAcrossProviders(config: RootShape, ctx: Ctx): void {
  const owner = new Map<string, string>();
  for (const [name, provider] of Object.entries(config.providers)) {
    provider.models.forEach((model, index) => {
      if (model.alias === undefined) return;
      const other = owner.get(model.alias);
      if (other !== undefined && other !== name) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', name, 'models', index, 'alias'],
          message: `alias '${model.alias}' is already defined by provider '${other}'`,
        });
      }
      owner.set(model.alias, name);
    });
  }
}

/**
 * Meeting type names are unique; a periodic type has no trigger context, so each of its
 * participants must be `all`, a department or an agent. A triggered type's other references
 * are context keys, checked when the event is posted.
 */
function checkMeetings(config: RootShape, ctx: Ctx): void {
  const types = config.meetings.types;
  checkUnique(
    ctx,
    types.map((t) => t.name),
    ['meetings', 'types'],
    'meeting type',
  );
  const known = new Set([
    ALL_PARTICIPANTS,
    ...config.departments.map((d) => d.name.toLowerCase()),
    ...config.agents.map((a) => a.name.toLowerCase()),
  ]);
  types.forEach((type, index) => {
    if (type.frequency === undefined) return;
    type.participants.forEach((ref, position) => {
      if (known.has(ref.toLowerCase())) return;
      ctx.addIssue({
        code: 'custom',
        path: ['meetings', 'types', index, 'participants', position],
        message: `unknown participant '${ref}': not '${ALL_PARTICIPANTS}', a department or an agent`,
      });
    });
  });
}

/**
 * The company configuration file (`company.yaml`): the company, its departments and agents,
 * the LLM providers and the runtime knobs. Only `company_name` is required.
 */
export const rootConfigSchema = rootShape.superRefine((config, ctx) => {
  checkUnique(
    ctx,
    config.departments.map((d) => d.name),
    ['departments'],
    'department',
  );
  checkUnique(
    ctx,
    config.agents.map((a) => a.name),
    ['agents'],
    'agent name',
  );
  const percent = config.departments.reduce((sum, d) => sum + d.budget_percent, 0);
  if (percent > 100 + 1e-9) {
    ctx.addIssue({
      code: 'custom',
      path: ['departments'],
      message: `department budget_percent values add up to ${percent}, more than 100`,
    });
  }
  checkDepartmentReferences(config, ctx);
  checkAliasesAcrossProviders(config, ctx);
  checkMeetings(config, ctx);
});
export type RootConfig = z.infer<typeof rootConfigSchema>;
export type RootConfigInput = z.input<typeof rootConfigSchema>;
