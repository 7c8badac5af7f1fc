import { describe, expect, it } from 'vitest';
import { createMemoryStore, defineIncidentLifecycle, definePriorityMatrix, defineSlaPolicy, DEFAULT_INCIDENT_SLA_POLICY, ValidationError } from '../../src/index';
import { createItsm, safeCreateItsm } from '../../src/service/index';
import { thrown } from '../support';
import { agent, alwaysOpen, fixture, vpnDown } from './support';

const pathsOf = (options: unknown): unknown[] => {
  const error = thrown(() => createItsm(options as never));
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((found) => found.path);
};

describe('createItsm options', () => {
  it('names every bad option', () => {
    expect(pathsOf({})).toEqual([['store']]);
    expect(pathsOf({ store: createMemoryStore(), colour: 'blue', clock: 'now', ids: 3, authorize: true, conflictRetries: 11 })).toEqual([
      ['colour'],
      ['authorize'],
      ['clock'],
      ['ids'],
      ['conflictRetries'],
    ]);
    expect(
      pathsOf({
        store: createMemoryStore(),
        calendars: { desk: { timeZone: 'UTC' } },
        slaPolicies: { incident: DEFAULT_INCIDENT_SLA_POLICY, ticket: DEFAULT_INCIDENT_SLA_POLICY },
        priorityMatrix: { levels: [] },
        lifecycles: { incident: {}, change: defineIncidentLifecycle() },
        numberFormats: { incident: { prefix: 'inc', digits: 7 } },
        systemActor: { kind: 'robot', id: 'r' },
      }),
    ).toEqual([
      ['calendars', 'desk'],
      ['slaPolicies', 'incident', 'targets', 0, 'calendar'],
      ['slaPolicies', 'incident', 'targets', 1, 'calendar'],
      ['slaPolicies', 'ticket'],
      ['priorityMatrix'],
      ['lifecycles', 'incident'],
      ['lifecycles', 'change'],
      ['numberFormats', 'incident'],
      ['systemActor'],
    ]);
    expect(pathsOf({ store: createMemoryStore(), calendars: [], slaPolicies: { incident: 'gold' }, lifecycles: 'default', numberFormats: [] })).toEqual([
      ['calendars'],
      ['slaPolicies', 'incident'],
      ['lifecycles'],
      ['numberFormats'],
    ]);
    // Every practice's lifecycle and number format may be the host's; SLA policies only where clocks run.
    expect(
      pathsOf({
        store: createMemoryStore(),
        slaPolicies: { asset: DEFAULT_INCIDENT_SLA_POLICY, knownError: DEFAULT_INCIDENT_SLA_POLICY },
        lifecycles: { knownError: defineIncidentLifecycle(), asset: {}, request: defineIncidentLifecycle(), requestItem: 'default', task: null },
        numberFormats: { knownError: { prefix: 'KE', digits: 2 }, task: { prefix: 'TASK', digits: 7 } },
      }),
    ).toEqual([
      ['slaPolicies', 'asset'],
      ['slaPolicies', 'knownError'],
      ['lifecycles', 'knownError'],
      ['lifecycles', 'asset'],
      ['lifecycles', 'request'],
      ['lifecycles', 'requestItem'],
      ['lifecycles', 'task'],
      ['numberFormats', 'knownError'],
    ]);
    const result = safeCreateItsm({ store: createMemoryStore() });
    expect(result.success).toBe(true);
  });

  it('uses the host’s lifecycle, priority matrix, number format and system actor', async () => {
    const matrix = definePriorityMatrix({
      impacts: [{ value: 1, label: 'High' }, { value: 2, label: 'Low' }],
      urgencies: [{ value: 1, label: 'High' }, { value: 2, label: 'Low' }],
      priorities: [{ value: 1, label: 'Urgent' }, { value: 2, label: 'Normal' }],
      cells: [
        { impact: 1, urgency: 1, priority: 1 },
        { impact: 1, urgency: 2, priority: 2 },
        { impact: 2, urgency: 1, priority: 2 },
        { impact: 2, urgency: 2, priority: 2 },
      ],
    });
    const quick = defineSlaPolicy({
      id: 'quick',
      name: 'Quick',
      targets: [{ id: 'resolution', metric: 'resolution', calendar: 'any', duration: { ms: 3_600_000 }, start: { field: 'state', in: ['new'] }, stop: { field: 'state', in: ['resolved'] } }],
    });
    const { itsm, tenant } = fixture(createMemoryStore(), {
      priorityMatrix: matrix,
      lifecycles: { incident: defineIncidentLifecycle({ reopen: { allowed: false } }) },
      numberFormats: { incident: { prefix: 'T', digits: 4 } },
      calendars: { any: alwaysOpen },
      slaPolicies: { incident: quick },
      systemActor: { kind: 'system', id: 'clock-tower', name: 'Clock tower' },
    });
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    expect(incident).toMatchObject({ number: 'T0001', priority: 2 });
    const scan = await itsm.processDueSla(tenant, '2026-11-23T09:00:00.000Z');
    expect(scan.events.map((event) => [event.type, event.actor.id])).toEqual([
      ['incident.sla_threshold_crossed', 'clock-tower'],
      ['incident.sla_threshold_crossed', 'clock-tower'],
      ['incident.sla_breached', 'clock-tower'],
    ]);
  });

  it('falls back to the system clock and random UUIDs when the host gives none', async () => {
    const itsm = createItsm({ store: createMemoryStore() });
    const incident = await itsm.incidents.open('acme', agent, vpnDown);
    expect(incident.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isFinite(Date.parse(incident.openedAt))).toBe(true);
    expect(await itsm.incidents.sla('acme', incident.id)).toBeUndefined();
  });

  it('refuses a clock or id source that gives nonsense, writing nothing', async () => {
    const broken = fixture(createMemoryStore(), { clock: () => new Date(Number.NaN) });
    const opened = await broken.itsm.incidents.safeOpen(broken.tenant, agent, vpnDown);
    expect(opened.success ? undefined : opened.error).toMatchObject({ code: 'validation', issues: [{ path: ['clock'] }] });
    const noIds = fixture(createMemoryStore(), { ids: () => '' });
    const again = await noIds.itsm.incidents.safeOpen(noIds.tenant, agent, vpnDown);
    expect(again.success ? undefined : again.error).toMatchObject({ code: 'validation', issues: [{ path: ['ids'] }] });
    expect((await noIds.itsm.incidents.list(noIds.tenant)).items).toEqual([]);
    // An id no store could keep is the id source's fault, not the record's.
    for (const id of ['inc\u0000one', 'inc\ud800']) {
      const odd = fixture(createMemoryStore(), { ids: () => id });
      const refused = await odd.itsm.incidents.safeOpen(odd.tenant, agent, vpnDown);
      expect(refused.success ? undefined : refused.error).toMatchObject({ code: 'validation', issues: [{ path: ['ids'] }] });
      expect((await odd.itsm.incidents.list(odd.tenant)).items).toEqual([]);
    }
  });
});
