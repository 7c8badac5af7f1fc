import { openIncident } from '../incident/open-incident';
import { optionsSnapshot, readArgument } from '../core/unreadable-argument';
import { issue, ValidationError } from '../core/validation-error';
import type { ItsmStore } from '../store/store';
import { atomicityGroup } from './store-suite/atomicity-group';
import { badInputGroup } from './store-suite/bad-input-group';
import { concurrencyGroup } from './store-suite/concurrency-group';
import { hostileGroup } from './store-suite/hostile-group';
import { isolationGroup } from './store-suite/isolation-group';
import { journalGroup } from './store-suite/journal-group';
import { queryModelGroup } from './store-suite/query-model-group';
import { recordsGroup, type KindSamples } from './store-suite/records-group';
import { freshTenant, type ConformanceTestApi, type StoreConformanceOptions, type SuiteContext } from './store-suite/suite-context';

export type { ConformanceTestApi, StoreConformanceOptions } from './store-suite/suite-context';

const samples: KindSamples = (tenantId) => {
  const at = { now: '2026-11-23T08:00:00.000Z', actor: { kind: 'user', id: 'agent-1' } as const, tenantId };
  return [
    {
      kind: 'incident',
      record: openIncident(
        { shortDescription: "Printer 'HQ-3' jams; \\ path C:\\temp", caller: { kind: 'user', id: 'u-1', name: 'Zoë Ñúñez' }, impact: 2, urgency: 1, category: 'hardware' },
        { ...at, newId: () => 'inc-1', number: 'INC0000001' },
      ).record,
    },
  ];
};

/**
 * The conformance suite every storage adapter must pass — ours and yours. Call it in a test
 * file with your runner's `describe` and `it`; it makes a fresh store with `createStore` for
 * each test (and closes it, unless told not to). Each test uses tenant ids no other test uses,
 * so stores over one shared database are fine.
 *
 * Groups: round trips of every record kind; version conflicts; concurrent writers on one
 * record and concurrent numbering; tenant isolation through every method; atomicity under
 * faults injected between the writes of a transaction; audit and outbox order; hostile strings
 * stored verbatim; bad arguments refused; and query results equal to a simple model under
 * random operation sequences (fast-check commands).
 *
 * @param test - `{ describe, it }` of vitest, jest, mocha or node:test
 * @param createStore - makes a store; may be async
 * @param options - a name for the suite, concurrency, model runs, time limit
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { createMemoryStore } from 'itsm-kit';
 * import { storeConformanceSuite } from 'itsm-kit/testing';
 *
 * storeConformanceSuite({ describe, it }, () => createMemoryStore(), { name: 'memory' });
 * ```
 */
export function storeConformanceSuite(test: ConformanceTestApi, createStore: () => ItsmStore | Promise<ItsmStore>, options: StoreConformanceOptions = {}): void {
  const isRunner = readArgument(['test'], () => (typeof test === 'function' || (typeof test === 'object' && test !== null)) && typeof test.describe === 'function' && typeof test.it === 'function');
  if (!isRunner) throw new ValidationError([issue(['test'], 'must be the test runner: describe and it, as vitest or jest export them')], 'argument');
  if (typeof createStore !== 'function') throw new ValidationError([issue(['createStore'], 'must be a function that makes a fresh store')], 'argument');
  if (typeof options !== 'object' || options === null) throw new ValidationError([issue(['options'], 'must be an object of options')], 'argument');
  const read = optionsSnapshot(options, ['options']);
  const closeStores = read.closeStores ?? true;
  const context: SuiteContext = {
    test,
    concurrency: read.concurrency ?? 8,
    modelRuns: read.modelRuns ?? 25,
    timeoutMs: read.timeoutMs ?? 60_000,
    withStore: (body) => async () => {
      const store = await createStore();
      try {
        await body(store, freshTenant(), freshTenant());
      } finally {
        if (closeStores) await store.close();
      }
    },
  };
  // The name goes into the suite's title: anything but a string (a revoked proxy, say) is bad input.
  if (read.name !== undefined && typeof read.name !== 'string') throw new ValidationError([issue(['options', 'name'], 'must be a string')], 'argument');
  test.describe(`${read.name === undefined ? '' : `${read.name}: `}store conformance`, () => {
    recordsGroup(context, samples);
    concurrencyGroup(context);
    isolationGroup(context);
    atomicityGroup(context);
    journalGroup(context);
    hostileGroup(context);
    badInputGroup(context);
    queryModelGroup(context);
  });
}
