import assert from 'node:assert/strict';
import { isItsmError } from '../../core/itsm-error';
import { nextVersion, sampleRecord, type SampleRecord, type SuiteContext } from './suite-context';

/** Concurrent writers and concurrent numbering. @internal */
export function concurrencyGroup({ test, withStore, concurrency, timeoutMs }: SuiteContext): void {
  test.describe('concurrency', () => {
    test.it(
      'lets exactly one of many concurrent writers of one version win',
      withStore(async (store, tenant) => {
        const v1 = sampleRecord(tenant, 'r-1', { counter: 0 });
        await store.transaction((tx) => tx.records('incident').insert(tenant, v1));
        const outcomes = await Promise.allSettled(
          Array.from({ length: concurrency }, (_, writer) =>
            store.transaction(async (tx) => {
              const read = await tx.records<SampleRecord>('incident').get(tenant, 'r-1');
              await tx.records('incident').update(tenant, nextVersion(read!.record, { writer }), { expectedVersion: read!.record.version });
              return read!.record.version;
            }),
          ),
        );
        const winners = outcomes.filter((outcome): outcome is PromiseFulfilledResult<number> => outcome.status === 'fulfilled');
        const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        // Every writer that read version 1 races for version 2; a writer that started after the
        // winner committed reads version 2 and wins version 3, which is also no lost update.
        assert.ok(winners.length >= 1, 'at least one writer wins');
        const versionsWon = winners.map((winner) => winner.value);
        assert.equal(new Set(versionsWon).size, winners.length, `exactly one writer wins each version (the winners wrote over versions ${versionsWon.join(', ')})`);
        for (const loser of losers) assert.ok(isItsmError(loser.reason) && loser.reason.code === 'conflict', `a loser fails with conflict, not ${String(loser.reason)}`);
        const final = await store.transaction((tx) => tx.records<SampleRecord>('incident').get(tenant, 'r-1'));
        assert.equal(final?.record.version, 1 + winners.length, 'one version per winner');
      }),
      timeoutMs,
    );

    test.it(
      'loses no update when concurrent clients retry on conflict',
      withStore(async (store, tenant) => {
        await store.transaction((tx) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-1', { counter: 0 })));
        const rounds = 5;
        const increment = async (): Promise<void> => {
          for (;;) {
            try {
              await store.transaction(async (tx) => {
                const read = (await tx.records<SampleRecord>('incident').get(tenant, 'r-1'))!.record;
                await tx.records('incident').update(tenant, nextVersion(read, { counter: (read.counter as number) + 1 }), { expectedVersion: read.version });
              });
              return;
            } catch (error) {
              if (!(isItsmError(error) && error.code === 'conflict')) throw error;
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, async () => {
          for (let i = 0; i < rounds; i++) await increment();
        }));
        const final = await store.transaction((tx) => tx.records<SampleRecord>('incident').get(tenant, 'r-1'));
        assert.equal(final?.record.counter, concurrency * rounds);
        assert.equal(final?.record.version, 1 + concurrency * rounds);
      }),
      timeoutMs,
    );

    test.it(
      'issues numbers without duplicates or gaps to concurrent transactions',
      withStore(async (store, tenant) => {
        const perClient = 5;
        const numbers = (
          await Promise.all(
            Array.from({ length: concurrency }, () =>
              store.transaction(async (tx) => {
                const drawn: number[] = [];
                for (let i = 0; i < perClient; i++) drawn.push(await tx.numbering.next(tenant, 'incident'));
                return drawn;
              }),
            ),
          )
        ).flat();
        assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: concurrency * perClient }, (_, i) => i + 1));
        assert.equal(await store.transaction((tx) => tx.numbering.next(tenant, 'problem')), 1, 'each kind counts on its own');
      }),
      timeoutMs,
    );
  });
}
