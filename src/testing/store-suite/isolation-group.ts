import assert from 'node:assert/strict';
import type { DomainEvent } from '../../core/record-change';
import type { AuditEntry } from '../../store/audit-log';
import { nextVersion, rejectsWith, sampleRecord, type SuiteContext } from './suite-context';

/** An audit entry for a record. @internal */
export function auditEntry(tenantId: string, recordId: string, version: number, action = 'incident.updated'): AuditEntry {
  return {
    tenantId,
    recordKind: 'incident',
    recordId,
    version,
    at: '2026-11-23T09:00:00.000Z',
    actor: { kind: 'user', id: 'agent-1' },
    action,
    patches: [{ op: 'replace', path: ['state'], value: 'in_progress' }],
  };
}

/** A domain event for a record. @internal */
export function domainEvent(tenantId: string, recordId: string, version: number, type = 'incident.updated'): DomainEvent {
  return {
    type,
    tenantId,
    recordKind: 'incident',
    recordId,
    number: `T${recordId}`,
    version,
    at: '2026-11-23T09:00:00.000Z',
    actor: { kind: 'user', id: 'agent-1' },
    data: { version },
  };
}

/** Tenant isolation: a foreign tenant's id sees and changes nothing. @internal */
export function isolationGroup({ test, withStore, timeoutMs }: SuiteContext): void {
  test.describe('tenant isolation', () => {
    test.it(
      'shows another tenant nothing and lets it change nothing, through every method',
      withStore(async (store, tenant, other) => {
        const record = sampleRecord(tenant, 'r-1', { assignee: { kind: 'user', id: 'u-1' }, priority: 1 });
        await store.transaction(async (tx) => {
          await tx.records('incident').insert(tenant, record, { slaDueAt: '2026-11-23T10:00:00.000Z' });
          await tx.audit.append(tenant, [auditEntry(tenant, 'r-1', 1)]);
          await tx.outbox.enqueue(tenant, [domainEvent(tenant, 'r-1', 1)]);
          await tx.numbering.next(tenant, 'incident');
        });
        const sequences = await store.transaction(async (tx) => (await tx.outbox.pending(tenant)).map((message) => message.sequence));

        await store.transaction(async (tx) => {
          const repository = tx.records('incident');
          assert.equal(await repository.get(other, 'r-1'), undefined);
          assert.equal(await repository.getByNumber(other, record.number), undefined);
          assert.deepEqual((await repository.query(other)).items, []);
          assert.deepEqual((await repository.query(other, { slaDueBy: '2030-01-01T00:00:00.000Z' })).items, []);
          assert.deepEqual((await repository.query(other, { assignee: 'u-1' })).items, []);
          assert.deepEqual(await tx.audit.list(other, 'incident', 'r-1'), []);
          assert.deepEqual(await tx.outbox.pending(other), []);
          await tx.outbox.markPublished(other, sequences);
          assert.equal(await tx.numbering.next(other, 'incident'), 1, 'numbers count per tenant');
        });
        await rejectsWith(
          store.transaction((tx) => tx.records('incident').update(other, { ...nextVersion(record), tenantId: other }, { expectedVersion: 1 })),
          'not_found',
          'update from another tenant',
        );
        await rejectsWith(store.transaction((tx) => tx.records('incident').insert(other, record)), 'validation', 'a record of one tenant written as another');

        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.records('incident').get(tenant, 'r-1'), { record, slaDueAt: '2026-11-23T10:00:00.000Z' });
          assert.equal((await tx.audit.list(tenant, 'incident', 'r-1')).length, 1);
          assert.deepEqual((await tx.outbox.pending(tenant)).map((message) => message.sequence), sequences, 'still pending');
          // The same id in the other tenant is a different record.
          await tx.records('incident').insert(other, { ...record, tenantId: other });
        });
      }),
      timeoutMs,
    );
  });
}
