import type { Instant } from '../core/record-fields.schema';
import type { RecordQuery } from './record-query.schema';

/** What a store needs of any record: the fields of `RecordBase` it keys and checks on. */
export interface StorableRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly number: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A record as stored, with the SLA deadline the service keeps beside it for breach scans. */
export interface StoredRecord<R extends StorableRecord = StorableRecord> {
  readonly record: R;
  /** The record's next SLA deadline (a warning or a breach), or null when it has none. */
  readonly slaDueAt: Instant | null;
}

/** One page of a query's results, and the cursor of the next page when there is one. */
export interface RecordPage<R extends StorableRecord = StorableRecord> {
  readonly items: readonly StoredRecord<R>[];
  /** Pass as `after` to get the next page; absent on the last page. */
  readonly next?: string;
}

/** Options of {@link RecordRepository.insert}. */
export interface InsertRecordOptions {
  /** The record's next SLA deadline; null (the default) for none. */
  readonly slaDueAt?: Instant | null;
}

/** Options of {@link RecordRepository.update}. */
export interface UpdateRecordOptions {
  /** The version the caller read; the write is refused as a conflict when the stored one differs. */
  readonly expectedVersion: number;
  /** The record's next SLA deadline; omit to keep the stored one, null to clear it. */
  readonly slaDueAt?: Instant | null;
}

/**
 * The records of one kind (`incident`, `problem`, …) in a store. Every method is scoped to a
 * tenant: a record of another tenant is never seen, found, or changed, whatever its id.
 *
 * Records are stored as JSON: what comes back is deeply equal to what went in (key order
 * aside), never the same object, and changing the object given to `insert` or `update`
 * afterwards changes nothing stored.
 */
export interface RecordRepository<R extends StorableRecord = StorableRecord> {
  /** The record with this id, or undefined. */
  get(tenantId: string, id: string): Promise<StoredRecord<R> | undefined>;
  /** The record with this human number, or undefined. */
  getByNumber(tenantId: string, number: string): Promise<StoredRecord<R> | undefined>;
  /**
   * Stores a new record. Its `tenantId` must be `tenantId`.
   * @throws `ConflictError` when the id or the number is taken in the tenant
   */
  insert(tenantId: string, record: R, options?: InsertRecordOptions): Promise<void>;
  /**
   * Replaces a record with its next version: `record.version` must be `expectedVersion + 1`,
   * and its number must be the stored one (numbers never change).
   * @throws `ConflictError` when the stored version is not `expectedVersion`; `NotFoundError`
   *   when there is no such record in the tenant; `ValidationError` for a changed number
   */
  update(tenantId: string, record: R, options: UpdateRecordOptions): Promise<void>;
  /**
   * The records that match every filter given, one page at a time, in a stable order.
   * @throws `ValidationError` for a bad query, including an `after` that is not the `next` of
   *   a page of a query in the same order (a made-up cursor, or one from another `orderBy`)
   */
  query(tenantId: string, query?: RecordQuery): Promise<RecordPage<R>>;
}
