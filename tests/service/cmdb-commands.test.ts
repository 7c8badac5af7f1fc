import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImpact, buildCmdbGraph, DEFAULT_CI_RELATIONSHIP_TYPES, defineCiClasses, type AnalyzeImpactOptions, type CiRelationship, type CiRelationshipTypeInput } from '../../src/cmdb/index';
import { createMemoryStore, ValidationError } from '../../src/index';
import { safeCreateItsm } from '../../src/service/index';
import { agent, closeDatabases, fixture, snapshot, STORES, type Fixture } from './support';

enablePatches();
afterAll(closeDatabases);

const server = { className: 'server', name: 'db-host-1', attributes: { cpu_count: 16, location: 'Berlin DC1' } } as const;
const errorOf = (result: { success: boolean; error?: unknown }): unknown => (result.success ? undefined : result.error);

/** A small CMDB: shop depends_on app; app runs_on cluster; web-1 and web-2 member_of cluster (one must be up); db. */
async function smallCmdb({ itsm, tenant }: Fixture) {
  const register = (className: string, name: string, extra: Record<string, unknown> = {}) => itsm.configurationItems.register(tenant, agent, { className, name, ...extra });
  const items = {
    shop: await register('business_service', 'Web shop'),
    app: await register('application', 'Shop app'),
    cluster: await register('cluster', 'Web cluster', { redundancy: { minimumUp: 1 } }),
    web1: await register('server', 'web-1'),
    web2: await register('server', 'web-2'),
    db: await register('database', 'Shop DB'),
  };
  const link = (sourceId: string, type: string, targetId: string) => itsm.ciRelationships.add(tenant, agent, { type, sourceId, targetId });
  await link(items.shop.id, 'depends_on', items.app.id);
  await link(items.app.id, 'runs_on', items.cluster.id);
  await link(items.web1.id, 'member_of', items.cluster.id);
  await link(items.web2.id, 'member_of', items.cluster.id);
  await link(items.app.id, 'depends_on', items.db.id);
  return items;
}

describe.each(STORES)('CMDB commands over the $name store', ({ make }) => {
  it('registers, updates, marks down and retires an item, numbered from the store, with audit entries and events', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance, store } = fixture(await make());
    const item = await itsm.configurationItems.register(tenant, agent, server);
    expect(item).toMatchObject({ number: 'CI0000001', version: 1, operationalStatus: 'operational', openedBy: agent });
    advance(60_000);
    const updated = await itsm.configurationItems.apply(tenant, agent, item.id, { type: 'update', attributes: { cpu_count: 32, location: null } }, { expectedVersion: 1 });
    expect(updated.attributes).toEqual({ cpu_count: 32 });
    const down = await itsm.configurationItems.apply(tenant, agent, item.id, { type: 'set_status', status: 'down' }, { reason: 'Monitoring alert 4711' });
    const retired = await itsm.configurationItems.apply(tenant, agent, item.id, { type: 'retire' });
    expect(retired).toMatchObject({ version: 4, operationalStatus: 'retired', retiredAt: '2026-11-23T08:01:00.000Z' });
    expect(await itsm.configurationItems.get(tenant, item.id)).toEqual(retired);
    expect((await itsm.configurationItems.list(tenant)).items).toEqual([{ record: retired, slaDueAt: null }]);
    const history = await itsm.configurationItems.history(tenant, item.id);
    expect(history.map((entry) => [entry.version, entry.action, entry.reason])).toEqual([
      [1, 'configuration_item.registered', undefined],
      [2, 'configuration_item.updated', undefined],
      [3, 'configuration_item.status_changed', 'Monitoring alert 4711'],
      [4, 'configuration_item.retired', undefined],
    ]);
    let rebuilt: unknown = {};
    for (const [index, entry] of history.entries()) {
      rebuilt = applyPatches(rebuilt as object, entry.patches as never);
      expect(rebuilt).toEqual([item, updated, down, retired][index]);
    }
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.map((message) => message.event.type)).toEqual(['configuration_item.registered', 'configuration_item.updated', 'configuration_item.status_changed', 'configuration_item.retired']);
  });

  it('refuses bad input, a denied command, an unknown item, a stale version and any event on a retired item, writing nothing', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store, { authorize: (_actor, action) => action !== 'configuration_item.open' && action !== 'configuration_item.set_status' });
    const allowed = fixture(store);
    const item = await allowed.itsm.configurationItems.register(tenant, agent, server);
    const retired = await allowed.itsm.configurationItems.register(tenant, agent, { ...server, name: 'old' });
    await allowed.itsm.configurationItems.apply(tenant, agent, retired.id, { type: 'retire' });
    const before = await snapshot(store, tenant);
    expect(errorOf(await itsm.configurationItems.safeRegister(tenant, agent, { ...server, attributes: { cpu_count: 0 } }))).toMatchObject({ code: 'validation', issues: [{ path: ['attributes', 'cpu_count'] }] });
    expect(errorOf(await itsm.configurationItems.safeRegister(tenant, agent, { className: 'configuration_item', name: 'abstract' }))).toMatchObject({ code: 'validation', issues: [{ path: ['className'] }] });
    expect(errorOf(await itsm.configurationItems.safeRegister(tenant, agent, server))).toMatchObject({ code: 'forbidden', details: { action: 'configuration_item.open' } });
    expect(errorOf(await itsm.configurationItems.safeApply(tenant, agent, item.id, { type: 'set_status', status: 'down' }))).toMatchObject({ code: 'forbidden', details: { action: 'configuration_item.set_status' } });
    expect(errorOf(await itsm.configurationItems.safeApply(tenant, agent, item.id, { type: 'update', attributes: { colour: 'red' } }))).toMatchObject({ code: 'validation', issues: [{ path: ['attributes', 'colour'] }] });
    expect(errorOf(await itsm.configurationItems.safeApply(tenant, agent, item.id, { type: 'update', name: 'x' }, { expectedVersion: 2 }))).toMatchObject({ code: 'conflict', details: { storedVersion: 1 } });
    expect(errorOf(await itsm.configurationItems.safeApply(tenant, agent, 'no-such-item', { type: 'retire' }))).toMatchObject({ code: 'not_found' });
    expect(errorOf(await itsm.configurationItems.safeApply(tenant, agent, retired.id, { type: 'update', name: 'revived' }))).toMatchObject({ code: 'invalid_transition', allowedEvents: [] });
    expect(errorOf(await itsm.configurationItems.safeGet(tenant, 'no-such-item'))).toMatchObject({ code: 'not_found' });
    expect(await snapshot(store, tenant)).toEqual(before);
  });

  it('returns the first result to a retry with the same idempotency key, and refuses the key with other input', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store);
    const first = await itsm.configurationItems.register(tenant, agent, server, { idempotencyKey: 'import-1' });
    expect(await itsm.configurationItems.register(tenant, agent, { attributes: { location: 'Berlin DC1', cpu_count: 16 }, name: 'db-host-1', className: 'server' }, { idempotencyKey: 'import-1' })).toEqual(first);
    expect(errorOf(await itsm.configurationItems.safeRegister(tenant, agent, { ...server, name: 'other' }, { idempotencyKey: 'import-1' }))).toMatchObject({ code: 'conflict' });
    const app = await itsm.configurationItems.register(tenant, agent, { className: 'application', name: 'shop' });
    const link = { type: 'runs_on', sourceId: app.id, targetId: first.id };
    const added = await itsm.ciRelationships.add(tenant, agent, link, { idempotencyKey: 'link-1' });
    expect(await itsm.ciRelationships.add(tenant, agent, link, { idempotencyKey: 'link-1' })).toEqual(added);
    expect(errorOf(await itsm.ciRelationships.safeAdd(tenant, agent, { ...link, type: 'depends_on' }, { idempotencyKey: 'link-1' }))).toMatchObject({ code: 'conflict' });
    expect((await itsm.configurationItems.list(tenant)).items).toHaveLength(2);
    expect(await itsm.ciRelationships.list(tenant)).toEqual([added]);
  });

  it('adds, lists both ways and removes relationships, with audit entries and events', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store, advance } = fixture(await make());
    const app = await itsm.configurationItems.register(tenant, agent, { className: 'application', name: 'shop' });
    const host = await itsm.configurationItems.register(tenant, agent, server);
    const db = await itsm.configurationItems.register(tenant, agent, { className: 'database', name: 'shop-db' });
    const runsOn = await itsm.ciRelationships.add(tenant, agent, { type: 'runs_on', sourceId: app.id, targetId: host.id, description: 'Production' });
    expect(runsOn).toEqual({ tenantId: tenant, id: runsOn.id, type: 'runs_on', sourceId: app.id, targetId: host.id, createdAt: '2026-11-23T08:00:00.000Z', createdBy: agent, description: 'Production' });
    const dependsOn = await itsm.ciRelationships.add(tenant, agent, { type: 'depends_on', sourceId: app.id, targetId: db.id });
    expect(new Set(await itsm.ciRelationships.list(tenant, { ciId: app.id }))).toEqual(new Set([runsOn, dependsOn]));
    expect(await itsm.ciRelationships.list(tenant, { ciId: host.id })).toEqual([runsOn]);
    advance(60_000);
    expect(await itsm.ciRelationships.remove(tenant, agent, runsOn.id, { reason: 'Moved to the cluster' })).toEqual(runsOn);
    expect(await itsm.ciRelationships.list(tenant, { ciId: host.id })).toEqual([]);
    expect(await itsm.ciRelationships.list(tenant)).toEqual([dependsOn]);
    expect(errorOf(await itsm.ciRelationships.safeRemove(tenant, agent, runsOn.id))).toMatchObject({ code: 'invalid_transition', details: { state: 'removed' } });
    // Removed, the same link may be made again.
    const again = await itsm.ciRelationships.add(tenant, agent, { type: 'runs_on', sourceId: app.id, targetId: host.id });
    expect(again.id).not.toBe(runsOn.id);
    const audit = await itsm.ciRelationships.history(tenant, runsOn.id);
    expect(audit.map((entry) => [entry.version, entry.action, entry.reason])).toEqual([
      [1, 'ci_relationship.added', undefined],
      [2, 'ci_relationship.removed', 'Moved to the cluster'],
    ]);
    const rebuilt = audit.reduce<object>((record, entry) => applyPatches(record, entry.patches as never), {});
    expect(rebuilt).toMatchObject({ ...runsOn, number: 'REL0000001', version: 2, removedAt: '2026-11-23T08:01:00.000Z', removedBy: agent });
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.filter((message) => message.event.recordKind === 'ci_relationship').map((message) => [message.event.type, message.event.number])).toEqual([
      ['ci_relationship.added', 'REL0000001'],
      ['ci_relationship.added', 'REL0000002'],
      ['ci_relationship.removed', 'REL0000001'],
      ['ci_relationship.added', 'REL0000003'],
    ]);
  });

  it('lets one of several concurrent adds of the same link win, and refuses the others as duplicates', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    const app = await itsm.configurationItems.register(tenant, agent, { className: 'application', name: 'shop' });
    const host = await itsm.configurationItems.register(tenant, agent, server);
    const results = await Promise.all(Array.from({ length: 4 }, () => itsm.ciRelationships.safeAdd(tenant, agent, { type: 'runs_on', sourceId: app.id, targetId: host.id })));
    expect(results.map((result) => (result.success ? 'added' : result.error.code)).sort()).toEqual(['added', 'validation', 'validation', 'validation']);
    expect(await itsm.ciRelationships.list(tenant)).toHaveLength(1);
  });

  it('refuses a self-loop, a class pair, a duplicate, a retired or unknown item, another tenant’s item and a denied command, writing nothing', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store, { authorize: (_actor, action) => action !== 'ci_relationship.add' && action !== 'ci_relationship.remove' });
    const allowed = fixture(store);
    const other = fixture(store);
    const register = (input: Record<string, unknown>) => allowed.itsm.configurationItems.register(tenant, agent, { className: 'application', name: 'app', ...input });
    const app = await register({});
    const host = await register(server);
    const old = await register({ name: 'old' });
    await allowed.itsm.configurationItems.apply(tenant, agent, old.id, { type: 'retire' });
    const foreign = await other.itsm.configurationItems.register(other.tenant, agent, server);
    const existing = await allowed.itsm.ciRelationships.add(tenant, agent, { type: 'runs_on', sourceId: app.id, targetId: host.id });
    const before = await snapshot(store, tenant);
    const otherBefore = await snapshot(store, other.tenant);
    const refused = async (input: Record<string, unknown>) => errorOf(await allowed.itsm.ciRelationships.safeAdd(tenant, agent, input));
    expect(await refused({ type: 'depends_on', sourceId: app.id, targetId: app.id })).toMatchObject({ code: 'validation', issues: [{ path: ['targetId'] }] });
    expect(await refused({ type: 'runs_on', sourceId: host.id, targetId: app.id })).toMatchObject({ code: 'validation', issues: [{ path: ['type'] }] });
    expect(await refused({ type: 'runs_on', sourceId: app.id, targetId: host.id })).toMatchObject({ code: 'validation', issues: [{ path: [], message: expect.stringContaining('duplicate') as unknown }] });
    expect(await refused({ type: 'depends_on', sourceId: app.id, targetId: old.id })).toMatchObject({ code: 'validation', issues: [{ path: ['targetId'], message: expect.stringContaining('retired') as unknown }] });
    expect(await refused({ type: 'depends_on', sourceId: app.id, targetId: 'nowhere' })).toMatchObject({ code: 'validation', issues: [{ path: ['targetId'] }] });
    expect(await refused({ type: 'depends_on', sourceId: app.id, targetId: foreign.id })).toMatchObject({ code: 'validation', issues: [{ path: ['targetId'] }] });
    expect(await refused({ type: 'hosted_by', sourceId: app.id, targetId: host.id })).toMatchObject({ code: 'validation', issues: [{ path: ['type'] }] });
    expect(errorOf(await itsm.ciRelationships.safeAdd(tenant, agent, { type: 'depends_on', sourceId: app.id, targetId: host.id }))).toMatchObject({ code: 'forbidden', details: { action: 'ci_relationship.add' } });
    expect(errorOf(await itsm.ciRelationships.safeRemove(tenant, agent, existing.id))).toMatchObject({ code: 'forbidden', details: { action: 'ci_relationship.remove' } });
    expect(errorOf(await allowed.itsm.ciRelationships.safeRemove(other.tenant, agent, existing.id))).toMatchObject({ code: 'not_found' });
    expect(errorOf(await allowed.itsm.ciRelationships.safeList(tenant, { ciId: foreign.id }))).toMatchObject({ code: 'not_found' });
    expect(errorOf(await allowed.itsm.ciRelationships.safeHistory(other.tenant, existing.id))).toMatchObject({ code: 'not_found' });
    expect(await allowed.itsm.ciRelationships.list(other.tenant)).toEqual([]);
    expect(await snapshot(store, tenant)).toEqual(before);
    expect(await snapshot(store, other.tenant)).toEqual(otherBefore);
  });

  it('analyses impact over the stored CMDB exactly as analyzeImpact over the same records, leaving removed relationships out', { timeout: 60_000 }, async () => {
    const store = await make();
    const cmdb = fixture(store);
    const { itsm, tenant } = cmdb;
    const items = await smallCmdb(cmdb);
    const records = (await itsm.configurationItems.list(tenant)).items.map((item) => item.record);
    const relationships: CiRelationship[] = await itsm.ciRelationships.list(tenant);
    const graph = buildCmdbGraph(defineCiClasses([]), records, relationships);
    const cases: [string[], AnalyzeImpactOptions][] = [
      [[items.web1.id], {}],
      [[items.web1.id, items.web2.id], {}],
      [[items.db.id], { classes: ['business_service'] }],
      [[items.shop.id], { direction: 'downstream' }],
    ];
    for (const [down, options] of cases) {
      expect(await itsm.configurationItems.impact(tenant, down, options)).toEqual(analyzeImpact(graph, down, options));
    }
    expect((await itsm.configurationItems.impact(tenant, items.db.id)).impacts.map((impact) => impact.ciId)).toEqual([items.app.id, items.shop.id]);
    const dbLink = relationships.find((relationship) => relationship.targetId === items.db.id)!;
    await itsm.ciRelationships.remove(tenant, agent, dbLink.id);
    expect((await itsm.configurationItems.impact(tenant, items.db.id)).impacts).toEqual([]);
    expect(errorOf(await itsm.configurationItems.safeImpact(tenant, ['nowhere']))).toMatchObject({ code: 'validation', issues: [{ path: ['ciIds', 0] }] });
    expect(errorOf(await itsm.configurationItems.safeImpact(tenant, items.db.id, { direction: 'sideways' }))).toBeInstanceOf(ValidationError);
  });
});

describe('CMDB options of createItsm', () => {
  it('runs the example of docs/cmdb.md “Through the service” as written', async () => {
    const { itsm } = fixture(createMemoryStore(), { ciClasses: defineCiClasses([{ name: 'pod', extends: 'virtual_machine' }]), ciRelationshipTypes: [...DEFAULT_CI_RELATIONSHIP_TYPES] });
    const db = await itsm.configurationItems.register('acme', agent, { className: 'database', name: 'shop-db', attributes: { engine: 'postgresql' } }, { idempotencyKey: 'import-42' });
    expect(db.number).toBe('CI0000001');
    const app = await itsm.configurationItems.register('acme', agent, { className: 'application', name: 'shop' });
    await itsm.ciRelationships.add('acme', agent, { type: 'depends_on', sourceId: app.id, targetId: db.id });
    await itsm.configurationItems.apply('acme', agent, db.id, { type: 'set_status', status: 'down' }, { expectedVersion: 1 });
    const { impacts } = await itsm.configurationItems.impact('acme', [db.id]);
    expect(impacts.map((impact) => impact.ciId)).toEqual([app.id]);
  });

  it('uses the host’s classes, relationship types and number formats', async () => {
    const ciClasses = defineCiClasses([{ name: 'pod', extends: 'virtual_machine', attributes: { namespace: { kind: 'string', required: true } } }]);
    const ciRelationshipTypes: CiRelationshipTypeInput[] = [...DEFAULT_CI_RELATIONSHIP_TYPES, { name: 'scheduled_on', inverseName: 'schedules', allowed: [{ source: 'pod', target: 'server' }], impact: 'target_to_source' }];
    const { itsm, tenant } = fixture(createMemoryStore(), { ciClasses, ciRelationshipTypes, numberFormats: { configurationItem: { prefix: 'CMDB', digits: 4 }, ciRelationship: { prefix: 'LINK', digits: 3 } } });
    expect(errorOf(await itsm.configurationItems.safeRegister(tenant, agent, { className: 'pod', name: 'p' }))).toMatchObject({ issues: [{ path: ['attributes', 'namespace'] }] });
    const pod = await itsm.configurationItems.register(tenant, agent, { className: 'pod', name: 'p', attributes: { namespace: 'shop' } });
    expect(pod.number).toBe('CMDB0001');
    const node = await itsm.configurationItems.register(tenant, agent, server);
    await itsm.ciRelationships.add(tenant, agent, { type: 'scheduled_on', sourceId: pod.id, targetId: node.id });
    expect((await itsm.configurationItems.impact(tenant, node.id)).impacts.map((impact) => impact.ciId)).toEqual([pod.id]);

    const onlyMine = fixture(createMemoryStore(), { ciRelationshipTypes: [{ name: 'feeds', inverseName: 'fed_by', allowed: [{ source: 'configuration_item', target: 'configuration_item' }], impact: 'none' }] });
    const a = await onlyMine.itsm.configurationItems.register(onlyMine.tenant, agent, server);
    const b = await onlyMine.itsm.configurationItems.register(onlyMine.tenant, agent, { ...server, name: 'b' });
    expect(errorOf(await onlyMine.itsm.ciRelationships.safeAdd(onlyMine.tenant, agent, { type: 'depends_on', sourceId: a.id, targetId: b.id }))).toMatchObject({ issues: [{ path: ['type'] }] });
    expect((await onlyMine.itsm.ciRelationships.add(onlyMine.tenant, agent, { type: 'feeds', sourceId: a.id, targetId: b.id })).type).toBe('feeds');
  });

  it('refuses a catalogue not made by defineCiClasses and relationship types that do not fit its classes, naming the option', () => {
    const pathsOf = (options: Record<string, unknown>): string[] => {
      const result = safeCreateItsm({ store: createMemoryStore(), ...options });
      return result.success ? [] : (result.error as ValidationError).issues.map((found) => found.path.join('.'));
    };
    expect(pathsOf({ ciClasses: { classes: [], relationshipTypes: [] } })).toEqual(['ciClasses']);
    expect(pathsOf({ ciRelationshipTypes: [{ name: 'feeds', inverseName: 'fed_by', allowed: [{ source: 'spaceship', target: 'server' }], impact: 'none' }] })).toEqual(['ciRelationshipTypes.0.allowed.0.source']);
    expect(pathsOf({ ciRelationshipTypes: 'all' })).toEqual(['ciRelationshipTypes']);
    expect(pathsOf({ numberFormats: { configurationItem: { prefix: 'ci', digits: 7 } } })).toEqual(['numberFormats.configurationItem']);
    expect(pathsOf({ lifecycles: { configurationItem: {} } })).toEqual(['lifecycles.configurationItem']);
  });
});
