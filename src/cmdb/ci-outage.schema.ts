import { z } from 'zod';
import { Instant, RecordId } from '../core/record-fields.schema';

/**
 * A time a configuration item was down, as the host knows it from its incidents or monitoring:
 * from `start` to `end`, or still down (no `end`).
 */
export const CiOutage = z
  .strictObject({
    ciId: RecordId,
    start: Instant,
    end: Instant.optional(),
    /** Where the outage comes from, for people: an incident number, an alert id. */
    source: z.string().max(200).optional(),
  })
  .superRefine((outage, context) => {
    if (outage.end !== undefined && outage.end < outage.start) context.addIssue({ code: 'custom', path: ['end'], message: 'must not be before start' });
  });
/** A time a configuration item was down. */
export type CiOutage = z.infer<typeof CiOutage>;
