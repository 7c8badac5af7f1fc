import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import { isItsmError, type Incident } from '../../src/index';
import { agent, closeDatabases, fixture, HOUR, racingStore, readableOnce, snapshot, STORES, vpnDown } from './support';

enablePatches();
afterAll(closeDatabases);

const resolve = { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Replaced the VPN concentrator' } as const;

describe.each(STORES)('incident commands over the $name store', ({ make }) => {
  it('opens an incident numbered from the store, with its audit entry, events and SLA deadline', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store } = fixture(await make());
    const first = await itsm.incidents.open(tenant, agent, vpnDown);
    const second = await itsm.incidents.open(tenant, agent, { ...vpnDown, impact: 1, urgency: 1 });
    expect([first.number, second.number]).toEqual(['INC0000001', 'INC0000002']);
    expect(first).toMatchObject({ tenantId: tenant, version: 1, state: 'new', priority: 3, openedAt: '2026-11-23T08:00:00.000Z' });
    expect(await itsm.incidents.get(tenant, first.id)).toEqual(first);
    const history = await itsm.incidents.history(tenant, first.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, actor: agent, action: 'incident.opened', at: '2026-11-23T08:00:00.000Z' });
    const page = await itsm.incidents.list(tenant);
    // P3: response 2 h, so the first deadline is its 50 % warning an hour after opening.
    expect(page.items.find((item) => item.record.id === first.id)?.slaDueAt).toBe('2026-11-23T09:00:00.000Z');
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.map((message) => [message.event.type, message.event.number])).toEqual([
      ['incident.opened', 'INC0000001'],
      ['incident.opened', 'INC0000002'],
    ]);
  });

  it('applies events through the lifecycle and keeps the SLA clocks beside the record', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    advance(HOUR / 2);
    const started = await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' }, { expectedVersion: 1, reason: 'picked up' });
    expect(started).toMatchObject({ version: 2, state: 'in_progress', firstRespondedAt: '2026-11-23T08:30:00.000Z' });
    advance(HOUR);
    const held = await itsm.incidents.apply(tenant, agent, incident.id, { type: 'put_on_hold', reason: 'awaiting_caller' });
    expect(held.state).toBe('on_hold');
    const sla = await itsm.incidents.sla(tenant, incident.id);
    const byTarget = Object.fromEntries(sla!.targets.map((target) => [target.targetId, target.cycles.at(-1)]));
    expect(byTarget.response).toMatchObject({ state: 'met', elapsedMs: HOUR / 2 });
    expect(byTarget.resolution).toMatchObject({ state: 'paused', elapsedMs: 1.5 * HOUR });
    // Paused, the record has no deadline to wake up for.
    const [item] = (await itsm.incidents.list(tenant)).items;
    expect(item).toMatchObject({ slaDueAt: null, record: { version: 3 } });
    expect(item?.sla?.targets.map((target) => target.cycles.at(-1)?.state)).toEqual(['met', 'paused']);
    const history = await itsm.incidents.history(tenant, incident.id);
    expect(history.map((entry) => [entry.version, entry.action, entry.reason])).toEqual([
      [1, 'incident.opened', undefined],
      [2, 'incident.started', 'picked up'],
      [3, 'incident.put_on_hold', undefined],
    ]);
  });

  it('rebuilds every version of a record from its audit trail', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const versions: Incident[] = [await itsm.incidents.open(tenant, agent, vpnDown)];
    const id = versions[0]!.id;
    for (const event of [
      { type: 'start' },
      { type: 'comment', visibility: 'work_note', body: 'Looking at the tunnel logs' },
      { type: 'put_on_hold', reason: 'awaiting_caller' },
      { type: 'resume' },
      resolve,
      { type: 'reopen', reason: 'It dropped again' },
    ] as const) {
      advance(10 * 60_000);
      versions.push(await itsm.incidents.apply(tenant, agent, id, event));
    }
    const history = await itsm.incidents.history(tenant, id);
    expect(history.map((entry) => entry.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    let rebuilt: unknown = {};
    for (const [index, entry] of history.entries()) {
      rebuilt = applyPatches(rebuilt as object, entry.patches as never);
      expect(rebuilt).toEqual(versions[index]);
    }
  });

  it('returns the first result to a retried open with the same idempotency key', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance, store } = fixture(await make());
    const first = await itsm.incidents.open(tenant, agent, vpnDown, { idempotencyKey: 'request-42' });
    advance(60_000);
    const before = await snapshot(store, tenant);
    const again = await itsm.incidents.open(tenant, agent, { urgency: 2, impact: 2, caller: vpnDown.caller, shortDescription: vpnDown.shortDescription }, { idempotencyKey: 'request-42' });
    expect(again).toEqual(first);
    expect(await snapshot(store, tenant)).toEqual(before);
    const reused = await itsm.incidents.safeOpen(tenant, agent, { ...vpnDown, urgency: 1 }, { idempotencyKey: 'request-42' });
    expect(reused.success ? undefined : reused.error.code).toBe('conflict');
    expect(await snapshot(store, tenant)).toEqual(before);
    const other = await itsm.incidents.open(tenant, agent, vpnDown, { idempotencyKey: 'request-43' });
    expect(other.number).toBe('INC0000002');
  });

  it('returns the record as first written to a retried apply with the same idempotency key, and writes nothing', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const started = await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' }, { expectedVersion: 1, idempotencyKey: 'start-7' });
    advance(60_000);
    await itsm.incidents.apply(tenant, agent, incident.id, { type: 'comment', visibility: 'work_note', body: 'Looking' });
    const before = await snapshot(store, tenant);
    // The retry a client sends when it never saw the answer: the same version it expected then.
    expect(await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' }, { expectedVersion: 1, idempotencyKey: 'start-7' })).toEqual(started);
    expect(await snapshot(store, tenant)).toEqual(before);
    // The same key for another change, or for an open, is a conflict; nothing is written.
    const other = await itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'put_on_hold', reason: 'awaiting_caller', note: 'Waiting' }, { idempotencyKey: 'start-7' });
    expect(other.success ? undefined : other.error.code).toBe('conflict');
    const opened = await itsm.incidents.safeOpen(tenant, agent, vpnDown, { idempotencyKey: 'start-7' });
    expect(opened.success ? undefined : opened.error.code).toBe('conflict');
    expect(await snapshot(store, tenant)).toEqual(before);
    for (const idempotencyKey of ['', 'key\u0000one', 'key\ud800']) {
      const refused = await itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'resolve' }, { idempotencyKey });
      expect(refused.success ? undefined : refused.error).toMatchObject({ code: 'validation', issues: [{ path: ['options', 'idempotencyKey'] }] });
    }
    expect(await snapshot(store, tenant)).toEqual(before);
  });

  it('keeps every key of a record: a keyed open, then keyed changes, each replayed on its own', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown, { idempotencyKey: 'open-1' });
    const started = await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' }, { idempotencyKey: 'change-1' });
    const noted = await itsm.incidents.apply(tenant, agent, incident.id, { type: 'comment', visibility: 'work_note', body: 'Looking' }, { idempotencyKey: 'change-2' });
    expect(noted.version).toBe(3);
    expect(await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' }, { idempotencyKey: 'change-1' })).toEqual(started);
    expect(await itsm.incidents.apply(tenant, agent, incident.id, { type: 'comment', visibility: 'work_note', body: 'Looking' }, { idempotencyKey: 'change-2' })).toEqual(noted);
    expect(await itsm.incidents.open(tenant, agent, vpnDown, { idempotencyKey: 'open-1' })).toEqual(incident);
  });

  it('gives two calls at once with one key and one expected version the same answer, writing once', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const both = await Promise.all([1, 2].map(() => itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'start' }, { expectedVersion: 1, idempotencyKey: 'start-once' })));
    expect(both.map((result) => (result.success ? result.data.version : result.error.code))).toEqual([2, 2]);
    expect((await itsm.incidents.get(tenant, incident.id)).version).toBe(2);
  });

  it('reads its options once: a getter that throws when read again changes nothing', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const options = readableOnce('reason', 'Picked up');
    expect((await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' }, options.object)).version).toBe(2);
    expect(options.reads()).toBe(1);
  });

  it('refuses a denied command as forbidden and writes nothing', { timeout: 60_000 }, async () => {
    const store = await make();
    const asked: string[] = [];
    const { itsm, tenant } = fixture(store, {
      authorize: (actor, action, record) => {
        asked.push(`${action} ${String(record.number)}`);
        return action !== 'incident.cancel' && !(action === 'incident.open' && record.urgency === 1);
      },
    });
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const before = await snapshot(store, tenant);
    const cancel = await itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'cancel', reason: 'duplicate' });
    expect(cancel.success ? undefined : cancel.error).toMatchObject({ code: 'forbidden', name: 'ForbiddenError', details: { action: 'incident.cancel' } });
    const urgent = await itsm.incidents.safeOpen(tenant, agent, { ...vpnDown, urgency: 1 });
    expect(urgent.success ? undefined : urgent.error.code).toBe('forbidden');
    expect(await snapshot(store, tenant)).toEqual(before);
    expect(asked).toEqual(['incident.open INC0000001', 'incident.cancel INC0000001', 'incident.open INC0000002']);
    // The number drawn for the refused incident was given back.
    expect((await itsm.incidents.open(tenant, agent, vpnDown)).number).toBe('INC0000002');
  });

  it('refuses bad input, unknown records and events the state does not accept, writing nothing', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const before = await snapshot(store, tenant);
    const badInput = await itsm.incidents.safeOpen(tenant, agent, { ...vpnDown, impact: 'high' });
    expect(badInput.success ? undefined : badInput.error).toMatchObject({ code: 'validation', issues: [{ path: ['impact'] }] });
    const badEvent = await itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'resolve' });
    expect(badEvent.success ? undefined : badEvent.error.code).toBe('validation');
    const badActor = await itsm.incidents.safeApply(tenant, { kind: 'robot', id: 'x' }, incident.id, { type: 'start' });
    expect(badActor.success ? undefined : badActor.error).toMatchObject({ code: 'validation', issues: [{ path: ['actor', 'kind'] }] });
    const missing = await itsm.incidents.safeApply(tenant, agent, 'no-such-id', { type: 'start' });
    expect(missing.success ? undefined : missing.error.code).toBe('not_found');
    const close = await itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'close' });
    expect(close.success ? undefined : close.error).toMatchObject({ code: 'invalid_transition' });
    expect(await snapshot(store, tenant)).toEqual(before);
    await expect(itsm.incidents.get(tenant, 'no-such-id')).rejects.toMatchObject({ code: 'not_found' });
    await expect(itsm.incidents.history(tenant, 'no-such-id')).rejects.toMatchObject({ code: 'not_found' });
    await expect(itsm.incidents.sla(tenant, 'no-such-id')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps tenants apart', { timeout: 60_000 }, async () => {
    const store = await make();
    const acme = fixture(store);
    const globex = fixture(store);
    const incident = await acme.itsm.incidents.open(acme.tenant, agent, vpnDown);
    await expect(acme.itsm.incidents.get(globex.tenant, incident.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(acme.itsm.incidents.apply(globex.tenant, agent, incident.id, { type: 'start' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await acme.itsm.incidents.list(globex.tenant)).items).toEqual([]);
  });

  it('refuses a stale expected version as a conflict, and retries a command that did not pin one', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    const before = await snapshot(store, tenant);
    const stale = await itsm.incidents.safeApply(tenant, agent, incident.id, { type: 'put_on_hold', reason: 'awaiting_caller' }, { expectedVersion: 1 });
    expect(stale.success ? undefined : stale.error).toMatchObject({ code: 'conflict', details: { expectedVersion: 1, storedVersion: 2 } });
    expect(await snapshot(store, tenant)).toEqual(before);

    const racing = racingStore(store, 'incident', 2);
    const retrying = fixture(racing, { conflictRetries: 2 });
    const mine = await retrying.itsm.incidents.open(retrying.tenant, agent, vpnDown);
    const held = await retrying.itsm.incidents.apply(retrying.tenant, agent, mine.id, { type: 'start' });
    expect(held.version).toBe(2);
    expect(racing.lost()).toBe(2);

    const losing = racingStore(store, 'incident', 1);
    const pinned = fixture(losing, { conflictRetries: 2 });
    const theirs = await pinned.itsm.incidents.open(pinned.tenant, agent, vpnDown);
    const refused = await pinned.itsm.incidents.safeApply(pinned.tenant, agent, theirs.id, { type: 'start' }, { expectedVersion: 1 });
    expect(refused.success ? undefined : refused.error.code).toBe('conflict');
    expect((await pinned.itsm.incidents.get(pinned.tenant, theirs.id)).version).toBe(1);
    const noRetries = fixture(racingStore(store, 'incident', 1), { conflictRetries: 0 });
    const once = await noRetries.itsm.incidents.open(noRetries.tenant, agent, vpnDown);
    const lost = await noRetries.itsm.incidents.safeApply(noRetries.tenant, agent, once.id, { type: 'start' });
    expect(lost.success ? undefined : lost.error.code).toBe('conflict');
  });

  it('answers the SLA timeline at a given instant and refuses one before the last change', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    advance(HOUR);
    await itsm.incidents.apply(tenant, agent, incident.id, { type: 'start' });
    const later = await itsm.incidents.sla(tenant, incident.id, '2026-11-23T20:00:00.000Z');
    const resolution = later?.targets.find((target) => target.targetId === 'resolution')?.cycles[0];
    expect(resolution).toMatchObject({ elapsedMs: 12 * HOUR, dueAt: '2026-11-24T08:00:00.000Z' });
    const early = await itsm.incidents.safeSla(tenant, incident.id, new Date('2026-11-23T08:30:00.000Z'));
    expect(early.success ? undefined : early.error).toMatchObject({ code: 'validation', issues: [{ path: ['now'] }] });
  });
});

describe('a service without an SLA policy', () => {
  it('keeps no clocks and has no SLA to show', async () => {
    const { itsm, tenant } = fixture(await STORES[0]!.make(), { slaPolicies: {} });
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    expect(await itsm.incidents.sla(tenant, incident.id)).toBeUndefined();
    expect((await itsm.incidents.list(tenant)).items).toEqual([{ record: incident, slaDueAt: null }]);
    expect(await itsm.processDueSla(tenant, '2030-01-01T00:00:00.000Z')).toEqual({ processed: 0, events: [] });
  });

  it('passes errors of the host’s own hooks through untouched', async () => {
    const failure = new Error('directory unavailable');
    const { itsm, tenant } = fixture(await STORES[0]!.make(), {
      authorize: () => {
        throw failure;
      },
    });
    await expect(itsm.incidents.safeOpen(tenant, agent, vpnDown)).rejects.toBe(failure);
    expect(isItsmError(failure)).toBe(false);
  });
});
