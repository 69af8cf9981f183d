import type { AutonomyLevel, RiskLevel } from '@synthorg/shared';
import { z } from 'zod';
import type { ToolCall, ToolDefinition } from '../providers/provider-types.ts';

import { needsApproval, riskOf } from './autonomy.ts';
import { isToolPermitted, type ToolPermissions } from './tool-permissions.ts';
import type { AnyTool, ToolContext } from './tool-types.ts';
import { WorkspaceViolation } from './workspace-guard.ts';

export const TOOL_REFUSALS = [
  'unknown_tool',
  'not_permitted',
  'invalid_arguments',
  'path_refused',
  'failed',
] as const;
export type ToolRefusal = (typeof TOOL_REFUSALS)[number];

export type InvokeResult =
  | { kind: 'done'; content: string; isError: boolean; refusal?: ToolRefusal }
  | { kind: 'approval_required'; actionType: string; risk: RiskLevel; toolName: string };

export interface InvokeScope {
  permissions: ToolPermissions;
  autonomy: AutonomyLevel;
  context: ToolContext;
  /** True when a human already approved this very call (resume after approval). */
  approved?: boolean;
}

export interface ToolRegistry {
  /** What the model is offered: only tools the permissions allow. */
  definitions(permissions: ToolPermissions): ToolDefinition[];
  invoke(call: ToolCall, scope: InvokeScope): Promise<InvokeResult>;
}

function jsonSchemaOf(tool: AnyTool): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(tool.parameters, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return schema;
}

const refused = (refusal: ToolRefusal, content: string): InvokeResult => ({
  kind: 'done',
  content,
  isError: true,
  refusal,
});

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
}

async function execute(tool: AnyTool, args: unknown, context: ToolContext): Promise<InvokeResult> {
  try {
    const outcome = await tool.execute(args, context);
    return { kind: 'done', ...outcome };
  } catch (error) {
    if (error instanceof WorkspaceViolation) {
      return refused('path_refused', `Refused: ${error.message}. Use paths inside your workspace.`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return refused('failed', `Tool ${tool.name} failed: ${message}`);
  }
}

/**
 * Runs tool calls for the loop: lookup, permission, argument validation against the tool's
 * schema, the autonomy check (which may ask for a human's approval), then execution. Every
 * refusal becomes an error result the model can read and correct.
 */
export function createToolRegistry(tools: AnyTool[]): ToolRegistry {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const schemas = new Map(tools.map((tool) => [tool.name, jsonSchemaOf(tool)]));

  return {
    definitions: (permissions) =>
      tools
        .filter((tool) => isToolPermitted(permissions, tool))
        .map((tool) => ({
          name: tool.name,
          description: tool.description,
          parameters: schemas.get(tool.name) ?? {},
        })),

    async invoke(call, scope) {
      const tool = byName.get(call.name);
      if (!tool) return refused('unknown_tool', `Unknown tool: ${call.name}`);
      if (!isToolPermitted(scope.permissions, tool)) {
        return refused('not_permitted', `Tool ${call.name} is not permitted for you`);
      }
      const parsed = tool.parameters.safeParse(call.input);
      if (!parsed.success) {
        return refused('invalid_arguments', `Invalid arguments: ${describeIssues(parsed.error)}`);
      }
      if (!scope.approved && needsApproval(scope.autonomy, tool.actionType)) {
        const risk = riskOf(tool.actionType);
        return {
          kind: 'approval_required',
          actionType: tool.actionType,
          risk,
          toolName: tool.name,
        };
      }
      return execute(tool, parsed.data, scope.context);
    },
  };
}
