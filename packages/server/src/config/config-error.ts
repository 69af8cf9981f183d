import type { ErrorDetail } from '@synthorg/shared';

import { AppError } from '../http/app-error.ts';

/** One problem found in a config or template file, located as precisely as the file allows. */
export interface ConfigIssue {
  /** File name (or a label like `<string>` for in-memory YAML). */
  file: string;
  /** 1-based; absent when the problem has no place in the file (e.g. a merged value). */
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `agents.2.level`; empty for the whole document. */
  path: string;
  message: string;
}

export function formatIssue(issue: ConfigIssue): string {
  const where =
    issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/**
 * A config or template that cannot be used. Carries every issue; the message names the first
 * one (file, line, field) so a single log line or CLI error is already actionable.
 */
export class ConfigError extends AppError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const details: ErrorDetail[] = issues.map((issue) => ({
      path: issue.path,
      message: formatIssue(issue),
    }));
    super('CONFIG_INVALID', `${first ? formatIssue(first) : 'invalid configuration'}${more}`, {
      details,
    });
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
