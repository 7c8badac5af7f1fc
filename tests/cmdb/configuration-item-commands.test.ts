import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  addCiRelationship,
  applyConfigurationItemEvent,
  ciRelationshipOf,
  configurationItemEvents,
  defineCiClasses,
  registerConfigurationItem,
  removeCiRelationship,
  safeAddCiRelationship,
  safeApplyConfigurationItemEvent,
  safeRegisterConfigurationItem,
  safeRemoveCiRelationship,
  type ConfigurationItem,
} from '../../src/cmdb/index';
import { InvalidTransitionError, ValidationError } from '../../src/index';
import { ci } from './support';

enablePatches();

const admin = { kind: 'user', id: 'cmdb-admin' } as const;
const T0 = '2026-11-23T08:00:00.000Z';
const T1 = '2026-11-23T09:00:00.000Z';
let ids = 0;
const context = (now = T0) => ({ now, actor: admin, newId: () => `id-${++ids}` });
const opening = { ...context(), tenantId: 'acme', number: 'CI0000001' };

const errorOf = (result: { success: boolean; error?: unknown }): unknown => (result.success ? undefined : result.error);
const pathsOf = (result: { success: boolean; error?: unknown }): string[] => ((errorOf(result) as ValidationError | undefined)?.issues ?? []).map((found) => found.path.join('.'));

function registered(): ConfigurationItem {
  return registerConfigurationItem({ className: 'server', name: 'db-host-1', attributes: { cpu_count: 16, location: 'Berlin DC1' }, supportGroup: { kind: 'group', id: 'unix-ops' } }, opening).record;
}

describe('registering a configuration item', () => {
  it('makes version 1, operational unless told otherwise, checked against its class, with patches that rebuild it', () => {
    const change = registerConfigurationItem({ className: 'server', name: 'db-host-1', attributes: { cpu_count: 16 } }, opening);
    expect(change.record).toMatchObject({ tenantId: 'acme', number: 'CI0000001', version: 1, createdAt: T0, updatedAt: T0, openedBy: admin, className: 'server', operationalStatus: 'operational' });
    expect(change.previous).toBeUndefined();
    expect(applyPatches({}, change.patches as never)).toEqual(change.record);
    expect(change.events).toEqual([
      { type: 'configuration_item.registered', tenantId: 'acme', recordKind: 'configuration_item', recordId: change.record.id, number: 'CI0000001', version: 1, at: T0, actor: admin, data: { className: 'server', to: 'operational' } },
    ]);
    expect(registerConfigurationItem({ className: 'application', name: 'shop', operationalStatus: 'planned' }, opening).record.operationalStatus).toBe('planned');
  });

  it('refuses what the class or the schema does not allow, naming the path', () => {
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'server', name: 'x', attributes: { cpu_count: 0, colour: 'red' } }, opening))).toEqual(['attributes.colour', 'attributes.cpu_count']);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'configuration_item', name: 'x' }, opening))).toEqual(['className']);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'spaceship', name: 'x' }, opening))).toEqual(['className']);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'server', name: 'x', operationalStatus: 'retired' }, opening))).toEqual(['operationalStatus']);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'server', name: 'x', supportGroup: { kind: 'user', id: 'u-1' } }, opening))).toEqual(['supportGroup.kind']);
  });

  it('uses the catalogue of the context, and refuses a context it cannot use', () => {
    const catalogue = defineCiClasses([{ name: 'pod', extends: 'virtual_machine', attributes: { namespace: { kind: 'string', required: true } } }]);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'pod', name: 'p' }, { ...opening, catalogue }))).toEqual(['attributes.namespace']);
    expect(safeRegisterConfigurationItem({ className: 'pod', name: 'p', attributes: { namespace: 'shop' } }, { ...opening, catalogue }).success).toBe(true);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'server', name: 'x' }, { ...opening, catalogue: { classes: [] } as never }))).toEqual(['catalogue']);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'server', name: 'x' }, { ...opening, number: '' }))).toEqual(['number']);
    const hostile = Object.defineProperty({ ...opening }, 'catalogue', {
      get() {
        throw new Error('no access');
      },
    });
    expect(errorOf(safeRegisterConfigurationItem({ className: 'server', name: 'x' }, hostile))).toBeInstanceOf(ValidationError);
    expect(pathsOf(safeRegisterConfigurationItem({ className: 'server', name: 'x' }, { ...opening, newId: () => '' }))).toEqual(['newId']);
  });
});

describe('applying an event to a configuration item', () => {
  it('updates only the fields given: null removes one, attributes merge one by one', () => {
    const item = registered();
    const change = applyConfigurationItemEvent(item, { type: 'update', description: 'Primary database host', attributes: { cpu_count: 32, location: null }, supportGroup: null }, context(T1));
    expect(change.record).toEqual({ ...item, version: 2, updatedAt: T1, description: 'Primary database host', attributes: { cpu_count: 32 }, supportGroup: undefined });
    expect('supportGroup' in change.record).toBe(false);
    expect(applyPatches(item, change.patches as never)).toEqual(change.record);
    expect(change.patches.map((patch) => patch.path.join('.')).sort()).toEqual(['attributes.cpu_count', 'attributes.location', 'description', 'supportGroup', 'updatedAt', 'version']);
    expect(change.events.map((event) => [event.type, event.version, event.data])).toEqual([['configuration_item.updated', 2, { description: 'Primary database host', attributes: { cpu_count: 32, location: null }, supportGroup: null }]]);
  });

  it('records a status change, and refuses one that changes nothing', () => {
    const item = registered();
    const down = applyConfigurationItemEvent(item, { type: 'set_status', status: 'down' }, context(T1));
    expect(down.record.operationalStatus).toBe('down');
    expect(down.events[0]).toMatchObject({ type: 'configuration_item.status_changed', data: { from: 'operational', to: 'down' } });
    expect(pathsOf(safeApplyConfigurationItemEvent(down.record, { type: 'set_status', status: 'down' }, context(T1)))).toEqual(['status']);
    expect(pathsOf(safeApplyConfigurationItemEvent(item, { type: 'set_status', status: 'retired' }, context(T1)))).toEqual(['status']);
  });

  it('retires an item, after which it accepts no event at all', () => {
    const retired = applyConfigurationItemEvent(registered(), { type: 'retire' }, context(T1));
    expect(retired.record).toMatchObject({ operationalStatus: 'retired', retiredAt: T1, version: 2 });
    expect(retired.events[0]).toMatchObject({ type: 'configuration_item.retired', data: { from: 'operational', to: 'retired' } });
    expect(configurationItemEvents(retired.record)).toEqual([]);
    for (const event of [{ type: 'update', name: 'again' }, { type: 'set_status', status: 'operational' }, { type: 'retire' }] as const) {
      const refused = errorOf(safeApplyConfigurationItemEvent(retired.record, event, context(T1)));
      expect(refused).toBeInstanceOf(InvalidTransitionError);
      expect(refused).toMatchObject({ allowedEvents: [], details: { state: 'retired', event: event.type, number: 'CI0000001' } });
    }
  });

  it('refuses an empty update, a result its class refuses, a time before the last change and a bad event', () => {
    const item = registered();
    expect(configurationItemEvents(item)).toEqual(['update', 'set_status', 'retire']);
    expect(() => configurationItemEvents(null as never)).toThrow(ValidationError);
    expect(pathsOf(safeApplyConfigurationItemEvent(item, { type: 'update' }, context(T1)))).toEqual(['']);
    expect(pathsOf(safeApplyConfigurationItemEvent(item, { type: 'update', attributes: { cpu_count: 0 } }, context(T1)))).toEqual(['attributes.cpu_count']);
    expect(pathsOf(safeApplyConfigurationItemEvent(item, { type: 'update', name: 'x' }, context('2026-11-23T07:00:00.000Z')))).toEqual(['now']);
    expect(pathsOf(safeApplyConfigurationItemEvent(item, { type: 'reclassify' }, context(T1)))).toEqual(['type']);
    expect(pathsOf(safeApplyConfigurationItemEvent({ ...item, version: 0 }, { type: 'retire' }, context(T1)))).toEqual(['version']);
    expect(() => applyConfigurationItemEvent(item, { type: 'update' }, context(T1))).toThrow(ValidationError);
  });
});

describe('adding and removing a relationship', () => {
  const app = ci('app', 'application');
  const server = ci('srv', 'server');
  const adding = { ...context(), tenantId: 'acme', number: 'REL0000001', items: [app, server], relationships: [] };

  it('adds a checked relationship as a record at version 1, and removes it by marking it removed', () => {
    const added = addCiRelationship({ type: 'runs_on', sourceId: 'app', targetId: 'srv', description: 'Hosted here' }, adding);
    expect(added.record).toMatchObject({ tenantId: 'acme', type: 'runs_on', sourceId: 'app', targetId: 'srv', number: 'REL0000001', version: 1, createdAt: T0, createdBy: admin, updatedAt: T0 });
    expect(applyPatches({}, added.patches as never)).toEqual(added.record);
    expect(added.events[0]).toMatchObject({ type: 'ci_relationship.added', recordKind: 'ci_relationship', data: { type: 'runs_on', sourceId: 'app', targetId: 'srv' } });
    expect(ciRelationshipOf(added.record)).toEqual({ tenantId: 'acme', id: added.record.id, type: 'runs_on', sourceId: 'app', targetId: 'srv', createdAt: T0, createdBy: admin, description: 'Hosted here' });

    const removed = removeCiRelationship(added.record, context(T1));
    expect(removed.record).toEqual({ ...added.record, version: 2, updatedAt: T1, removedAt: T1, removedBy: admin });
    expect(applyPatches(added.record, removed.patches as never)).toEqual(removed.record);
    expect(removed.events[0]).toMatchObject({ type: 'ci_relationship.removed', version: 2 });
    expect(errorOf(safeRemoveCiRelationship(removed.record, context(T1)))).toMatchObject({ code: 'invalid_transition', details: { state: 'removed' } });
    expect(pathsOf(safeRemoveCiRelationship(added.record, context('2026-11-23T07:00:00.000Z')))).toEqual(['now']);
    // Removed, it no longer counts as a duplicate.
    expect(safeAddCiRelationship({ type: 'runs_on', sourceId: 'app', targetId: 'srv' }, { ...adding, relationships: [removed.record] }).success).toBe(true);
    expect(pathsOf(safeAddCiRelationship({ type: 'runs_on', sourceId: 'app', targetId: 'srv' }, { ...adding, relationships: [added.record] }))).toEqual(['']);
  });

  it('refuses a self-loop, a class pair the type does not allow, an unknown or retired end, and a bad context', () => {
    expect(pathsOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app', targetId: 'app' }, adding))).toEqual(['targetId']);
    expect(pathsOf(safeAddCiRelationship({ type: 'runs_on', sourceId: 'srv', targetId: 'app' }, adding))).toEqual(['type']);
    expect(pathsOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app', targetId: 'nowhere' }, adding))).toEqual(['targetId']);
    const retired = ci('old', 'server', { operationalStatus: 'retired', retiredAt: T0 });
    expect(pathsOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app', targetId: 'old' }, { ...adding, items: [app, retired] }))).toEqual(['targetId']);
    expect(pathsOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app', targetId: 'srv' }, { ...adding, relationships: 'none' as never }))).toEqual(['relationships']);
    expect(pathsOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app' }, adding))).toEqual(['targetId']);
    const unreadable = Object.defineProperty({}, 'removedAt', {
      get() {
        throw new Error('no access');
      },
    });
    expect(errorOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app', targetId: 'srv' }, { ...adding, relationships: [unreadable] as never }))).toBeInstanceOf(ValidationError);
    const hiddenItems = Object.defineProperty({ ...adding }, 'items', {
      get() {
        throw new Error('no access');
      },
    });
    expect(pathsOf(safeAddCiRelationship({ type: 'depends_on', sourceId: 'app', targetId: 'srv' }, hiddenItems))).toEqual(['items']);
  });

  it('refuses to remove what is not a stored relationship, or at a bad time', () => {
    const added = addCiRelationship({ type: 'runs_on', sourceId: 'app', targetId: 'srv' }, adding).record;
    expect(pathsOf(safeRemoveCiRelationship({ ...added, removedAt: T1 }, context(T1)))).toEqual(['removedBy']);
    expect(pathsOf(safeRemoveCiRelationship({ ...added, number: undefined }, context(T1)))).toEqual(['number']);
    expect(pathsOf(safeRemoveCiRelationship(added, { ...context(), now: 'soon' }))).toEqual(['now']);
    expect(() => removeCiRelationship({ ...added, version: 0 }, context(T1))).toThrow(ValidationError);
  });

  it('lets a failing id source of the host fail as it does, not as bad input', () => {
    const failure = new Error('id service down');
    const newId = () => {
      throw failure;
    };
    expect(() => safeRegisterConfigurationItem({ className: 'server', name: 'x' }, { ...opening, newId })).toThrow(failure);
  });
});
