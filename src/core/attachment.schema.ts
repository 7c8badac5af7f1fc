import { z } from 'zod';
import { ActorRef, Instant, RecordId } from './record-fields.schema';

/**
 * A file attached to a record, by reference: the bytes live in the host's storage under
 * `storageKey`; the record keeps only what a list or an audit needs.
 */
export const AttachmentRef = z.strictObject({
  id: RecordId,
  fileName: z.string().min(1).max(255),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: 'must be a media type such as image/png' }),
  sizeBytes: z.int().min(0),
  storageKey: z.string().min(1).max(1024),
  /** Hex SHA-256 of the content, when the host computed it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' }).optional(),
  uploadedBy: ActorRef,
  uploadedAt: Instant,
});
/** A file attached to a record, by reference. */
export type AttachmentRef = z.infer<typeof AttachmentRef>;
