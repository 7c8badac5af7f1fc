import { z } from 'zod';

/**
 * An instant as records store it: ISO-8601 in UTC with milliseconds,
 * `2026-11-23T08:00:00.000Z`. One fixed format, so instants sort and compare as strings (in
 * conditions, in SQL) exactly as they do as times.
 */
export const Instant = z.iso.datetime({ precision: 3, error: 'must be an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z' });
/** An instant as records store it. */
export type Instant = z.infer<typeof Instant>;

/** An opaque identifier the host issues: a UUID, a ULID, a database key. */
export const RecordId = z.string().min(1, { error: 'must not be empty' }).max(128);
/** An opaque identifier the host issues. */
export type RecordId = z.infer<typeof RecordId>;

/** The tenant a record belongs to. Every record, key and query carries one. */
export const TenantId = z.string().min(1, { error: 'must not be empty' }).max(128);
/** The tenant a record belongs to. */
export type TenantId = z.infer<typeof TenantId>;

/**
 * Who did something or is assigned something: a user, a group (an assignment group, the CAB),
 * or the system itself (a timer, an integration). `name` is a display copy, not a key.
 */
export const ActorRef = z.strictObject({
  kind: z.enum(['user', 'group', 'system']),
  id: RecordId,
  name: z.string().max(200).optional(),
});
/** Who did something or is assigned something. */
export type ActorRef = z.infer<typeof ActorRef>;
