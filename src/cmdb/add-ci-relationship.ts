import { listEntries } from '../core/list-entries';
import { orThrow, readContextField } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type IssuePath } from '../core/validation-error';
import type { CiClassCatalogue } from './ci-class-catalogue';
import { AddCiRelationshipInput, type CiRelationshipRecord } from './ci-relationship-record.schema';
import type { CiRelationship } from './ci-relationship.schema';
import { caughtAsError } from './cmdb-arguments';
import { creation } from './cmdb-record-change';
import { cmdbCreation } from './configuration-item-context';
import type { ConfigurationItem } from './configuration-item.schema';
import { safeValidateCiRelationship } from './validate-ci-relationship';

/** The record kind of stored relationships, the prefix of their domain events. @internal */
export const CI_RELATIONSHIP_KIND = 'ci_relationship';

/** What `addCiRelationship` needs: who, when, a fresh id, the tenant, the human number, and the CMDB it joins. */
export interface AddCiRelationshipContext extends LifecycleContext {
  readonly tenantId: string;
  /** The human number the host's numbering issued, e.g. `REL0000001`. */
  readonly number: string;
  /** The classes and relationship types; `defineCiClasses([])` when omitted. */
  readonly catalogue?: CiClassCatalogue;
  /** The tenant's items, at least the two ends, as a list or by id. */
  readonly items: readonly ConfigurationItem[] | ReadonlyMap<string, ConfigurationItem>;
  /** The tenant's relationships, for the duplicate check; removed ones are left out. */
  readonly relationships: readonly (CiRelationship | CiRelationshipRecord)[];
}

/**
 * Adds a relationship between two configuration items: builds it (id from `newId`, created now
 * by the actor), checks it with `validateCiRelationship` — a known type, both ends items of the
 * tenant and not retired, no self-loop, a class pair the type allows, no duplicate — and returns
 * it as a stored record at version 1.
 *
 * @param input - type, source and target; optionally a description
 * @param context - now, actor, newId, tenantId and number; the items and existing relationships; optionally the catalogue
 * @returns the new relationship record, its creation patches and a `ci_relationship.added` event
 * @throws {@link ValidationError} naming the rule broken at the field concerned
 *
 * @example
 * ```ts
 * const { record } = addCiRelationship({ type: 'runs_on', sourceId: app.id, targetId: server.id }, { ...context, items: [app, server], relationships: [] });
 * record.number; // => 'REL0000001'
 * ```
 */
export function addCiRelationship(input: AddCiRelationshipInput, context: AddCiRelationshipContext): RecordChange<CiRelationshipRecord> {
  return orThrow(safeAddCiRelationship(input, context));
}

/**
 * Like {@link addCiRelationship}, but returns the error instead of throwing it, and takes
 * `unknown` input.
 *
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link addCiRelationship}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeAddCiRelationship(body, context);
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeAddCiRelationship(input: unknown, context: AddCiRelationshipContext): SafeResult<RecordChange<CiRelationshipRecord>, ValidationError> {
  const started = cmdbCreation(AddCiRelationshipInput, input, context, 'CI relationship');
  if (!started.success) return started;
  const { id, tenantId, number, context: resolved, catalogue, items } = started.data;
  const given = typeof context === 'object' && context !== null ? context : {};
  const relationships = readContextField(given, 'relationships');
  if (!relationships.success) return { success: false, error: new ValidationError([relationships.issue], 'context') };
  const { now, actor } = resolved;
  // The relationships not removed, and where each stands in the caller's list, by index: a hole
  // is kept (as undefined, for the check to refuse), and a problem is named at its own index.
  const live: unknown[] = [];
  const positions: number[] = [];
  try {
    const list: unknown = relationships.value;
    if (!Array.isArray(list)) return { success: false, error: new ValidationError([issue(['relationships'], 'must be an array of relationships')], 'context') };
    listEntries(list as unknown[]).forEach((other, index) => {
      if (typeof other === 'object' && other !== null && (other as { removedAt?: unknown }).removedAt !== undefined) return;
      live.push(other);
      positions.push(index);
    });
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'context') };
  }
  const candidate: CiRelationship = { tenantId, id, ...started.data.input, createdAt: now, createdBy: actor };
  const checked = safeValidateCiRelationship(catalogue, candidate, { items, relationships: live as CiRelationship[] });
  if (!checked.success) return { success: false, error: atPositions(checked.error, positions) };
  const record: CiRelationshipRecord = { ...checked.data, createdAt: now, createdBy: actor, number, version: 1, updatedAt: now };
  return { success: true, data: creation(CI_RELATIONSHIP_KIND, record, 'added', resolved, { type: record.type, sourceId: record.sourceId, targetId: record.targetId }) };
}

/** The error with each `context.relationships[i]` named at its index in the caller's list. */
function atPositions(error: ValidationError, positions: readonly number[]): ValidationError {
  const moved = (path: IssuePath): IssuePath =>
    path[0] === 'context' && path[1] === 'relationships' && typeof path[2] === 'number' ? ['context', 'relationships', positions[path[2]] ?? path[2], ...path.slice(3)] : path;
  if (!error.issues.some((found) => moved(found.path) !== found.path)) return error;
  return new ValidationError(
    error.issues.map((found) => ({ ...found, path: moved(found.path) })),
    typeof error.details['subject'] === 'string' ? error.details['subject'] : 'argument',
  );
}
