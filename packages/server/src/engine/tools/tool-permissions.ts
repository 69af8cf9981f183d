import type { ToolAccessLevel } from '@synthorg/shared';

import type { ToolCategory } from './tool-types.ts';

export interface ToolPermissions {
  access_level: ToolAccessLevel;
  allowed: string[];
  denied: string[];
}

export const DEFAULT_TOOL_PERMISSIONS: ToolPermissions = {
  access_level: 'standard',
  allowed: [],
  denied: [],
};

const SANDBOXED: ToolCategory[] = ['file_system', 'code_execution', 'version_control'];
const RESTRICTED: ToolCategory[] = [...SANDBOXED, 'web'];
const STANDARD: ToolCategory[] = [...RESTRICTED, 'terminal', 'analytics'];

const LEVEL_CATEGORIES: Record<ToolAccessLevel, (category: ToolCategory) => boolean> = {
  sandboxed: (c) => SANDBOXED.includes(c),
  restricted: (c) => RESTRICTED.includes(c),
  standard: (c) => STANDARD.includes(c),
  elevated: () => true,
  custom: () => false,
};

/** Denied name beats allowed name, which beats the level's categories. */
export function isToolPermitted(
  permissions: ToolPermissions,
  tool: { name: string; category: ToolCategory },
): boolean {
  const name = tool.name.toLowerCase();
  if (permissions.denied.some((d) => d.toLowerCase() === name)) return false;
  if (permissions.allowed.some((a) => a.toLowerCase() === name)) return true;
  return LEVEL_CATEGORIES[permissions.access_level](tool.category);
}
