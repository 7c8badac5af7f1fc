import type { AuditLog } from './audit-log';
import type { Outbox } from './outbox';
import type { RecordNumbering } from './record-numbering';
import type { RecordRepository, StorableRecord } from './record-repository';

/** What one transaction can do: read and write records, the audit log, the outbox and numbers. */
export interface StoreTransaction {
  /** The repository of one kind of record, e.g. `records<Incident>('incident')`. */
  records<R extends StorableRecord = StorableRecord>(kind: string): RecordRepository<R>;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly numbering: RecordNumbering;
}

/**
 * The storage port: everything the library keeps, behind one transaction runner. Adapters:
 * `createMemoryStore()` (from `itsm-kit`) and `createPostgresStore()` (from
 * `itsm-kit/postgres`); a third party proves its own with `storeConformanceSuite` from
 * `itsm-kit/testing`.
 */
export interface ItsmStore {
  /**
   * Runs `work` in one transaction: every write it makes happens, or — when it throws — none
   * does, and the error is rethrown. Do not use the transaction object after `work` settles,
   * and do not start a transaction inside another.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Releases what the store holds (connections); the store is unusable afterwards. */
  close(): Promise<void>;
}
