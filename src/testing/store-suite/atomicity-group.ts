import assert from 'node:assert/strict';
import type { ItsmStore, StoreTransaction } from '../../store/store';
import { auditEntry, domainEvent } from './isolation-group';
import { failingTransaction, InjectedFault, nextVersion, sampleRecord, type SampleRecord, type SuiteContext } from './suite-context';

/** What a store holds for one tenant, read through the ports. */
async function snapshot(store: ItsmStore, tenant: string): Promise<unknown> {
  return store.transaction(async (tx) => ({
    records: (await tx.records('incident').query(tenant, { limit: 500 })).items,
    audit: await tx.audit.list(tenant, 'incident', 'r-1'),
    outbox: await tx.outbox.pending(tenant, { limit: 500 }),
  }));
}

/** Atomicity under faults injected between the writes of one transaction. @internal */
export function atomicityGroup({ test, withStore, timeoutMs }: SuiteContext): void {
  test.describe('atomicity', () => {
    test.it(
      'leaves no trace of a transaction that fails after any of its writes',
      withStore(async (store, tenant) => {
        const v1 = sampleRecord(tenant, 'r-1');
        await store.transaction((tx) => tx.records('incident').insert(tenant, v1));
        const before = await snapshot(store, tenant);
        const writes: ((tx: StoreTransaction) => Promise<unknown>)[] = [
          (tx) => tx.numbering.next(tenant, 'incident'),
          (tx) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-2')),
          (tx) => tx.records('incident').update(tenant, nextVersion(v1, { state: 'in_progress' }), { expectedVersion: 1, slaDueAt: '2026-11-24T00:00:00.000Z' }),
          (tx) => tx.audit.append(tenant, [auditEntry(tenant, 'r-1', 2)]),
          (tx) => tx.outbox.enqueue(tenant, [domainEvent(tenant, 'r-1', 2)]),
        ];
        for (let failAfter = 0; failAfter <= writes.length; failAfter++) {
          await failingTransaction(store, async (tx) => {
            for (const write of writes.slice(0, failAfter)) await write(tx);
            throw new InjectedFault();
          });
          assert.deepEqual(await snapshot(store, tenant), before, `after a fault following ${failAfter} writes`);
        }
        assert.equal(await store.transaction((tx) => tx.numbering.next(tenant, 'incident')), 1, 'numbers drawn in failed transactions are given out again');
      }),
      timeoutMs,
    );

    test.it(
      'keeps a transaction usable after a refused write, and commits the rest',
      withStore(async (store, tenant) => {
        const v1 = sampleRecord(tenant, 'r-1');
        await store.transaction((tx) => tx.records('incident').insert(tenant, v1));
        await store.transaction(async (tx) => {
          await assert.rejects(tx.records('incident').insert(tenant, v1));
          await tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-2'));
        });
        assert.ok(await store.transaction((tx) => tx.records('incident').get(tenant, 'r-2')));
      }),
      timeoutMs,
    );

    test.it(
      'refuses a transaction object used after its transaction ended',
      withStore(async (store, tenant) => {
        let leaked: StoreTransaction | undefined;
        await store.transaction((tx) => {
          leaked = tx;
          return Promise.resolve();
        });
        await assert.rejects(leaked!.records<SampleRecord>('incident').get(tenant, 'r-1'), (error: unknown) => (error as { code?: string }).code === 'validation');
      }),
      timeoutMs,
    );
  });
}
