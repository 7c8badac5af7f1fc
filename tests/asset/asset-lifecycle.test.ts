import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, ValidationError, allowedEvents, defineProblemLifecycle, type SafeResult, type ValidationIssue } from '../../src/index';
import {
  applyAssetEvent,
  defineAssetLifecycle,
  openAsset,
  safeApplyAssetEvent,
  safeDefineAssetLifecycle,
  safeOpenAsset,
  type Asset,
  type AssetEvent,
  type AssetLifecycle,
} from '../../src/asset/index';
import { thrown } from '../support';
import { acrobat, contextFor, laptop, manager, newId, ordered, start, user } from './support';

/** Applies the events one minute apart, starting a minute after the asset's last change. */
const run = (asset: Asset, events: readonly AssetEvent[], lifecycle?: AssetLifecycle): Asset =>
  events.reduce((current, event) => applyAssetEvent(current, event, contextFor(current, lifecycle)).record, asset);

const refusal = (asset: Asset, event: unknown, lifecycle?: AssetLifecycle): InvalidTransitionError => {
  const result = safeApplyAssetEvent(asset, event, contextFor(asset, lifecycle));
  if (result.success || !(result.error instanceof InvalidTransitionError)) throw new Error(`expected an invalid transition, got ${JSON.stringify(result)}`);
  return result.error;
};
const issuesOf = (error: unknown): readonly ValidationIssue[] => {
  if (!(error instanceof ValidationError)) throw new Error(`expected a validation error, got ${String(error)}`);
  return error.issues;
};
const pathsOf = (error: unknown): string[] => issuesOf(error).map((found) => found.path.join('.'));
const failure = (result: SafeResult<unknown>): unknown => (result.success ? undefined : result.error);

const inStock = (lifecycle?: AssetLifecycle): Asset => run(ordered(lifecycle), [{ type: 'receive', serialNumber: 'PF-4XK2M9' }, { type: 'stock', location: 'IT store' }], lifecycle);
const inUse = (lifecycle?: AssetLifecycle): Asset => run(inStock(lifecycle), [{ type: 'deploy', assignedTo: user, location: 'desk 3.14' }], lifecycle);
const openContext = { now: new Date(start), actor: manager, newId: () => 'ast-9', tenantId: 't-1', number: 'AST0000009' };

describe('openAsset', () => {
  it('records an ordered asset at version 1 and raises asset.opened', () => {
    const change = openAsset(laptop, openContext);
    expect(change.record).toMatchObject({ id: 'ast-9', kind: 'hardware', state: 'ordered', version: 1, orderedAt: '2026-11-23T08:00:00.000Z', cost: { amountMinor: 129_900, currency: 'EUR' } });
    expect(change.previous).toBeUndefined();
    expect(change.events).toMatchObject([{ type: 'asset.opened', recordKind: 'asset', recordId: 'ast-9', number: 'AST0000009', version: 1, data: { to: 'ordered' } }]);
  });

  it('records a software asset with its publisher and product', () => {
    expect(openAsset(acrobat, openContext).record).toMatchObject({ kind: 'software', publisher: 'Adobe', product: 'Acrobat Pro' });
  });

  it("refuses the other kind's fields and a software asset without publisher or product, naming each", () => {
    expect(pathsOf(failure(safeOpenAsset({ ...laptop, publisher: 'Adobe', productVersion: '2024' }, openContext)))).toEqual(['publisher', 'productVersion']);
    expect(pathsOf(failure(safeOpenAsset({ kind: 'software', assetTag: 'SW-1', name: 'Tool', serialNumber: 'X' }, openContext)))).toEqual([
      'serialNumber',
      'publisher',
      'product',
    ]);
  });

  it('refuses money as a decimal, a currency that is no ISO code, and a warranty that ends before it starts', () => {
    const error = failure(safeOpenAsset({ ...laptop, cost: { amountMinor: 1299.5, currency: 'eur' }, warranty: { start: '2026-11-20', end: '2026-11-19' } }, openContext));
    expect(pathsOf(error)).toEqual(['cost.amountMinor', 'cost.currency', 'warranty.end']);
    expect(issuesOf(error)[0]?.message).toMatch(/minor units/);
  });

  it('accepts a warranty of one day', () => {
    expect(openAsset({ ...laptop, warranty: { start: '2026-11-20', end: '2026-11-20' } }, openContext).record.warranty).toEqual({ start: '2026-11-20', end: '2026-11-20' });
  });

  it('names the tenant and number a context lacks, and a lifecycle of another kind', () => {
    expect(pathsOf(failure(safeOpenAsset(laptop, { ...openContext, tenantId: '', number: 42 as never })))).toEqual(['tenantId', 'number']);
    expect(pathsOf(failure(safeOpenAsset(laptop, { ...openContext, lifecycle: defineProblemLifecycle() as never })))).toEqual(['lifecycle']);
    expect(thrown(() => openAsset({ ...laptop, kind: 'furniture' as never }, openContext))).toBeInstanceOf(ValidationError);
  });
});

describe('receiving and stocking', () => {
  it('stamps the receipt, records the serial number and the location', () => {
    const change = applyAssetEvent(ordered(), { type: 'receive', serialNumber: 'PF-4XK2M9', location: 'goods-in', note: 'box dented' }, contextFor(ordered()));
    expect(change.record).toMatchObject({ state: 'received', version: 2, serialNumber: 'PF-4XK2M9', location: 'goods-in', receivedAt: '2026-11-23T08:01:00.000Z' });
    expect(change.record.journal).toMatchObject([{ kind: 'work_note', body: 'box dented', author: manager }]);
    expect(change.events).toMatchObject([{ type: 'asset.received', version: 2, data: { from: 'ordered', to: 'received', serialNumber: 'PF-4XK2M9' } }]);
  });

  it('refuses to receive hardware without a serial number, unless the lifecycle says it may', () => {
    const error = refusal(ordered(), { type: 'receive' });
    expect(error.refusedBy).toEqual([{ guard: 'serialNumberKnown', reason: expect.stringMatching(/serial number/) as unknown }]);
    const lenient = defineAssetLifecycle({ serialNumber: { requiredOnReceipt: false } });
    expect(run(ordered(lenient), [{ type: 'receive' }], lenient).state).toBe('received');
    expect(run(ordered(undefined, { serialNumber: 'PF-1' }), [{ type: 'receive' }]).serialNumber).toBe('PF-1');
  });

  it('receives software without a serial number, and refuses one as a field software does not have', () => {
    const software = openAsset(acrobat, openContext).record;
    expect(run(software, [{ type: 'receive' }]).state).toBe('received');
    const result = safeApplyAssetEvent(software, { type: 'receive', serialNumber: 'X' }, contextFor(software));
    expect(pathsOf(failure(result))).toEqual(['serialNumber']);
  });

  it('cancels an order, or a delivery refused at the door, keeping the receipt', () => {
    expect(run(ordered(), [{ type: 'cancel', reason: 'order dropped' }])).toMatchObject({ state: 'canceled', canceledAt: '2026-11-23T08:01:00.000Z' });
    const refused = run(ordered(), [{ type: 'receive', serialNumber: 'PF-1' }, { type: 'cancel', reason: 'wrong model delivered' }]);
    expect(refused).toMatchObject({ state: 'canceled', receivedAt: '2026-11-23T08:01:00.000Z', canceledAt: '2026-11-23T08:02:00.000Z' });
    expect(refused.journal.map((entry) => entry.body)).toEqual(['wrong model delivered']);
  });
});

describe('use, returns and maintenance', () => {
  it('deploys to a user and says so in an assignment_changed event', () => {
    const change = applyAssetEvent(inStock(), { type: 'deploy', assignedTo: user }, contextFor(inStock()));
    expect(change.record).toMatchObject({ state: 'in_use', assignedTo: user });
    expect(change.events.map((event) => [event.type, event.data])).toEqual([
      ['asset.deployed', { from: 'in_stock', to: 'in_use', assignedTo: user }],
      ['asset.assignment_changed', { from: null, to: user }],
    ]);
  });

  it('refuses to deploy without a user, or to the system', () => {
    expect(pathsOf(thrown(() => applyAssetEvent(inStock(), { type: 'deploy' } as never, contextFor(inStock()))))).toEqual(['assignedTo']);
    const result = safeApplyAssetEvent(inStock(), { type: 'deploy', assignedTo: { kind: 'system', id: 'robot' } }, contextFor(inStock()));
    expect(pathsOf(failure(result))).toEqual(['assignedTo.kind']);
  });

  it('reassigns in use, and a return clears the user', () => {
    const group = { kind: 'group', id: 'reception' } as const;
    const reassigned = applyAssetEvent(inUse(), { type: 'reassign', assignedTo: group }, contextFor(inUse()));
    expect(reassigned.record).toMatchObject({ state: 'in_use', assignedTo: group });
    expect(reassigned.events[1]?.data).toEqual({ from: user, to: group });
    const returned = run(reassigned.record, [{ type: 'return', location: 'IT store' }]);
    expect(returned).toMatchObject({ state: 'in_stock', location: 'IT store' });
    expect(returned.assignedTo).toBeUndefined();
  });

  it('keeps the user through maintenance and gives the asset back to them', () => {
    const away = run(inUse(), [{ type: 'send_to_maintenance', reason: 'cracked screen', location: 'repair shop' }]);
    expect(away).toMatchObject({ state: 'in_maintenance', assignedTo: user, location: 'repair shop' });
    const back = applyAssetEvent(away, { type: 'complete_maintenance' }, contextFor(away));
    expect(back.record).toMatchObject({ state: 'in_use', assignedTo: user });
    expect(back.events.map((event) => event.type)).toEqual(['asset.maintenance_completed']);
  });

  it('refuses to end maintenance into use for an asset with no user, unless one is given', () => {
    const away = run(inStock(), [{ type: 'send_to_maintenance', reason: 'new battery' }]);
    expect(refusal(away, { type: 'complete_maintenance' }).refusedBy[0]?.reason).toMatch(/no user/);
    expect(run(away, [{ type: 'complete_maintenance', assignedTo: user }])).toMatchObject({ state: 'in_use', assignedTo: user });
    expect(run(away, [{ type: 'return' }]).state).toBe('in_stock');
  });

  it('lists what a state allows and refuses the rest with the allowed events', () => {
    expect(allowedEvents(defineAssetLifecycle(), inUse())).toEqual(['update', 'comment', 'attach', 'reassign', 'return', 'send_to_maintenance', 'retire']);
    const error = refusal(inUse(), { type: 'dispose', reason: 'sold', date: '2027-01-01' });
    expect(error.code).toBe('invalid_transition');
    expect(error.details).toMatchObject({ recordKind: 'asset', state: 'in_use', event: 'dispose', number: 'AST0000001' });
    expect(error.allowedEvents).toContain('retire');
  });
});

describe('retirement and disposal', () => {
  it('retires with a reason, clearing the user, and disposes with a reason code and a day', () => {
    const retired = run(inUse(), [{ type: 'retire', reason: 'end of lease' }]);
    expect(retired).toMatchObject({ state: 'retired', retirementReason: 'end of lease', retiredAt: expect.any(String) as unknown });
    expect(retired.assignedTo).toBeUndefined();
    const disposed = run(retired, [{ type: 'dispose', reason: 'returned_to_vendor', date: '2029-11-30', note: 'collected by the lessor' }]);
    expect(disposed).toMatchObject({ state: 'disposed', disposal: { reason: 'returned_to_vendor', date: '2029-11-30', note: 'collected by the lessor' } });
    expect(disposed.journal.at(-1)?.body).toBe('collected by the lessor');
    expect(allowedEvents(defineAssetLifecycle(), disposed)).toEqual([]);
  });

  it('refuses a disposal without a day, or dated before the purchase', () => {
    const retired = run(inStock(), [{ type: 'retire', reason: 'obsolete' }]);
    expect(pathsOf(failure(safeApplyAssetEvent(retired, { type: 'dispose', reason: 'sold' }, contextFor(retired))))).toEqual(['date']);
    expect(pathsOf(failure(safeApplyAssetEvent(retired, { type: 'dispose', reason: 'sold', date: '2026-01-01' }, contextFor(retired))))).toEqual(['disposal.date']);
  });

  it('reinstates a retired asset to stock, forgetting the retirement, unless the lifecycle forbids it', () => {
    const reinstated = run(inStock(), [{ type: 'retire', reason: 'obsolete' }, { type: 'reinstate', reason: 'kept as a spare' }]);
    expect(reinstated.state).toBe('in_stock');
    expect(reinstated.retiredAt).toBeUndefined();
    expect(reinstated.retirementReason).toBeUndefined();
    const strict = defineAssetLifecycle({ reinstate: { allowed: false } });
    const retired = run(inStock(strict), [{ type: 'retire', reason: 'obsolete' }], strict);
    expect(refusal(retired, { type: 'reinstate', reason: 'spare' }, strict).allowedEvents).toEqual(['update', 'comment', 'attach', 'dispose']);
  });
});

describe('working on an asset', () => {
  it('updates descriptive fields, comments and attaches', () => {
    const invoice = { id: 'a-1', fileName: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 10, storageKey: 'k', uploadedBy: manager, uploadedAt: '2026-11-23T08:00:00.000Z' };
    const asset = run(inUse(), [
      { type: 'update', owner: { kind: 'group', id: 'finance' }, configurationItemId: 'ci-42', cost: { amountMinor: 119_900, currency: 'EUR' } },
      { type: 'comment', visibility: 'comment', body: 'docking station included' },
      { type: 'attach', attachment: invoice },
    ]);
    expect(asset).toMatchObject({ state: 'in_use', owner: { kind: 'group', id: 'finance' }, configurationItemId: 'ci-42', cost: { amountMinor: 119_900 }, version: 7 });
    expect(asset.journal.at(-1)).toMatchObject({ kind: 'comment', body: 'docking station included' });
    expect(asset.attachments).toEqual([invoice]);
  });

  it("refuses an update with the other kind's fields, naming them", () => {
    const result = safeApplyAssetEvent(inStock(), { type: 'update', licenceId: 'lic-1' }, contextFor(inStock()));
    expect(String(failure(result))).toMatch(/asset after update.*licenceId/s);
  });

  it('refuses a context whose lifecycle cannot be read, or is of another kind', () => {
    const asset = inStock();
    const unreadable = <T extends object>(context: T): T =>
      Object.defineProperty(context, 'lifecycle', {
        get: () => {
          throw new Error('revoked');
        },
      });
    expect(pathsOf(failure(safeApplyAssetEvent(asset, { type: 'deploy', assignedTo: user }, unreadable({ now: '2026-11-23T09:00:00.000Z', actor: manager, newId }))))).toEqual([
      'lifecycle',
    ]);
    expect(pathsOf(failure(safeOpenAsset(laptop, unreadable({ ...openContext }))))).toEqual(['lifecycle']);
    expect(pathsOf(failure(safeApplyAssetEvent(asset, { type: 'deploy', assignedTo: user }, { ...contextFor(asset), lifecycle: {} as never })))).toEqual(['lifecycle']);
  });

  it('refuses a change dated before the last one', () => {
    const asset = inStock();
    const result = safeApplyAssetEvent(asset, { type: 'deploy', assignedTo: user }, { now: '2026-11-23T08:00:00.000Z', actor: manager, newId });
    expect(pathsOf(failure(result))).toEqual(['now']);
  });
});

describe('lifecycle options', () => {
  it('refuses an event that leaves a required field missing, naming it', () => {
    const lifecycle = defineAssetLifecycle({ requiredFields: { stock: ['location'] } });
    const received = run(ordered(lifecycle), [{ type: 'receive', serialNumber: 'PF-1' }], lifecycle);
    expect(refusal(received, { type: 'stock' }, lifecycle).refusedBy).toEqual([{ guard: 'requiredFields', reason: 'location is required to stock' }]);
    expect(run(received, [{ type: 'stock', location: 'IT store' }], lifecycle).state).toBe('in_stock');
  });

  it('names every problem with the options', () => {
    const result = safeDefineAssetLifecycle({
      reinstate: { allowed: 'yes' },
      requiredFields: { ship: ['location'] },
      extend: { states: { scrapped: { behavesAs: 'disposed' } } },
    });
    expect(pathsOf(failure(result))).toEqual(['reinstate.allowed']);
    const built = safeDefineAssetLifecycle({ requiredFields: { ship: ['location'] }, extend: { states: { scrapped: { behavesAs: 'disposed' } } } });
    expect(pathsOf(failure(built))).toEqual(['extend.states.scrapped.behavesAs', 'requiredFields.ship']);
    expect(thrown(() => defineAssetLifecycle({ extend: { transitions: [{ event: 'retire', from: ['in_stock'] }] } }))).toBeInstanceOf(ValidationError);
  });

  it('gives a vendor state the field rules of the state it behaves as', () => {
    const lifecycle = defineAssetLifecycle({
      extend: { states: { on_loan: { behavesAs: 'in_use' } }, transitions: [{ event: 'lend', from: ['in_use'], to: 'on_loan' }] },
    });
    const lent = run(inUse(lifecycle), [{ type: 'lend' } as never], lifecycle);
    expect(lent.state).toBe('on_loan');
    expect(lifecycle.schema.safeParse({ ...lent, assignedTo: undefined }).error?.issues[0]?.message).toBe('is required while the asset is on_loan');
    expect(run(lent, [{ type: 'return' }], lifecycle).state).toBe('in_stock');
  });
});
