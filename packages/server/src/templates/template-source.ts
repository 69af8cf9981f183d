import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { templateNameSchema } from '@synthorg/shared';

import { AppError } from '../http/app-error.ts';

export const TEMPLATE_SOURCES = ['builtin', 'user', 'file'] as const;
export type TemplateSourceKind = (typeof TEMPLATE_SOURCES)[number];

/** The text of one template and where it was found. */
export interface TemplateSource {
  /** The template's name: file name without `.yaml`. */
  key: string;
  /** File name for error messages (never a full path of the machine). */
  file: string;
  text: string;
  kind: TemplateSourceKind;
  /** Directory searched first for its `extends` parent. */
  dir: string;
}

/** The seven templates the product ships. */
export const BUILTIN_TEMPLATE_DIR = resolve(import.meta.dirname, '../../templates');
export const BUILTIN_TEMPLATE_NAMES = [
  'solo_founder',
  'startup',
  'dev_shop',
  'product_team',
  'agency',
  'research_lab',
  'full_company',
] as const;

export interface TemplateLookup {
  /** User templates live in `<dataDir>/templates/<name>.yaml` and shadow built-ins. */
  dataDir?: string;
  /** Searched before the user and built-in directories (the dir of a child template). */
  nearDir?: string;
}

function looksLikePath(ref: string): boolean {
  return /\.ya?ml$/i.test(ref) || ref.includes('/') || ref.includes('\\');
}

async function read(path: string, kind: TemplateSourceKind): Promise<TemplateSource> {
  return {
    key: basename(path, extname(path)),
    file: basename(path),
    text: await readFile(path, 'utf8'),
    kind,
    dir: dirname(path),
  };
}

/**
 * Finds a template by name (user dir, then built-ins) or by file path. Names containing
 * separators or `..` are treated as paths only when they end in `.yaml`/`.yml`.
 */
export async function findTemplate(
  ref: string,
  lookup: TemplateLookup = {},
): Promise<TemplateSource> {
  if (looksLikePath(ref)) {
    const path = resolve(ref);
    if (!existsSync(path))
      throw new AppError('TEMPLATE_NOT_FOUND', `Template file ${basename(ref)} not found`);
    return read(path, 'file');
  }
  if (!templateNameSchema.safeParse(ref).success) {
    throw new AppError('TEMPLATE_NOT_FOUND', `'${ref}' is not a valid template name`);
  }
  const candidates: Array<[string, TemplateSourceKind]> = [];
  if (lookup.nearDir) candidates.push([join(lookup.nearDir, `${ref}.yaml`), 'file']);
  if (lookup.dataDir) candidates.push([join(lookup.dataDir, 'templates', `${ref}.yaml`), 'user']);
  candidates.push([join(BUILTIN_TEMPLATE_DIR, `${ref}.yaml`), 'builtin']);
  for (const [path, kind] of candidates) {
    if (existsSync(path)) return read(path, kind);
  }
  throw new AppError('TEMPLATE_NOT_FOUND', `Template '${ref}' not found`);
}

/** Names of every template available: user templates first, then built-ins. */
export async function listTemplateSources(lookup: TemplateLookup = {}): Promise<TemplateSource[]> {
  const found = new Map<string, TemplateSource>();
  const dirs: Array<[string, TemplateSourceKind]> = [];
  if (lookup.dataDir) dirs.push([join(lookup.dataDir, 'templates'), 'user']);
  dirs.push([BUILTIN_TEMPLATE_DIR, 'builtin']);
  for (const [dir, kind] of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of (await readdir(dir)).sort()) {
      const key = basename(entry, extname(entry));
      if (!/\.ya?ml$/.test(entry) || found.has(key)) continue;
      found.set(key, await read(join(dir, entry), kind));
    }
  }
  return [...found.values()];
}
