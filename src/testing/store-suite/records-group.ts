import assert from 'node:assert/strict';
import { nextVersion, rejectsWith, sampleRecord, type SampleRecord, type SuiteContext } from './suite-context';
import type { StorableRecord } from '../../store/record-repository';

/** A record of each kind the library defines, made by its own domain functions. @internal */
export type KindSamples = (tenantId: string) => readonly { readonly kind: string; readonly record: StorableRecord }[];

/** Round trips and version conflicts. @internal */
export function recordsGroup({ test, withStore, timeoutMs }: SuiteContext, samples: KindSamples): void {
  test.describe('records', () => {
    test.it(
      'round-trips a record of every kind the library defines, by id and by number',
      withStore(async (store, tenant) => {
        const kinds = samples(tenant);
        assert.ok(kinds.length > 0);
        await store.transaction(async (tx) => {
          for (const { kind, record } of kinds) await tx.records(kind).insert(tenant, record);
        });
        await store.transaction(async (tx) => {
          for (const { kind, record } of kinds) {
            assert.deepEqual((await tx.records(kind).get(tenant, record.id))?.record, record, `${kind} by id`);
            assert.deepEqual((await tx.records(kind).getByNumber(tenant, record.number))?.record, record, `${kind} by number`);
          }
        });
      }),
      timeoutMs,
    );

    test.it(
      'keeps kinds apart: the same id under two kinds is two records',
      withStore(async (store, tenant) => {
        await store.transaction(async (tx) => {
          await tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-1', { state: 'new' }));
          await tx.records('problem').insert(tenant, sampleRecord(tenant, 'r-1', { state: 'assess' }));
        });
        await store.transaction(async (tx) => {
          assert.equal((await tx.records<SampleRecord>('incident').get(tenant, 'r-1'))?.record.state, 'new');
          assert.equal((await tx.records<SampleRecord>('problem').get(tenant, 'r-1'))?.record.state, 'assess');
          assert.equal(await tx.records('change').get(tenant, 'r-1'), undefined);
        });
      }),
      timeoutMs,
    );

    test.it(
      'returns copies: changing what a read returned changes nothing stored',
      withStore(async (store, tenant) => {
        const record = sampleRecord(tenant, 'r-1', { tags: ['a'] });
        await store.transaction((tx) => tx.records('incident').insert(tenant, record));
        await store.transaction(async (tx) => {
          const read = (await tx.records<SampleRecord>('incident').get(tenant, 'r-1'))!.record as unknown as { tags: string[] };
          read.tags.push('b');
        });
        const again = await store.transaction((tx) => tx.records<SampleRecord>('incident').get(tenant, 'r-1'));
        assert.deepEqual(again?.record, record);
      }),
      timeoutMs,
    );

    test.it(
      'keeps its own copy: changing a record after inserting or updating it changes nothing stored',
      withStore(async (store, tenant) => {
        const first = sampleRecord(tenant, 'r-1', { tags: ['a'] });
        const expected = structuredClone(first);
        await store.transaction((tx) => tx.records('incident').insert(tenant, first));
        (first as unknown as { tags: string[]; state: string }).tags.push('changed after insert');
        (first as unknown as { state: string }).state = 'changed after insert';
        assert.deepEqual((await store.transaction((tx) => tx.records<SampleRecord>('incident').get(tenant, 'r-1')))?.record, expected);
        const second = nextVersion(expected, { tags: ['b'] });
        const expectedSecond = structuredClone(second);
        await store.transaction((tx) => tx.records('incident').update(tenant, second, { expectedVersion: 1 }));
        (second as unknown as { tags: string[] }).tags.push('changed after update');
        assert.deepEqual((await store.transaction((tx) => tx.records<SampleRecord>('incident').get(tenant, 'r-1')))?.record, expectedSecond);
      }),
      timeoutMs,
    );

    test.it(
      'updates with the expected version, keeps or changes the SLA deadline as told',
      withStore(async (store, tenant) => {
        const v1 = sampleRecord(tenant, 'r-1');
        await store.transaction((tx) => tx.records('incident').insert(tenant, v1, { slaDueAt: '2026-11-23T12:00:00.000Z' }));
        const v2 = nextVersion(v1, { state: 'in_progress', updatedAt: '2026-11-23T09:00:00.000Z' });
        await store.transaction((tx) => tx.records('incident').update(tenant, v2, { expectedVersion: 1 }));
        let read = await store.transaction((tx) => tx.records('incident').get(tenant, 'r-1'));
        assert.deepEqual(read, { record: v2, slaDueAt: '2026-11-23T12:00:00.000Z' });
        const v3 = nextVersion(v2);
        await store.transaction((tx) => tx.records('incident').update(tenant, v3, { expectedVersion: 2, slaDueAt: null }));
        read = await store.transaction((tx) => tx.records('incident').get(tenant, 'r-1'));
        assert.deepEqual(read, { record: v3, slaDueAt: null });
      }),
      timeoutMs,
    );

    test.it(
      'refuses a stale expected version as a conflict and keeps the stored record',
      withStore(async (store, tenant) => {
        const v1 = sampleRecord(tenant, 'r-1');
        const v2 = nextVersion(v1, { state: 'in_progress' });
        await store.transaction(async (tx) => {
          await tx.records('incident').insert(tenant, v1);
          await tx.records('incident').update(tenant, v2, { expectedVersion: 1 });
        });
        const stale = nextVersion(v1, { state: 'resolved' });
        await rejectsWith(store.transaction((tx) => tx.records('incident').update(tenant, stale, { expectedVersion: 1 })), 'conflict', 'stale update');
        const read = await store.transaction((tx) => tx.records('incident').get(tenant, 'r-1'));
        assert.deepEqual(read?.record, v2);
      }),
      timeoutMs,
    );

    test.it(
      'refuses a taken id or number as a conflict, an unknown record as not found, a changed number or skipped version as invalid',
      withStore(async (store, tenant) => {
        const record = sampleRecord(tenant, 'r-1');
        await store.transaction((tx) => tx.records('incident').insert(tenant, record));
        await rejectsWith(store.transaction((tx) => tx.records('incident').insert(tenant, { ...record, number: 'OTHER' })), 'conflict', 'same id');
        await rejectsWith(store.transaction((tx) => tx.records('incident').insert(tenant, { ...record, id: 'r-2' })), 'conflict', 'same number');
        await rejectsWith(
          store.transaction((tx) => tx.records('incident').update(tenant, nextVersion(sampleRecord(tenant, 'missing')), { expectedVersion: 1 })),
          'not_found',
          'unknown record',
        );
        await rejectsWith(store.transaction((tx) => tx.records('incident').update(tenant, { ...nextVersion(record), number: 'NEW' }, { expectedVersion: 1 })), 'validation', 'changed number');
        await rejectsWith(store.transaction((tx) => tx.records('incident').update(tenant, { ...record, version: 3 }, { expectedVersion: 1 })), 'validation', 'skipped version');
        const read = await store.transaction((tx) => tx.records('incident').get(tenant, 'r-1'));
        assert.deepEqual(read?.record, record);
      }),
      timeoutMs,
    );
  });
}
