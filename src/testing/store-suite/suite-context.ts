import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isItsmError, type ItsmErrorCode } from '../../core/itsm-error';
import type { ItsmStore } from '../../store/store';
import type { StorableRecord } from '../../store/record-repository';

/** The test runner's functions the suite needs: vitest's, jest's, node:test's, mocha's. */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

/** Options of `storeConformanceSuite`. */
export interface StoreConformanceOptions {
  /** Prefixes the top-level `describe`, e.g. `PostgreSQL`. */
  readonly name?: string;
  /** How many clients the concurrency tests run at once; 8 by default. */
  readonly concurrency?: number;
  /** How many random operation sequences the model test runs; 25 by default. */
  readonly modelRuns?: number;
  /** Per-test time limit in milliseconds; 60,000 by default. */
  readonly timeoutMs?: number;
  /**
   * Whether the suite closes each store after its test; true by default. Set false when the
   * factory hands out stores over one shared connection that must stay open.
   */
  readonly closeStores?: boolean;
}

/** What each group of tests is given. @internal */
export interface SuiteContext {
  readonly test: ConformanceTestApi;
  readonly concurrency: number;
  readonly modelRuns: number;
  readonly timeoutMs: number;
  /** Runs `body` with a fresh store and a tenant id no other test uses, then closes the store. */
  readonly withStore: (body: (store: ItsmStore, tenant: string, other: string) => Promise<void>) => () => Promise<void>;
}

/** A record with the fields every store indexes, and room for more. @internal */
export interface SampleRecord extends StorableRecord {
  readonly state?: string;
  readonly assignee?: { kind: 'user'; id: string };
  readonly assignmentGroup?: { kind: 'group'; id: string };
  readonly priority?: number;
  readonly [field: string]: unknown;
}

const run = randomUUID().slice(0, 8);
let tenants = 0;

/** Tenant ids unique to this run and test, so tests can share one database. @internal */
export function freshTenant(): string {
  return `conformance-${run}-${++tenants}`;
}

/** A minimal record of the shape every store must keep. @internal */
export function sampleRecord(tenantId: string, id: string, fields: Partial<SampleRecord> = {}): SampleRecord {
  return {
    id,
    tenantId,
    number: `T${id.length > 20 ? id.slice(0, 20) : id}`,
    version: 1,
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:00.000Z',
    state: 'new',
    ...fields,
  };
}

/** The next version of a record, with some fields changed. @internal */
export function nextVersion<R extends StorableRecord>(record: R, fields: Partial<R> = {}): R {
  return { ...record, ...fields, version: record.version + 1 };
}

/** Awaits a promise that must reject with an ItsmError of `code`; returns the error. @internal */
export async function rejectsWith(promise: Promise<unknown>, code: ItsmErrorCode, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isItsmError(error), `${what}: expected an ItsmError (${code}), got ${String(error)}`);
    assert.equal(error.code, code, `${what}: expected code ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`${what}: expected a ${code} error, but it succeeded`);
}

/** An error thrown on purpose inside a transaction. @internal */
export class InjectedFault extends Error {
  constructor() {
    super('injected fault');
    this.name = 'InjectedFault';
  }
}

/** Runs a transaction that must fail with the injected fault. @internal */
export async function failingTransaction(store: ItsmStore, work: Parameters<ItsmStore['transaction']>[0]): Promise<void> {
  await assert.rejects(store.transaction(work), InjectedFault);
}
