import { readContextField } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import type { SafeResult } from '../core/safe-result';
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
