// A list with a hole — an entry deleted from an array, or a length set past its end — is bad
// input like a list with `undefined` in that place. Array methods such as map, forEach, every
// and filter pass over holes, so a check written with them let a hole through to code that met
// it later as a TypeError, or kept it in what it returned. Each case here holds a function to
// the same answer for both lists.
import { describe, expect, it } from 'vitest';
import {
  addCiRelationship,
  applyServiceRequestEvent,
  createItsm,
  createMemoryStore,
  defineCatalogItem,
  defineCiClasses,
  isItsmError,
  nextDeadline,
  registerConfigurationItem,
  startSlaTimer,
  submitServiceRequest,
  validateRequestVariables,
  type ValidationIssue,
} from '../../src/index';
import { calendarDefinitionArbitrary, slaLaws, slaPolicyDefinitionArbitrary } from '../../src/testing/index';
import { DEFAULT_INCIDENT_SLA_POLICY, defineCalendar } from '../../src/index';

/** `entries` with a hole at `index`: the entry there deleted. */
function holed<T>(entries: readonly T[], index: number): T[] {
  const list = [...entries];
  Reflect.deleteProperty(list, index);
  return list;
}

/** `entries` with undefined at `index`. */
function withUndefined<T>(entries: readonly T[], index: number): T[] {
  const list = [...entries];
  list[index] = undefined as T;
  return list;
}

/** The issues of the validation error `run` throws or returns as `{ success: false }`. */
async function issuesOf(run: () => unknown): Promise<readonly ValidationIssue[]> {
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (error) {
    outcome = { success: false, error };
  }
  const error = (outcome as { success?: boolean; error?: unknown }).success === false ? (outcome as { error: unknown }).error : undefined;
  if (!isItsmError(error) || error.code !== 'validation') throw new Error(`expected a validation error, got ${error instanceof Error ? error.message : JSON.stringify(outcome)}`);
  return (error as unknown as { issues: readonly ValidationIssue[] }).issues;
}

let counter = 0;
const newId = (): string => `id-${++counter}`;
const actor = { kind: 'user', id: 'agent-1' } as const;
const now = '2026-11-23T10:00:00.000Z';
const desk = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });

const laptop = defineCatalogItem({
  id: 'laptop',
  name: 'Laptop',
  variables: [{ name: 'extras', label: 'Extras', type: 'choice', multiple: true, required: true, choices: [{ value: 'bag', label: 'Bag' }, { value: 'mouse', label: 'Mouse' }] }],
  approval: { required: false },
  fulfilmentTasks: [],
  active: true,
});
const requestContext = { now, actor, newId, tenantId: 't1', nextNumber: (kind: string) => `${kind === 'request' ? 'REQ' : 'RITM'}${1_000_000 + ++counter}` };
const submitted = submitServiceRequest({ requestedFor: actor, items: [{ catalogItem: laptop, variables: { extras: ['bag'] } }] }, requestContext);

const catalogue = defineCiClasses([]);
const ciContext = { now, actor, newId, tenantId: 't1', number: 'CI0000001', catalogue };
const app = registerConfigurationItem({ name: 'app', className: 'application', operationalStatus: 'operational' }, ciContext).record;
const server = registerConfigurationItem({ name: 'srv', className: 'server', operationalStatus: 'operational' }, ciContext).record;
const runsOn = { type: 'runs_on', sourceId: app.id, targetId: server.id };
const relationshipContext = { ...ciContext, number: 'REL0000001', items: [app, server] };

/** Each case: a name, a list, the index of the hole, and the call that checks the list. */
const cases: [string, readonly unknown[], number, (list: unknown[]) => unknown][] = [
  ['validateRequestVariables: a multiple choice', ['bag', 'mouse'], 1, (list) => validateRequestVariables(laptop, { extras: list })],
  ['validateRequestVariables: a multiple choice of one', ['bag'], 0, (list) => validateRequestVariables(laptop, { extras: list })],
  ['addCiRelationship: the relationships', [{ bogus: 1 }, { bogus: 2 }], 0, (list) => addCiRelationship(runsOn, { ...relationshipContext, relationships: list } as never)],
  ['applyServiceRequestEvent: the items', [submitted.items[0]!.record, submitted.items[0]!.record], 1, (list) => applyServiceRequestEvent(submitted.request.record, { type: 'cancel', reason: 'no longer needed' }, { ...requestContext, items: list } as never)],
  ['applyServiceRequestEvent: the actor groups', ['desk', 'cab'], 1, (list) => applyServiceRequestEvent(submitted.request.record, { type: 'cancel', reason: 'no longer needed' }, { ...requestContext, actorGroups: list } as never)],
  ['startSlaTimer: the tenants', ['t1', 't2'], 1, (list) => startSlaTimer(createItsm({ store: createMemoryStore() }), { tenants: list as string[] })],
  ['calendarDefinitionArbitrary: the time zones', ['UTC', 'Europe/Berlin'], 1, (list) => calendarDefinitionArbitrary({ timeZones: list as string[] })],
  ['slaPolicyDefinitionArbitrary: the calendar ids', ['desk', 'field'], 1, (list) => slaPolicyDefinitionArbitrary({ calendarIds: list as string[] })],
  ['slaPolicyDefinitionArbitrary: the priorities', [1, 2], 1, (list) => slaPolicyDefinitionArbitrary({ priorities: list as number[] })],
  ['slaLaws: the time zones', ['UTC', 'Asia/Tokyo'], 1, (list) => slaLaws({ policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: { service_desk: desk }, timeZones: list as string[] })],
  ['slaLaws: the laws', ['replay equals incremental', 'replay equals incremental'], 1, (list) => slaLaws({ policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: { service_desk: desk }, laws: list as never })],
  [
    'createItsm: the groups the actorGroups option answers',
    ['cab', 'desk'],
    1,
    async (list) => {
      const itsm = createItsm({ store: createMemoryStore(), actorGroups: () => list as string[] });
      const change = await itsm.changes.open('t1', actor, { shortDescription: 'Patch the database', type: 'normal' } as never);
      return itsm.changes.apply('t1', actor, change.id, { type: 'update', description: 'Kernel patch' } as never);
    },
  ],
];

describe('a list with a hole', () => {
  it.each(cases)('is refused as the list with undefined in its place is: %s', async (_, entries, index, call) => {
    const expected = await issuesOf(() => call(withUndefined(entries, index)));
    expect(expected.length).toBeGreaterThan(0);
    expect(await issuesOf(() => call(holed(entries, index)))).toEqual(expected);
  });

  it('costs no more than its entries when its length runs far past them', async () => {
    const endless: unknown[] = ['acme'];
    endless.length = 2 ** 32 - 1;
    expect((await issuesOf(() => startSlaTimer(createItsm({ store: createMemoryStore() }), { tenants: endless as string[] }))).map((found) => found.path)).toEqual([['tenants', 1]]);
    const store = createMemoryStore();
    expect((await issuesOf(() => store.transaction((tx) => tx.outbox.enqueue('acme', endless as never)))).map((found) => found.path)).toEqual([['events', 0]]);
    expect((await issuesOf(() => nextDeadline({ now, targets: endless } as never))).map((found) => found.path)).toEqual([['evaluation', 'targets', 0]]);
    expect((await issuesOf(() => validateRequestVariables(laptop, { extras: endless }))).map((found) => found.path)).toEqual([['variables', 'extras']]);
  });

  it('is named at its own index by addCiRelationship, counting the removed relationships before it', async () => {
    const removed = { id: 'rel-0', tenantId: 't1', type: 'runs_on', sourceId: app.id, targetId: server.id, removedAt: now };
    const issues = await issuesOf(() => addCiRelationship(runsOn, { ...relationshipContext, relationships: [removed, { bogus: 1 }] } as never));
    expect(issues.map((found) => found.path)).toEqual([['context', 'relationships', 1]]);
    const holes = await issuesOf(() => addCiRelationship(runsOn, { ...relationshipContext, relationships: holed([removed, removed, removed], 2) }));
    expect(holes.map((found) => found.path)).toEqual([['context', 'relationships', 2]]);
  });
});
