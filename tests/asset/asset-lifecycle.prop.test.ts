import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect } from 'vitest';
import { allowedEvents } from '../../src/index';
import {
  assetJsonSchema,
  defineAssetLifecycle,
  safeApplyAssetEvent,
  safeDefineAssetLifecycle,
  safeOpenAsset,
  type Asset,
  type AssetEvent,
  type AssetLifecycle,
} from '../../src/asset/index';
import { anyValue } from '../support';
import { contextFor, hostileContext, manager, newId, ordered, start, user } from './support';

enablePatches();

const lifecycles = {
  default: defineAssetLifecycle(),
  strict: defineAssetLifecycle({ reinstate: { allowed: false }, requiredFields: { deploy: ['location'] } }),
  withLoans: defineAssetLifecycle({
    serialNumber: { requiredOnReceipt: false },
    extend: {
      states: { on_loan: { behavesAs: 'in_use' } },
      transitions: [
        { event: 'lend', from: ['in_use'], to: 'on_loan', when: { field: 'location', exists: true } },
        { event: 'take_back', from: ['on_loan'], to: 'in_use' },
        { event: 'audit', from: ['in_stock', 'on_loan'] },
      ],
    },
  }),
};

type AnyEvent = AssetEvent | { readonly type: string; readonly note?: string };

const text = fc.string({ minLength: 1, maxLength: 12 });
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight });
const holder = fc.constantFrom(user, { kind: 'user', id: 'u-8' } as const, { kind: 'group', id: 'reception' } as const);
/**
 * Well-formed events of every type. The events that move an asset on are weighted up, so
 * sequences get past `ordered`; cancel is weighted down, so they do not all end early.
 */
const assetEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  weighted(4, fc.record({ type: fc.constant('update' as const), location: text, owner: holder }, { requiredKeys: ['type'] })),
  weighted(2, fc.record({ type: fc.constant('comment' as const), visibility: fc.constantFrom('work_note' as const, 'comment' as const), body: text })),
  weighted(12, fc.record({ type: fc.constant('receive' as const), serialNumber: text, location: text }, { requiredKeys: ['type'] })),
  weighted(12, fc.record({ type: fc.constant('stock' as const), location: text }, { requiredKeys: ['type'] })),
  weighted(12, fc.record({ type: fc.constantFrom('deploy' as const, 'reassign' as const), assignedTo: holder, location: text }, { requiredKeys: ['type', 'assignedTo'] })),
  weighted(6, fc.record({ type: fc.constant('return' as const), location: text }, { requiredKeys: ['type'] })),
  weighted(6, fc.record({ type: fc.constant('send_to_maintenance' as const), reason: text })),
  weighted(6, fc.record({ type: fc.constant('complete_maintenance' as const), assignedTo: holder }, { requiredKeys: ['type'] })),
  weighted(6, fc.record({ type: fc.constantFrom('retire' as const, 'reinstate' as const), reason: text })),
  weighted(3, fc.record({ type: fc.constant('dispose' as const), reason: fc.constantFrom('sold' as const, 'lost' as const, 'end_of_life' as const), date: fc.constantFrom('2026-11-30', '2030-01-01') })),
  weighted(1, fc.record({ type: fc.constant('cancel' as const), reason: text })),
  weighted(12, fc.constantFrom<AnyEvent>({ type: 'lend', note: 'to Munich' }, { type: 'take_back' }, { type: 'audit' })),
);

/** A lifecycle, what is ordered, and a sequence of events it knows. */
const scenario = fc.constantFrom(...Object.values(lifecycles)).chain((lifecycle) =>
  fc.record({
    lifecycle: fc.constant(lifecycle),
    kind: fc.constantFrom('hardware' as const, 'software' as const),
    events: fc.array(assetEvent.filter((event) => lifecycle.events.includes(event.type)), { minLength: 10, maxLength: 60 }),
  }),
);

const orderedOf = (lifecycle: AssetLifecycle, kind: 'hardware' | 'software'): Asset =>
  ordered(lifecycle, kind === 'hardware' ? { serialNumber: 'PF-1' } : { kind, manufacturer: undefined, publisher: 'Adobe', product: 'Acrobat Pro' });

/** Applies the events, keeping the accepted ones; calls `check` after each. */
function play(
  lifecycle: AssetLifecycle,
  kind: 'hardware' | 'software',
  events: readonly AnyEvent[],
  check: (before: Asset, event: AnyEvent, result: ReturnType<typeof safeApplyAssetEvent>) => void = () => undefined,
): Asset {
  let asset = orderedOf(lifecycle, kind);
  for (const event of events) {
    // A software asset has no serial number; the payload would be refused as bad data.
    const fitting = kind === 'software' && event.type === 'receive' ? { type: 'receive' } : event;
    const result = safeApplyAssetEvent(asset, fitting, contextFor(asset, lifecycle));
    check(asset, fitting, result);
    if (result.success) asset = result.data.record;
  }
  return asset;
}

/** Concrete steps for searching the state graph: one of each event that can move an asset. */
const moves: readonly AnyEvent[] = [
  { type: 'receive', location: 'goods-in' },
  { type: 'stock' },
  { type: 'deploy', assignedTo: user, location: 'desk' },
  { type: 'return' },
  { type: 'send_to_maintenance', reason: 'broken' },
  { type: 'complete_maintenance', assignedTo: user },
  { type: 'retire', reason: 'old' },
  { type: 'reinstate', reason: 'spare' },
  { type: 'dispose', reason: 'end_of_life', date: '2030-01-01' },
  { type: 'cancel', reason: 'dropped' },
  { type: 'take_back' },
];

describe('asset lifecycle laws', () => {
  test.prop([scenario], { numRuns: 60 })('allowedEvents offers every event that is accepted, an accepted event moves the asset one version on, and a refused one is an invalid transition listing what allowedEvents offers', ({ lifecycle, kind, events }) => {
    play(lifecycle, kind, events, (before, event, result) => {
      const offered = allowedEvents(lifecycle, before);
      if (result.success) {
        expect(offered).toContain((event as { type: string }).type);
        expect(result.data.record.version).toBe(before.version + 1);
        expect(result.data.previous).toEqual(before);
      } else {
        expect(result.error.code).toBe('invalid_transition');
        if (result.error.code === 'invalid_transition') expect([...result.error.allowedEvents].sort()).toEqual([...offered].sort());
      }
    });
  });

  test.prop([scenario], { numRuns: 60 })('applyPatches(previous, patches) gives the new asset', ({ lifecycle, kind, events }) => {
    play(lifecycle, kind, events, (before, _event, result) => {
      if (result.success) expect(applyPatches(before, result.data.patches as never)).toEqual(result.data.record);
    });
  });

  test.prop([scenario], { numRuns: 60 })('an assignment_changed event is raised exactly when the user changes, naming both', ({ lifecycle, kind, events }) => {
    play(lifecycle, kind, events, (before, _event, result) => {
      if (!result.success) return;
      const after = result.data.record.assignedTo;
      const changed = before.assignedTo?.id !== after?.id || before.assignedTo?.kind !== after?.kind;
      const raised = result.data.events.filter((event) => event.type === 'asset.assignment_changed');
      expect(raised).toHaveLength(changed ? 1 : 0);
      if (changed) expect(raised[0]?.data).toEqual({ from: before.assignedTo ?? null, to: after ?? null });
    });
  });

  test.prop([scenario, assetEvent], { numRuns: 50 })('a disposed or canceled asset accepts no event', ({ lifecycle, kind, events }, event) => {
    const ended = play(lifecycle, kind, [...events, ...moves.filter((move) => ['take_back', 'return', 'retire', 'dispose', 'cancel'].includes(move.type))]);
    expect(['disposed', 'canceled']).toContain(ended.state);
    expect(allowedEvents(lifecycle, ended)).toEqual([]);
    const result = safeApplyAssetEvent(ended, event, contextFor(ended, lifecycle));
    expect(result.success).toBe(false);
  });

  test.prop([scenario], { numRuns: 50 })('from every reachable state a final state is reachable', ({ lifecycle, kind, events }) => {
    const seen = new Set<string>();
    let frontier = [play(lifecycle, kind, events)];
    let final: Asset | undefined;
    while (frontier.length > 0 && final === undefined) {
      const next: Asset[] = [];
      for (const asset of frontier) {
        if (allowedEvents(lifecycle, asset).length === 0) final = asset;
        if (seen.has(asset.state)) continue;
        seen.add(asset.state);
        for (const move of moves.filter((candidate) => lifecycle.events.includes(candidate.type))) {
          const result = safeApplyAssetEvent(asset, move, contextFor(asset, lifecycle));
          if (result.success) next.push(result.data.record);
        }
      }
      frontier = next;
    }
    expect(['disposed', 'canceled']).toContain(final?.state);
  });

  test.prop([scenario], { numRuns: 50 })('an asset is in use exactly when it has a user, or in maintenance with or without one', ({ lifecycle, kind, events }) => {
    play(lifecycle, kind, events, (_before, _event, result) => {
      if (!result.success) return;
      const { state, assignedTo } = result.data.record;
      const rules = lifecycle.internals.behavesAs.get(state) ?? state;
      if (rules === 'in_use') expect(assignedTo).toBeDefined();
      else if (rules !== 'in_maintenance') expect(assignedTo).toBeUndefined();
    });
  });
});

describe('asset functions given anything', () => {
  const asset = ordered();
  const before = JSON.stringify(asset);

  test.prop([anyValue], { numRuns: 150 })('any value as the event is a validation error, and nothing changes', (event) => {
    const result = safeApplyAssetEvent(asset, event, contextFor(asset));
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    expect(JSON.stringify(asset)).toBe(before);
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the asset is a validation error', (record) => {
    const result = safeApplyAssetEvent(record, { type: 'receive', serialNumber: 'PF-1' }, contextFor(asset));
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the context is a validation error', (context) => {
    const result = safeApplyAssetEvent(asset, { type: 'receive', serialNumber: 'PF-1' }, context as never);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  const contextFields = fc.constantFrom('lifecycle', 'now', 'actor', 'newId', 'tenantId', 'number');
  test.prop([contextFields, fc.constantFrom('getter' as const, 'proxy' as const)], { numRuns: 40 })(
    'a context field that cannot be read is a validation error naming that field, never a thrown TypeError',
    (field, how) => {
      for (const result of [
        // Applying an event reads no tenant or number.
        ...(field === 'tenantId' || field === 'number' ? [] : [safeApplyAssetEvent(asset, { type: 'receive', serialNumber: 'PF-1' }, hostileContext(contextFor(asset), field, how))]),
        safeOpenAsset({ kind: 'hardware', assetTag: 'LAP-1', name: 'Laptop' }, hostileContext({ now: new Date(start), actor: manager, newId, tenantId: 't-1', number: 'AST0000002' }, field, how)),
      ]) {
        expect(result.success ? 'accepted' : result.error.code).toBe('validation');
        if (result.success || result.error.code !== 'validation') continue;
        if (how === 'getter') expect(result.error.issues.some((found) => found.path.join('.') === field && found.message.startsWith('could not be read'))).toBe(true);
        else expect(result.error.issues.map((found) => found.path[0])).toContain(field);
      }
    },
  );

  test.prop([anyValue], { numRuns: 150 })('any value as the input of openAsset is a validation error', (input) => {
    const result = safeOpenAsset(input, { now: new Date(start), actor: manager, newId, tenantId: 't-1', number: 'AST0000002' });
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the context of openAsset is a validation error', (context) => {
    const result = safeOpenAsset({ kind: 'hardware', assetTag: 'LAP-1', name: 'Laptop' }, context as never);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the lifecycle options is a lifecycle or a validation error, and nothing else', (options) => {
    const result = safeDefineAssetLifecycle(options);
    if (result.success) expect(result.data.kind).toBe('asset');
    else expect(result.error.code).toBe('validation');
  });

  const shapes = ['record', 'event', 'openInput', 'lifecycleOptions', 'softwareLicence', 'licenceEntitlement', 'softwareInstallation'];
  const notAShape = anyValue.filter((of) => of !== undefined && !shapes.includes(of as string));
  test.prop([notAShape], { numRuns: 100 })('any value but a shape name as the shape of assetJsonSchema is a validation error', (of) => {
    let code = 'accepted';
    try {
      assetJsonSchema(of as never);
    } catch (error) {
      code = (error as { code?: string }).code ?? String(error);
    }
    expect(code).toBe('validation');
  });
});
