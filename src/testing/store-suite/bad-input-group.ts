import assert from 'node:assert/strict';
import { isItsmError } from '../../core/itsm-error';
import type { StoreTransaction } from '../../store/store';
import { auditEntry, domainEvent } from './isolation-group';
import { sampleRecord, type SuiteContext } from './suite-context';

const BAD_VALUES: readonly unknown[] = [undefined, null, 0, -1, 1.5, '', 'x'.repeat(200), {}, [], () => 1, Symbol('s'), 10n, new Date(0), { then: 1 }];

/** Every method given bad arguments: a validation error, and nothing written. @internal */
export function badInputGroup({ test, withStore, timeoutMs }: SuiteContext): void {
  test.describe('bad input', () => {
    test.it(
      'answers bad arguments to every method with a validation error and writes nothing',
      withStore(async (store, tenant) => {
        const record = sampleRecord(tenant, 'r-1');
        await store.transaction((tx) => tx.records('incident').insert(tenant, record));
        const calls: [string, (tx: StoreTransaction, bad: unknown) => Promise<unknown>][] = [
          ['records(kind)', async (tx, bad) => tx.records(bad as string).get(tenant, 'r-1')],
          ['get tenant', (tx, bad) => tx.records('incident').get(bad as string, 'r-1')],
          ['get id', (tx, bad) => tx.records('incident').get(tenant, bad as string)],
          ['getByNumber', (tx, bad) => tx.records('incident').getByNumber(tenant, bad as string)],
          ['insert record', (tx, bad) => tx.records('incident').insert(tenant, bad as typeof record)],
          ['insert slaDueAt', (tx, bad) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-9'), { slaDueAt: bad as string })],
          ['update options', (tx, bad) => tx.records('incident').update(tenant, { ...record, version: 2 }, bad as { expectedVersion: number })],
          ['query', (tx, bad) => tx.records('incident').query(tenant, bad === undefined ? { limit: 0 } : (bad as object))],
          ['audit append', (tx, bad) => tx.audit.append(tenant, bad as never)],
          ['audit entry', (tx, bad) => tx.audit.append(tenant, [bad as never])],
          ['audit list', (tx, bad) => tx.audit.list(tenant, 'incident', bad as string)],
          ['outbox enqueue', (tx, bad) => tx.outbox.enqueue(tenant, [bad as never])],
          ['outbox pending', (tx, bad) => tx.outbox.pending(tenant, bad === undefined ? { limit: 0 } : (bad as object))],
          ['outbox markPublished', (tx, bad) => tx.outbox.markPublished(tenant, [bad as number])],
          ['numbering', (tx, bad) => tx.numbering.next(tenant, bad as string)],
        ];
        for (const [name, call] of calls) {
          for (const bad of BAD_VALUES) {
            // Values a method legitimately accepts are skipped: an empty object is a valid query.
            if ((name === 'query' || name === 'outbox pending') && typeof bad === 'object' && bad !== null && !Array.isArray(bad) && Object.keys(bad).length === 0 && !(bad instanceof Date)) continue;
            if (name === 'insert slaDueAt' && (bad === undefined || bad === null)) continue;
            if (name === 'audit append' && Array.isArray(bad) && bad.length === 0) continue;
            await assert.rejects(
              store.transaction((tx) => call(tx, bad)),
              (error: unknown) => isItsmError(error) && error.code === 'validation',
              `${name} with ${typeof bad === 'symbol' ? 'a symbol' : typeof bad === 'bigint' ? 'a bigint' : JSON.stringify(bad) ?? String(bad)}`,
            );
          }
        }
        const after = await store.transaction(async (tx) => ({
          records: (await tx.records('incident').query(tenant)).items.map((item) => item.record),
          audit: await tx.audit.list(tenant, 'incident', 'r-1'),
          outbox: await tx.outbox.pending(tenant),
        }));
        assert.deepEqual(after, { records: [record], audit: [], outbox: [] });
      }),
      timeoutMs,
    );

    test.it(
      'refuses a list with a hole (an entry deleted from an array) as a missing entry, and writes nothing',
      withStore(async (store, tenant) => {
        /** `[first, <hole>]`: `map` and its kin pass over the hole, which a check must not. */
        const holed = <T>(first: T): T[] => {
          const list = [first, first];
          Reflect.deleteProperty(list, 1);
          return list;
        };
        const calls: [string, (tx: StoreTransaction) => Promise<unknown>][] = [
          ['audit append', (tx) => tx.audit.append(tenant, holed(auditEntry(tenant, 'r-1', 1)))],
          ['outbox enqueue', (tx) => tx.outbox.enqueue(tenant, holed(domainEvent(tenant, 'r-1', 1)))],
          ['outbox markPublished', (tx) => tx.outbox.markPublished(tenant, holed(1))],
        ];
        for (const [name, call] of calls) {
          await assert.rejects(store.transaction(call), (error: unknown) => isItsmError(error) && error.code === 'validation', name);
        }
        const after = await store.transaction(async (tx) => ({ audit: await tx.audit.list(tenant, 'incident', 'r-1'), outbox: await tx.outbox.pending(tenant) }));
        assert.deepEqual(after, { audit: [], outbox: [] });
      }),
      timeoutMs,
    );
  });
}
