// The same command as the adapter's, written by hand: the floor the adapter is measured against.
// For PostgreSQL, four parameterised statements in one transaction on the same driver; for
// memory, the same reads and writes on plain Maps with the same JSON copying.
import type { PostgresDriver } from '../../src/postgres/index';

export interface BenchRecord {
  id: string;
  tenantId: string;
  number: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  state: string;
  counter: number;
}

/** One command: read a record, write its next version if the version matches, audit it, enqueue an event. */
export type Command = (tenant: string, id: string, now: string) => Promise<void>;

export function rawSqlCommand(driver: PostgresDriver): Command {
  return (tenant, id, now) =>
    driver.transaction(async (client) => {
      const { rows } = await client.query<{ data: string }>("SELECT data::text AS data FROM itsm_records WHERE tenant_id = $1 AND kind = 'incident' AND id = $2", [tenant, id]);
      const record = JSON.parse(rows[0]!.data) as BenchRecord;
      const next = { ...record, version: record.version + 1, updatedAt: now, counter: record.counter + 1 };
      const updated = await client.query(
        "UPDATE itsm_records SET version = $4, state = $5, updated_at = $6, data = $7::jsonb WHERE tenant_id = $1 AND kind = 'incident' AND id = $2 AND version = $3 RETURNING id",
        [tenant, id, record.version, next.version, next.state, now, JSON.stringify(next)],
      );
      if (updated.rows.length !== 1) throw new Error('conflict');
      await client.query("INSERT INTO itsm_audit (tenant_id, record_kind, record_id, entry) VALUES ($1, 'incident', $2, $3::jsonb)", [
        tenant,
        id,
        JSON.stringify(auditEntry(tenant, id, next.version, now)),
      ]);
      await client.query('INSERT INTO itsm_outbox (tenant_id, event) VALUES ($1, $2::jsonb)', [tenant, JSON.stringify(event(tenant, next, now))]);
    });
}

export function rawMemoryCommand(): { command: Command; seed: (record: BenchRecord) => void } {
  const records = new Map<string, string>();
  const audit: string[] = [];
  const outbox: string[] = [];
  let lock: Promise<unknown> = Promise.resolve();
  return {
    seed: (record) => records.set(`${record.tenantId}\u0000${record.id}`, JSON.stringify(record)),
    command: (tenant, id, now) => {
      const run = lock.then(() => {
        const key = `${tenant}\u0000${id}`;
        const record = JSON.parse(records.get(key)!) as BenchRecord;
        const next = { ...record, version: record.version + 1, updatedAt: now, counter: record.counter + 1 };
        records.set(key, JSON.stringify(next));
        audit.push(JSON.stringify(auditEntry(tenant, id, next.version, now)));
        outbox.push(JSON.stringify(event(tenant, next, now)));
      });
      lock = run;
      return run;
    },
  };
}

export function auditEntry(tenantId: string, recordId: string, version: number, at: string) {
  return {
    tenantId,
    recordKind: 'incident',
    recordId,
    version,
    at,
    actor: { kind: 'user' as const, id: 'bench' },
    action: 'incident.updated',
    patches: [{ op: 'replace' as const, path: ['counter'], value: version }],
  };
}

export function event(tenantId: string, record: BenchRecord, at: string) {
  return {
    type: 'incident.updated',
    tenantId,
    recordKind: 'incident',
    recordId: record.id,
    number: record.number,
    version: record.version,
    at,
    actor: { kind: 'user' as const, id: 'bench' },
    data: { counter: record.counter },
  };
}
