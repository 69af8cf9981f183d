import { z } from 'zod';

import { paginationQuerySchema } from './envelope.ts';
import { ARTIFACT_TYPES } from './tasks.ts';

/** Artifact content is UTF-8 text up to 1 MiB (code, tests, documentation). */
export const ARTIFACT_MAX_BYTES = 1024 * 1024;

export const artifactSchema = z.object({
  id: z.string(),
  type: z.enum(ARTIFACT_TYPES),
  path: z.string(),
  task_id: z.string(),
  created_by: z.string(),
  description: z.string(),
  content_type: z.string(),
  size_bytes: z.number().int(),
  sha256: z.string(),
  created_at: z.string(),
});
export type Artifact = z.infer<typeof artifactSchema>;

/**
 * Why an artifact path is refused, or undefined when it is acceptable. A path is relative,
 * uses `/` as its only separator and names no parent directory, so it can never point
 * outside the task's workspace whatever later decodes or joins it.
 */
export function artifactPathProblem(p: string): string | undefined {
  if (p.includes('\0')) return 'must not contain NUL';
  if (p.includes('\\')) return 'must use "/" as separator, not "\\"';
  if (p.startsWith('/')) return 'must be relative, not absolute';
  if (/^[A-Za-z]:/.test(p)) return 'must be relative, not a drive path';
  if (/%(2e|2f|5c|00)/i.test(p)) return 'must not contain percent-encoded ".", "/", "\\" or NUL';
  if (p.split('/').includes('..')) return 'must not contain ".." segments';
  return undefined;
}

export const createArtifactRequestSchema = z.object({
  type: z.enum(ARTIFACT_TYPES),
  path: z
    .string()
    .min(1)
    .max(1024)
    .superRefine((p, ctx) => {
      const problem = artifactPathProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  task_id: z.string().min(1).max(128),
  /** Defaults to the caller's username. */
  created_by: z.string().trim().min(1).max(128).optional(),
  description: z.string().trim().max(4096).default(''),
  content_type: z.string().min(1).max(128).default('text/plain; charset=utf-8'),
  content: z.string(),
});
export type CreateArtifactRequest = z.input<typeof createArtifactRequestSchema>;

export const artifactListQuerySchema = paginationQuerySchema.extend({
  task_id: z.string().min(1).max(128).optional(),
  type: z.enum(ARTIFACT_TYPES).optional(),
});

export const artifactIdParamsSchema = z.object({ artifact_id: z.string().min(1).max(128) });
