import { deepFreeze } from '../core/deep-freeze';
import { matchesFormPattern } from '../core/form-pattern';
import { parseWith } from '../core/from-zod';
import { Instant } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { CiAttribute } from './ci-class.schema';
import { compiledCatalogue, type CiClassCatalogue, type CompiledCatalogue } from './ci-class-catalogue';
import { caughtAsError } from './cmdb-arguments';
import { ConfigurationItem } from './configuration-item.schema';

/** What `validateConfigurationItem` checks references against. */
export interface ValidateConfigurationItemOptions {
  /**
   * The tenant's configuration items by id, or a list of them. When given, a `reference`
   * attribute must name one of them, of the attribute's class or a subclass; without it a
   * reference is only checked to be an id.
   */
  readonly items?: ReadonlyMap<string, ConfigurationItem> | readonly ConfigurationItem[];
}

/**
 * Checks a configuration item against its class: the record's own schema, a class that exists
 * and is not abstract, every attribute of the class and its ancestors (required ones present,
 * each of its kind and within its rules), and no attribute the class does not have.
 *
 * @param catalogue - from `defineCiClasses`
 * @param item - the configuration item
 * @param options - the items references must name, if they are to be checked
 * @returns the item, deeply frozen
 * @throws {@link ValidationError} naming each problem, e.g. `attributes.cpu_count`
 *
 * @example
 * ```ts
 * validateConfigurationItem(catalogue, { ...record, className: 'server', attributes: { cpu_count: 0 } });
 * // throws: Invalid configuration item: attributes.cpu_count: must be at least 1
 * ```
 */
export function validateConfigurationItem(catalogue: CiClassCatalogue, item: ConfigurationItem, options: ValidateConfigurationItemOptions = {}): ConfigurationItem {
  const result = safeValidateConfigurationItem(catalogue, item, options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link validateConfigurationItem}, but returns the error instead of throwing it, and
 * takes `unknown`: the function for a request body or an import.
 *
 * @param catalogue - from `defineCiClasses`
 * @param item - anything; typically parsed JSON
 * @param options - as for {@link validateConfigurationItem}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeValidateConfigurationItem(catalogue, JSON.parse(body));
 * if (!result.success) showErrors(result.error.issues);
 * ```
 */
export function safeValidateConfigurationItem(catalogue: CiClassCatalogue, item: unknown, options: unknown = {}): SafeResult<ConfigurationItem, ValidationError> {
  let compiled: CompiledCatalogue;
  let items: ReadonlyMap<string, ConfigurationItem> | undefined;
  try {
    compiled = compiledCatalogue(catalogue);
    items = referenceTargets(options);
  } catch (error) {
    return { success: false, error: caughtAsError(error, 'argument') };
  }
  const parsed = parseWith(ConfigurationItem, item, 'configuration item');
  if (!parsed.success) return parsed;
  const ci = parsed.data;
  const ciClass = compiled.classes.get(ci.className);
  if (ciClass === undefined) return fail([issue(['className'], 'is not a class of the catalogue', ci.className)]);
  if (ciClass.definition.abstract) return fail([issue(['className'], 'is an abstract class; choose one of its subclasses', ci.className)]);

  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(ci.attributes)) {
    if (!ciClass.attributes.has(name)) issues.push(issue(['attributes', name], `is not an attribute of class ${ci.className}`));
  }
  for (const [name, { attribute }] of ciClass.attributes) {
    const value = Object.hasOwn(ci.attributes, name) ? ci.attributes[name] : undefined;
    if (value === undefined) {
      if (attribute.required) issues.push(issue(['attributes', name], 'is required'));
      continue;
    }
    const problem = attributeProblem(attribute, value, compiled, items, ci.tenantId);
    if (problem !== undefined) issues.push(issue(['attributes', name], problem, value));
  }
  return issues.length > 0 ? fail(issues) : { success: true, data: deepFreeze(ci) };
}

function fail(issues: ValidationIssue[]): { success: false; error: ValidationError } {
  return { success: false, error: new ValidationError(issues, 'configuration item') };
}

/** The items references are checked against, by id, or undefined for none. */
function referenceTargets(options: unknown): ReadonlyMap<string, ConfigurationItem> | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ValidationError([issue(['options'], 'must be an object')], 'argument');
  for (const key of Object.keys(options)) {
    if (key !== 'items') throw new ValidationError([issue(['options', key], 'is not a known field')], 'argument');
  }
  const given = (options as { items?: unknown }).items;
  if (given === undefined) return undefined;
  if (given instanceof Map) return given as ReadonlyMap<string, ConfigurationItem>;
  if (!Array.isArray(given)) throw new ValidationError([issue(['options', 'items'], 'must be a Map of configuration items by id, or an array of them')], 'argument');
  const byId = new Map<string, ConfigurationItem>();
  for (let index = 0; index < given.length; index++) {
    const entry: unknown = given[index];
    if (typeof entry !== 'object' || entry === null || typeof (entry as { id?: unknown }).id !== 'string') {
      throw new ValidationError([issue(['options', 'items', index], 'must be a configuration item')], 'argument');
    }
    byId.set((entry as ConfigurationItem).id, entry as ConfigurationItem);
  }
  return byId;
}

/** What is wrong with one attribute value, or undefined when it is right. */
function attributeProblem(
  attribute: CiAttribute,
  value: string | number | boolean,
  catalogue: CompiledCatalogue,
  items: ReadonlyMap<string, ConfigurationItem> | undefined,
  tenantId: string,
): string | undefined {
  switch (attribute.kind) {
    case 'string':
      if (typeof value !== 'string') return 'must be text';
      if (attribute.maxLength !== undefined && value.length > attribute.maxLength) return `must be at most ${attribute.maxLength} characters`;
      if (attribute.pattern !== undefined) {
        // A catalogue from another copy of the library may hold a pattern this one refuses.
        const matched = matchesFormPattern(attribute.pattern, value);
        if (typeof matched === 'string') return `cannot be checked: the pattern of its class ${matched}`;
        if (!matched) return 'does not have the required form';
      }
      return undefined;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (attribute.kind === 'integer' && !Number.isSafeInteger(value)) return 'must be a whole number';
      if (attribute.min !== undefined && value < attribute.min) return `must be at least ${attribute.min}`;
      if (attribute.max !== undefined && value > attribute.max) return `must be at most ${attribute.max}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && attribute.values.includes(value) ? undefined : `must be one of ${attribute.values.join(', ')}`;
    case 'instant':
      return Instant.safeParse(value).success ? undefined : 'must be an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z';
    case 'reference': {
      if (typeof value !== 'string' || value.length === 0 || value.length > 128) return `must be the id of a ${attribute.ciClass}`;
      if (items === undefined) return undefined;
      const target = items.get(value);
      if (typeof target !== 'object' || target === null || target.tenantId !== tenantId) return `must be the id of a ${attribute.ciClass} of this tenant; there is no item ${value}`;
      return catalogue.isA(target.className, attribute.ciClass) ? undefined : `must be the id of a ${attribute.ciClass}, not of a ${target.className}`;
    }
  }
}
