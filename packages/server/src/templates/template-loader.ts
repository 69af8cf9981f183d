import {
  type TemplateBody,
  type TemplateVariable,
  templateBodySchema,
  templateVariableSchema,
} from '@synthorg/shared';
import { z } from 'zod';

import { ConfigError } from '../config/config-error.ts';
import { isPlainObject } from '../config/deep-merge.ts';
import { type LocatedYaml, parseLocatedYaml } from '../config/yaml-document.ts';
import { mergeTemplateBodies } from './template-merge.ts';
import { renderTemplateText, resolveVariables, type TemplateVars } from './template-renderer.ts';
import { findTemplate, type TemplateLookup, type TemplateSource } from './template-source.ts';

/** Deep enough for any sane hierarchy, small enough to stop a runaway chain quickly. */
export const MAX_EXTENDS_DEPTH = 10;

export interface RenderedTemplate {
  source: TemplateSource;
  body: TemplateBody;
  /** The variables the template rendered with (declared and passed through). */
  vars: TemplateVars;
  /** The rendered document of the template itself, for placing validation errors. */
  doc: LocatedYaml;
}

type Raw = Record<string, unknown>;

function templateMapping(doc: LocatedYaml): Raw {
  const value = doc.value;
  if (!isPlainObject(value) || !isPlainObject(value.template)) {
    throw new ConfigError([
      doc.locate([], "a template file needs a top-level 'template:' mapping"),
    ]);
  }
  return value.template;
}

function parseOrThrow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  doc: LocatedYaml,
  prefix: string[],
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) =>
      doc.locate([...prefix, ...issue.path.map(String)], issue.message),
    ),
  );
}

/** The variables a template declares, read from a render with no values (defaults apply). */
function declaredVariables(source: TemplateSource): TemplateVariable[] {
  const probe = parseLocatedYaml(renderTemplateText(source.text, {}, source.file), source.file);
  const variables = templateMapping(probe).variables ?? [];
  return parseOrThrow(z.array(templateVariableSchema), variables, probe, ['template', 'variables']);
}

async function renderRaw(
  source: TemplateSource,
  given: TemplateVars,
  lookup: TemplateLookup,
  chain: string[],
): Promise<{ raw: Raw; vars: TemplateVars; doc: LocatedYaml }> {
  const vars = resolveVariables(declaredVariables(source), given, source.file);
  const doc = parseLocatedYaml(renderTemplateText(source.text, vars, source.file), source.file);
  const raw = templateMapping(doc);
  if (typeof raw.extends !== 'string') return { raw, vars, doc };

  const parentRef = raw.extends;
  if (chain.includes(parentRef) || chain.length >= MAX_EXTENDS_DEPTH) {
    const reason = chain.includes(parentRef)
      ? 'forms a cycle'
      : `is deeper than ${MAX_EXTENDS_DEPTH}`;
    throw new ConfigError([
      doc.locate(
        ['template', 'extends'],
        `inheritance ${[...chain, parentRef].join(' -> ')} ${reason}`,
      ),
    ]);
  }
  const parentSource = await findTemplate(parentRef, { ...lookup, nearDir: source.dir });
  const parent = await renderRaw(parentSource, vars, lookup, [...chain, parentRef]);
  return { raw: mergeTemplateBodies(parent.raw, raw), vars: { ...parent.vars, ...vars }, doc };
}

/**
 * Renders a template (by name or file) with the given variables, following `extends`, and
 * validates the result. Errors name the template file and, where it has one, the line.
 */
export async function renderTemplate(
  ref: string | TemplateSource,
  given: TemplateVars = {},
  lookup: TemplateLookup = {},
): Promise<RenderedTemplate> {
  const source = typeof ref === 'string' ? await findTemplate(ref, lookup) : ref;
  const { raw, vars, doc } = await renderRaw(source, given, lookup, [source.key]);
  const body = parseOrThrow(templateBodySchema, raw, doc, ['template']);
  return { source, body, vars, doc };
}
