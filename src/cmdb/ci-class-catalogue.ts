import { z } from 'zod';
import { attachCompiled, readCompiled } from '../core/compiled-brand';
import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type IssuePath, type ValidationIssue } from '../core/validation-error';
import { CiClass, type CiAttribute, type CiClassInput } from './ci-class.schema';
import { CiRelationshipType } from './ci-relationship-type.schema';
import { DEFAULT_CI_CLASSES } from './default-ci-classes';
import { DEFAULT_CI_RELATIONSHIP_TYPES } from './default-ci-relationship-types';

/** How `defineCiClasses` builds a catalogue, as data. */
export const DefineCiClassesOptions = z.strictObject({
  /** Relationship types merged over `DEFAULT_CI_RELATIONSHIP_TYPES` by name. */
  relationshipTypes: z.array(CiRelationshipType).max(1000).default([]),
  /** Whether to start from the built-in classes and types; `false` gives only the host's own. */
  includeDefaults: z.boolean().default(true),
});
/** How `defineCiClasses` builds a catalogue, as given. */
export type DefineCiClassesOptions = z.input<typeof DefineCiClassesOptions>;

/**
 * A compiled catalogue of configuration item classes and relationship types: the merged
 * definitions, deeply frozen, with the inheritance worked out. Make one with `defineCiClasses`
 * and pass it to the CMDB functions.
 */
export interface CiClassCatalogue {
  readonly classes: readonly CiClass[];
  readonly relationshipTypes: readonly CiRelationshipType[];
}

/** A class with its inheritance resolved. @internal */
export interface CompiledCiClass {
  readonly definition: CiClass;
  /** The class itself and every class it extends, nearest first. */
  readonly lineage: readonly string[];
  /** Every attribute, inherited ones included, with the class that declares it. */
  readonly attributes: ReadonlyMap<string, { readonly attribute: CiAttribute; readonly declaredIn: string }>;
}

/** What the CMDB functions read from a catalogue. @internal */
export interface CompiledCatalogue {
  readonly classes: ReadonlyMap<string, CompiledCiClass>;
  readonly types: ReadonlyMap<string, CiRelationshipType>;
  /** Whether `className` is `ancestor` or a subclass of it. */
  readonly isA: (className: string, ancestor: string) => boolean;
}

const COMPILED = Symbol.for('itsm-kit.cmdb.catalogue');
const ClassList = z.array(CiClass).max(1000);

/**
 * Compiles a catalogue of configuration item classes, merged over {@link DEFAULT_CI_CLASSES}
 * (a class of the same name replaces the built-in one), with relationship types merged over
 * {@link DEFAULT_CI_RELATIONSHIP_TYPES}. Refuses duplicate names, a parent that does not exist,
 * a cycle in `extends`, an attribute declared again below the class that declares it, a
 * reference to an unknown class, and a relationship type whose name or inverse clashes with
 * another's or that names an unknown class.
 *
 * @param classes - the host's classes, as data
 * @param options - the host's relationship types, and whether to start from the defaults
 * @returns the catalogue, deeply frozen
 * @throws {@link ValidationError} naming the path of every problem: `[index, …]` for a class,
 *   `['relationshipTypes', index, …]` for a type, `['defaults', name, …]` for a built-in one that
 *   the host's changes broke
 *
 * @example
 * ```ts
 * const catalogue = defineCiClasses([
 *   { name: 'kubernetes_pod', extends: 'virtual_machine', attributes: { namespace: { kind: 'string', required: true } } },
 * ]);
 * ```
 */
export function defineCiClasses(classes: readonly CiClassInput[], options: DefineCiClassesOptions = {}): CiClassCatalogue {
  const result = safeDefineCiClasses(classes, options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineCiClasses}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for class definitions read from storage or an editor.
 *
 * @param classes - anything; typically parsed JSON
 * @param options - anything; as for {@link defineCiClasses}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefineCiClasses(JSON.parse(body));
 * if (!result.success) console.log(result.error.issues);
 * ```
 */
export function safeDefineCiClasses(classes: unknown, options: unknown = {}): SafeResult<CiClassCatalogue, ValidationError> {
  const parsedClasses = parseWith(ClassList, classes, 'CI classes');
  if (!parsedClasses.success) return parsedClasses;
  const parsedOptions = parseWith(DefineCiClassesOptions, options === undefined ? {} : options, 'CI class options');
  if (!parsedOptions.success) return parsedOptions;
  const { includeDefaults, relationshipTypes } = parsedOptions.data;

  const issues: ValidationIssue[] = [];
  const classEntries = merge(
    includeDefaults ? ClassList.parse(DEFAULT_CI_CLASSES) : [],
    parsedClasses.data,
    [],
    issues,
  );
  const typeEntries = merge(
    includeDefaults ? z.array(CiRelationshipType).parse(DEFAULT_CI_RELATIONSHIP_TYPES) : [],
    relationshipTypes,
    ['relationshipTypes'],
    issues,
  );
  const compiledClasses = resolveClasses(classEntries, issues);
  const types = new Map<string, CiRelationshipType>();
  checkTypes(typeEntries, compiledClasses, issues);
  for (const { value } of typeEntries) types.set(value.name, value);
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'CI classes') };

  const isA = (className: string, ancestor: string): boolean => compiledClasses.get(className)?.lineage.includes(ancestor) ?? false;
  const catalogue: CiClassCatalogue = {
    classes: classEntries.map((entry) => entry.value),
    relationshipTypes: typeEntries.map((entry) => entry.value),
  };
  deepFreeze(catalogue.classes);
  deepFreeze(catalogue.relationshipTypes);
  attachCompiled(catalogue, COMPILED, { classes: compiledClasses, types, isA } satisfies CompiledCatalogue);
  return { success: true, data: Object.freeze(catalogue) };
}

/** The compiled form of a catalogue, or a validation error naming `field`. @internal */
export function compiledCatalogue(catalogue: unknown, field = 'catalogue'): CompiledCatalogue {
  const compiled = readCompiled<CompiledCatalogue>(catalogue, COMPILED);
  if (compiled === undefined) throw new ValidationError([issue([field], 'must be a catalogue made by defineCiClasses()')], 'argument');
  return compiled;
}

interface Entry<T> {
  readonly value: T;
  readonly path: IssuePath;
}

/** The built-ins, with the host's of the same name replacing them, in order; duplicates among the host's are issues. */
function merge<T extends { name: string }>(defaults: readonly T[], own: readonly T[], at: IssuePath, issues: ValidationIssue[]): Entry<T>[] {
  const byName = new Map<string, Entry<T>>();
  for (const value of defaults) byName.set(value.name, { value, path: ['defaults', value.name] });
  const seen = new Map<string, number>();
  own.forEach((value, index) => {
    const first = seen.get(value.name);
    if (first !== undefined) issues.push(issue([...at, index, 'name'], `duplicates the name of [${first}]`, value.name));
    else {
      seen.set(value.name, index);
      byName.set(value.name, { value, path: [...at, index] });
    }
  });
  return [...byName.values()];
}

/** Each class's lineage and attributes; a missing parent, a cycle or a redeclared attribute is an issue. */
function resolveClasses(entries: readonly Entry<CiClass>[], issues: ValidationIssue[]): Map<string, CompiledCiClass> {
  const byName = new Map(entries.map((entry) => [entry.value.name, entry]));
  const done = new Map<string, CompiledCiClass | null>();
  const resolving = new Set<string>();
  const resolve = (entry: Entry<CiClass>): CompiledCiClass | null => {
    const name = entry.value.name;
    const known = done.get(name);
    if (known !== undefined) return known;
    let parent: CompiledCiClass | null | undefined;
    const parentName = entry.value.extends;
    if (parentName !== undefined) {
      const parentEntry = byName.get(parentName);
      if (parentEntry === undefined) {
        issues.push(issue([...entry.path, 'extends'], 'is not a class of the catalogue', parentName));
        parent = null;
      } else if (resolving.has(parentName) || parentName === name) {
        issues.push(issue([...entry.path, 'extends'], `makes a cycle: ${name} would extend itself`, parentName));
        parent = null;
      } else {
        resolving.add(name);
        parent = resolve(parentEntry);
        resolving.delete(name);
      }
    }
    if (parent === null) {
      done.set(name, null);
      return null;
    }
    const attributes = new Map(parent?.attributes ?? []);
    for (const [attributeName, attribute] of Object.entries(entry.value.attributes)) {
      const inherited = attributes.get(attributeName);
      if (inherited !== undefined) {
        issues.push(issue([...entry.path, 'attributes', attributeName], `is inherited from ${inherited.declaredIn}; a subclass may not declare it again`));
      } else attributes.set(attributeName, { attribute, declaredIn: name });
    }
    const compiled: CompiledCiClass = { definition: entry.value, lineage: [name, ...(parent?.lineage ?? [])], attributes };
    done.set(name, compiled);
    return compiled;
  };
  const result = new Map<string, CompiledCiClass>();
  for (const entry of entries) {
    const compiled = resolve(entry);
    if (compiled !== null) result.set(entry.value.name, compiled);
  }
  for (const entry of entries) {
    for (const [attributeName, attribute] of Object.entries(entry.value.attributes)) {
      if (attribute.kind === 'reference' && !byName.has(attribute.ciClass)) {
        issues.push(issue([...entry.path, 'attributes', attributeName, 'ciClass'], 'is not a class of the catalogue', attribute.ciClass));
      }
    }
  }
  return result;
}

/** Unknown classes in allowed pairs, and names or inverse names used twice, are issues. */
function checkTypes(entries: readonly Entry<CiRelationshipType>[], classes: ReadonlyMap<string, CompiledCiClass>, issues: ValidationIssue[]): void {
  const names = new Map<string, string>();
  for (const { value, path } of entries) {
    for (const [field, name] of [['name', value.name], ['inverseName', value.inverseName]] as const) {
      if (field === 'inverseName' && name === value.name) continue;
      const owner = names.get(name);
      if (owner !== undefined) issues.push(issue([...path, field], `is already used by the relationship type ${owner}`, name));
      else names.set(name, value.name);
    }
    value.allowed.forEach((pair, index) => {
      for (const end of ['source', 'target'] as const) {
        if (!classes.has(pair[end])) issues.push(issue([...path, 'allowed', index, end], 'is not a class of the catalogue', pair[end]));
      }
    });
  }
}
