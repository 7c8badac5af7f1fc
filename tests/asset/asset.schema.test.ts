import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index';
import { Asset, assetJsonSchema, applyAssetEvent, openAsset, type Asset as AssetRecord } from '../../src/asset/index';
import { thrown } from '../support';
import { acrobat, contextFor, manager, ordered, start, user } from './support';

const issuesOf = (value: unknown): string[] => (Asset.safeParse(value).error?.issues ?? []).map((found) => `${found.path.join('.')}: ${found.message}`);

const inUse = (): AssetRecord =>
  [{ type: 'receive', serialNumber: 'PF-1' }, { type: 'stock' }, { type: 'deploy', assignedTo: user }].reduce<AssetRecord>(
    (asset, event) => applyAssetEvent(asset, event as never, contextFor(asset)).record,
    ordered(),
  );

describe('the Asset schema', () => {
  it('accepts the records the lifecycle makes', () => {
    expect(issuesOf(ordered())).toEqual([]);
    expect(issuesOf(inUse())).toEqual([]);
    expect(issuesOf(openAsset(acrobat, { now: new Date(start), actor: manager, newId: () => 'sw-1', tenantId: 't-1', number: 'AST0000002' }).record)).toEqual([]);
  });

  it('holds each state to its fields, naming the state', () => {
    const asset = inUse();
    expect(issuesOf({ ...asset, assignedTo: undefined })).toEqual(['assignedTo: is required while the asset is in_use']);
    expect(issuesOf({ ...asset, state: 'in_stock' })).toEqual(['assignedTo: must be absent while the asset is in_stock']);
    expect(issuesOf({ ...asset, state: 'ordered', assignedTo: undefined })).toEqual(['receivedAt: must be absent while the asset is ordered']);
    expect(issuesOf({ ...asset, state: 'retired', assignedTo: undefined })).toEqual([
      'retiredAt: is required while the asset is retired',
      'retirementReason: is required while the asset is retired',
    ]);
    expect(issuesOf({ ...asset, state: 'canceled', assignedTo: undefined })).toEqual(['canceledAt: is required while the asset is canceled']);
    expect(issuesOf({ ...asset, state: 'disposed', assignedTo: undefined, retiredAt: asset.updatedAt, retirementReason: 'old' })).toEqual([
      'disposal: is required while the asset is disposed',
    ]);
  });

  it('keeps milestones in order and the user a person or a group', () => {
    const asset = inUse();
    expect(issuesOf({ ...asset, receivedAt: '2026-11-22T08:00:00.000Z' })).toEqual(['receivedAt: must not be before orderedAt']);
    expect(issuesOf({ ...asset, assignedTo: { kind: 'system', id: 'x' } })).toEqual(['assignedTo.kind: must be a user or a group']);
  });

  it('refuses unknown fields and floating money', () => {
    expect(issuesOf({ ...inUse(), colour: 'black' })).toEqual([': Unrecognized key: "colour"']);
    expect(issuesOf({ ...inUse(), cost: { amountMinor: 0.5, currency: 'EUR' } })).toEqual(['cost.amountMinor: must be a whole number of minor units (cents), not a decimal']);
  });
});

describe('assetJsonSchema', () => {
  it('describes the record, events, inputs, options and licence shapes', () => {
    const record = assetJsonSchema();
    expect(record).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(record.properties as object)).toEqual(expect.arrayContaining(['assetTag', 'kind', 'cost', 'warranty', 'state']));
    expect(assetJsonSchema('softwareLicence')).toMatchObject({ properties: { metric: { enum: ['per_installation', 'per_user', 'per_device', 'per_core'] } } });
    for (const of of ['event', 'openInput', 'lifecycleOptions', 'licenceEntitlement', 'softwareInstallation'] as const) expect(assetJsonSchema(of)).toHaveProperty('$schema');
  });

  it('refuses a shape it does not know', () => {
    expect(thrown(() => assetJsonSchema('licence' as never))).toBeInstanceOf(ValidationError);
  });
});
