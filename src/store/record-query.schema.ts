import { z } from 'zod';
import { Instant } from '../core/record-fields.schema';

/** The most records one page holds. */
export const MAX_PAGE_SIZE = 500;

/**
 * A query over the records of one kind. Every filter given must match; none given matches all.
 * Results come in a stable order (`orderBy`, then `id`) a page at a time; pass a page's `next`
 * as `after` to continue.
 */
export const RecordQuery = z.strictObject({
  /** The record's `state` is one of these. */
  state: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
  /** The record's `assignee.id`. */
  assignee: z.string().min(1).max(128).optional(),
  /** The record's `assignmentGroup.id`. */
  assignmentGroup: z.string().min(1).max(128).optional(),
  /** The record's `priority` is one of these. */
  priority: z.array(z.int().min(0).max(99)).min(1).max(100).optional(),
  /** The stored SLA deadline is at or before this instant: the breach scan. */
  slaDueBy: Instant.optional(),
  /** The record's `updatedAt` is at or after this instant. */
  updatedSince: Instant.optional(),
  /**
   * `id` (the default), `updatedAt`, or `slaDueAt` — which returns only records that have a
   * deadline, earliest first.
   */
  orderBy: z.enum(['id', 'updatedAt', 'slaDueAt']).optional(),
  /** Page size, 1 to {@link MAX_PAGE_SIZE}; 100 by default. */
  limit: z.int().min(1).max(MAX_PAGE_SIZE).optional(),
  /** The `next` cursor of the previous page. */
  after: z.string().min(1).max(2000).optional(),
});
/** A query over the records of one kind. */
export type RecordQuery = z.infer<typeof RecordQuery>;
