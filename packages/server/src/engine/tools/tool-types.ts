import type { z } from 'zod';

import type { WorkspaceGuard } from './workspace-guard.ts';

/** Tool categories, as the access levels group them. */
export const TOOL_CATEGORIES = [
  'file_system',
  'code_execution',
  'version_control',
  'web',
  'database',
  'terminal',
  'design',
  'communication',
  'analytics',
  'deployment',
  'mcp',
  'other',
] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

export interface ToolContext {
  workspace: WorkspaceGuard;
}

export interface ToolOutcome {
  content: string;
  isError: boolean;
}

/**
 * A tool the agent can call. `parameters` is the one schema: the registry validates arguments
 * with it and derives the JSON Schema the model sees from it.
 */
export interface Tool<Args = Record<string, unknown>> {
  name: string;
  description: string;
  category: ToolCategory;
  /** `category:action` as the autonomy rules know it, e.g. `code:write`. */
  actionType: string;
  parameters: z.ZodType<Args>;
  execute(args: Args, context: ToolContext): Promise<ToolOutcome>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of different argument types.
export type AnyTool = Tool<any>;
