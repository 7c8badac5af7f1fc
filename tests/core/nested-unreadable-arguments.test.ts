// A value that throws when read may sit deep inside an otherwise good argument: a revoked proxy
// where a definition has a time, a getter on an option's field, a record's answer. Each is bad
// input, named as near to where it sits as the function can tell, and never a raw error; the
// safe functions return it.
import { describe, expect, it } from 'vitest';
import {
  createItsm,
  createMemoryStore,
  defineCalendar,
  defineCatalogItem,
  defineIncidentLifecycle,
  defineSlaPolicy,
  isItsmError,
  lifecycleDiagram,
  openIncident,
  safeCreateItsm,
  safeDefineCalendar,
  safeDefineSlaPolicy,
  safeDefineCondition,
  startSlaTimer,
  submitServiceRequest,
  validateRequestVariables,
  type ItsmOptions,
  type ValidationIssue,
} from '../../src/index';
import { pgliteDriver, pgPoolDriver } from '../../src/postgres/index';
import { calendarDefinitionArbitrary, slaLaws, storeConformanceSuite } from '../../src/testing/index';
import { DEFAULT_INCIDENT_SLA_POLICY } from '../../src/sla/index';

/** A proxy that has been revoked: every operation on it throws a TypeError. */
function revoked(): never {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy as never;
}

/** `target` with a field whose getter throws. */
function throwingAt<T extends object>(target: T, field: string): T {
  return Object.defineProperty({ ...target }, field, {
    enumerable: true,
    get(): never {
      throw new Error(`no ${field} here`);
    },
  });
}

/** The paths of the validation error `run` throws, or returns as `{ success: false }`. */
async function refusedAt(run: () => unknown): Promise<ValidationIssue['path'][]> {
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (error) {
    if (!isItsmError(error)) throw error;
    outcome = { success: false, error };
  }
  const { success, error } = outcome as { success?: boolean; error?: unknown };
  expect(success).toBe(false);
  expect(isItsmError(error) && error.code).toBe('validation');
  return (error as { issues: ValidationIssue[] }).issues.map((found) => found.path);
}

const now = new Date('2026-11-23T10:00:00.000Z');
const actor = { kind: 'user', id: 'agent-1' } as const;
const week = { monday: [{ start: '09:00', end: '17:00' }] };

describe('a definition with a part that throws when read', () => {
  it('is named at that part, whatever the schema made of it', async () => {
    expect(await refusedAt(() => defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: revoked(), end: '17:00' }] } }))).toEqual([['week', 'monday', 0, 'start']]);
    const target = throwingAt({ id: 'fix', metric: 'resolution', calendar: 'desk', start: { field: 'state', eq: 'new' }, stop: { field: 'state', eq: 'resolved' } }, 'duration');
    expect(await refusedAt(() => defineSlaPolicy({ id: 'p', name: 'P', targets: [target] } as never))).toEqual([['targets', 0, 'duration']]);
    expect(await refusedAt(() => openIncident({ shortDescription: 'Mail is down', caller: actor, impact: revoked(), urgency: 2 }, { now, actor, newId: () => 'i1', tenantId: 'acme', number: 'INC0000001' }))).toEqual([['impact']]);
  });

  it('is named even where other parts nest too deeply to search, and an input too deep for the schema says so', async () => {
    let chain: unknown = 'x';
    for (let level = 0; level < 20_000; level++) chain = { a: chain };
    expect(await refusedAt(() => safeDefineCalendar(throwingAt({ id: chain, timeZone: 'UTC' }, 'week') as never))).toEqual([['week']]);
    let condition: unknown = { field: 'state', eq: 'new' };
    for (let level = 0; level < 20_000; level++) condition = { not: condition };
    const result = safeDefineSlaPolicy({ id: 'p', name: 'P', targets: [{ id: 't', metric: 'm', calendar: 'c', duration: { ms: 1000 }, start: condition, stop: { field: 'state', eq: 'x' } }] });
    expect(!result.success && result.error.issues).toEqual([{ path: [], message: 'is nested too deeply to be checked' }]);
  });

  it('is returned by safeDefineCondition when its known fields cannot be read', async () => {
    expect(await refusedAt(() => safeDefineCondition({ field: 'state', eq: 'new' }, revoked()))).toEqual([['options']]);
    expect(await refusedAt(() => safeDefineCondition({ field: 'state', eq: 'new' }, throwingAt({}, 'fields')))).toEqual([['fields']]);
    const fields = Object.defineProperty(['state'], 0, {
      get(): never {
        throw new Error('no field here');
      },
    });
    expect(await refusedAt(() => safeDefineCondition({ field: 'state', eq: 'new' }, { fields }))).toEqual([['fields']]);
  });
});

describe('a context or answer that throws when read', () => {
  it('is named by openIncident and submitServiceRequest', async () => {
    const context = { now, actor, newId: () => 'i1', tenantId: 'acme', number: 'INC0000001' };
    const input = { shortDescription: 'Mail is down', caller: actor, impact: 2, urgency: 2 };
    expect(await refusedAt(() => openIncident(input as never, throwingAt(context, 'tenantId')))).toEqual([['tenantId']]);
    const laptop = defineCatalogItem({ id: 'laptop', name: 'Laptop', variables: [{ name: 'model', label: 'Model', type: 'text', required: true }], approval: { required: false }, fulfilmentTasks: [], active: true });
    const requestContext = { now, actor, newId: () => 'r1', tenantId: 'acme', nextNumber: () => 'REQ0000001' };
    const request = { requestedFor: actor, items: [{ catalogItem: laptop, variables: { model: 'x1' } }] };
    expect(await refusedAt(() => submitServiceRequest(request, throwingAt(requestContext, 'nextNumber')))).toEqual([['nextNumber']]);
    expect(await refusedAt(() => submitServiceRequest(request, { ...requestContext, tenantId: revoked() }))).toEqual([['tenantId']]);
    expect(await refusedAt(() => validateRequestVariables(laptop, throwingAt({}, 'model')))).toEqual([['variables', 'model']]);
    expect(await refusedAt(() => validateRequestVariables(laptop, { model: revoked() }))).toEqual([['variables', 'model']]);
  });

  it('leaves the caller\'s list answer unfrozen: the answers kept are copies', () => {
    const item = defineCatalogItem({ id: 'extras', name: 'Extras', variables: [{ name: 'extras', label: 'Extras', type: 'choice', multiple: true, required: false, choices: [{ value: 'bag', label: 'Bag' }] }], approval: { required: false }, fulfilmentTasks: [], active: true });
    const extras = ['bag'];
    const answers = validateRequestVariables(item, { extras });
    expect(answers['extras']).toEqual(['bag']);
    expect(Object.isFrozen(extras)).toBe(false);
  });
});

describe('a lifecycle', () => {
  it('is one the define functions made, not an object of the same shape', async () => {
    const copy = { ...defineIncidentLifecycle() };
    expect(await refusedAt(() => lifecycleDiagram(copy))).toEqual([['lifecycle']]);
    expect(await refusedAt(() => createItsm({ store: createMemoryStore(), lifecycles: { incident: copy } }))).toEqual([['lifecycles', 'incident']]);
    const posing = Object.create(defineIncidentLifecycle(), { kind: { value: 'problem' } }) as unknown;
    expect(await refusedAt(() => createItsm({ store: createMemoryStore(), lifecycles: { problem: posing } } as never))).toEqual([['lifecycles', 'problem']]);
    expect(lifecycleDiagram(defineIncidentLifecycle())).toContain('stateDiagram-v2');
  });
});

describe('createItsm options with a part that throws when read', () => {
  const store = createMemoryStore();
  it.each([
    ['the store', { store: throwingAt(store, 'transaction') }, [['store']]],
    ['a calendar', { store, calendars: throwingAt({}, 'service_desk') }, [['calendars', 'service_desk']]],
    ['the calendars', { store, calendars: revoked() }, [['calendars']]],
    ['a kind of number format', { store, numberFormats: throwingAt({}, 'incident') }, [['numberFormats', 'incident']]],
    ['the system actor', { store, systemActor: throwingAt({ kind: 'system' }, 'id') }, [['systemActor']]],
  ] as [string, Partial<ItsmOptions>, (string | number)[][]][])('is named: %s', async (_, options, paths) => {
    expect(await refusedAt(() => createItsm(options as ItsmOptions))).toEqual(paths);
    expect(await refusedAt(() => safeCreateItsm(options as ItsmOptions))).toEqual(paths);
  });

  it('is named when the groups the actorGroups option answers cannot be read', async () => {
    const itsm = createItsm({ store: createMemoryStore(), actorGroups: () => revoked() });
    const change = await itsm.changes.open('acme', actor, { shortDescription: 'Patch the database', type: 'normal' } as never);
    expect(await refusedAt(() => itsm.changes.apply('acme', actor, change.id, { type: 'update', description: 'Kernel patch' } as never))).toEqual([['actorGroups']]);
  });

  it('is named by a command when a request\'s answer cannot be read', async () => {
    const itsm = createItsm({ store: createMemoryStore() });
    const laptop = defineCatalogItem({ id: 'laptop', name: 'Laptop', variables: [{ name: 'model', label: 'Model', type: 'text', required: false }], approval: { required: false }, fulfilmentTasks: [], active: true });
    expect((await refusedAt(() => itsm.requests.submit('acme', actor, { requestedFor: actor, items: [{ catalogItem: laptop, variables: { model: revoked() } }] }))).length).toBe(1);
  });
});

describe('the timer, the drivers and the tester tools', () => {
  it('reports a tenants function that answers no list, and goes on', async () => {
    const errors: unknown[] = [];
    let answers: unknown = 'acme';
    const timer = startSlaTimer(createItsm({ store: createMemoryStore() }), { tenants: () => answers as string[], onError: (error) => void errors.push(error) });
    await timer.runNow();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => isItsmError(error) && error.code === 'validation')).toBe(true);
    answers = ['acme'];
    const before = errors.length;
    await timer.runNow();
    expect(errors.length).toBe(before);
    await timer.stop();
  });

  it('are given options or objects with a part that throws when read, and name it', async () => {
    const itsm = createItsm({ store: createMemoryStore() });
    expect(await refusedAt(() => startSlaTimer(itsm, { tenants: revoked() }))).toEqual([['tenants']]);
    const store = createMemoryStore();
    expect(await refusedAt(() => store.transaction((tx) => tx.audit.append('acme', revoked())))).toEqual([['entries']]);
    expect(await refusedAt(() => pgPoolDriver(throwingAt({ query: () => Promise.resolve({ rows: [] }), connect: () => Promise.resolve(revoked()), end: () => Promise.resolve() }, 'connect') as never))).toEqual([['pool']]);
    expect(await refusedAt(() => pgliteDriver({ query: () => Promise.resolve({ rows: [] }) } as never))).toEqual([['db']]);
    expect(await refusedAt(() => calendarDefinitionArbitrary({ timeZones: revoked() }))).toEqual([['timeZones']]);
    const desk = defineCalendar({ timeZone: 'UTC', week });
    expect(await refusedAt(() => slaLaws({ policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: { service_desk: desk }, history: revoked() }))).toEqual([['history']]);
    expect(await refusedAt(() => storeConformanceSuite({ describe: () => undefined, it: () => undefined }, () => createMemoryStore(), { name: revoked() }))).toEqual([['options', 'name']]);
  });
});
