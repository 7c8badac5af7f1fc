import { z } from 'zod';
import { ActorRef, Instant, RecordId } from './record-fields.schema';

/**
 * An entry in a record's journal. A `work_note` is for the people working the record only; a
 * `comment` is visible to the caller or requester. A host must never show work notes to a
 * customer: the kind is what it filters on.
 */
export const JournalEntry = z.strictObject({
  id: RecordId,
  kind: z.enum(['work_note', 'comment']),
  body: z.string().min(1, { error: 'must not be empty' }).max(100_000),
  author: ActorRef,
  at: Instant,
});
/** An entry in a record's journal. */
export type JournalEntry = z.infer<typeof JournalEntry>;
