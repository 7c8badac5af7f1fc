/* eslint-disable @typescript-eslint/require-await -- every method is async so that a bad
   argument rejects its promise rather than throwing, exactly as the PostgreSQL adapter's do. */
import { ConflictError } from '../core/conflict-error';
import { NotFoundError } from '../core/not-found-error';
import type { DomainEvent } from '../core/record-change';
import { issue, ValidationError } from '../core/validation-error';
import type { AuditEntry } from './audit-log';
import type { OutboxMessage } from './outbox';
import type { RecordPage, StorableRecord, StoredRecord } from './record-repository';
import {
  checkAuditEntries,
  checkInsertOptions,
  checkEvents,
  checkKey,
  checkKind,
  checkLimit,
  checkQuery,
  checkRecord,
  checkSequences,
  checkTenant,
  checkVersion,
  compareCodePoints,
  encodeCursor,
  type CheckedQuery,
  type IndexedFields,
} from './store-arguments';
import type { ItsmStore, StoreTransaction } from './store';

interface Row {
  readonly json: string;
  readonly index: IndexedFields;
  readonly slaDueAt: string | null;
}

interface OutboxRow {
  readonly sequence: number;
  readonly tenantId: string;
  readonly json: string;
  published: boolean;
}

interface State {
  /** Rows by `tenant \0 kind`, then id. */
  readonly records: Map<string, Map<string, Row>>;
  /** Ids by `tenant \0 kind`, then number. */
  readonly numbers: Map<string, Map<string, string>>;
  readonly audit: { tenantId: string; json: string; recordKind: string; recordId: string }[];
  readonly outbox: OutboxRow[];
  readonly counters: Map<string, number>;
  nextSequence: number;
}

const scope = (tenantId: string, kind: string): string => `${tenantId}\u0000${kind}`;

function table<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = new Map<string, V>()));
  return found;
}

/**
 * A store in memory: the zero-setup default, for tests, demos and single-process hosts. It has
 * the semantics of the PostgreSQL adapter — the same conformance suite proves both —
 * transactions included: they run one at a time, and one that throws leaves no trace.
 *
 * @returns an empty store
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.transaction(async (tx) => {
 *   const sequence = await tx.numbering.next('acme', 'incident');
 *   await tx.records('incident').insert('acme', incident);
 * });
 * ```
 */
export function createMemoryStore(): ItsmStore {
  const state: State = { records: new Map(), numbers: new Map(), audit: [], outbox: [], counters: new Map(), nextSequence: 1 };
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  return {
    transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new ValidationError([issue(['store'], 'is closed')], 'argument'));
      if (typeof work !== 'function') return Promise.reject(new ValidationError([issue(['work'], 'must be a function')], 'argument'));
      const run = queue.then(async () => {
        const undo: (() => void)[] = [];
        const live = { open: true };
        const tx = transactionOver(state, undo, live);
        try {
          const result = await work(tx);
          live.open = false;
          return result;
        } catch (error) {
          live.open = false;
          for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close(): Promise<void> {
      closed = true;
      return queue.then(() => undefined);
    },
  };
}

function transactionOver(state: State, undo: (() => void)[], live: { open: boolean }): StoreTransaction {
  const ensureOpen = (): void => {
    if (!live.open) throw new ValidationError([issue(['transaction'], 'has ended; use the transaction object only inside its work function')], 'argument');
  };
  // Every method is async, so a bad argument rejects the promise rather than throwing.
  return {
    records<R extends StorableRecord>(kindInput: string) {
      const kind = checkKind(kindInput);
      return {
        async get(tenantInput: string, idInput: string): Promise<StoredRecord<R> | undefined> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const id = checkKey(idInput, 'id');
          const row = state.records.get(scope(tenantId, kind))?.get(id);
          return row === undefined ? undefined : stored<R>(row);
        },
        async getByNumber(tenantInput: string, numberInput: string): Promise<StoredRecord<R> | undefined> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const number = checkKey(numberInput, 'number');
          const id = state.numbers.get(scope(tenantId, kind))?.get(number);
          const row = id === undefined ? undefined : state.records.get(scope(tenantId, kind))?.get(id);
          return row === undefined ? undefined : stored<R>(row);
        },
        async insert(tenantInput: string, record: R, options?: { slaDueAt?: string | null }): Promise<void> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const checked = checkRecord(tenantId, record);
          const slaDueAt = checkInsertOptions(options);
          const rows = table(state.records, scope(tenantId, kind));
          const numbers = table(state.numbers, scope(tenantId, kind));
          const { id, number } = checked.index;
          if (rows.has(id)) throw new ConflictError(`A ${kind} with id ${id} exists already`, { kind, id });
          if (numbers.has(number)) throw new ConflictError(`A ${kind} numbered ${number} exists already`, { kind, number });
          rows.set(id, { json: checked.json, index: checked.index, slaDueAt });
          numbers.set(number, id);
          undo.push(() => {
            rows.delete(id);
            numbers.delete(number);
          });
        },
        async update(tenantInput: string, record: R, options: { expectedVersion: number; slaDueAt?: string | null }): Promise<void> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const checked = checkRecord(tenantId, record);
          const { expectedVersion, slaDueAt } = checkVersion(options);
          const { id, number, version } = checked.index;
          if (version !== expectedVersion + 1) {
            throw new ValidationError([issue(['record', 'version'], `must be expectedVersion + 1 (${expectedVersion + 1})`, version)], 'argument');
          }
          const rows = table(state.records, scope(tenantId, kind));
          const previous = rows.get(id);
          if (previous === undefined) throw new NotFoundError(`No ${kind} with id ${id}`, { kind, id });
          if (previous.index.version !== expectedVersion) {
            throw new ConflictError(`The ${kind} ${id} is at version ${previous.index.version}, not ${expectedVersion}`, { kind, id, expectedVersion, storedVersion: previous.index.version });
          }
          if (number !== previous.index.number) {
            throw new ValidationError([issue(['record', 'number'], `must stay ${previous.index.number}: a record's number never changes`, number)], 'argument');
          }
          rows.set(id, { json: checked.json, index: checked.index, slaDueAt: slaDueAt === undefined ? previous.slaDueAt : slaDueAt });
          undo.push(() => rows.set(id, previous));
        },
        async query(tenantInput: string, queryInput?: unknown): Promise<RecordPage<R>> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const query = checkQuery(queryInput);
          const rows = [...(state.records.get(scope(tenantId, kind))?.values() ?? [])].filter((row) => matches(row, query));
          const keyOf = sortKey(query.orderBy);
          rows.sort((a, b) => compareRows(keyOf(a), a.index.id, keyOf(b), b.index.id));
          const after = query.after;
          const rest = after === undefined ? rows : rows.filter((row) => compareRows(keyOf(row), row.index.id, after.key, after.id) > 0);
          const page = rest.slice(0, query.limit);
          const last = page.at(-1);
          const items = page.map((row) => stored<R>(row));
          return rest.length > query.limit && last !== undefined ? { items, next: encodeCursor(query.orderBy, keyOf(last), last.index.id) } : { items };
        },
      };
    },
    audit: {
      async append(tenantInput: string, entriesInput: readonly AuditEntry[]): Promise<void> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const entries = checkAuditEntries(tenantId, entriesInput);
        const before = state.audit.length;
        for (const entry of entries) state.audit.push({ tenantId, json: JSON.stringify(entry), recordKind: entry.recordKind, recordId: entry.recordId });
        undo.push(() => {
          state.audit.length = before;
        });
      },
      async list(tenantInput: string, kindInput: string, idInput: string): Promise<AuditEntry[]> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const recordKind = checkKind(kindInput);
        const recordId = checkKey(idInput, 'recordId');
        return state.audit
          .filter((row) => row.tenantId === tenantId && row.recordKind === recordKind && row.recordId === recordId)
          .map((row) => JSON.parse(row.json) as AuditEntry);
      },
    },
    outbox: {
      async enqueue(tenantInput: string, eventsInput: readonly DomainEvent[]): Promise<void> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const events = checkEvents(tenantId, eventsInput);
        const before = { length: state.outbox.length, next: state.nextSequence };
        for (const event of events) state.outbox.push({ sequence: state.nextSequence++, tenantId, json: JSON.stringify(event), published: false });
        undo.push(() => {
          state.outbox.length = before.length;
          state.nextSequence = before.next;
        });
      },
      async pending(tenantInput: string, options?: { limit?: number }): Promise<OutboxMessage[]> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const limit = checkLimit(options);
        const messages: OutboxMessage[] = [];
        for (const row of state.outbox) {
          if (messages.length >= limit) break;
          if (row.tenantId === tenantId && !row.published) messages.push({ sequence: row.sequence, event: JSON.parse(row.json) as DomainEvent });
        }
        return messages;
      },
      async markPublished(tenantInput: string, sequencesInput: readonly number[]): Promise<void> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const wanted = new Set(checkSequences(sequencesInput));
        for (const row of state.outbox) {
          if (row.tenantId !== tenantId || row.published || !wanted.has(row.sequence)) continue;
          row.published = true;
          undo.push(() => {
            row.published = false;
          });
        }
      },
    },
    numbering: {
      async next(tenantInput: string, kindInput: string): Promise<number> {
        ensureOpen();
        const key = scope(checkTenant(tenantInput), checkKind(kindInput));
        const previous = state.counters.get(key) ?? 0;
        state.counters.set(key, previous + 1);
        undo.push(() => state.counters.set(key, previous));
        return previous + 1;
      },
    },
  };
}

function stored<R extends StorableRecord>(row: Row): StoredRecord<R> {
  return { record: JSON.parse(row.json) as R, slaDueAt: row.slaDueAt };
}

function matches(row: Row, { query }: CheckedQuery): boolean {
  const { index } = row;
  if (query.state !== undefined && (index.state === null || !query.state.includes(index.state))) return false;
  if (query.assignee !== undefined && index.assignee !== query.assignee) return false;
  if (query.assignmentGroup !== undefined && index.assignmentGroup !== query.assignmentGroup) return false;
  if (query.priority !== undefined && (index.priority === null || !query.priority.includes(index.priority))) return false;
  if (query.slaDueBy !== undefined && (row.slaDueAt === null || row.slaDueAt > query.slaDueBy)) return false;
  if (query.updatedSince !== undefined && index.updatedAt < query.updatedSince) return false;
  if (query.orderBy === 'slaDueAt' && row.slaDueAt === null) return false;
  return true;
}

function sortKey(orderBy: CheckedQuery['orderBy']): (row: Row) => string | null {
  if (orderBy === 'updatedAt') return (row) => row.index.updatedAt;
  if (orderBy === 'slaDueAt') return (row) => row.slaDueAt;
  return () => null;
}

function compareRows(keyA: string | null, idA: string, keyB: string | null, idB: string): number {
  if (keyA !== null && keyB !== null && keyA !== keyB) return compareCodePoints(keyA, keyB);
  return compareCodePoints(idA, idB);
}
