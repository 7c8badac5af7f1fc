import { z } from 'zod';
import { readArgument } from '../core/unreadable-argument';
import { ActorRef, Instant } from '../core/record-fields.schema';
import { CiRelationship } from './ci-relationship.schema';

/**
 * A relationship as a store keeps it: the `CiRelationship` contract with the fields a stored
 * record needs — a human number, a version, when it was last changed — and, once removed, when
 * and by whom. A removed relationship is kept (its audit trail refers to it) but is no longer
 * part of the CMDB: lists, checks and impact analysis leave it out.
 */
export const CiRelationshipRecord = CiRelationship.extend({
  /** The human number, e.g. `REL0000001`. */
  number: z.string().min(1).max(32),
  version: z.int().min(1),
  createdAt: Instant,
  createdBy: ActorRef,
  updatedAt: Instant,
  removedAt: Instant.optional(),
  removedBy: ActorRef.optional(),
}).superRefine((record, context) => {
  if ((record.removedAt === undefined) !== (record.removedBy === undefined)) {
    context.addIssue({ code: 'custom', path: ['removedBy'], message: 'is present exactly when removedAt is' });
  }
});
/** A relationship as a store keeps it. */
export type CiRelationshipRecord = z.infer<typeof CiRelationshipRecord>;

/** What adding a relationship takes from the caller; the tenant, id and creation come from the context. */
export const AddCiRelationshipInput = z.strictObject({
  type: CiRelationship.shape.type,
  sourceId: CiRelationship.shape.sourceId,
  targetId: CiRelationship.shape.targetId,
  description: CiRelationship.shape.description,
});
/** What adding a relationship takes from the caller. */
export type AddCiRelationshipInput = z.infer<typeof AddCiRelationshipInput>;

/**
 * The `CiRelationship` a stored relationship stands for: the contract fields only, which is
 * what `validateCiRelationship`, `buildCmdbGraph` and the change practice read.
 *
 * @param record - a stored relationship
 * @returns the relationship without its storage fields
 *
 * @example
 * ```ts
 * ciRelationshipOf(record); // => { tenantId, id, type, sourceId, targetId, createdAt, createdBy }
 * ```
 */
export function ciRelationshipOf(record: CiRelationshipRecord): CiRelationship {
  return readArgument(['record'], () => {
    const { tenantId, id, type, sourceId, targetId, createdAt, createdBy, description } = record;
    return description === undefined ? { tenantId, id, type, sourceId, targetId, createdAt, createdBy } : { tenantId, id, type, sourceId, targetId, createdAt, createdBy, description };
  });
}
