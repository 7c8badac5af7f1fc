/**
 * Issues the sequence behind human record numbers, per tenant and kind: 1, 2, 3, … without
 * duplicates, also under concurrent transactions. Inside a transaction that rolls back, the
 * numbers it drew are given out again.
 */
export interface RecordNumbering {
  /** The next sequence of this tenant and kind; format it with `formatRecordNumber`. */
  next(tenantId: string, kind: string): Promise<number>;
}
