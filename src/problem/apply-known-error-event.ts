import { orThrow, readContextField, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { LifecycleContext } from '../core/lifecycle';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import { ValidationError } from '../core/validation-error';
import type { KnownError } from './known-error.schema';
import type { KnownErrorEvent } from './known-error-event.schema';
import { defaultKnownErrorLifecycle, type KnownErrorLifecycle } from './known-error-lifecycle';

/** What `applyKnownErrorEvent` needs beyond the known error and the event. */
export interface KnownErrorContext extends LifecycleContext {
  /** The lifecycle, with the host's options; the defaults when omitted. */
  readonly lifecycle?: KnownErrorLifecycle;
}

/**
 * Applies an event to a known error through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The known error given is not changed.
 *
 * @param knownError - the known error at its current version
 * @param event - what happens, e.g. `{ type: 'retire', reason: 'Fixed by CHG0001234' }`
 * @param context - now, actor, newId; optionally the lifecycle
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event, listing the
 *   allowed events
 *
 * @example
 * ```ts
 * const { record } = applyKnownErrorEvent(knownError, { type: 'publish' }, context);
 * record.state; // => 'published'
 * ```
 */
export function applyKnownErrorEvent(knownError: KnownError, event: KnownErrorEvent, context: KnownErrorContext): RecordChange<KnownError> {
  return orThrow(safeApplyKnownErrorEvent(knownError, event, context));
}

/**
 * Like {@link applyKnownErrorEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the known error and the event: the function for a request body.
 *
 * @param knownError - the known error at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyKnownErrorEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or a refused event; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeApplyKnownErrorEvent(knownError, body, context);
 * if (!result.success) console.log(result.error.message);
 * ```
 */
export function safeApplyKnownErrorEvent(
  knownError: unknown,
  event: unknown,
  context: KnownErrorContext,
): SafeResult<RecordChange<KnownError>, ValidationError | InvalidTransitionError> {
  const given = typeof context === 'object' && context !== null ? (context as Partial<KnownErrorContext>) : {};
  const lifecycle = readContextField(given, 'lifecycle');
  if (!lifecycle.success) return { success: false, error: new ValidationError([lifecycle.issue], 'context') };
  return runLifecycleEvent((lifecycle.value as KnownErrorContext['lifecycle']) ?? defaultKnownErrorLifecycle(), 'known_error', knownError, event, context, undefined);
}
