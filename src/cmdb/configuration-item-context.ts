import type { z } from 'zod';
import { readContextField, resolveContext } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import type { LifecycleContext, ResolvedContext } from '../core/lifecycle';
import { newRecordIdentity } from '../core/record-identity';
import { validationResult, type SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import { compiledCatalogue, defineCiClasses, type CiClassCatalogue } from './ci-class-catalogue';
import type { ConfigurationItem } from './configuration-item.schema';

/** What `applyConfigurationItemEvent` needs beyond the item and the event. */
export interface ConfigurationItemContext extends LifecycleContext {
  /** The classes the item is checked against; `defineCiClasses([])` (the built-in ones) when omitted. */
  readonly catalogue?: CiClassCatalogue;
  /** The tenant's items, to check `reference` attributes against; without them a reference is only checked to be an id. */
  readonly items?: ReadonlyMap<string, ConfigurationItem> | readonly ConfigurationItem[];
}

/** What `registerConfigurationItem` needs: who, when, a fresh id, the tenant and the human number. */
export interface RegisterConfigurationItemContext extends ConfigurationItemContext {
  /** The tenant the item belongs to. */
  readonly tenantId: string;
  /** The human number the host's numbering issued, e.g. `CI0000001`. */
  readonly number: string;
}

let defaultCatalogue: CiClassCatalogue | undefined;

/**
 * The catalogue and reference items a context names, the built-in catalogue when it names none;
 * a context that cannot be read, or a catalogue not made by `defineCiClasses`, is a validation
 * error naming the field.
 * @internal
 */
export function cmdbContextOf(context: unknown): SafeResult<{ catalogue: CiClassCatalogue; items: unknown }, ValidationError> {
  const given = typeof context === 'object' && context !== null ? context : {};
  const catalogue = readContextField(given, 'catalogue');
  if (!catalogue.success) return { success: false, error: new ValidationError([catalogue.issue], 'context') };
  const items = readContextField(given, 'items');
  if (!items.success) return { success: false, error: new ValidationError([items.issue], 'context') };
  try {
    defaultCatalogue ??= defineCiClasses([]);
    const chosen = catalogue.value ?? defaultCatalogue;
    compiledCatalogue(chosen);
    return { success: true, data: { catalogue: chosen as CiClassCatalogue, items: items.value } };
  } catch {
    return { success: false, error: new ValidationError([issue(['catalogue'], 'must be a catalogue made by defineCiClasses()')], 'context') };
  }
}

/** What a CMDB record's creation has read before it builds the record. @internal */
export interface CmdbCreation<T> {
  readonly input: T;
  readonly tenantId: string;
  readonly number: string;
  /** The new record's id, drawn from the context's `newId`. */
  readonly id: string;
  readonly context: ResolvedContext<undefined>;
  readonly catalogue: CiClassCatalogue;
  readonly items: unknown;
}

/**
 * The first steps of every CMDB creation, in one order for all: the input parsed, the new
 * record's tenant and number, the context resolved, the catalogue and items read, an id drawn.
 * An error the host's `newId` throws that is not a validation error is the host's, and is thrown.
 * @internal
 */
export function cmdbCreation<S extends z.ZodType>(schema: S, input: unknown, context: unknown, subject: string): SafeResult<CmdbCreation<z.output<S>>, ValidationError> {
  const parsed = parseWith(schema, input, subject);
  if (!parsed.success) return parsed;
  const identity = newRecordIdentity(context);
  if (!identity.success) return identity;
  const resolved = resolveContext(context, undefined);
  if (!resolved.success) return resolved;
  const cmdb = cmdbContextOf(context);
  if (!cmdb.success) return cmdb;
  const id = validationResult(() => resolved.data.newId());
  if (!id.success) return id;
  return { success: true, data: { input: parsed.data, ...identity.data, id: id.data, context: resolved.data, ...cmdb.data } };
}
