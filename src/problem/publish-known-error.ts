import { isLifecycle, orThrow, readContextField, resolveContext, runLifecycleCreation, runLifecycleEvent } from '../core/apply-lifecycle-event';
import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import { validationResult, type SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import type { KnownError } from './known-error.schema';
import { PublishKnownErrorInput } from './known-error-event.schema';
import { defaultKnownErrorLifecycle, type KnownErrorLifecycle } from './known-error-lifecycle';
import type { Problem } from './problem.schema';
import { newRecordIdentity } from '../core/record-identity';
import { problemExtra, type ProblemContext } from './problem-context';

/** What {@link publishKnownError} needs: the problem's context, and the new known error's number. */
export interface PublishKnownErrorContext extends ProblemContext {
  /** The human number the host's numbering issued for the known error, e.g. `KE0001001`. */
  readonly number: string;
  /** The known error lifecycle, with the host's options; the defaults when omitted. */
  readonly knownErrorLifecycle?: KnownErrorLifecycle;
}

/** Both changes a publication makes: the problem now lists the known error, which is new. */
export interface KnownErrorPublication {
  /** The problem at its next version, the known error's id added to `knownErrors`. */
  readonly problem: RecordChange<Problem>;
  /** The new known error at version 1, `published` or, when asked, `draft`. */
  readonly knownError: RecordChange<KnownError>;
}

/**
 * Publishes a known error from a problem: creates the known error (its id from `newId`, its
 * number from the context) and links it from the problem, in one decision. The known error
 * takes the title and symptom from the input, and the workaround, root cause and affected
 * configuration items from the problem unless the input gives them. A problem is refused
 * unless it has a workaround and is not closed; then nothing is created.
 *
 * @param problem - the problem at its current version
 * @param input - title and symptom; optionally workaround, root cause, configuration items, and
 *   `state: 'draft'` to publish later
 * @param context - now, actor, newId, the known error's number; optionally both lifecycles and
 *   the priority matrix
 * @returns the problem's change and the known error's creation
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the problem has no workaround or is closed, with the
 *   reason in words
 *
 * @example
 * ```ts
 * const { problem: problemChange, knownError } = publishKnownError(
 *   problem,
 *   { title: 'VPN drops at rekey', symptom: 'Sessions end every 30 minutes with "peer not responding"' },
 *   { ...context, number: 'KE0001001' },
 * );
 * knownError.record.state; // => 'published'
 * problemChange.record.knownErrors; // => [knownError.record.id]
 * ```
 */
export function publishKnownError(problem: Problem, input: PublishKnownErrorInput, context: PublishKnownErrorContext): KnownErrorPublication {
  return orThrow(safePublishKnownError(problem, input, context));
}

/**
 * Like {@link publishKnownError}, but returns the error instead of throwing it, and takes
 * `unknown` for the problem and the input: the function for a request body.
 *
 * @param problem - the problem at its current version
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link publishKnownError}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or a refusal; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safePublishKnownError(problem, body, { ...context, number: 'KE0001001' });
 * if (!result.success) console.log(result.error.message); // e.g. '… the problem has no workaround; …'
 * ```
 */
export function safePublishKnownError(
  problem: unknown,
  input: unknown,
  context: PublishKnownErrorContext,
): SafeResult<KnownErrorPublication, ValidationError | InvalidTransitionError> {
  const parsed = parseWith(PublishKnownErrorInput, input, 'known error');
  if (!parsed.success) return parsed;
  const extra = problemExtra(context);
  if (!extra.success) return extra;
  const identity = newRecordIdentity(context, false);
  if (!identity.success) return identity;
  const lifecycle = knownErrorLifecycleOf(context);
  if (!lifecycle.success) return lifecycle;
  const resolved = resolveContext(context, undefined);
  if (!resolved.success) return resolved;
  const drawn = validationResult(() => resolved.data.newId());
  if (!drawn.success) return drawn;
  const id = drawn.data;

  const linked = runLifecycleEvent(extra.data.lifecycle, 'problem', problem, { type: 'publish_known_error', knownError: id }, context, extra.data.extra);
  if (!linked.success) return linked;
  // The problem as validated, before the link: what the known error copies from.
  const source = linked.data.previous as Problem;
  const { state, ...given } = parsed.data;
  const created = runLifecycleCreation(
    lifecycle.data,
    'known_error',
    ({ now, actor }) => ({
      id,
      tenantId: source.tenantId,
      number: identity.data.number,
      version: 1,
      createdAt: now,
      updatedAt: now,
      openedBy: actor,
      problem: source.id,
      title: given.title,
      symptom: given.symptom,
      ...optional('rootCause', given.rootCause ?? source.rootCause),
      ...optional('workaround', given.workaround ?? source.workaround),
      affectedConfigurationItems: given.affectedConfigurationItems ?? [...source.configurationItems],
    }),
    context,
    { problem: source.id },
  );
  if (!created.success) return created;
  if (state === 'draft') return { success: true, data: deepFreeze({ problem: linked.data, knownError: created.data }) };

  const published = runLifecycleEvent(lifecycle.data, 'known_error', created.data.record, { type: 'publish' }, context, undefined);
  if (!published.success) return published;
  // Created and published in one decision: one new record at version 1, whose patches from {}
  // are the creation's followed by the publication's, less its version bump.
  const record = { ...published.data.record, version: 1 };
  const knownError: RecordChange<KnownError> = {
    record,
    previous: undefined,
    patches: [...created.data.patches, ...published.data.patches.filter((patch) => !(patch.path.length === 1 && patch.path[0] === 'version'))],
    events: [...created.data.events, ...published.data.events.map((event) => ({ ...event, version: 1 }))],
  };
  return { success: true, data: deepFreeze({ problem: linked.data, knownError }) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function knownErrorLifecycleOf(context: unknown): SafeResult<KnownErrorLifecycle, ValidationError> {
  const given = typeof context === 'object' && context !== null ? (context as Partial<PublishKnownErrorContext>) : {};
  const read = readContextField(given, 'knownErrorLifecycle');
  if (!read.success) return { success: false, error: new ValidationError([read.issue], 'context') };
  const lifecycle = read.value ?? defaultKnownErrorLifecycle();
  if (!isLifecycle(lifecycle, 'known_error')) {
    return { success: false, error: new ValidationError([issue(['knownErrorLifecycle'], 'must be made by defineKnownErrorLifecycle()')], 'context') };
  }
  return { success: true, data: lifecycle as KnownErrorLifecycle };
}
