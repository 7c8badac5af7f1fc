import { z } from 'zod';
import { Condition, FieldPath } from './condition.schema';

const Name = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, { error: 'must be a lower-case identifier such as awaiting_vendor' });

/**
 * A state a vendor adds to a lifecycle. It behaves as one of the lifecycle's own states: it
 * inherits that state's transitions and its rules about the record's fields, so a record in it
 * stays valid, and SLA conditions can still name it directly.
 */
export const LifecycleExtensionState = z.strictObject({
  /** The built-in state whose transitions and field rules it takes. */
  behavesAs: Name,
  /** What the state means, for diagrams and editors. */
  description: z.string().max(500).optional(),
});
/** A state a vendor adds to a lifecycle. */
export type LifecycleExtensionState = z.infer<typeof LifecycleExtensionState>;

/**
 * A transition a vendor adds: on `event`, from any state in `from`, go to `to` (or stay, when
 * `to` is left out) if `when` holds over the record. The event's payload is `{ type, note? }`; a
 * note becomes a work note in the record's journal.
 */
export const LifecycleExtensionTransition = z.strictObject({
  event: Name,
  from: z.array(Name).min(1).max(100),
  to: Name.optional(),
  /** A condition over the record; the transition is refused while it is false. */
  when: Condition.optional(),
  /** Why the transition is refused when `when` is false, in words; shown in the error. */
  reason: z.string().min(1).max(300).optional(),
  description: z.string().max(500).optional(),
});
/** A transition a vendor adds. */
export type LifecycleExtensionTransition = z.infer<typeof LifecycleExtensionTransition>;

/**
 * How a vendor extends a lifecycle without forking it: states of their own and transitions of
 * their own, as data. See `docs/lifecycles.md`.
 */
export const LifecycleExtension = z.strictObject({
  states: z.record(Name, LifecycleExtensionState).optional(),
  transitions: z.array(LifecycleExtensionTransition).max(500).optional(),
});
/** How a vendor extends a lifecycle without forking it. */
export type LifecycleExtension = z.infer<typeof LifecycleExtension>;

/**
 * Fields that must be present on the record after an event, per event: for example
 * `{ resolve: ['category', 'assignee'] }`. An event that would leave one missing is refused
 * with the field named.
 */
export const RequiredFields = z.record(Name, z.array(FieldPath).max(100));
/** Fields that must be present on the record after an event, per event. */
export type RequiredFields = z.infer<typeof RequiredFields>;
