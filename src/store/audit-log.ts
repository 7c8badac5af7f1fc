import type { ActorRef, Instant } from '../core/record-fields.schema';
import type { RecordPatch } from '../core/record-change';

/** One change to one record, field by field: who, when, why, and the patches. */
export interface AuditEntry {
  readonly tenantId: string;
  readonly recordKind: string;
  readonly recordId: string;
  /** The version the change produced. */
  readonly version: number;
  readonly at: Instant;
  readonly actor: ActorRef;
  /** What was done, e.g. `incident.resolved`. */
  readonly action: string;
  /** Why, when the actor said. */
  readonly reason?: string;
  /** Applied in order to the previous version, they give this one. */
  readonly patches: readonly RecordPatch[];
}

/** The append-only audit log. Entries are never changed or removed. */
export interface AuditLog {
  /** Appends entries, in order. Each entry's `tenantId` must be `tenantId`. */
  append(tenantId: string, entries: readonly AuditEntry[]): Promise<void>;
  /** A record's entries, in the order they were appended. */
  list(tenantId: string, recordKind: string, recordId: string): Promise<AuditEntry[]>;
}
