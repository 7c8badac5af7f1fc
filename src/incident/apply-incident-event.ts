import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import type { Incident } from './incident.schema';
import { incidentExtra, type IncidentContext } from './incident-context';
import type { IncidentEvent } from './incident-event.schema';

/** A child that resolving its major incident did not resolve, and why. */
export interface CascadeRefusal {
  readonly incidentId: string;
  readonly error: ValidationError | InvalidTransitionError;
}

/**
 * The change an incident event made. Resolving an accepted major incident whose lifecycle
 * resolves children with their parent also carries the children's changes in `cascade`; a
 * child that refused (a required field missing, say) is in `cascadeRefused` and unchanged.
 */
export interface IncidentChange extends RecordChange<Incident> {
  readonly cascade: readonly RecordChange<Incident>[];
  readonly cascadeRefused: readonly CascadeRefusal[];
}

/**
 * Applies an event to an incident through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The incident given is not changed.
 *
 * @param incident - the incident at its current version
 * @param event - what happens, e.g. `{ type: 'put_on_hold', reason: 'awaiting_caller' }`
 * @param context - now, actor, newId; optionally the lifecycle, priority matrix, calendars and
 *   the incident's children
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a guard refuses,
 *   listing the allowed events and the guard's reason
 *
 * @example
 * ```ts
 * const { record } = applyIncidentEvent(incident, { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Restarted the VPN concentrator' }, context);
 * record.state; // => 'resolved'
 * ```
 */
export function applyIncidentEvent(incident: Incident, event: IncidentEvent, context: IncidentContext): IncidentChange {
  return orThrow(safeApplyIncidentEvent(incident, event, context));
}

/**
 * Like {@link applyIncidentEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the event: the function for a request body.
 *
 * @param incident - the incident at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyIncidentEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeApplyIncidentEvent(incident, body, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log(result.error.allowedEvents);
 * ```
 */
export function safeApplyIncidentEvent(
  incident: unknown,
  event: unknown,
  context: IncidentContext,
): SafeResult<IncidentChange, ValidationError | InvalidTransitionError> {
  const extra = incidentExtra(context);
  if (!extra.success) return extra;
  const { lifecycle } = extra.data;
  const result = runLifecycleEvent(lifecycle, 'incident', incident, event, context, extra.data.extra);
  if (!result.success) return result;
  const change = result.data;
  const cascade: RecordChange<Incident>[] = [];
  const cascadeRefused: CascadeRefusal[] = [];
  const parent = change.record;
  const resolvesChildren = parent.state === 'resolved' && change.previous?.state !== 'resolved' && parent.major === 'accepted' && lifecycle.options.resolveChildrenWithParent;
  if (resolvesChildren && extra.data.children !== undefined) {
    for (const [index, child] of extra.data.children.entries()) {
      const parsed = lifecycle.schema.safeParse(child);
      if (!parsed.success) {
        return { success: false, error: new ValidationError([issue(['children', index], 'must be a valid incident')], 'context') };
      }
      if (parsed.data.parentIncident !== parent.id || !['new', 'in_progress', 'on_hold'].includes(lifecycle.internals.behavesAs.get(parsed.data.state) ?? parsed.data.state)) continue;
      const resolved = runLifecycleEvent(
        lifecycle,
        'incident',
        parsed.data,
        { type: 'resolve', resolutionCode: parent.resolutionCode, resolutionNotes: `Resolved with major incident ${parent.number}: ${parent.resolutionNotes ?? ''}`.slice(0, 32_000) },
        context,
        extra.data.extra,
      );
      if (resolved.success) cascade.push(resolved.data);
      else cascadeRefused.push(Object.freeze({ incidentId: parsed.data.id, error: resolved.error }));
    }
  }
  return { success: true, data: Object.freeze({ ...change, cascade: Object.freeze(cascade), cascadeRefused: Object.freeze(cascadeRefused) }) };
}
