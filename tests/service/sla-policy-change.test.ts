// A host changes its SLA configuration while records are open: the new policy applies to them as
// if it had always held — replayed from each record's audit trail — not from their next write.
import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import { defineCalendar, defineSlaPolicy, DEFAULT_INCIDENT_SLA_POLICY, evaluateSla, type BusinessCalendarDefinition, type Incident, type ItsmStore, type SlaPolicy } from '../../src/index';
import { agent, alwaysOpen, closeDatabases, fixture, HOUR, OPENED, snapshot, STORES, vpnDown } from './support';

enablePatches();
afterAll(closeDatabases);

const MINUTE = 60_000;
const { definition } = DEFAULT_INCIDENT_SLA_POLICY;
/** The default policy with the P3 response target at 30 minutes instead of 2 hours, under the same id. */
const tighter = defineSlaPolicy({
  ...definition,
  targets: definition.targets.map((target) => (target.id === 'response' ? { ...target, duration: { byPriority: { '1': 15 * MINUTE, '2': 30 * MINUTE, '3': 30 * MINUTE, '4': 8 * HOUR, '5': 24 * HOUR } } } : target)),
});
/** The default policy under a new id, with the resolution clock no longer paused on hold. */
const unpaused = defineSlaPolicy({
  ...definition,
  id: 'incident-2027',
  targets: definition.targets.map((target) => (target.id === 'resolution' ? { ...target, pause: undefined } : target)),
});

/** The record's SLA under `policy` replayed from the history the service keeps, at `now`. */
async function replayed(store: ItsmStore, policy: SlaPolicy, tenant: string, id: string, now: string) {
  const entries = await store.transaction((tx) => tx.audit.list(tenant, 'incident', id));
  let version: object = {};
  const history = entries.map((entry) => {
    version = applyPatches(version, entry.patches as never);
    return { at: (version as Incident).updatedAt, record: version as Record<string, unknown> };
  });
  return evaluateSla(policy, history, { calendars: { service_desk: alwaysOpen }, now });
}

describe.each(STORES)('a changed SLA policy over the $name store', ({ make }) => {
  it('applies an edited policy kept under the same id to open records, from their history', { timeout: 60_000 }, async () => {
    const store = await make();
    const before = fixture(store);
    const { tenant } = before;
    const incident = await before.itsm.incidents.open(tenant, agent, vpnDown);
    before.advance(45 * MINUTE);
    // The host edits the policy: the same id, a P3 response now due in 30 minutes.
    const after = fixture(store, { slaPolicies: { incident: tighter } }, { tenant, at: before.now() });
    const [item] = (await after.itsm.incidents.list(tenant)).items;
    const expected = await replayed(store, tighter, tenant, incident.id, after.now());
    expect(item?.sla).toEqual(expected);
    expect(expected.targets[0]?.cycles[0]).toMatchObject({ breached: true, breachedAt: '2026-11-23T08:30:00.000Z' });

    // The next command steps the replayed clocks on, and announces the breach it now owes.
    await after.itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    const events = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(events.map(({ event }) => event.type)).toContain('incident.sla_breached');
    expect(await after.itsm.incidents.sla(tenant, incident.id)).toEqual(await replayed(store, tighter, tenant, incident.id, after.now()));
  });

  it('replays a record under a policy with a new id instead of starting its clocks again', { timeout: 60_000 }, async () => {
    const store = await make();
    const before = fixture(store);
    const { tenant } = before;
    const incident = await before.itsm.incidents.open(tenant, agent, vpnDown);
    before.advance(HOUR);
    await before.itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    before.advance(HOUR);
    await before.itsm.incidents.apply(tenant, agent, incident.id, { type: 'put_on_hold', reason: 'awaiting_caller' });
    before.advance(5 * HOUR);

    const after = fixture(store, { slaPolicies: { incident: unpaused } }, { tenant, at: before.now() });
    const sla = await after.itsm.incidents.sla(tenant, incident.id);
    expect(sla).toEqual(await replayed(store, unpaused, tenant, incident.id, after.now()));
    // The response met an hour after opening is still there, and the hold no longer pauses resolution.
    expect(sla?.policyId).toBe('incident-2027');
    expect(sla?.targets.map((target) => [target.targetId, target.cycles[0]?.state, target.cycles[0]?.elapsedMs])).toEqual([
      ['response', 'met', HOUR],
      ['resolution', 'running', 7 * HOUR],
    ]);
    // The stored deadline is the old policy's — none, the resolution clock was paused — until the repair.
    expect((await after.itsm.processDueSla(tenant, new Date(Date.parse(OPENED) + 30 * HOUR))).processed).toBe(0);
    const repair = await after.itsm.repairSla(tenant);
    // Resolution has run 7 of its 24 hours: its 50 % threshold, at 20:00, is the next deadline.
    expect(repair).toEqual({
      examined: 1,
      repaired: [{ kind: 'incident', recordId: incident.id, number: incident.number, dueBefore: null, dueAfter: '2026-11-23T20:00:00.000Z', breachedBefore: [], breachedAfter: [] }],
      events: [],
    });
    expect(await after.itsm.repairSla(tenant)).toEqual({ examined: 1, repaired: [], events: [] });
    const scan = await after.itsm.processDueSla(tenant, new Date(Date.parse(OPENED) + 30 * HOUR));
    expect(scan.events.map((event) => `${event.type} ${String(event.data.targetId)} ${typeof event.data.percent === 'number' ? event.data.percent : ''}`.trim())).toEqual([
      'incident.sla_threshold_crossed resolution 50',
      'incident.sla_threshold_crossed resolution 75',
      'incident.sla_breached resolution',
    ]);
  });

  it('gives clocks to records opened before their kind had a policy', { timeout: 60_000 }, async () => {
    const store = await make();
    const before = fixture(store, { slaPolicies: {} });
    const { tenant } = before;
    const incident = await before.itsm.incidents.open(tenant, agent, vpnDown);
    before.advance(HOUR);
    expect((await before.itsm.incidents.list(tenant)).items[0]?.sla).toBeUndefined();

    const after = fixture(store, {}, { tenant, at: before.now() });
    expect(await after.itsm.incidents.sla(tenant, incident.id)).toEqual(await replayed(store, DEFAULT_INCIDENT_SLA_POLICY, tenant, incident.id, after.now()));
    const resolved = await after.itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    expect(resolved.version).toBe(2);
    const [item] = (await after.itsm.incidents.list(tenant)).items;
    expect(item?.sla?.targets[0]?.cycles[0]).toMatchObject({ state: 'met', elapsedMs: HOUR });
  });

  it('rewrites an ended record quietly, and repairs after a calendar change too', { timeout: 60_000 }, async () => {
    const store = await make();
    const before = fixture(store);
    const { tenant } = before;
    const ended = await before.itsm.incidents.open(tenant, agent, vpnDown);
    before.advance(45 * MINUTE);
    await before.itsm.incidents.apply(tenant, agent, ended.id, { type: 'start' });
    await before.itsm.incidents.apply(tenant, agent, ended.id, { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Restarted the concentrator' });

    // Under the tighter policy the ended record's response was breached (45 min against 30); nobody is told now.
    const tightened = fixture(store, { slaPolicies: { incident: tighter } }, { tenant, at: before.now() });
    const repair = await tightened.itsm.repairSla(tenant);
    expect(repair.repaired).toEqual([expect.objectContaining({ recordId: ended.id, breachedBefore: [], breachedAfter: ['response'], dueAfter: null })]);
    expect(repair.events).toEqual([]);
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.map(({ event }) => event.type)).not.toContain('incident.sla_breached');

    // A calendar edited under the same id (a closed day) is a new configuration as well.
    const open = await tightened.itsm.incidents.open(tenant, agent, vpnDown);
    const closedMonday = defineCalendar({ ...structuredClone(alwaysOpen.definition) as BusinessCalendarDefinition, holidays: [{ date: '2026-11-23', name: 'Closed for the move' }] });
    const moved = fixture(store, { slaPolicies: { incident: tighter }, calendars: { service_desk: closedMonday } }, { tenant, at: tightened.now() });
    const again = await moved.itsm.repairSla(tenant);
    expect(again.repaired.map((repaired) => repaired.recordId).sort()).toEqual([ended.id, open.id].sort());
    // Nothing of Monday counts now: the open record's P3 response is due 30 minutes into Tuesday.
    expect(again.repaired.find((repaired) => repaired.recordId === open.id)?.dueAfter).toBe('2026-11-24T00:15:00.000Z');
  });

  it('refuses a bad tenant or instant with a ValidationError and writes nothing', async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store);
    await itsm.incidents.open(tenant, agent, vpnDown);
    const before = await snapshot(store, tenant);
    for (const [badTenant, now] of [['', undefined], [tenant, 'yesterday'], [42, undefined]] as const) {
      const result = await itsm.safeRepairSla(badTenant, now);
      expect(result.success ? 'repaired' : result.error.code).toBe('validation');
    }
    expect(await snapshot(store, tenant)).toEqual(before);
  });
});
