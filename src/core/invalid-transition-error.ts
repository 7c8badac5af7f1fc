import { ItsmError } from './itsm-error';

/** Why one guarded transition refused the event. */
export interface RefusedGuard {
  /** The guard's name, e.g. `resolutionCodeAllowed`. */
  readonly guard: string;
  /** The reason, in words a person can act on. */
  readonly reason: string;
}

/** The facts of a refused event, also available as `error.details`. */
// A type alias rather than an interface, so it fits `ItsmError`'s record-typed `details`.
export type InvalidTransitionDetails = {
  /** What kind of record, e.g. `incident`. */
  readonly recordKind: string;
  /** The record's id. */
  readonly recordId: string;
  /** The record's human number, e.g. `INC0001001`. */
  readonly number: string;
  /** The state the record is in, e.g. `resolved` (for a machine with regions, each region's). */
  readonly state: string;
  /** The event that was refused. */
  readonly event: string;
  /** The events that have a transition from this state; a guard may still refuse them. */
  readonly allowedEvents: readonly string[];
  /** Where the event is allowed here but every guard said no: each guard and its reason. */
  readonly refusedBy: readonly RefusedGuard[];
};

/**
 * An event the record's lifecycle does not accept in its current state, or one that a guard
 * refused. Nothing was changed. `allowedEvents` lists what the state does accept, and
 * `refusedBy` says, in words, why each guard that was asked said no.
 *
 * @example
 * ```ts
 * const result = safeApplyIncidentEvent(incident, { type: 'close' }, context);
 * if (!result.success && result.error.code === 'invalid_transition') {
 *   console.log(result.error.allowedEvents); // ['resolve', 'put_on_hold', …]
 * }
 * ```
 */
export class InvalidTransitionError extends ItsmError {
  declare readonly code: 'invalid_transition';
  declare readonly details: InvalidTransitionDetails;
  /** The events that have a transition from the record's state. */
  readonly allowedEvents: readonly string[];
  /** Each guard that refused, with its reason. Empty when the event has no transition here. */
  readonly refusedBy: readonly RefusedGuard[];

  constructor(details: InvalidTransitionDetails) {
    super('invalid_transition', messageOf(details), { ...details });
    this.name = 'InvalidTransitionError';
    this.allowedEvents = details.allowedEvents;
    this.refusedBy = details.refusedBy;
  }
}

function messageOf(details: InvalidTransitionDetails): string {
  const where = `${details.recordKind} ${details.number} in state ${details.state}`;
  if (details.refusedBy.length > 0) {
    return `Cannot ${details.event} ${where}: ${details.refusedBy.map((refusal) => refusal.reason).join('; ')}`;
  }
  const allowed = details.allowedEvents.length === 0 ? 'none: the state is final' : details.allowedEvents.join(', ');
  return `Cannot ${details.event} ${where}; events allowed there: ${allowed}`;
}
