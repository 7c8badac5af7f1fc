// The conformance suite is only worth passing if it fails broken adapters. Each store below
// has one deliberate fault; the suite, run with a collecting test runner, must fail the tests
// that guard against it.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type ItsmStore, type StorableRecord, type StoreTransaction } from '../../src/index';
import { storeConformanceSuite, type ConformanceTestApi } from '../../src/testing/index';

interface Outcome {
  readonly name: string;
  readonly passed: boolean;
}

async function runSuite(createStore: () => ItsmStore): Promise<Outcome[]> {
  const tests: { name: string; body: () => Promise<void> }[] = [];
  const path: string[] = [];
  const api: ConformanceTestApi = {
    describe(name, body) {
      path.push(name);
      body();
      path.pop();
    },
    it(name, body) {
      tests.push({ name: [...path, name].join(' > '), body });
    },
  };
  storeConformanceSuite(api, createStore, { modelRuns: 10, concurrency: 4 });
  const outcomes: Outcome[] = [];
  for (const test of tests) {
    try {
      await test.body();
      outcomes.push({ name: test.name, passed: true });
    } catch {
      outcomes.push({ name: test.name, passed: false });
    }
  }
  return outcomes;
}

/** A memory store with its transactions' repositories wrapped. */
function faulty(wrap: (tx: StoreTransaction, kind: string) => Partial<ReturnType<StoreTransaction['records']>>, transaction?: ItsmStore['transaction']): () => ItsmStore {
  return () => {
    const inner = createMemoryStore();
    return {
      transaction: transaction?.bind(inner) ?? ((work) => inner.transaction((tx) => work({ ...tx, audit: tx.audit, outbox: tx.outbox, numbering: tx.numbering, records: (kind) => ({ ...tx.records(kind), ...wrap(tx, kind) }) as never }))),
      close: () => inner.close(),
    };
  };
}

const failing = (outcomes: Outcome[]): string[] => outcomes.filter((outcome) => !outcome.passed).map((outcome) => outcome.name);

describe('the store conformance suite', () => {
  it('passes the memory store', async () => {
    expect(failing(await runSuite(() => createMemoryStore()))).toEqual([]);
  });

  it('fails a store that ignores the expected version (lost updates)', async () => {
    const store = faulty((tx, kind) => ({
      async update(tenantId: string, record: StorableRecord) {
        const current = await tx.records(kind).get(tenantId, record.id);
        await tx.records(kind).update(tenantId, { ...record, version: (current?.record.version ?? 0) + 1 }, { expectedVersion: current?.record.version ?? 0 });
      },
    }));
    expect(failing(await runSuite(store))).toEqual(expect.arrayContaining([expect.stringContaining('refuses a stale expected version')]));
  });

  it('fails a store that leaks records across tenants', async () => {
    const owners = new Map<string, string>();
    const store = faulty((tx, kind) => ({
      async insert(tenantId: string, record: StorableRecord, options?: { slaDueAt?: string | null }) {
        owners.set(record.id, tenantId);
        await tx.records(kind).insert(tenantId, record, options);
      },
      get: (tenantId: string, id: string) => tx.records(kind).get(owners.get(id) ?? tenantId, id),
    }));
    expect(failing(await runSuite(store))).toEqual(expect.arrayContaining([expect.stringContaining('shows another tenant nothing')]));
  });

  it('fails a store that commits a transaction whose work threw', async () => {
    const store = (): ItsmStore => {
      const inner = createMemoryStore();
      return {
        async transaction(work) {
          let failure: unknown;
          const result = await inner.transaction(async (tx) => {
            try {
              return await work(tx);
            } catch (error) {
              failure = error;
              return undefined;
            }
          });
          if (failure !== undefined) throw failure as Error;
          return result as never;
        },
        close: () => inner.close(),
      };
    };
    expect(failing(await runSuite(store))).toEqual(expect.arrayContaining([expect.stringContaining('leaves no trace of a transaction')]));
  });

  it('fails a store that keeps the object it was given instead of a copy', async () => {
    const kept = new Map<string, StorableRecord>();
    const store = faulty((tx, kind) => ({
      async insert(tenantId: string, record: StorableRecord, options?: { slaDueAt?: string | null }) {
        kept.set(`${tenantId}/${kind}/${record.id}`, record);
        await tx.records(kind).insert(tenantId, record, options);
      },
      async get(tenantId: string, id: string) {
        const stored = await tx.records(kind).get(tenantId, id);
        const given = kept.get(`${tenantId}/${kind}/${id}`);
        return stored === undefined || given === undefined || given.version !== stored.record.version ? stored : { ...stored, record: given };
      },
    }));
    expect(failing(await runSuite(store))).toEqual(expect.arrayContaining([expect.stringContaining('keeps its own copy')]));
  });

  it('fails a store that ignores a cursor it cannot read instead of refusing it', async () => {
    const store = faulty((tx, kind) => ({
      async query(tenantId: string, query?: unknown) {
        try {
          return await tx.records(kind).query(tenantId, query as never);
        } catch {
          const { after: _ignored, ...rest } = query as { after?: string };
          return tx.records(kind).query(tenantId, rest);
        }
      },
    }));
    expect(failing(await runSuite(store))).toEqual(expect.arrayContaining([expect.stringContaining('refuses a cursor it did not issue')]));
  });

  it('fails a store that pages in UTF-16 order instead of code point order', async () => {
    const store = faulty((tx, kind) => ({
      async query(tenantId: string, query?: unknown) {
        const page = await tx.records(kind).query(tenantId, query as never);
        return { ...page, items: [...page.items].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)) };
      },
    }));
    expect(failing(await runSuite(store))).toEqual(expect.arrayContaining([expect.stringContaining('orders by code point')]));
  });
});
