import { ConflictError } from '../core/conflict-error';
import { NotFoundError } from '../core/not-found-error';
import type { DomainEvent } from '../core/record-change';
import { issue, ValidationError } from '../core/validation-error';
import type { AuditEntry } from '../store/audit-log';
import type { OutboxMessage } from '../store/outbox';
import type { RecordPage, StorableRecord, StoredRecord } from '../store/record-repository';
import type { ItsmStore, StoreTransaction } from '../store/store';
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
  encodeCursor,
  type CheckedQuery,
} from '../store/store-arguments';
import { isPostgresDriver, type PostgresDriver, type PostgresQueryable } from './postgres-driver';

interface RecordRow {
  data: string;
  sla_due_at: string | null;
  id: string;
  updated_at: string;
}

const RECORD_COLUMNS = 'data::text AS data, sla_due_at, id, updated_at';

/**
 * A store on PostgreSQL — a server through node-postgres, or PGlite in-process — with the
 * semantics of the memory store, proven by the same conformance suite. Run
 * `migratePostgres(driver)` first. Every statement is parameterised and scoped by tenant; no
 * identifier is built from input.
 *
 * @param driver - from `pgPoolDriver(pool)` or `pgliteDriver(db)`
 * @returns the store; `close()` closes the driver
 *
 * @example
 * ```ts
 * const driver = pgliteDriver(new PGlite('./itsm-data'));
 * await migratePostgres(driver);
 * const store = createPostgresStore(driver);
 * ```
 */
export function createPostgresStore(driver: PostgresDriver): ItsmStore {
  if (!isPostgresDriver(driver)) {
    throw new ValidationError([issue(['driver'], 'must be made by pgPoolDriver() or pgliteDriver(), or have query() and transaction()')], 'argument');
  }
  let closed = false;
  return {
    async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      if (closed) throw new ValidationError([issue(['store'], 'is closed')], 'argument');
      if (typeof work !== 'function') throw new ValidationError([issue(['work'], 'must be a function')], 'argument');
      return driver.transaction(async (client) => {
        const live = { open: true };
        try {
          return await work(transactionOver(client, live));
        } finally {
          live.open = false;
        }
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}

function transactionOver(client: PostgresQueryable, live: { open: boolean }): StoreTransaction {
  const ensureOpen = (): void => {
    if (!live.open) throw new ValidationError([issue(['transaction'], 'has ended; use the transaction object only inside its work function')], 'argument');
  };
  return {
    records<R extends StorableRecord>(kindInput: string) {
      const kind = checkKind(kindInput);
      const one = async (column: 'id' | 'number', tenantId: string, key: string): Promise<StoredRecord<R> | undefined> => {
        const text =
          column === 'id'
            ? `SELECT ${RECORD_COLUMNS} FROM itsm_records WHERE tenant_id = $1 AND kind = $2 AND id = $3`
            : `SELECT ${RECORD_COLUMNS} FROM itsm_records WHERE tenant_id = $1 AND kind = $2 AND number = $3`;
        const { rows } = await client.query<RecordRow>(text, [tenantId, kind, key]);
        const row = rows[0];
        return row === undefined ? undefined : stored<R>(row);
      };
      return {
        async get(tenantInput: string, idInput: string) {
          ensureOpen();
          return one('id', checkTenant(tenantInput), checkKey(idInput, 'id'));
        },
        async getByNumber(tenantInput: string, numberInput: string) {
          ensureOpen();
          return one('number', checkTenant(tenantInput), checkKey(numberInput, 'number'));
        },
        async insert(tenantInput: string, record: R, options?: { slaDueAt?: string | null }): Promise<void> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const { json, index } = checkRecord(tenantId, record);
          const slaDueAt = checkInsertOptions(options);
          const { rows } = await client.query(
            `INSERT INTO itsm_records (tenant_id, kind, id, number, version, state, assignee, assignment_group, priority, sla_due_at, created_at, updated_at, data)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
             ON CONFLICT DO NOTHING RETURNING id`,
            [tenantId, kind, index.id, index.number, index.version, index.state, index.assignee, index.assignmentGroup, index.priority, slaDueAt, index.createdAt, index.updatedAt, json],
          );
          if (rows.length > 0) return;
          const taken = await client.query('SELECT 1 FROM itsm_records WHERE tenant_id = $1 AND kind = $2 AND id = $3', [tenantId, kind, index.id]);
          if (taken.rows.length > 0) throw new ConflictError(`A ${kind} with id ${index.id} exists already`, { kind, id: index.id });
          throw new ConflictError(`A ${kind} numbered ${index.number} exists already`, { kind, number: index.number });
        },
        async update(tenantInput: string, record: R, options: { expectedVersion: number; slaDueAt?: string | null }): Promise<void> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const { json, index } = checkRecord(tenantId, record);
          const { expectedVersion, slaDueAt } = checkVersion(options);
          if (index.version !== expectedVersion + 1) {
            throw new ValidationError([issue(['record', 'version'], `must be expectedVersion + 1 (${expectedVersion + 1})`, index.version)], 'argument');
          }
          const { rows } = await client.query(
            `UPDATE itsm_records SET version = $5, state = $6, assignee = $7, assignment_group = $8, priority = $9,
               sla_due_at = CASE WHEN $10::boolean THEN sla_due_at ELSE $11 END, created_at = $12, updated_at = $13, data = $14::jsonb
             WHERE tenant_id = $1 AND kind = $2 AND id = $3 AND version = $4 AND number = $15 RETURNING id`,
            [tenantId, kind, index.id, expectedVersion, index.version, index.state, index.assignee, index.assignmentGroup, index.priority, slaDueAt === undefined, slaDueAt ?? null, index.createdAt, index.updatedAt, json, index.number],
          );
          if (rows.length > 0) return;
          const found = await client.query<{ version: number; number: string }>('SELECT version, number FROM itsm_records WHERE tenant_id = $1 AND kind = $2 AND id = $3', [tenantId, kind, index.id]);
          const current = found.rows[0];
          if (current === undefined) throw new NotFoundError(`No ${kind} with id ${index.id}`, { kind, id: index.id });
          if (current.version !== expectedVersion) {
            throw new ConflictError(`The ${kind} ${index.id} is at version ${current.version}, not ${expectedVersion}`, { kind, id: index.id, expectedVersion, storedVersion: current.version });
          }
          throw new ValidationError([issue(['record', 'number'], `must stay ${current.number}: a record's number never changes`, index.number)], 'argument');
        },
        async query(tenantInput: string, queryInput?: unknown): Promise<RecordPage<R>> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const query = checkQuery(queryInput);
          const { text, values } = selectPage(tenantId, kind, query);
          const { rows } = await client.query<RecordRow>(text, values);
          const page = rows.slice(0, query.limit);
          const last = page.at(-1);
          const items = page.map((row) => stored<R>(row));
          if (rows.length <= query.limit || last === undefined) return { items };
          const key = query.orderBy === 'id' ? null : query.orderBy === 'updatedAt' ? last.updated_at : last.sla_due_at;
          return { items, next: encodeCursor(query.orderBy, key, last.id) };
        },
      };
    },
    audit: {
      async append(tenantInput: string, entriesInput: readonly AuditEntry[]): Promise<void> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const entries = checkAuditEntries(tenantId, entriesInput);
        for (const entry of entries) {
          await client.query('INSERT INTO itsm_audit (tenant_id, record_kind, record_id, entry) VALUES ($1, $2, $3, $4::jsonb)', [tenantId, entry.recordKind, entry.recordId, JSON.stringify(entry)]);
        }
      },
      async list(tenantInput: string, kindInput: string, idInput: string): Promise<AuditEntry[]> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const { rows } = await client.query<{ entry: string }>(
          'SELECT entry::text AS entry FROM itsm_audit WHERE tenant_id = $1 AND record_kind = $2 AND record_id = $3 ORDER BY sequence',
          [tenantId, checkKind(kindInput), checkKey(idInput, 'recordId')],
        );
        return rows.map((row) => JSON.parse(row.entry) as AuditEntry);
      },
    },
    outbox: {
      async enqueue(tenantInput: string, eventsInput: readonly DomainEvent[]): Promise<void> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const events = checkEvents(tenantId, eventsInput);
        for (const event of events) await client.query('INSERT INTO itsm_outbox (tenant_id, event) VALUES ($1, $2::jsonb)', [tenantId, JSON.stringify(event)]);
      },
      async pending(tenantInput: string, options?: { limit?: number }): Promise<OutboxMessage[]> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const limit = checkLimit(options);
        const { rows } = await client.query<{ sequence: string; event: string }>(
          'SELECT sequence::text AS sequence, event::text AS event FROM itsm_outbox WHERE tenant_id = $1 AND NOT published ORDER BY sequence LIMIT $2',
          [tenantId, limit],
        );
        return rows.map((row) => ({ sequence: Number(row.sequence), event: JSON.parse(row.event) as DomainEvent }));
      },
      async markPublished(tenantInput: string, sequencesInput: readonly number[]): Promise<void> {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const sequences = checkSequences(sequencesInput);
        if (sequences.length === 0) return;
        await client.query('UPDATE itsm_outbox SET published = true WHERE tenant_id = $1 AND sequence = ANY($2::bigint[]) AND NOT published', [tenantId, sequences]);
      },
    },
    numbering: {
      async next(tenantInput: string, kindInput: string): Promise<number> {
        ensureOpen();
        const { rows } = await client.query<{ value: string }>(
          `INSERT INTO itsm_counters (tenant_id, kind, value) VALUES ($1, $2, 1)
           ON CONFLICT (tenant_id, kind) DO UPDATE SET value = itsm_counters.value + 1 RETURNING value::text AS value`,
          [checkTenant(tenantInput), checkKind(kindInput)],
        );
        return Number(rows[0]!.value);
      },
    },
  };
}

function stored<R extends StorableRecord>(row: RecordRow): StoredRecord<R> {
  return { record: JSON.parse(row.data) as R, slaDueAt: row.sla_due_at };
}

/** The page query: fixed SQL fragments chosen by the validated query, values as parameters. */
function selectPage(tenantId: string, kind: string, checked: CheckedQuery): { text: string; values: unknown[] } {
  const { query, orderBy, after, limit } = checked;
  const values: unknown[] = [tenantId, kind];
  const where = ['tenant_id = $1', 'kind = $2'];
  const add = (fragment: (placeholder: string) => string, value: unknown): void => {
    values.push(value);
    where.push(fragment(`$${values.length}`));
  };
  if (query.state !== undefined) add((p) => `state = ANY(${p}::text[])`, query.state);
  if (query.assignee !== undefined) add((p) => `assignee = ${p}`, query.assignee);
  if (query.assignmentGroup !== undefined) add((p) => `assignment_group = ${p}`, query.assignmentGroup);
  if (query.priority !== undefined) add((p) => `priority = ANY(${p}::integer[])`, query.priority);
  if (query.slaDueBy !== undefined) add((p) => `sla_due_at <= ${p}`, query.slaDueBy);
  if (query.updatedSince !== undefined) add((p) => `updated_at >= ${p}`, query.updatedSince);
  if (orderBy === 'slaDueAt') where.push('sla_due_at IS NOT NULL');
  const column = orderBy === 'updatedAt' ? 'updated_at' : orderBy === 'slaDueAt' ? 'sla_due_at' : undefined;
  if (after !== undefined) {
    if (column === undefined) add((p) => `id > ${p}`, after.id);
    else {
      values.push(after.key, after.id);
      where.push(`(${column}, id) > ($${values.length - 1}, $${values.length})`);
    }
  }
  values.push(limit + 1);
  const order = column === undefined ? 'id' : `${column}, id`;
  return { text: `SELECT ${RECORD_COLUMNS} FROM itsm_records WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${values.length}`, values };
}
