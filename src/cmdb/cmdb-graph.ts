import { attachCompiled, readCompiled } from '../core/compiled-brand';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { compiledCatalogue, type CiClassCatalogue, type CompiledCatalogue } from './ci-class-catalogue';
import type { CiRelationship } from './ci-relationship.schema';
import { caughtAsError } from './cmdb-arguments';
import { CiRedundancy, type ConfigurationItem } from './configuration-item.schema';

/**
 * One tenant's configuration items and relationships, indexed once for impact analysis. Build
 * it with `buildCmdbGraph` and reuse it for every analysis until the CMDB changes. It keeps the
 * records it was built from, which must not be mutated (records are immutable in this library).
 */
export interface CmdbGraph {
  /** The tenant of every item in the graph; undefined for an empty graph. */
  readonly tenantId: string | undefined;
  readonly itemCount: number;
  readonly relationshipCount: number;
}

/**
 * The graph as arrays indexed by integer item numbers, in compressed-row form, so an analysis
 * touches each item and arc at most a fixed number of times. An arc runs the way an outage
 * travels: from the item that fails to the item it impacts.
 * @internal
 */
export interface CompiledGraph {
  readonly catalogue: CompiledCatalogue;
  readonly items: readonly ConfigurationItem[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly relationships: readonly CiRelationship[];
  /** Arcs out of item i are outStart[i] … outStart[i + 1] − 1. */
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  readonly outRelationship: Int32Array;
  /** 1 where the arc is from a member to its redundancy group. */
  readonly outMember: Uint8Array;
  /** Arcs into item i are inStart[i] … inStart[i + 1] − 1. */
  readonly inStart: Int32Array;
  readonly inFrom: Int32Array;
  readonly inRelationship: Int32Array;
  /** For a redundancy group, how many distinct members it has; 0 for any other item. */
  readonly memberCount: Int32Array;
  /** For a redundancy group, how many members must be up; 0 for any other item. */
  readonly minimumUp: Int32Array;
}

const COMPILED = Symbol.for('itsm-kit.cmdb.graph');
const ITEM_FIELDS = ['id', 'tenantId', 'className'] as const;
const RELATIONSHIP_FIELDS = ['id', 'tenantId', 'type', 'sourceId', 'targetId'] as const;
/** Enough issues to fix a bad import by; listing a million would only cost memory. */
const MAX_ISSUES = 100;

/**
 * Indexes one tenant's configuration items and relationships for impact analysis: each
 * relationship becomes arcs in the direction its type carries an outage, and each item with a
 * `redundancy` setting counts its members. Checks what analysis reads — one tenant, unique ids,
 * classes and relationship types of the catalogue, both ends of each relationship present, a
 * sound redundancy setting — and not each item's attributes (`validateConfigurationItem` does
 * that when items are written), so that a large CMDB loads fast. Linear in items + relationships.
 *
 * @param catalogue - from `defineCiClasses`; says which way each relationship type carries impact
 * @param items - the tenant's configuration items
 * @param relationships - the tenant's relationships
 * @returns the graph, for `analyzeImpact`
 * @throws {@link ValidationError} naming the first problems found, e.g. `relationships[7].targetId`
 *
 * @example
 * ```ts
 * const graph = buildCmdbGraph(catalogue, items, relationships);
 * analyzeImpact(graph, 'db-1').impacts.map((impact) => impact.ciId); // => ['app-1', 'svc-shop']
 * ```
 */
export function buildCmdbGraph(catalogue: CiClassCatalogue, items: readonly ConfigurationItem[], relationships: readonly CiRelationship[]): CmdbGraph {
  const result = safeBuildCmdbGraph(catalogue, items, relationships);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link buildCmdbGraph}, but returns the error instead of throwing it, and takes `unknown`.
 *
 * @param catalogue - from `defineCiClasses`
 * @param items - anything; typically the rows of a query
 * @param relationships - anything; typically the rows of a query
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeBuildCmdbGraph(catalogue, rows.items, rows.relationships);
 * if (!result.success) log.error(result.error.issues);
 * ```
 */
export function safeBuildCmdbGraph(catalogue: CiClassCatalogue, items: unknown, relationships: unknown): SafeResult<CmdbGraph, ValidationError> {
  try {
    return build(compiledCatalogue(catalogue), items, relationships);
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'CMDB graph') };
  }
}

/** The compiled form of a graph, or a validation error naming `field`. @internal */
export function compiledGraph(graph: unknown, field = 'graph'): CompiledGraph {
  const compiled = readCompiled<CompiledGraph>(graph, COMPILED);
  if (compiled === undefined) throw new ValidationError([issue([field], 'must be a graph made by buildCmdbGraph()')], 'argument');
  return compiled;
}

function build(catalogue: CompiledCatalogue, items: unknown, relationships: unknown): SafeResult<CmdbGraph, ValidationError> {
  if (!Array.isArray(items)) return fail([issue(['items'], 'must be an array of configuration items')]);
  if (!Array.isArray(relationships)) return fail([issue(['relationships'], 'must be an array of relationships')]);
  const issues: ValidationIssue[] = [];
  const report = (path: (string | number)[], message: string, value?: unknown): void => {
    if (issues.length < MAX_ISSUES) issues.push(value === undefined ? issue(path, message) : issue(path, message, value));
  };

  const n = items.length;
  const indexOf = new Map<string, number>();
  let tenantId: string | undefined;
  for (let i = 0; i < n; i++) {
    const item = items[i] as Partial<Record<keyof ConfigurationItem, unknown>> | null;
    const { id, tenantId: itemTenant, className } = item ?? {};
    if (typeof id !== 'string' || typeof itemTenant !== 'string' || typeof className !== 'string') {
      report(['items', i], `must be a configuration item with ${ITEM_FIELDS.join(', ')}`);
      continue;
    }
    tenantId ??= itemTenant;
    if (itemTenant !== tenantId) report(['items', i, 'tenantId'], `must be ${tenantId}, the tenant of items[0]: a graph holds one tenant`, itemTenant);
    if (indexOf.has(id)) report(['items', i, 'id'], `repeats the id of items[${indexOf.get(id)}]`, id);
    else indexOf.set(id, i);
    if (!catalogue.classes.has(className)) report(['items', i, 'className'], 'is not a class of the catalogue', className);
  }

  const m = relationships.length;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  const flows = new Uint8Array(m);
  const member = new Uint8Array(m);
  const relationshipIds = new Set<string>();
  for (let r = 0; r < m; r++) {
    // Read once, checked inline: this loop runs for every relationship of the tenant.
    const relationship = relationships[r] as Partial<Record<keyof CiRelationship, unknown>> | null;
    const { id, tenantId: relationshipTenant, type: typeName, sourceId, targetId } = relationship ?? {};
    if (typeof id !== 'string' || typeof relationshipTenant !== 'string' || typeof typeName !== 'string' || typeof sourceId !== 'string' || typeof targetId !== 'string') {
      report(['relationships', r], `must be a relationship with ${RELATIONSHIP_FIELDS.join(', ')}`);
      continue;
    }
    if (relationshipTenant !== tenantId) report(['relationships', r, 'tenantId'], `must be ${tenantId}, the tenant of the items`, relationshipTenant);
    if (relationshipIds.has(id)) report(['relationships', r, 'id'], 'repeats the id of an earlier relationship', id);
    relationshipIds.add(id);
    const type = catalogue.types.get(typeName);
    if (type === undefined) report(['relationships', r, 'type'], 'is not a relationship type of the catalogue', typeName);
    const source = indexOf.get(sourceId);
    const target = indexOf.get(targetId);
    if (source === undefined) report(['relationships', r, 'sourceId'], 'is not an item of the graph', sourceId);
    if (target === undefined) report(['relationships', r, 'targetId'], 'is not an item of the graph', targetId);
    if (type === undefined || source === undefined || target === undefined) continue;
    sources[r] = source;
    targets[r] = target;
    flows[r] = FLOW_BITS[type.impact];
    member[r] = type.redundancyMembers ? 1 : 0;
  }

  const minimumUpSetting = new Array<CiRedundancy | undefined>(n);
  for (let i = 0; i < n; i++) {
    const redundancy = (items[i] as { redundancy?: unknown } | null)?.redundancy;
    if (redundancy === undefined) continue;
    const parsed = CiRedundancy.safeParse(redundancy);
    if (parsed.success) minimumUpSetting[i] = parsed.data;
    else report(['items', i, 'redundancy'], 'must be { minimumUp } or { minimumUpPercent }');
  }
  if (issues.length > 0) return fail(issues);

  // Compressed rows: count each item's arcs, turn counts into offsets, then fill.
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let r = 0; r < m; r++) {
    if (flows[r]! & TARGET_TO_SOURCE) {
      outStart[targets[r]! + 1]!++;
      inStart[sources[r]! + 1]!++;
    }
    if (flows[r]! & SOURCE_TO_TARGET) {
      outStart[sources[r]! + 1]!++;
      inStart[targets[r]! + 1]!++;
    }
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }
  const arcs = outStart[n]!;
  const outTo = new Int32Array(arcs);
  const outRelationship = new Int32Array(arcs);
  const outMember = new Uint8Array(arcs);
  const inFrom = new Int32Array(arcs);
  const inRelationship = new Int32Array(arcs);
  const inMember = new Uint8Array(arcs);
  const outNext = outStart.slice(0, n);
  const inNext = inStart.slice(0, n);
  const addArc = (from: number, to: number, r: number): void => {
    const out = outNext[from]!++;
    outTo[out] = to;
    outRelationship[out] = r;
    outMember[out] = member[r]!;
    const into = inNext[to]!++;
    inFrom[into] = from;
    inRelationship[into] = r;
    inMember[into] = member[r]!;
  };
  for (let r = 0; r < m; r++) {
    if (flows[r]! & TARGET_TO_SOURCE) addArc(targets[r]!, sources[r]!, r);
    if (flows[r]! & SOURCE_TO_TARGET) addArc(sources[r]!, targets[r]!, r);
  }

  // A member joined to its group by two relationships is still one member.
  const memberCount = new Int32Array(n);
  const minimumUp = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  for (let group = 0; group < n; group++) {
    const setting = minimumUpSetting[group];
    if (setting === undefined) continue;
    let count = 0;
    for (let a = inStart[group]!; a < inStart[group + 1]!; a++) {
      if (inMember[a] === 0 || seen[inFrom[a]!] === group) continue;
      seen[inFrom[a]!] = group;
      count++;
    }
    memberCount[group] = count;
    minimumUp[group] = 'minimumUp' in setting ? setting.minimumUp : Math.ceil((setting.minimumUpPercent * count) / 100);
    // A group always needs at least one member up, or it would never count as impacted.
    if (minimumUp[group] === 0) minimumUp[group] = 1;
  }

  const compiled: CompiledGraph = {
    catalogue,
    items: items as ConfigurationItem[],
    indexOf,
    relationships: relationships as CiRelationship[],
    outStart,
    outTo,
    outRelationship,
    outMember,
    inStart,
    inFrom,
    inRelationship,
    memberCount,
    minimumUp,
  };
  const graph: CmdbGraph = Object.freeze(attachCompiled({ tenantId, itemCount: n, relationshipCount: m }, COMPILED, compiled));
  return { success: true, data: graph };
}

const TARGET_TO_SOURCE = 1;
const SOURCE_TO_TARGET = 2;
const FLOW_BITS = { target_to_source: TARGET_TO_SOURCE, source_to_target: SOURCE_TO_TARGET, both: TARGET_TO_SOURCE | SOURCE_TO_TARGET, none: 0 } as const;

function fail(issues: ValidationIssue[]): { success: false; error: ValidationError } {
  return { success: false, error: new ValidationError(issues, 'CMDB graph') };
}
