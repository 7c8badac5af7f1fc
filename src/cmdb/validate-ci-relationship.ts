import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { compiledCatalogue, type CiClassCatalogue, type CompiledCatalogue } from './ci-class-catalogue';
import { CiRelationship } from './ci-relationship.schema';
import { caughtAsError, hasStrings } from './cmdb-arguments';
import type { ConfigurationItem } from './configuration-item.schema';

/** What a new relationship is checked against: the tenant's items and its existing relationships. */
export interface CiRelationshipContext {
  /** The tenant's configuration items, as a list or by id. */
  readonly items: readonly ConfigurationItem[] | ReadonlyMap<string, ConfigurationItem>;
  /** The tenant's existing relationships. */
  readonly relationships: readonly CiRelationship[];
}

/**
 * Checks a new relationship before it is stored: its schema, a known type, both ends existing
 * items of the relationship's tenant, not joining an item to itself, neither end retired, the
 * ends' classes a pair the type allows (subclasses included), and no existing relationship with
 * the same id or of the same type between the same ends (either way round for a symmetric type).
 *
 * @param catalogue - from `defineCiClasses`
 * @param relationship - the new relationship
 * @param context - the tenant's items and existing relationships
 * @returns the relationship, deeply frozen
 * @throws {@link ValidationError} whose issue names the rule broken, at the field concerned
 *
 * @example
 * ```ts
 * validateCiRelationship(catalogue, { tenantId: 'acme', id: 'rel-9', type: 'runs_on', sourceId: 'db-1', targetId: 'app-1' },
 *   { items, relationships });
 * // throws: Invalid CI relationship: type: may not join a database to a application (class pair not allowed); …
 * ```
 */
export function validateCiRelationship(catalogue: CiClassCatalogue, relationship: CiRelationship, context: CiRelationshipContext): CiRelationship {
  const result = safeValidateCiRelationship(catalogue, relationship, context);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link validateCiRelationship}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for a request body.
 *
 * @param catalogue - from `defineCiClasses`
 * @param relationship - anything; typically parsed JSON
 * @param context - as for {@link validateCiRelationship}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeValidateCiRelationship(catalogue, body, { items, relationships });
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeValidateCiRelationship(catalogue: CiClassCatalogue, relationship: unknown, context: unknown): SafeResult<CiRelationship, ValidationError> {
  let compiled: CompiledCatalogue;
  let items: ReadonlyMap<string, ConfigurationItem>;
  let existing: readonly CiRelationship[];
  try {
    compiled = compiledCatalogue(catalogue);
    ({ items, existing } = readContext(context));
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'argument') };
  }
  const parsed = parseWith(CiRelationship, relationship, 'CI relationship');
  if (!parsed.success) return parsed;
  const candidate = parsed.data;
  const issues: ValidationIssue[] = [];
  const type = compiled.types.get(candidate.type);
  if (type === undefined) issues.push(issue(['type'], 'is not a relationship type of the catalogue (unknown type)', candidate.type));

  const end = (field: 'sourceId' | 'targetId'): ConfigurationItem | undefined => {
    const item = items.get(candidate[field]);
    if (item === undefined || item.tenantId !== candidate.tenantId) {
      issues.push(issue([field], `is not a configuration item of tenant ${candidate.tenantId} (unknown item)`, candidate[field]));
      return undefined;
    }
    if (item.operationalStatus === 'retired') issues.push(issue([field], 'is retired; a retired item takes no new relationships (retired item)', candidate[field]));
    return item;
  };
  const source = end('sourceId');
  const target = end('targetId');
  if (candidate.sourceId === candidate.targetId) issues.push(issue(['targetId'], 'is the source itself; a relationship joins two different items (self-loop)', candidate.targetId));

  if (type !== undefined && source !== undefined && target !== undefined) {
    const symmetric = type.name === type.inverseName;
    const fits = (from: ConfigurationItem, to: ConfigurationItem): boolean =>
      type.allowed.some((pair) => compiled.isA(from.className, pair.source) && compiled.isA(to.className, pair.target));
    if (!fits(source, target) && !(symmetric && fits(target, source))) {
      const allowed = type.allowed.map((pair) => `${pair.source} → ${pair.target}`).join(', ');
      issues.push(issue(['type'], `may not join a ${source.className} to a ${target.className} (class pair not allowed; ${type.name} allows ${allowed})`, candidate.type));
    }
  }
  for (const other of existing) {
    if (other.tenantId !== candidate.tenantId) continue;
    if (other.id === candidate.id) {
      issues.push(issue(['id'], 'is already the id of another relationship (duplicate id)', candidate.id));
    } else if (other.type === candidate.type && sameEnds(other, candidate, type !== undefined && type.name === type.inverseName)) {
      issues.push(issue([], `repeats relationship ${other.id}: ${other.sourceId} ${other.type} ${other.targetId} exists already (duplicate)`));
    }
  }
  return issues.length > 0 ? { success: false, error: new ValidationError(issues, 'CI relationship') } : { success: true, data: deepFreeze(candidate) };
}

function sameEnds(a: CiRelationship, b: CiRelationship, symmetric: boolean): boolean {
  if (a.sourceId === b.sourceId && a.targetId === b.targetId) return true;
  return symmetric && a.sourceId === b.targetId && a.targetId === b.sourceId;
}

const ITEM_FIELDS = ['id', 'tenantId', 'className', 'operationalStatus'] as const;
const RELATIONSHIP_FIELDS = ['id', 'tenantId', 'type', 'sourceId', 'targetId'] as const;

/** The context's items by id and its relationships, checked in the fields this function reads. */
function readContext(context: unknown): { items: ReadonlyMap<string, ConfigurationItem>; existing: readonly CiRelationship[] } {
  const bad = (path: (string | number)[], message: string): never => {
    throw new ValidationError([issue(['context', ...path], message)], 'argument');
  };
  if (typeof context !== 'object' || context === null) return bad([], 'must be { items, relationships }');
  const { items: givenItems, relationships } = context as { items?: unknown; relationships?: unknown };
  const list: unknown[] = givenItems instanceof Map ? [...(givenItems as Map<unknown, unknown>).values()] : Array.isArray(givenItems) ? givenItems : bad(['items'], 'must be an array or Map of configuration items');
  const items = new Map<string, ConfigurationItem>();
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (!hasStrings(item, ITEM_FIELDS)) bad(['items', index], `must be a configuration item with ${ITEM_FIELDS.join(', ')}`);
    items.set((item as ConfigurationItem).id, item as ConfigurationItem);
  }
  if (!Array.isArray(relationships)) return bad(['relationships'], 'must be an array of relationships');
  for (let index = 0; index < relationships.length; index++) {
    if (!hasStrings(relationships[index], RELATIONSHIP_FIELDS)) bad(['relationships', index], `must be a relationship with ${RELATIONSHIP_FIELDS.join(', ')}`);
  }
  return { items, existing: relationships as CiRelationship[] };
}

