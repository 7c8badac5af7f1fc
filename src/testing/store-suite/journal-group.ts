import assert from 'node:assert/strict';
import { auditEntry, domainEvent } from './isolation-group';
import type { SuiteContext } from './suite-context';

/** The audit log and the outbox: order, limits, publishing. @internal */
export function journalGroup({ test, withStore, timeoutMs }: SuiteContext): void {
  test.describe('audit log and outbox', () => {
    test.it(
      'lists a record\'s audit entries in the order they were appended, verbatim',
      withStore(async (store, tenant) => {
        const entries = [1, 2, 3, 4].map((version) => ({ ...auditEntry(tenant, 'r-1', version, `incident.v${version}`), reason: `because ${version}` }));
        await store.transaction((tx) => tx.audit.append(tenant, entries.slice(0, 2)));
        await store.transaction(async (tx) => {
          await tx.audit.append(tenant, [auditEntry(tenant, 'r-other', 1)]);
          await tx.audit.append(tenant, entries.slice(2));
        });
        assert.deepEqual(await store.transaction((tx) => tx.audit.list(tenant, 'incident', 'r-1')), entries);
      }),
      timeoutMs,
    );

    test.it(
      'gives out pending events in the order they were enqueued, until published',
      withStore(async (store, tenant) => {
        const events = Array.from({ length: 7 }, (_, index) => domainEvent(tenant, `r-${index % 3}`, index + 1, `incident.e${index}`));
        await store.transaction((tx) => tx.outbox.enqueue(tenant, events.slice(0, 3)));
        await store.transaction((tx) => tx.outbox.enqueue(tenant, events.slice(3)));
        const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
        assert.deepEqual(pending.map((message) => message.event), events);
        const sequences = pending.map((message) => message.sequence);
        assert.deepEqual([...sequences].sort((a, b) => a - b), sequences, 'sequences increase');
        assert.deepEqual((await store.transaction((tx) => tx.outbox.pending(tenant, { limit: 2 }))).map((message) => message.event), events.slice(0, 2));
        await store.transaction((tx) => tx.outbox.markPublished(tenant, [sequences[0]!, sequences[2]!, 999_999_999]));
        const left = await store.transaction((tx) => tx.outbox.pending(tenant));
        assert.deepEqual(left.map((message) => message.event), [events[1], ...events.slice(3)]);
      }),
      timeoutMs,
    );
  });
}
