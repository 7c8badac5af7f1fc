import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { analyzeImpact, buildCmdbGraph, defineCiClasses, type CiRelationship, type CiRedundancy, type ConfigurationItem } from '../../src/cmdb/index';
import { ci } from './support';

// The built-in types plus one that carries impact both ways, so every kind of flow is drawn.
const catalogue = defineCiClasses([], {
  relationshipTypes: [{ name: 'mirrors', inverseName: 'mirrors', allowed: [{ source: 'configuration_item', target: 'configuration_item' }], impact: 'both' }],
});
const TYPES = ['depends_on', 'runs_on', 'member_of', 'connects_to', 'mirrors'] as const;
const flowOf = new Map(catalogue.relationshipTypes.map((type) => [type.name, type]));

interface RandomCmdb {
  readonly items: ConfigurationItem[];
  readonly relationships: CiRelationship[];
  readonly down: string[];
}

const redundancyArbitrary: fc.Arbitrary<CiRedundancy | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 4 }).map((minimumUp) => ({ minimumUp })),
  fc.integer({ min: 1, max: 100 }).map((minimumUpPercent) => ({ minimumUpPercent })),
);

const cmdbArbitrary: fc.Arbitrary<RandomCmdb> = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.record({
    redundancy: fc.array(redundancyArbitrary, { minLength: n, maxLength: n }),
    // Repeats and self-loops allowed: the graph must cope with whatever a store holds.
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.constantFrom(...TYPES), fc.nat(n - 1)), { maxLength: 3 * n }),
    down: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }),
  }).map(({ redundancy, edges, down }) => ({
    items: redundancy.map((setting, i) => ci(`c${i}`, 'cluster', setting === undefined ? {} : { redundancy: setting })),
    relationships: edges.map(([s, type, t], k) => ({ tenantId: 'acme', id: `r${k}`, type, sourceId: `c${s}`, targetId: `c${t}` })),
    down: down.map((i) => `c${i}`),
  })),
);

/** The arcs of a relationship as [from, to, member]: the way an outage travels. */
function arcs(relationship: CiRelationship): [string, string, boolean][] {
  const type = flowOf.get(relationship.type)!;
  const member = type.redundancyMembers;
  const forward: [string, string, boolean] = [relationship.sourceId, relationship.targetId, member];
  const backward: [string, string, boolean] = [relationship.targetId, relationship.sourceId, member];
  return { target_to_source: [backward], source_to_target: [forward], both: [forward, backward], none: [] }[type.impact];
}

/** The rules applied over and over until nothing changes: deliberately simple, no queue, no counters. */
function naiveUpstream({ items, relationships, down }: RandomCmdb): Set<string> {
  const impacted = new Set(down);
  const all = relationships.flatMap(arcs);
  for (let changed = true; changed; ) {
    changed = false;
    for (const item of items) {
      if (impacted.has(item.id)) continue;
      const into = all.filter(([, to]) => to === item.id);
      const group = item.redundancy !== undefined;
      let hit = into.some(([from, , member]) => impacted.has(from) && !(member && group));
      if (!hit && group) {
        const members = new Set(into.filter(([, , member]) => member).map(([from]) => from));
        const membersDown = [...members].filter((id) => impacted.has(id)).length;
        const setting = item.redundancy!;
        const minimumUp = Math.max(1, 'minimumUp' in setting ? setting.minimumUp : Math.ceil((setting.minimumUpPercent * members.size) / 100));
        hit = membersDown > 0 && members.size - membersDown < minimumUp;
      }
      if (hit) {
        impacted.add(item.id);
        changed = true;
      }
    }
  }
  for (const id of down) impacted.delete(id);
  return impacted;
}

/** Everything the start items reach against the flow of impact, ignoring redundancy. */
function naiveDownstream({ relationships, down }: RandomCmdb): Set<string> {
  const reached = new Set(down);
  const all = relationships.flatMap(arcs);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, to] of all) {
      if (reached.has(to) && !reached.has(from)) {
        reached.add(from);
        changed = true;
      }
    }
  }
  for (const id of down) reached.delete(id);
  return reached;
}

/** Whether `path` is a chain of relationships, each carrying impact towards the item before it, from `start` to `end`. */
function isImpactChain(path: readonly CiRelationship[], start: string, end: string, relationships: readonly CiRelationship[]): boolean {
  let at = start;
  for (const step of path) {
    if (!relationships.includes(step)) return false;
    const next = arcs(step).find(([, to]) => to === at)?.[0];
    if (next === undefined) return false;
    at = next;
  }
  return at === end;
}

test.prop([cmdbArbitrary])('impact analysis equals naive reachability on random graphs with redundancy', (cmdb) => {
  const graph = buildCmdbGraph(catalogue, cmdb.items, cmdb.relationships);
  const analysis = analyzeImpact(graph, cmdb.down);
  expect(new Set(analysis.impacts.map((impact) => impact.ciId))).toEqual(naiveUpstream(cmdb));
  expect(analysis.impacts.length).toBe(new Set(analysis.impacts.map((impact) => impact.ciId)).size);
  for (const impact of analysis.impacts) {
    expect(cmdb.down).toContain(impact.origin);
    expect(impact.path.length).toBe(impact.depth);
    expect(isImpactChain(impact.path, impact.ciId, impact.origin, cmdb.relationships)).toBe(true);
  }
});

test.prop([cmdbArbitrary])('downstream analysis equals naive reverse reachability, each path a chain from the item to the dependency', (cmdb) => {
  const graph = buildCmdbGraph(catalogue, cmdb.items, cmdb.relationships);
  const analysis = analyzeImpact(graph, cmdb.down, { direction: 'downstream' });
  expect(new Set(analysis.impacts.map((impact) => impact.ciId))).toEqual(naiveDownstream(cmdb));
  for (const impact of analysis.impacts) {
    expect(isImpactChain(impact.path, impact.origin, impact.ciId, cmdb.relationships)).toBe(true);
  }
});

test.prop([cmdbArbitrary, fc.nat()])('one more item down never makes fewer items impacted', (cmdb, extra) => {
  const graph = buildCmdbGraph(catalogue, cmdb.items, cmdb.relationships);
  const more = [...cmdb.down, cmdb.items[extra % cmdb.items.length]!.id];
  const before = new Set([...cmdb.down, ...analyzeImpact(graph, cmdb.down).impacts.map((impact) => impact.ciId)]);
  const after = new Set([...more, ...analyzeImpact(graph, more).impacts.map((impact) => impact.ciId)]);
  for (const id of before) expect(after.has(id)).toBe(true);
});
