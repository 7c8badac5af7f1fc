import { z } from 'zod';
import { ActorRef, Instant, RecordId, TenantId } from './record-fields.schema';

/**
 * What every ITSM record carries: identity, tenant, human number, version for optimistic
 * concurrency, and when and by whom it was created. Practice schemas (incident, problem, …)
 * extend it with `RecordBase.extend({ … })`.
 */
export const RecordBase = z.strictObject({
  id: RecordId,
  tenantId: TenantId,
  /** The human number, e.g. `INC0001001`; see `formatRecordNumber`. */
  number: z.string().min(1).max(32),
  /** 1 for a new record; each accepted change writes version + 1. */
  version: z.int().min(1),
  createdAt: Instant,
  updatedAt: Instant,
  openedBy: ActorRef,
});
/** What every ITSM record carries. */
export type RecordBase = z.infer<typeof RecordBase>;
