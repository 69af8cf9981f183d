import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

import { CliError, errnoOf } from './cli-error.ts';
import { layoutOf } from './paths.ts';

export const DEFAULT_TEMPLATE = 'startup';
export const DEFAULT_COMPANY_NAME = 'My Company';

export interface ConfigChoice {
  companyName: string;
  template: string;
}

function renderConfig(choice: ConfigChoice): string {
  return [
    '# SynthOrg company configuration, written by `synthorg`. Edit it and restart.',
    'company:',
    `  name: ${JSON.stringify(choice.companyName)}`,
    `  template: ${JSON.stringify(choice.template)}`,
    '',
  ].join('\n');
}

/**
 * Writes a config for `choice` unless one exists. `wx` keeps an existing file (and whatever a
 * user put in it) untouched even when two commands race.
 */
export function writeConfigIfMissing(dataDir: string, choice: ConfigChoice): boolean {
  try {
    writeFileSync(layoutOf(dataDir).config, renderConfig(choice), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Reads the config and fails with a one-line cause when it cannot be used. */
export function checkConfig(dataDir: string): void {
  const path = layoutOf(dataDir).config;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`config ${path} cannot be read: ${errnoOf(error) ?? String(error)}`);
  }
  const document = parseDocument(text);
  const [first] = document.errors;
  if (first) {
    const line = first.linePos?.[0].line;
    const where = line === undefined ? '' : ` (line ${line})`;
    throw new CliError(`config ${path} is not valid YAML${where}: ${first.message.split('\n')[0]}`);
  }
  const value: unknown = document.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`config ${path} is invalid: the top level must be a mapping`);
  }
}
