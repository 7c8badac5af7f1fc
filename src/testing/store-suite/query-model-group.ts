import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RecordQuery } from '../../store/record-query.schema';
import type { ItsmStore } from '../../store/store';
import { compareCodePoints } from '../../store/store-arguments';
import { freshTenant, nextVersion, rejectsWith, sampleRecord, type SampleRecord, type SuiteContext } from './suite-context';

interface ModelRow {
  record: SampleRecord;
  slaDueAt: string | null;
}
type Model = Map<string, ModelRow>;
interface Real {
  readonly store: ItsmStore;
  readonly tenant: string;
}

const STATES = ['new', 'in_progress', 'on_hold', 'resolved'] as const;
// Ids that sort differently by UTF-16 code unit and by code point, so an adapter that orders
// by the wrong one pages wrongly.
const IDS = ['a', 'b', 'B', 'a1', 'é', '\uFF21', '😀', 'z', 'ab', '\uE000'] as const;
const instant = fc.integer({ min: 0, max: 20 }).map((hours) => new Date(Date.UTC(2026, 10, 23, hours)).toISOString());
const fields = fc.record({
  state: fc.constantFrom(...STATES),
  assignee: fc.option(fc.constantFrom('u-1', 'u-2'), { nil: undefined }),
  priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  updatedAt: instant,
  slaDueAt: fc.option(instant, { nil: null }),
});

function rowMatches(row: ModelRow, query: RecordQuery): boolean {
  const { record } = row;
  if (query.state !== undefined && !query.state.includes(record.state!)) return false;
  if (query.assignee !== undefined && record.assignee?.id !== query.assignee) return false;
  if (query.priority !== undefined && (record.priority === undefined || !query.priority.includes(record.priority))) return false;
  if (query.slaDueBy !== undefined && (row.slaDueAt === null || row.slaDueAt > query.slaDueBy)) return false;
  if (query.updatedSince !== undefined && record.updatedAt < query.updatedSince) return false;
  if (query.orderBy === 'slaDueAt' && row.slaDueAt === null) return false;
  return true;
}

function expected(model: Model, query: RecordQuery): SampleRecord[] {
  const key = (row: ModelRow): string => (query.orderBy === 'updatedAt' ? row.record.updatedAt : query.orderBy === 'slaDueAt' ? row.slaDueAt! : '');
  return [...model.values()]
    .filter((row) => rowMatches(row, query))
    .sort((a, b) => compareCodePoints(key(a), key(b)) || compareCodePoints(a.record.id, b.record.id))
    .map((row) => row.record);
}

function toRecord(tenant: string, id: string, version: number, values: { state: string; assignee: string | undefined; priority: number | undefined; updatedAt: string }): SampleRecord {
  const record = sampleRecord(tenant, id, { number: `N-${id}`, state: values.state, updatedAt: values.updatedAt, version });
  return {
    ...record,
    ...(values.assignee === undefined ? {} : { assignee: { kind: 'user' as const, id: values.assignee } }),
    ...(values.priority === undefined ? {} : { priority: values.priority }),
  };
}

class Put implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly id: string,
    readonly values: { state: string; assignee: string | undefined; priority: number | undefined; updatedAt: string; slaDueAt: string | null },
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const existing = model.get(this.id);
    const record = toRecord(real.tenant, this.id, existing === undefined ? 1 : existing.record.version + 1, this.values);
    await real.store.transaction((tx) =>
      existing === undefined
        ? tx.records('incident').insert(real.tenant, record, { slaDueAt: this.values.slaDueAt })
        : tx.records('incident').update(real.tenant, nextVersion(existing.record, record), { expectedVersion: existing.record.version, slaDueAt: this.values.slaDueAt }),
    );
    model.set(this.id, { record: existing === undefined ? record : nextVersion(existing.record, record), slaDueAt: this.values.slaDueAt });
  }
  toString(): string {
    return `put(${JSON.stringify(this.id)}, ${JSON.stringify(this.values)})`;
  }
}

class Query implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly query: RecordQuery,
    readonly pageSize: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const seen: SampleRecord[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await real.store.transaction((tx) =>
        tx.records<SampleRecord>('incident').query(real.tenant, { ...this.query, limit: this.pageSize, ...(after === undefined ? {} : { after }) }),
      );
      assert.ok(page.items.length <= this.pageSize);
      seen.push(...page.items.map((item) => item.record));
      if (page.next === undefined) break;
      assert.equal(page.items.length, this.pageSize, 'only the last page is short');
      after = page.next;
    }
    assert.deepEqual(seen, expected(model, this.query), `${this.toString()} pages through the model's answer`);
  }
  toString(): string {
    return `query(${JSON.stringify(this.query)}, pages of ${this.pageSize})`;
  }
}

const queryArbitrary: fc.Arbitrary<RecordQuery> = fc.record(
  {
    state: fc.uniqueArray(fc.constantFrom(...STATES), { minLength: 1, maxLength: 3 }),
    assignee: fc.constantFrom('u-1', 'u-2'),
    priority: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
    slaDueBy: instant,
    updatedSince: instant,
    orderBy: fc.constantFrom('id' as const, 'updatedAt' as const, 'slaDueAt' as const),
  },
  { requiredKeys: [] },
);

/** Query results equal a simple model under random operation sequences. @internal */
export function queryModelGroup({ test, withStore, modelRuns, timeoutMs }: SuiteContext): void {
  test.describe('queries', () => {
    test.it(
      'orders by code point, as PostgreSQL\'s "C" collation does, not by UTF-16 code unit',
      withStore(async (store, tenant) => {
        // U+E000 < U+FF21 < U+1F600 by code point; in UTF-16 the emoji's surrogates come first.
        const ids = ['😀', '\uFF21', '\uE000', 'b', 'a'];
        await store.transaction(async (tx) => {
          for (const id of ids) await tx.records('incident').insert(tenant, sampleRecord(tenant, id, { number: `N-${id}` }));
        });
        const all = await store.transaction((tx) => tx.records('incident').query(tenant));
        assert.deepEqual(all.items.map((item) => item.record.id), ['a', 'b', '\uE000', '\uFF21', '😀']);
        const first = await store.transaction((tx) => tx.records('incident').query(tenant, { limit: 3 }));
        const rest = await store.transaction((tx) => tx.records('incident').query(tenant, { limit: 3, after: first.next! }));
        assert.deepEqual([...first.items, ...rest.items].map((item) => item.record.id), ['a', 'b', '\uE000', '\uFF21', '😀']);
        assert.equal(rest.next, undefined);
      }),
      timeoutMs,
    );

    test.it(
      'refuses a cursor it did not issue, or one from a query in another order, as a validation error',
      withStore(async (store, tenant) => {
        await store.transaction(async (tx) => {
          for (const id of ['a', 'b', 'c']) await tx.records('incident').insert(tenant, sampleRecord(tenant, id, { number: `N-${id}` }));
        });
        const first = await store.transaction((tx) => tx.records('incident').query(tenant, { limit: 1 }));
        assert.ok(first.next !== undefined, 'a page short of the results has a next cursor');
        // A made-up cursor, and the first page's cursor handed to a query in another order
        // (which would silently skip or repeat records).
        for (const [what, query] of [
          ['made-up', { limit: 1, after: 'not a cursor' }],
          ['from another order', { limit: 1, orderBy: 'updatedAt', after: first.next }],
        ] as const) {
          await rejectsWith(store.transaction((tx) => tx.records('incident').query(tenant, query)), 'validation', `a ${what} cursor`);
        }
      }),
      timeoutMs,
    );

    test.it(
      'answers every query, page by page, as a simple model does, under random sequences of writes and queries',
      withStore(async (store) => {
        const commands = fc.commands(
          [
            fc.tuple(fc.constantFrom(...IDS), fields).map(([id, values]) => new Put(id, values)),
            fc.tuple(queryArbitrary, fc.integer({ min: 1, max: 4 })).map(([query, size]) => new Query(query, size)),
          ],
          { maxCommands: 30 },
        );
        await fc.assert(
          fc.asyncProperty(commands, async (sequence) => {
            // A fresh tenant per run: the runs share the store but never see each other.
            await fc.asyncModelRun(() => ({ model: new Map(), real: { store, tenant: freshTenant() } }), sequence);
          }),
          { numRuns: modelRuns },
        );
      }),
      timeoutMs,
    );
  });
}
