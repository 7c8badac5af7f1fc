import { z } from 'zod';
import { ActorRef, Instant, RecordId, TenantId } from '../core/record-fields.schema';
import { CmdbName } from './ci-class.schema';

/**
 * A typed link between two configuration items of one tenant: `sourceId —type→ targetId`, read
 * with the type's name from source to target (`app-1 depends_on db-1`) and with its inverse name
 * the other way (`db-1 used_by app-1`). The fields `tenantId`, `id`, `type`, `sourceId` and
 * `targetId` are a fixed contract other practices (change schedule conflicts) read.
 */
export const CiRelationship = z.strictObject({
  tenantId: TenantId,
  id: RecordId,
  /** The name of a relationship type of the catalogue, e.g. `depends_on`. */
  type: CmdbName,
  sourceId: RecordId,
  targetId: RecordId,
  createdAt: Instant.optional(),
  createdBy: ActorRef.optional(),
  /** Why the link exists, for people. */
  description: z.string().max(2000).optional(),
});
/** A typed link between two configuration items. */
export type CiRelationship = z.infer<typeof CiRelationship>;
