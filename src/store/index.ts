export type { ItsmStore, StoreTransaction } from './store';
export type { RecordRepository, StoredRecord, StorableRecord, RecordPage, InsertRecordOptions, UpdateRecordOptions } from './record-repository';
export { RecordQuery, MAX_PAGE_SIZE } from './record-query.schema';
export type { AuditEntry, AuditLog } from './audit-log';
export type { Outbox, OutboxMessage, PendingOptions } from './outbox';
export type { RecordNumbering } from './record-numbering';
export { createMemoryStore } from './memory-store';
