import assert from 'node:assert/strict';
import { isItsmError } from '../../core/itsm-error';
import type { StoreTransaction } from '../../store/store';
import { sampleRecord, type SuiteContext } from './suite-context';

/** Strings that break hand-built SQL, escaping, or encodings. @internal */
export const HOSTILE_STRINGS: readonly string[] = [
  "O'Brien",
  "'; DROP TABLE itsm_records; --",
  '"; DELETE FROM itsm_outbox; --',
  'back\\slash \\\\ \\x00 \\u0000',
  '$1 $2 ? :name %s %%',
  'Ünïcödé — Ελληνικά — 日本語 — العربية — עברית',
  '😀 👩🏽‍💻 𝕏 \u{10FFFF}',
  'tab\tnew\nline\rreturn',
  '   leading and trailing   ',
  'x'.repeat(100_000),
];

/** Hostile strings in every stored field, and what no adapter may store. @internal */
export function hostileGroup({ test, withStore, timeoutMs }: SuiteContext): void {
  test.describe('hostile strings', () => {
    test.it(
      'stores hostile strings in ids, numbers, indexed fields and bodies, and reads them back verbatim',
      withStore(async (store, tenant) => {
        const short = HOSTILE_STRINGS.filter((text) => text.length <= 100);
        const records = short.map((text, index) =>
          sampleRecord(tenant, `${text}#${index}`, { number: `N${index}${text.slice(0, 20)}`, state: text.slice(0, 60), assignee: { kind: 'user', id: text }, body: HOSTILE_STRINGS, [text]: text }),
        );
        await store.transaction(async (tx) => {
          for (const record of records) await tx.records('incident').insert(tenant, record);
        });
        await store.transaction(async (tx) => {
          for (const record of records) {
            assert.deepEqual((await tx.records('incident').get(tenant, record.id))?.record, record);
            assert.deepEqual((await tx.records('incident').getByNumber(tenant, record.number))?.record, record);
            const found = await tx.records('incident').query(tenant, { assignee: record.assignee!.id, state: [record.state!] });
            assert.deepEqual(found.items.map((item) => item.record), [record]);
          }
        });
      }),
      timeoutMs,
    );

    test.it(
      'refuses what JSON storage cannot keep verbatim, as a validation error, writing nothing',
      withStore(async (store, tenant) => {
        const refused: [string, (tx: StoreTransaction) => Promise<unknown>][] = [
          ['a NUL character', (tx) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-1', { body: 'a\u0000b' }))],
          ['an unpaired surrogate', (tx) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-1', { body: 'a\ud800b' }))],
          ['a NaN', (tx) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-1', { count: Number.NaN }))],
          ['a Date object', (tx) => tx.records('incident').insert(tenant, sampleRecord(tenant, 'r-1', { when: new Date(0) }))],
          ['a NUL in the tenant', (tx) => tx.records('incident').get('t\u0000', 'r-1')],
        ];
        for (const [what, write] of refused) {
          await assert.rejects(store.transaction(write), (error: unknown) => isItsmError(error) && error.code === 'validation', what);
        }
        assert.equal(await store.transaction((tx) => tx.records('incident').get(tenant, 'r-1')), undefined);
      }),
      timeoutMs,
    );
  });
}
