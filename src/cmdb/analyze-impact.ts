import { z } from 'zod';
import { parseWith } from '../core/from-zod';
import type { RecordId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { CmdbName } from './ci-class.schema';
import type { CiRelationship } from './ci-relationship.schema';
import { caughtAsError } from './cmdb-arguments';
import { compiledGraph, type CmdbGraph, type CompiledGraph } from './cmdb-graph';

/**
 * How `analyzeImpact` looks at the graph, as data:
 * - `direction`: `upstream` (the default) gives what the given items being down impacts — what
 *   breaks; `downstream` gives what the given items depend on — where an outage could come from;
 * - `classes`: report only items of these classes (subclasses included), e.g.
 *   `['business_service']`; the analysis still runs through every item.
 */
export const AnalyzeImpactOptions = z.strictObject({
  direction: z.enum(['upstream', 'downstream']).default('upstream'),
  classes: z.array(CmdbName).max(1000).optional(),
});
/** How `analyzeImpact` looks at the graph, as given. */
export type AnalyzeImpactOptions = z.input<typeof AnalyzeImpactOptions>;

/** A redundancy group's state after the analysis: how many of its members are still up against how many it needs. */
export interface CiRedundancyState {
  readonly ciId: RecordId;
  readonly members: number;
  readonly up: number;
  readonly minimumUp: number;
}

/** One item the analysis reached, and why. */
export interface CiImpact {
  readonly ciId: RecordId;
  readonly className: string;
  /** How many relationships away from its origin: the length of `path`. */
  readonly depth: number;
  /** Upstream: the down item that explains the impact. Downstream: the analysed item it is a dependency of. */
  readonly origin: RecordId;
  /**
   * The chain of relationships that explains the result, read from the dependent item to the
   * item it depends on: upstream from this item to `origin` (a down item), downstream from
   * `origin` (the analysed item) to this item. Each relationship shares an item with the next.
   */
  readonly path: readonly CiRelationship[];
  /** For a redundancy group, its members up against the minimum (upstream only). */
  readonly redundancy?: CiRedundancyState;
}

/** The result of an impact analysis. */
export interface CiImpactAnalysis {
  readonly direction: 'upstream' | 'downstream';
  /** The items the analysis started from, without repeats. */
  readonly from: readonly RecordId[];
  /** Every item reached, nearest first, without the items it started from. */
  readonly impacts: readonly CiImpact[];
  /**
   * Upstream: redundancy groups that lost members but still have their minimum up, so are not
   * impacted — the places one more failure away from an outage. Empty downstream.
   */
  readonly degraded: readonly CiRedundancyState[];
}

/**
 * Impact analysis over a CMDB graph. Upstream, it takes a set of items that are down and gives
 * every item impacted: an item is impacted when an item it depends on (along any relationship
 * type whose `impact` carries an outage its way) is down or impacted, except that a redundancy
 * group (an item with a `redundancy` setting) is impacted through its members only when fewer
 * than its minimum remain up. Downstream, it gives every item the given items depend on. Each
 * result comes with the relationship chain that explains it. Cycle-safe and linear in the size of
 * the graph, plus the total length of the paths returned. Pure.
 *
 * @param graph - from `buildCmdbGraph`
 * @param ciIds - the item (or items) that are down, or whose dependencies are wanted
 * @param options - direction, and the classes to report
 * @returns the items reached, nearest first, each with its path; and degraded redundancy groups
 * @throws {@link ValidationError} for an id not in the graph or bad options
 *
 * @example
 * ```ts
 * // shop depends_on app; app runs_on cluster; web-1, web-2 member_of cluster (minimumUp 1)
 * analyzeImpact(graph, ['web-1']).impacts;          // => [] — cluster degraded, not impacted
 * analyzeImpact(graph, ['web-1', 'web-2']).impacts.map((i) => i.ciId); // => ['cluster', 'app', 'shop']
 * ```
 */
export function analyzeImpact(graph: CmdbGraph, ciIds: RecordId | readonly RecordId[], options: AnalyzeImpactOptions = {}): CiImpactAnalysis {
  const result = safeAnalyzeImpact(graph, ciIds, options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link analyzeImpact}, but returns the error instead of throwing it, and takes `unknown`.
 *
 * @param graph - from `buildCmdbGraph`
 * @param ciIds - anything; an id or a list of ids of the graph
 * @param options - anything; as for {@link analyzeImpact}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeAnalyzeImpact(graph, query.ci, { direction: query.direction });
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeAnalyzeImpact(graph: CmdbGraph, ciIds: unknown, options: unknown = {}): SafeResult<CiImpactAnalysis, ValidationError> {
  try {
    const compiled = compiledGraph(graph);
    const parsed = parseWith(AnalyzeImpactOptions, options === undefined ? {} : options, 'impact analysis options');
    if (!parsed.success) return parsed;
    const start = startItems(compiled, ciIds);
    const { direction, classes } = parsed.data;
    const unknownClasses = (classes ?? []).flatMap((name, index) => (compiled.catalogue.classes.has(name) ? [] : [issue(['options', 'classes', index], 'is not a class of the catalogue', name)]));
    if (unknownClasses.length > 0) return { success: false, error: new ValidationError(unknownClasses, 'argument') };
    const reported = classes === undefined ? undefined : (i: number): boolean => classes.some((name) => compiled.catalogue.isA(compiled.items[i]!.className, name));
    return { success: true, data: runImpactAnalysis(compiled, start, direction, reported) };
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'argument') };
  }
}

/**
 * The analysis from item indexes, reporting only the items `reported` accepts (all without
 * it): the entry for callers inside the CMDB module that want one item's result, not paths for all.
 * @internal
 */
export function runImpactAnalysis(graph: CompiledGraph, start: readonly number[], direction: 'upstream' | 'downstream', reported?: (i: number) => boolean): CiImpactAnalysis {
  return direction === 'upstream' ? upstream(graph, start, reported) : downstream(graph, start, reported);
}

/** The items to start from, as indexes without repeats. */
function startItems(graph: CompiledGraph, ciIds: unknown): number[] {
  const ids: unknown[] = typeof ciIds === 'string' ? [ciIds] : Array.isArray(ciIds) ? ciIds : [];
  if (typeof ciIds !== 'string' && !Array.isArray(ciIds)) throw new ValidationError([issue(['ciIds'], 'must be an item id or an array of item ids')], 'argument');
  const issues: ValidationIssue[] = [];
  const start: number[] = [];
  const taken = new Set<number>();
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    const index = typeof id === 'string' ? graph.indexOf.get(id) : undefined;
    if (index === undefined) {
      if (issues.length < 100) issues.push(issue(typeof ciIds === 'string' ? ['ciIds'] : ['ciIds', k], 'is not an item of the graph', id));
    } else if (!taken.has(index)) {
      taken.add(index);
      start.push(index);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, 'argument');
  return start;
}

/** What a breadth-first search leaves behind: per item, how it was reached. */
interface Search {
  /** The items in the order reached, the start items first; `tail` of them are set. */
  readonly queue: Int32Array;
  tail: number;
  /** The item each was reached from, −1 for a start item. */
  readonly parentItem: Int32Array;
  /** The relationship each was reached through. */
  readonly parentRelationship: Int32Array;
  readonly depth: Int32Array;
  /** The start item each path leads back to. */
  readonly origin: Int32Array;
}

function newSearch(n: number, start: readonly number[]): Search {
  const search: Search = {
    queue: new Int32Array(n),
    tail: 0,
    parentItem: new Int32Array(n).fill(-1),
    parentRelationship: new Int32Array(n).fill(-1),
    depth: new Int32Array(n),
    origin: new Int32Array(n),
  };
  for (const i of start) {
    search.origin[i] = i;
    search.queue[search.tail++] = i;
  }
  return search;
}

function reach(search: Search, to: number, from: number, relationship: number): void {
  search.parentItem[to] = from;
  search.parentRelationship[to] = relationship;
  search.depth[to] = search.depth[from]! + 1;
  search.origin[to] = search.origin[from]!;
  search.queue[search.tail++] = to;
}

/**
 * Breadth-first from the down items along the arcs an outage travels. A redundancy group counts
 * each impacted member once and becomes impacted when the impacted members leave fewer than its
 * minimum up. One parent pointer per item, so paths are built only for what is returned.
 */
function upstream(graph: CompiledGraph, start: readonly number[], reported: ((i: number) => boolean) | undefined): CiImpactAnalysis {
  const n = graph.items.length;
  const impacted = new Uint8Array(n);
  const membersDown = new Int32Array(n);
  const countedFrom = new Int32Array(n).fill(-1);
  const touchedGroups: number[] = [];
  const search = newSearch(n, start);
  for (const i of start) impacted[i] = 1;
  const { outStart, outTo, outMember, outRelationship, memberCount, minimumUp } = graph;
  for (let head = 0; head < search.tail; head++) {
    const from = search.queue[head]!;
    for (let a = outStart[from]!; a < outStart[from + 1]!; a++) {
      const to = outTo[a]!;
      if (outMember[a] === 1 && minimumUp[to]! > 0) {
        // Counted even once the group is impacted, so its reported state is right. All arcs of
        // one member are handled in this loop, so marking the group with it counts it once.
        if (countedFrom[to] !== from) {
          countedFrom[to] = from;
          if (membersDown[to] === 0) touchedGroups.push(to);
          membersDown[to] = membersDown[to]! + 1;
        }
        if (impacted[to] === 1 || memberCount[to]! - membersDown[to]! >= minimumUp[to]!) continue;
      } else if (impacted[to] === 1) continue;
      impacted[to] = 1;
      reach(search, to, from, outRelationship[a]!);
    }
  }
  const state = (i: number): CiRedundancyState => ({ ciId: graph.items[i]!.id, members: memberCount[i]!, up: memberCount[i]! - membersDown[i]!, minimumUp: minimumUp[i]! });
  const impacts = results(graph, search, start.length, reported, false, (i) => (minimumUp[i]! > 0 ? state(i) : undefined));
  const degraded = touchedGroups.filter((i) => impacted[i] === 0 && (reported === undefined || reported(i))).map(state);
  return { direction: 'upstream', from: start.map((i) => graph.items[i]!.id), impacts, degraded };
}

/** Breadth-first from the given items against the arcs an outage travels: everything they depend on. */
function downstream(graph: CompiledGraph, start: readonly number[], reported: ((i: number) => boolean) | undefined): CiImpactAnalysis {
  const reached = new Uint8Array(graph.items.length);
  const search = newSearch(graph.items.length, start);
  for (const i of start) reached[i] = 1;
  const { inStart, inFrom, inRelationship } = graph;
  for (let head = 0; head < search.tail; head++) {
    const to = search.queue[head]!;
    for (let a = inStart[to]!; a < inStart[to + 1]!; a++) {
      const from = inFrom[a]!;
      if (reached[from] === 1) continue;
      reached[from] = 1;
      reach(search, from, to, inRelationship[a]!);
    }
  }
  const impacts = results(graph, search, start.length, reported, true, () => undefined);
  return { direction: 'downstream', from: start.map((i) => graph.items[i]!.id), impacts, degraded: [] };
}

/**
 * The reached items as results, each path built from the parent pointers into an array of its
 * known length: no path is copied from another, and the whole costs the total length of the
 * paths returned.
 */
function results(
  graph: CompiledGraph,
  search: Search,
  startCount: number,
  reported: ((i: number) => boolean) | undefined,
  fromOrigin: boolean,
  redundancyOf: (i: number) => CiRedundancyState | undefined,
): CiImpact[] {
  const { items, relationships } = graph;
  const { parentItem, parentRelationship } = search;
  const impacts: CiImpact[] = [];
  for (let k = startCount; k < search.tail; k++) {
    const i = search.queue[k]!;
    if (reported !== undefined && !reported(i)) continue;
    const depth = search.depth[i]!;
    const path = new Array<CiRelationship>(depth);
    // Upstream the path runs from this item back to its origin, the order the pointers give;
    // downstream it runs from the origin to this item, so it is filled from the end.
    let step = fromOrigin ? depth - 1 : 0;
    for (let at = i; parentItem[at] !== -1; at = parentItem[at]!) {
      path[step] = relationships[parentRelationship[at]!]!;
      step += fromOrigin ? -1 : 1;
    }
    const item = items[i]!;
    const origin = items[search.origin[i]!]!.id;
    const redundancy = redundancyOf(i);
    impacts.push(
      redundancy === undefined
        ? { ciId: item.id, className: item.className, depth, origin, path }
        : { ciId: item.id, className: item.className, depth, origin, path, redundancy },
    );
  }
  return impacts;
}
