import { z } from 'zod';
import { RecordBase } from '../core/record-base.schema';
import { Instant, RecordId } from '../core/record-fields.schema';

/**
 * Where a known error stands: being written (`draft`), available to the service desk
 * (`published`), or withdrawn, typically once the fix is in place (`retired`). Listed in
 * lifecycle order.
 */
export const KnownErrorState = z.enum(['draft', 'published', 'retired']);
/** Where a known error stands. */
export type KnownErrorState = z.infer<typeof KnownErrorState>;

const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);

/** The fields alone, before the checks across them. */
const KnownErrorFields = RecordBase.extend({
  /** The problem it was published from. */
  problem: RecordId,
  /** One line naming the error, as a search result shows it. */
  title: z.string().min(1, { error: 'must not be empty' }).max(160),
  /** What a user or agent sees, so the service desk can match an incident to it. */
  symptom: Text,
  /** The underlying cause, when the problem's investigation found it. */
  rootCause: Text.optional(),
  /** How to work around it until it is fixed: the reason a known error is published at all. */
  workaround: Text,
  /** The configuration items that show the error. */
  affectedConfigurationItems: z.array(RecordId),
  state: KnownErrorState,
  /** When it was published; required once published, absent while a draft. */
  publishedAt: Instant.optional(),
  /** When it was retired; present exactly when retired. */
  retiredAt: Instant.optional(),
});
type KnownErrorField = keyof z.infer<typeof KnownErrorFields>;

/**
 * The known error schema of a lifecycle with added states: `behavesAs` maps each added state to
 * the built-in state whose field rules it follows.
 * @internal
 */
export function knownErrorSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<KnownError> {
  if (behavesAs.size === 0) return KnownError;
  const states = z.enum([...KnownErrorState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return KnownErrorFields.extend({ state: states }).superRefine((knownError, context) =>
    checkKnownError(knownError, (behavesAs.get(knownError.state) ?? knownError.state) as KnownErrorState, context),
  ) as unknown as z.ZodType<KnownError>;
}

/** The checks across fields, by the rules of the built-in state `rulesOf`; messages name the record's own state. */
function checkKnownError(
  knownError: Omit<z.infer<typeof KnownErrorFields>, 'state'> & { state: string },
  rulesOf: KnownErrorState,
  context: z.RefinementCtx,
): void {
  const issue = (field: KnownErrorField, message: string) => context.addIssue({ code: 'custom', path: [field], message });
  const { state, publishedAt, retiredAt } = knownError;

  if (rulesOf === 'published' && publishedAt === undefined) issue('publishedAt', 'is required once the known error is published');
  if (rulesOf === 'draft' && publishedAt !== undefined) issue('publishedAt', 'must be absent while the known error is a draft');
  if (rulesOf === 'retired' && retiredAt === undefined) issue('retiredAt', 'is required once the known error is retired');
  if (rulesOf !== 'retired' && retiredAt !== undefined) issue('retiredAt', `must be absent while the known error is ${state}`);
  if (publishedAt !== undefined && retiredAt !== undefined && retiredAt < publishedAt) issue('retiredAt', 'must not be before publishedAt');
}

/**
 * A known error in the ITIL sense: a problem whose cause is understood well enough to have a
 * documented workaround, published so the service desk can resolve matching incidents quickly.
 *
 * The schema checks that the record is consistent with its state: a published known error says
 * when it was published, a retired one when it was retired, a draft neither, and retirement does
 * not precede publication. A known error may be retired without ever having been published (a
 * draft that turned out wrong). Which state may follow which is the lifecycle's business; a
 * lifecycle with states of a vendor's own has its own schema, `lifecycle.schema`.
 */
export const KnownError = KnownErrorFields.superRefine((knownError, context) => checkKnownError(knownError, knownError.state, context));
/** A known error in the ITIL sense: a problem with a documented workaround, published for the service desk. */
export type KnownError = z.infer<typeof KnownError>;
