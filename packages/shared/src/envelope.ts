import { z } from 'zod';

import { ERROR_CODES } from './errors.ts';

/** Pagination query limits, as in the original API. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const paginationQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export const paginationSchema = z.object({
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export type Pagination = z.infer<typeof paginationSchema>;

export const errorDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** Body of every failed response. */
export const errorEnvelopeSchema = z.object({
  data: z.null(),
  error: z.string(),
  error_code: z.enum(ERROR_CODES as [string, ...string[]]),
  details: z.array(errorDetailSchema).optional(),
  success: z.literal(false),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Wraps a data schema in the success envelope `{data, error: null, success: true}`. */
export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.object({ data, error: z.null(), success: z.literal(true) });
}

/** The success envelope of an operation that returns nothing, e.g. a delete. */
export const nullEnvelopeSchema = envelopeOf(z.null());

/** Wraps an item schema in the paginated envelope. */
export function paginatedOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    error: z.null(),
    pagination: paginationSchema,
    success: z.literal(true),
  });
}

export type Envelope<T> = { data: T; error: null; success: true };
export type Paginated<T> = { data: T[]; error: null; pagination: Pagination; success: true };
