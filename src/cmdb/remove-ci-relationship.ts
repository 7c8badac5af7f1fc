import type { Draft } from 'immer';
import { orThrow, resolveContext } from '../core/apply-lifecycle-event';
import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import { InvalidTransitionError } from '../core/invalid-transition-error';
import type { LifecycleContext } from '../core/lifecycle';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import { CI_RELATIONSHIP_KIND } from './add-ci-relationship';
import { CiRelationshipRecord } from './ci-relationship-record.schema';
import { modification } from './cmdb-record-change';

/**
 * Removes a relationship from the CMDB: the record is kept, at its next version, with
 * `removedAt` and `removedBy`, so its audit trail stays whole; lists, checks and impact analysis
 * leave it out from then on. A removed relationship cannot be removed again.
 *
 * @param relationship - the stored relationship at its current version
 * @param context - now, actor, newId
 * @returns the change, with a `ci_relationship.removed` event
 * @throws {@link ValidationError} for a bad record or context;
 *   {@link InvalidTransitionError} when it was removed already
 *
 * @example
 * ```ts
 * const { record } = removeCiRelationship(stored, { now: new Date(), actor, newId: randomUUID });
 * record.removedAt; // => '2026-11-23T09:00:00.000Z'
 * ```
 */
export function removeCiRelationship(relationship: CiRelationshipRecord, context: LifecycleContext): RecordChange<CiRelationshipRecord> {
  return orThrow(safeRemoveCiRelationship(relationship, context));
}

/**
 * Like {@link removeCiRelationship}, but returns the error instead of throwing it, and takes
 * `unknown` for the relationship.
 *
 * @param relationship - anything; the stored relationship
 * @param context - as for {@link removeCiRelationship}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeRemoveCiRelationship(stored, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log('already removed');
 * ```
 */
export function safeRemoveCiRelationship(relationship: unknown, context: LifecycleContext): SafeResult<RecordChange<CiRelationshipRecord>, ValidationError | InvalidTransitionError> {
  const resolved = resolveContext(context, undefined);
  if (!resolved.success) return resolved;
  const parsed = parseWith(CiRelationshipRecord, relationship, CI_RELATIONSHIP_KIND);
  if (!parsed.success) return parsed;
  const current = parsed.data;
  const { now, actor } = resolved.data;
  if (current.removedAt !== undefined) {
    return { success: false, error: new InvalidTransitionError({ recordKind: CI_RELATIONSHIP_KIND, recordId: current.id, number: current.number, state: 'removed', event: 'remove', allowedEvents: [], refusedBy: [] }) };
  }
  if (now < current.updatedAt) {
    return { success: false, error: new ValidationError([issue(['now'], `must not be before the relationship's last change (${current.updatedAt})`, now)], 'context') };
  }
  const recipe = (draft: Draft<CiRelationshipRecord>): void => {
    draft.removedAt = now;
    draft.removedBy = actor;
  };
  const data = { type: current.type, sourceId: current.sourceId, targetId: current.targetId };
  const { next, patches, events } = modification(CI_RELATIONSHIP_KIND, current, recipe, resolved.data, 'removed', data);
  return { success: true, data: deepFreeze({ record: next, previous: current, patches, events }) };
}
