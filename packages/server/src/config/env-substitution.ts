import type { ConfigIssue } from './config-error.ts';

type Env = Record<string, string | undefined>;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** True when the whole string is one `${VAR}` / `${VAR:-default}` reference. */
export function isEnvReference(value: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/.test(value);
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in one string. An empty variable counts as unset
 * (as in POSIX `:-`). Returns the names that had neither a value nor a default.
 */
export function substituteString(value: string, env: Env): { value: string; missing: string[] } {
  const missing: string[] = [];
  const replaced = value.replace(REFERENCE, (_match, name: string, fallback?: string) => {
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return '';
  });
  return { value: replaced, missing };
}

export interface SubstituteOptions {
  env: Env;
  /** Paths whose strings are checked but kept verbatim (secrets are stored as references). */
  keepVerbatim?: (path: ReadonlyArray<string | number>) => boolean;
  /** Turns a missing variable into an issue placed in the file. */
  report: (path: ReadonlyArray<string | number>, message: string) => ConfigIssue;
}

/** Substitutes env references in every string of a parsed document; collects issues. */
export function substituteEnv(
  value: unknown,
  options: SubstituteOptions,
): { value: unknown; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const walk = (node: unknown, path: Array<string | number>): unknown => {
    if (typeof node === 'string') {
      const result = substituteString(node, options.env);
      for (const name of result.missing) {
        issues.push(
          options.report(path, `environment variable ${name} is not set and has no default`),
        );
      }
      return options.keepVerbatim?.(path) ? node : result.value;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]),
      );
    }
    return node;
  };
  return { value: walk(value, []), issues };
}
