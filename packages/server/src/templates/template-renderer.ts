import type { TemplateVariable } from '@synthorg/shared';
import nunjucks from 'nunjucks';

import { ConfigError, type ConfigIssue } from '../config/config-error.ts';

export type TemplateValue = string | number | boolean;
export type TemplateVars = Record<string, TemplateValue>;

/**
 * Names that lead from a template to JavaScript internals through Nunjucks, which (unlike
 * Jinja) has no sandbox. Refusing them inside tags is a guard rail, not a sandbox: templates
 * are trusted operator files (built-ins, the data dir, a path given to the CLI) and the API
 * never accepts template text. See docs/decisions.md.
 */
const FORBIDDEN_IN_TAGS = /\b(constructor|__proto__|prototype|__defineGetter__|__lookupGetter__)\b/;
const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function checkTags(text: string, file: string): void {
  for (const match of text.matchAll(TAG)) {
    if (FORBIDDEN_IN_TAGS.test(match[0])) {
      throw new ConfigError([
        {
          file,
          line: lineOf(text, match.index ?? 0),
          path: '',
          message: `template expression '${match[0]}' uses a forbidden name`,
        },
      ]);
    }
  }
}

function createEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  // The original's `auto` filter: an empty value renders as nothing (so auto-naming applies).
  env.addFilter('auto', (value: unknown) => (value === undefined || value === null ? '' : value));
  return env;
}

/** Renders Jinja-style template text with Nunjucks; errors name the template line. */
export function renderTemplateText(text: string, vars: TemplateVars, file: string): string {
  checkTags(text, file);
  try {
    return createEnvironment().renderString(text, vars);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /\[Line (\d+), Column (\d+)\]/.exec(message);
    const issue: ConfigIssue = {
      file,
      path: '',
      message: `template rendering failed: ${message.split('\n').pop()?.trim() ?? message}`,
    };
    if (position) {
      issue.line = Number(position[1]);
      issue.column = Number(position[2]);
    }
    throw new ConfigError([issue]);
  }
}

function coerce(variable: TemplateVariable, value: TemplateValue): TemplateValue | undefined {
  const text = String(value).trim();
  switch (variable.var_type) {
    case 'str':
      return String(value);
    case 'int':
      return /^-?\d+$/.test(text) ? Number(text) : undefined;
    case 'float':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'bool':
      if (/^(true|yes|1)$/i.test(text)) return true;
      if (/^(false|no|0)$/i.test(text)) return false;
      return undefined;
  }
}

/**
 * The values a template renders with: the user's value (coerced to the declared type), else
 * the declared default, else an error for a required variable. Undeclared user values pass
 * through unchanged (e.g. `company_name` for a template that does not declare it).
 */
export function resolveVariables(
  declared: TemplateVariable[],
  given: TemplateVars,
  file: string,
): TemplateVars {
  const resolved: TemplateVars = { ...given };
  const issues: ConfigIssue[] = [];
  for (const variable of declared) {
    const raw = given[variable.name] ?? variable.default;
    if (raw === undefined) {
      if (variable.required) {
        issues.push({ file, path: `variables.${variable.name}`, message: 'a value is required' });
      }
      continue;
    }
    const value = coerce(variable, raw);
    if (value === undefined) {
      issues.push({
        file,
        path: `variables.${variable.name}`,
        message: `'${String(raw)}' is not a valid ${variable.var_type}`,
      });
      continue;
    }
    resolved[variable.name] = value;
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return resolved;
}
