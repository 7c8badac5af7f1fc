import { afterAll, describe, expect, it } from 'vitest';
import { agent, closeDatabases, fixture, HOUR, snapshot, STORES, vpnDown } from './support';

afterAll(closeDatabases);

const summary = (events: readonly { type: string; number: string; data: Readonly<Record<string, unknown>> }[]): string[] =>
  events.map((event) => `${event.number} ${event.type} ${String(event.data.targetId)} ${typeof event.data.percent === 'number' ? event.data.percent : ''}`.trim());

describe.each(STORES)('the breach scan over the $name store', ({ make }) => {
  it('announces each crossed threshold and breach once and moves the deadline on', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    // P3 on an always-open calendar: response 2 h (50 % at 09:00, 75 % at 09:30, breach at 10:00), resolution 24 h.
    const scan = await itsm.processDueSla(tenant, '2026-11-23T10:30:00.000Z');
    expect(scan.processed).toBe(1);
    expect(summary(scan.events)).toEqual([
      'INC0000001 incident.sla_threshold_crossed response 50',
      'INC0000001 incident.sla_threshold_crossed response 75',
      'INC0000001 incident.sla_breached response',
    ]);
    expect(scan.events[2]).toMatchObject({ recordId: incident.id, version: 1, actor: { kind: 'system', id: 'sla' }, data: { breachedAt: '2026-11-23T10:00:00.000Z', cycle: 0 } });
    const [item] = (await itsm.incidents.list(tenant)).items;
    expect(item?.slaDueAt).toBe('2026-11-23T20:00:00.000Z');

    const before = await snapshot(store, tenant);
    expect(await itsm.processDueSla(tenant, '2026-11-23T10:30:00.000Z')).toEqual({ processed: 0, events: [] });
    expect(await snapshot(store, tenant)).toEqual(before);

    const evening = await itsm.processDueSla(tenant, new Date('2026-11-23T21:00:00.000Z'));
    expect(summary(evening.events)).toEqual(['INC0000001 incident.sla_threshold_crossed resolution 50']);
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.map((message) => message.event.type)).toEqual(['incident.opened', ...scan.events.map((event) => event.type), 'incident.sla_threshold_crossed']);
  });

  it('announces nothing twice when two scans run at once', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    for (let index = 0; index < 3; index++) await itsm.incidents.open(tenant, agent, vpnDown);
    const [one, two] = await Promise.all([itsm.processDueSla(tenant, '2026-11-23T09:45:00.000Z'), itsm.processDueSla(tenant, '2026-11-23T09:45:00.000Z')]);
    const all = summary([...one.events, ...two.events]).sort();
    expect(all).toEqual(
      ['INC0000001', 'INC0000002', 'INC0000003'].flatMap((number) => [`${number} incident.sla_threshold_crossed response 50`, `${number} incident.sla_threshold_crossed response 75`]).sort(),
    );
  });

  it('lets a command announce what passed since the last scan, so the scan does not repeat it', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    advance(70 * 60_000);
    await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.map((message) => message.event.type)).toEqual(['incident.opened', 'incident.started', 'incident.sla_threshold_crossed']);
    // The response was met at 09:10; the scan at noon has nothing to say about it.
    expect((await itsm.processDueSla(tenant, '2026-11-23T12:00:00.000Z')).events).toEqual([]);
  });

  it('stops the clock while on hold: a paused record is never due', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    advance(10 * 60_000);
    await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    advance(10 * 60_000);
    await itsm.incidents.apply(tenant, agent, incident.id, { type: 'put_on_hold', reason: 'awaiting_caller' });
    expect(await itsm.processDueSla(tenant, '2026-12-31T00:00:00.000Z')).toEqual({ processed: 0, events: [] });
  });

  it('scans at the clock when no instant is given, and refuses bad arguments', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    await itsm.incidents.open(tenant, agent, vpnDown);
    advance(HOUR);
    expect(summary((await itsm.processDueSla(tenant)).events)).toEqual(['INC0000001 incident.sla_threshold_crossed response 50']);
    const bad = await itsm.safeProcessDueSla(tenant, 'yesterday');
    expect(bad.success ? undefined : bad.error).toMatchObject({ code: 'validation', issues: [{ path: ['now'] }] });
    const noTenant = await itsm.safeProcessDueSla('', undefined);
    expect(noTenant.success ? undefined : noTenant.error).toMatchObject({ code: 'validation', issues: [{ path: ['tenantId'] }] });
  });
});
