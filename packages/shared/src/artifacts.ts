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

export const createArtifactRequestSchema = z.object({
  type: z.enum(ARTIFACT_TYPES),
  path: z
    .string()
    .min(1)
    .max(1024)
    .refine((p) => !p.split(/[\\/]/).includes('..') && !p.includes('\0'), 'must stay inside'),
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
