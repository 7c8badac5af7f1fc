import { z } from 'zod';
import { RecordId } from '../core/record-fields.schema';

const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);
const Note = z.string().min(1, { error: 'must not be empty' }).max(100_000);
const Title = z.string().min(1, { error: 'must not be empty' }).max(160);
const Ids = z
  .array(RecordId)
  .max(1_000)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an id' });

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

/** The payload of each known error event, by type. @internal */
export const KNOWN_ERROR_EVENT_SCHEMAS = {
  update: event('update', {
    title: Title.optional(),
    symptom: Text.optional(),
    rootCause: Text.optional(),
    workaround: Text.optional(),
    /** Replaces the list. */
    affectedConfigurationItems: Ids.optional(),
  }),
  publish: event('publish', {}),
  retire: event('retire', { reason: Note.optional() }),
} as const;

/**
 * An event for a known error's lifecycle.
 *
 * - `update` — reword the title, symptom, root cause or workaround, or replace the affected
 *   configuration items; while a draft or published.
 * - `publish` — make a draft available to the service desk (`draft` → `published`).
 * - `retire` — withdraw it, typically once the fix is in place (`draft` or `published` →
 *   `retired`). A known error has no journal: the reason travels in the
 *   `known_error.retired` domain event.
 */
export const KnownErrorEvent = z.discriminatedUnion('type', [KNOWN_ERROR_EVENT_SCHEMAS.update, KNOWN_ERROR_EVENT_SCHEMAS.publish, KNOWN_ERROR_EVENT_SCHEMAS.retire]);
/** An event for a known error's lifecycle. */
export type KnownErrorEvent = z.infer<typeof KnownErrorEvent>;

/**
 * What publishing a known error from a problem takes: the title and symptom the service desk
 * searches by. The workaround, root cause and affected configuration items are the problem's
 * unless given. `state: 'draft'` creates a draft to publish later.
 */
export const PublishKnownErrorInput = z.strictObject({
  title: Title,
  symptom: Text,
  workaround: Text.optional(),
  rootCause: Text.optional(),
  affectedConfigurationItems: Ids.optional(),
  state: z.enum(['draft', 'published']).default('published'),
});
/** What publishing a known error from a problem takes, as given. */
export type PublishKnownErrorInput = z.input<typeof PublishKnownErrorInput>;
