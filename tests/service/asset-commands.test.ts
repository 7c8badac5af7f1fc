import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import { defineAssetLifecycle, type Asset, type OpenAssetInput } from '../../src/asset/index';
import { agent, closeDatabases, fixture, snapshot, STORES } from './support';

enablePatches();
afterAll(closeDatabases);

const laptop: OpenAssetInput = { kind: 'hardware', assetTag: 'LAP-0042', name: 'ThinkPad T14', cost: { amountMinor: 129_900, currency: 'EUR' } };
const user = { kind: 'user', id: 'u-7' } as const;

describe.each(STORES)('asset commands over the $name store, through the same pipeline', ({ make }) => {
  it('orders, receives, stocks and deploys an asset, numbered from the store, with audit entries and events', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance, store } = fixture(await make());
    const asset = await itsm.assets.open(tenant, agent, laptop);
    expect(asset).toMatchObject({ number: 'AST0000001', version: 1, state: 'ordered', orderedAt: '2026-11-23T08:00:00.000Z' });
    expect((await itsm.assets.open(tenant, agent, { ...laptop, assetTag: 'LAP-0043' })).number).toBe('AST0000002');
    advance(60_000);
    await itsm.assets.apply(tenant, agent, asset.id, { type: 'receive', serialNumber: 'PF-123' }, { expectedVersion: 1 });
    await itsm.assets.apply(tenant, agent, asset.id, { type: 'stock', location: 'Berlin store room' });
    const deployed = await itsm.assets.apply(tenant, agent, asset.id, { type: 'deploy', assignedTo: user }, { reason: 'new starter' });
    expect(deployed).toMatchObject({ version: 4, state: 'in_use', serialNumber: 'PF-123' });
    expect(await itsm.assets.get(tenant, asset.id)).toEqual(deployed);
    expect(await itsm.assets.sla(tenant, asset.id)).toBeUndefined();
    const page = await itsm.assets.list(tenant, { state: ['in_use'] });
    expect(page.items).toEqual([{ record: deployed, slaDueAt: null }]);
    const history = await itsm.assets.history(tenant, asset.id);
    expect(history.map((entry) => [entry.version, entry.action, entry.reason])).toEqual([
      [1, 'asset.opened', undefined],
      [2, 'asset.received', undefined],
      [3, 'asset.stocked', undefined],
      [4, 'asset.deployed', 'new starter'],
    ]);
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.filter((message) => message.event.recordId === asset.id).map((message) => message.event.type)).toEqual(['asset.opened', 'asset.received', 'asset.stocked', 'asset.deployed', 'asset.assignment_changed']);
  });

  it('rebuilds every version of an asset from its audit trail', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const versions: Asset[] = [await itsm.assets.open(tenant, agent, laptop)];
    const id = versions[0]!.id;
    for (const event of [
      { type: 'receive', serialNumber: 'PF-123' },
      { type: 'stock' },
      { type: 'deploy', assignedTo: user },
      { type: 'send_to_maintenance', reason: 'Broken hinge' },
      { type: 'complete_maintenance' },
      { type: 'retire', reason: 'End of lease' },
      { type: 'dispose', reason: 'returned_to_vendor', date: '2026-12-01' },
    ] as const) {
      advance(60_000);
      versions.push(await itsm.assets.apply(tenant, agent, id, event));
    }
    const history = await itsm.assets.history(tenant, id);
    expect(history.map((entry) => entry.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    let rebuilt: unknown = {};
    for (const [index, entry] of history.entries()) {
      rebuilt = applyPatches(rebuilt as object, entry.patches as never);
      expect(rebuilt).toEqual(versions[index]);
    }
  });

  it('refuses bad input, a denied command, an unknown asset, a stale version and an event the state does not accept, writing nothing', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store, { authorize: (_actor, action) => action !== 'asset.cancel' && action !== 'asset.open' });
    const allowed = fixture(store);
    const asset = await allowed.itsm.assets.open(tenant, agent, laptop);
    const before = await snapshot(store, tenant);
    const badInput = await itsm.assets.safeOpen(tenant, agent, { ...laptop, kind: 'furniture' });
    expect(badInput.success ? undefined : badInput.error).toMatchObject({ code: 'validation', issues: [{ path: ['kind'] }] });
    const denied = await itsm.assets.safeOpen(tenant, agent, laptop);
    expect(denied.success ? undefined : denied.error).toMatchObject({ code: 'forbidden', details: { action: 'asset.open' } });
    const cancel = await itsm.assets.safeApply(tenant, agent, asset.id, { type: 'cancel', reason: 'Order dropped' });
    expect(cancel.success ? undefined : cancel.error).toMatchObject({ code: 'forbidden', details: { action: 'asset.cancel' } });
    const badEvent = await itsm.assets.safeApply(tenant, agent, asset.id, { type: 'deploy' });
    expect(badEvent.success ? undefined : badEvent.error).toMatchObject({ code: 'validation', issues: [{ path: ['assignedTo'] }] });
    const early = await itsm.assets.safeApply(tenant, agent, asset.id, { type: 'deploy', assignedTo: user });
    expect(early.success ? undefined : early.error.code).toBe('invalid_transition');
    const stale = await itsm.assets.safeApply(tenant, agent, asset.id, { type: 'receive' }, { expectedVersion: 2 });
    expect(stale.success ? undefined : stale.error).toMatchObject({ code: 'conflict', details: { storedVersion: 1 } });
    const missing = await itsm.assets.safeApply(tenant, agent, 'no-such-asset', { type: 'receive' });
    expect(missing.success ? undefined : missing.error.code).toBe('not_found');
    expect(await snapshot(store, tenant)).toEqual(before);
  });

  it('uses the host’s asset lifecycle and number format', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make(), { lifecycles: { asset: defineAssetLifecycle({ reinstate: { allowed: false } }) }, numberFormats: { asset: { prefix: 'HW', digits: 4 } } });
    const asset = await itsm.assets.open(tenant, agent, laptop);
    expect(asset.number).toBe('HW0001');
    for (const event of [{ type: 'receive', serialNumber: 'PF-9' }, { type: 'stock' }, { type: 'retire', reason: 'Surplus' }] as const) await itsm.assets.apply(tenant, agent, asset.id, event);
    const reinstate = await itsm.assets.safeApply(tenant, agent, asset.id, { type: 'reinstate', reason: 'Needed after all' });
    expect(reinstate.success ? undefined : reinstate.error.code).toBe('invalid_transition');
  });
});
