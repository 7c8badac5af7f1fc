import { describe, expect, it } from 'vitest';
import { analyzeImpact, buildCmdbGraph, defineCiClasses, safeAnalyzeImpact, safeBuildCmdbGraph, type CiImpactAnalysis } from '../../src/cmdb/index';
import { catalogue, ci, rel } from './support';

// The worked example of docs/cmdb.md:
//
//   shop (business_service) ──depends_on──▶ checkout (application) ──runs_on──▶ web (cluster, minimumUp 1)
//                                              │                                   ▲          ▲
//                                              └──depends_on──▶ orders-db          member_of  member_of
//                                                                (database)        │          │
//                                                                  │ runs_on     web-1      web-2   (servers)
//                                                                  ▼               │          │
//                                                                db-host ──depends_on──▶ core-sw ◀──depends_on──┘
//                                                               (server)  (depends_on)  (network_device)
const items = [
  ci('shop', 'business_service'),
  ci('checkout', 'application'),
  ci('orders-db', 'database'),
  ci('web', 'cluster', { redundancy: { minimumUp: 1 } }),
  ci('web-1', 'server'),
  ci('web-2', 'server'),
  ci('db-host', 'server'),
  ci('core-sw', 'network_device'),
];
const relationships = [
  rel('shop', 'depends_on', 'checkout'),
  rel('checkout', 'runs_on', 'web'),
  rel('checkout', 'depends_on', 'orders-db'),
  rel('orders-db', 'runs_on', 'db-host'),
  rel('web-1', 'member_of', 'web'),
  rel('web-2', 'member_of', 'web'),
  rel('web-1', 'depends_on', 'core-sw'),
  rel('web-2', 'depends_on', 'core-sw'),
  rel('db-host', 'depends_on', 'core-sw'),
];
const graph = buildCmdbGraph(catalogue, items, relationships);

/** Each impact as `id <- path ids -> origin`, easy to read in a failing test. */
const explain = (analysis: CiImpactAnalysis): string[] => analysis.impacts.map((impact) => `${impact.ciId}: ${impact.path.map((r) => r.id).join(' | ')} => ${impact.origin}`);

describe('impact analysis upstream', () => {
  it('explains each impacted item with the relationship chain from it to the down item', () => {
    expect(explain(analyzeImpact(graph, 'db-host'))).toEqual([
      'orders-db: orders-db-runs_on-db-host => db-host',
      'checkout: checkout-depends_on-orders-db | orders-db-runs_on-db-host => db-host',
      'shop: shop-depends_on-checkout | checkout-depends_on-orders-db | orders-db-runs_on-db-host => db-host',
    ]);
  });

  it('keeps a redundancy group up while its minimum of members is up, and reports it as degraded', () => {
    const analysis = analyzeImpact(graph, 'web-1');
    expect(analysis.impacts).toEqual([]);
    expect(analysis.degraded).toEqual([{ ciId: 'web', members: 2, up: 1, minimumUp: 1 }]);
  });

  it('impacts a redundancy group once fewer than its minimum of members are up', () => {
    const analysis = analyzeImpact(graph, ['web-1', 'web-2']);
    expect(explain(analysis)).toEqual([
      'web: web-2-member_of-web => web-2',
      'checkout: checkout-runs_on-web | web-2-member_of-web => web-2',
      'shop: shop-depends_on-checkout | checkout-runs_on-web | web-2-member_of-web => web-2',
    ]);
    expect(analysis.impacts[0]?.redundancy).toEqual({ ciId: 'web', members: 2, up: 0, minimumUp: 1 });
    expect(analysis.degraded).toEqual([]);
  });

  it('finds the single point of failure behind redundant members', () => {
    const analysis = analyzeImpact(graph, 'core-sw', { classes: ['business_service', 'cluster'] });
    expect(analysis.impacts.map((impact) => [impact.ciId, impact.depth])).toEqual([
      ['web', 2],
      ['shop', 4],
    ]);
    expect(analysis.impacts[1]?.path.at(-1)?.targetId).toBe('core-sw');
  });

  it('gives results that are plain data, paths included', () => {
    const [first] = analyzeImpact(graph, 'db-host').impacts;
    expect(JSON.parse(JSON.stringify(first))).toEqual({ ciId: 'orders-db', className: 'database', depth: 1, origin: 'db-host', path: [rel('orders-db', 'runs_on', 'db-host')] });
  });

  it('reports nothing for an item nothing depends on, and lists each start item once', () => {
    const analysis = analyzeImpact(graph, ['shop', 'shop']);
    expect(analysis).toEqual({ direction: 'upstream', from: ['shop'], impacts: [], degraded: [] });
  });

  it('carries no impact over connects_to, which does not say who needs whom', () => {
    const linked = buildCmdbGraph(catalogue, [ci('sw', 'network_device'), ci('srv', 'server')], [rel('sw', 'connects_to', 'srv')]);
    expect(analyzeImpact(linked, 'sw').impacts).toEqual([]);
    expect(analyzeImpact(linked, 'srv').impacts).toEqual([]);
  });

  it('needs every member of a group without a redundancy setting', () => {
    const plain = buildCmdbGraph(catalogue, [ci('c', 'cluster'), ci('a', 'server'), ci('b', 'server')], [rel('a', 'member_of', 'c'), rel('b', 'member_of', 'c')]);
    expect(analyzeImpact(plain, 'a').impacts.map((impact) => impact.ciId)).toEqual(['c']);
  });

  it('reads a percentage of members, rounded up', () => {
    const members = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const pool = buildCmdbGraph(
      catalogue,
      [ci('pool', 'cluster', { redundancy: { minimumUpPercent: 50 } }), ...members.map((id) => ci(id, 'server'))],
      members.map((id) => rel(id, 'member_of', 'pool')),
    );
    // 50 % of 5 rounds up to 3 members needed: 2 down leave 3, 3 down leave 2.
    expect(analyzeImpact(pool, ['n1', 'n2']).impacts).toEqual([]);
    expect(analyzeImpact(pool, ['n1', 'n2', 'n3']).impacts.map((impact) => impact.redundancy)).toEqual([{ ciId: 'pool', members: 5, up: 2, minimumUp: 3 }]);
  });

  it('counts a member joined to its group twice as one member', () => {
    const custom = defineCiClasses([], {
      relationshipTypes: [{ name: 'standby_for', inverseName: 'has_standby', allowed: [{ source: 'server', target: 'cluster' }], impact: 'source_to_target', redundancyMembers: true }],
    });
    const twice = buildCmdbGraph(
      custom,
      [ci('c', 'cluster', { redundancy: { minimumUp: 1 } }), ci('a', 'server'), ci('b', 'server')],
      [rel('a', 'member_of', 'c'), rel('a', 'standby_for', 'c'), rel('b', 'member_of', 'c')],
    );
    expect(analyzeImpact(twice, 'a').degraded).toEqual([{ ciId: 'c', members: 2, up: 1, minimumUp: 1 }]);
    expect(analyzeImpact(twice, 'a').impacts).toEqual([]);
  });

  it('ends on a cycle of dependencies, reporting each item once', () => {
    const loop = buildCmdbGraph(catalogue, [ci('a', 'application'), ci('b', 'application'), ci('c', 'application')], [
      rel('a', 'depends_on', 'b'),
      rel('b', 'depends_on', 'c'),
      rel('c', 'depends_on', 'a'),
    ]);
    expect(explain(analyzeImpact(loop, 'a'))).toEqual(['c: c-depends_on-a => a', 'b: b-depends_on-c | c-depends_on-a => a']);
    expect(analyzeImpact(loop, 'a', { direction: 'downstream' }).impacts.map((impact) => impact.ciId)).toEqual(['b', 'c']);
  });

  it('does not count a group as impacted by its own outage going round a cycle', () => {
    // The group depends on something that depends on the group: down members still need to be counted.
    const cyclic = buildCmdbGraph(
      catalogue,
      [ci('c', 'cluster', { redundancy: { minimumUp: 1 } }), ci('a', 'server'), ci('b', 'server'), ci('app', 'application')],
      [rel('a', 'member_of', 'c'), rel('b', 'member_of', 'c'), rel('app', 'runs_on', 'c'), rel('a', 'depends_on', 'app')],
    );
    expect(analyzeImpact(cyclic, 'a').impacts).toEqual([]);
    const fromApp = analyzeImpact(cyclic, 'app');
    expect(fromApp.impacts.map((impact) => impact.ciId)).toEqual(['a']);
    expect(fromApp.degraded).toEqual([{ ciId: 'c', members: 2, up: 1, minimumUp: 1 }]);
    expect(analyzeImpact(cyclic, ['app', 'b']).impacts.map((impact) => impact.ciId)).toEqual(['a', 'c']);
  });
});

describe('impact analysis downstream', () => {
  it('gives what an item depends on, each path read from the item to the dependency', () => {
    expect(explain(analyzeImpact(graph, 'shop', { direction: 'downstream' }))).toEqual([
      'checkout: shop-depends_on-checkout => shop',
      'web: shop-depends_on-checkout | checkout-runs_on-web => shop',
      'orders-db: shop-depends_on-checkout | checkout-depends_on-orders-db => shop',
      'web-1: shop-depends_on-checkout | checkout-runs_on-web | web-1-member_of-web => shop',
      'web-2: shop-depends_on-checkout | checkout-runs_on-web | web-2-member_of-web => shop',
      'db-host: shop-depends_on-checkout | checkout-depends_on-orders-db | orders-db-runs_on-db-host => shop',
      'core-sw: shop-depends_on-checkout | checkout-runs_on-web | web-1-member_of-web | web-1-depends_on-core-sw => shop',
    ]);
  });

  it('can report only some classes', () => {
    expect(analyzeImpact(graph, 'shop', { direction: 'downstream', classes: ['server'] }).impacts.map((impact) => impact.ciId)).toEqual(['web-1', 'web-2', 'db-host']);
  });
});

describe('building the graph', () => {
  it('counts what it indexed and the tenant', () => {
    expect({ ...graph }).toEqual({ tenantId: 'acme', itemCount: 8, relationshipCount: 9 });
    expect(buildCmdbGraph(catalogue, [], []).tenantId).toBeUndefined();
  });

  it.each<[string, unknown[], unknown[], (string | number)[]]>([
    ['an item of another tenant', [ci('a', 'server'), { ...ci('b', 'server'), tenantId: 'other' }], [], ['items', 1, 'tenantId']],
    ['a repeated item id', [ci('a', 'server'), ci('a', 'server')], [], ['items', 1, 'id']],
    ['an unknown class', [ci('a', 'mainframe')], [], ['items', 0, 'className']],
    ['a bad redundancy', [ci('a', 'cluster', { redundancy: { minimumUp: 0 } })], [], ['items', 0, 'redundancy']],
    ['an item without an id', [{ tenantId: 'acme', className: 'server' }], [], ['items', 0]],
    ['a relationship to a missing item', [ci('a', 'server')], [rel('a', 'depends_on', 'b')], ['relationships', 0, 'targetId']],
    ['a relationship from a missing item', [ci('a', 'server')], [rel('b', 'depends_on', 'a')], ['relationships', 0, 'sourceId']],
    ['an unknown relationship type', [ci('a', 'server'), ci('b', 'server')], [rel('a', 'likes', 'b')], ['relationships', 0, 'type']],
    ['a relationship of another tenant', [ci('a', 'server'), ci('b', 'server')], [{ ...rel('a', 'depends_on', 'b'), tenantId: 'other' }], ['relationships', 0, 'tenantId']],
    ['a repeated relationship id', [ci('a', 'server'), ci('b', 'server')], [rel('a', 'depends_on', 'b'), rel('a', 'depends_on', 'b')], ['relationships', 1, 'id']],
    ['a relationship that is not one', [ci('a', 'server')], [null], ['relationships', 0]],
  ])('refuses %s, naming the path', (_name, badItems, badRelationships, path) => {
    const result = safeBuildCmdbGraph(catalogue, badItems, badRelationships);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('refuses a catalogue that is not one, and lists ids not in the graph', () => {
    expect(() => buildCmdbGraph({ classes: [], relationshipTypes: [] }, [], [])).toThrow(/catalogue: must be a catalogue made by defineCiClasses/);
    const result = safeAnalyzeImpact(graph, ['shop', 'nope', 7]);
    expect(result.success ? [] : result.error.issues.map((i) => i.path)).toEqual([
      ['ciIds', 1],
      ['ciIds', 2],
    ]);
    expect(() => analyzeImpact(graph, 'nope')).toThrow(/ciIds: is not an item of the graph/);
    expect(() => analyzeImpact(graph, 'shop', { direction: 'sideways' } as never)).toThrow(/direction/);
    expect(() => analyzeImpact(graph, 'shop', { classes: ['business_servce'] })).toThrow(/options.classes\[0\]: is not a class of the catalogue/);
  });
});
