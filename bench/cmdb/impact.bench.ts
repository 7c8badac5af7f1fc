/**
 * The CMDB impact benchmark: a generated enterprise CMDB of 100,000 configuration items and
 * 300,000 relationships (see cmdb-generator.ts). It times building the graph and single
 * analyses — upstream from a redundant core-router pair going down together, upstream from the
 * identity database a third of the applications use, downstream from a business service — each
 * beside a naive baseline in the same run: a breadth-first search over a Map<string, string[]>
 * of the same arcs, with no paths, no redundancy and no checks. Goal: one item's analysis under 50 ms.
 *
 *   npx tsx bench/cmdb/impact.bench.ts            about half a minute
 *   npx tsx bench/cmdb/impact.bench.ts --quick    one round; figures are not meaningful
 */
import os from 'node:os';
import { analyzeImpact, buildCmdbGraph, defineCiClasses, type CiRelationship } from '../../src/cmdb/index';
import { generateCmdb } from './cmdb-generator';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 1 : 7;
const REPEATS = QUICK ? 1 : 15;

const catalogue = defineCiClasses([]);
const flows = new Map(catalogue.relationshipTypes.map((type) => [type.name, type.impact]));

/** The baseline's graph: the arcs an outage travels, as plain lists by id (and the reverse for downstream). */
function naiveAdjacency(relationships: readonly CiRelationship[]): { out: Map<string, string[]>; into: Map<string, string[]> } {
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  const arc = (from: string, to: string): void => {
    (out.get(from) ?? out.set(from, []).get(from)!).push(to);
    (into.get(to) ?? into.set(to, []).get(to)!).push(from);
  };
  for (const r of relationships) {
    const flow = flows.get(r.type);
    if (flow === 'target_to_source' || flow === 'both') arc(r.targetId, r.sourceId);
    if (flow === 'source_to_target' || flow === 'both') arc(r.sourceId, r.targetId);
  }
  return { out, into };
}

/** The baseline's analysis: everything reachable, nothing else. */
function naiveReach(adjacency: Map<string, string[]>, start: readonly string[]): number {
  const seen = new Set(start);
  const queue = [...start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of adjacency.get(queue[head]!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.size - start.length;
}

/** Milliseconds per call of `run`: the best and the median of rounds of `repeats` calls. */
function time(run: () => unknown, repeats: number): { best: number; median: number } {
  const perCall: number[] = [];
  run(); // warm-up: compiled code and caches, not first-call costs, are what is compared
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let k = 0; k < repeats; k++) run();
    perCall.push((performance.now() - start) / repeats);
  }
  perCall.sort((a, b) => a - b);
  return { best: perCall[0]!, median: perCall[Math.floor(perCall.length / 2)]! };
}

const generatedAt = performance.now();
const cmdb = generateCmdb();
console.log(`CMDB impact bench — Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`);
console.log(`generated ${cmdb.items.length.toLocaleString('en')} items and ${cmdb.relationships.length.toLocaleString('en')} relationships in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s${QUICK ? ' (quick: figures are not meaningful)' : ''}\n`);

const graph = buildCmdbGraph(catalogue, cmdb.items, cmdb.relationships);
const naive = naiveAdjacency(cmdb.relationships);
const rows: [string, string, string, string, string][] = [['case', 'itsm-kit ms (best / median)', 'baseline ms (best / median)', 'ratio (best)', 'items reached (kit / baseline)']];
type Timing = ReturnType<typeof time>;
const row = (name: string, ours: Timing, baseline: Timing, reached: string): void => {
  rows.push([name, `${ours.best.toFixed(2)} / ${ours.median.toFixed(2)}`, `${baseline.best.toFixed(2)} / ${baseline.median.toFixed(2)}`, `${(ours.best / baseline.best).toFixed(2)}×`, reached]);
};


const cases: [string, readonly string[], 'upstream' | 'downstream'][] = [
  ['upstream: core router pair down', cmdb.corePair, 'upstream'],
  ['upstream: identity database down', [cmdb.identityDatabase], 'upstream'],
  ['downstream: one business service', [cmdb.service], 'downstream'],
];
let slowest = 0;
for (const [name, start, direction] of cases) {
  const adjacency = direction === 'upstream' ? naive.out : naive.into;
  const analysis = analyzeImpact(graph, start, { direction });
  const ours = time(() => analyzeImpact(graph, start, { direction }), REPEATS);
  const readingPaths = time(() => {
    let steps = 0;
    for (const impact of analyzeImpact(graph, start, { direction }).impacts) steps += impact.path.length;
    return steps;
  }, REPEATS);
  const baseline = time(() => naiveReach(adjacency, start), REPEATS);
  slowest = Math.max(slowest, ours.best);
  row(name, ours, baseline, `${analysis.impacts.length.toLocaleString('en')} / ${naiveReach(adjacency, start).toLocaleString('en')}`);
  row('  same, reading every path', readingPaths, baseline, '');
}

// Timed last: each build leaves a whole graph of garbage, which would tax the analyses' timings.
row('build graph', time(() => buildCmdbGraph(catalogue, cmdb.items, cmdb.relationships), 1), time(() => naiveAdjacency(cmdb.relationships), 1), `${graph.itemCount.toLocaleString('en')} items`);

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((r) => r[column]!.length)));
for (const r of rows) console.log(r.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
console.log(`\nslowest single analysis (best round): ${slowest.toFixed(2)} ms (goal: under 50 ms) — ${slowest < 50 ? 'met' : 'NOT met'}`);
console.log(`load average while running: ${os.loadavg().map((load) => load.toFixed(1)).join(', ')} on ${os.cpus().length} cores — medians above the best mean other work shared the machine.`);
console.log('ratio < 1: itsm-kit is faster than the baseline, which builds no paths, ignores redundancy and checks nothing.');
