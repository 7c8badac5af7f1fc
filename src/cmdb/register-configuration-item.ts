import { orThrow } from '../core/apply-lifecycle-event';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { cmdbCreation, type RegisterConfigurationItemContext } from './configuration-item-context';
import { RegisterConfigurationItemInput } from './configuration-item-event.schema';
import type { ConfigurationItem } from './configuration-item.schema';
import { creation } from './cmdb-record-change';
import { safeValidateConfigurationItem } from './validate-configuration-item';

/** The record kind of configuration items, the prefix of their domain events. @internal */
export const CONFIGURATION_ITEM_KIND = 'configuration_item';

/**
 * Registers a configuration item: validates the input, builds the item at version 1 (status
 * `operational` unless given) and checks it against its class in the catalogue — a class that
 * exists and is not abstract, every attribute of the class's kind and within its rules.
 *
 * @param input - class, name and attributes; optionally description, status, support group, redundancy, calendars
 * @param context - now, actor, newId (the item's id), tenantId and number; optionally the catalogue
 * @returns the new item, its creation patches and a `configuration_item.registered` event
 * @throws {@link ValidationError} naming the path of every problem, e.g. `attributes.cpu_count`
 *
 * @example
 * ```ts
 * const { record } = registerConfigurationItem(
 *   { className: 'server', name: 'db-host-1', attributes: { cpu_count: 16 } },
 *   { now: new Date(), actor: { kind: 'user', id: 'cmdb-admin' }, newId: randomUUID, tenantId: 'acme', number: 'CI0000001' },
 * );
 * record.operationalStatus; // => 'operational'
 * ```
 */
export function registerConfigurationItem(input: RegisterConfigurationItemInput, context: RegisterConfigurationItemContext): RecordChange<ConfigurationItem> {
  return orThrow(safeRegisterConfigurationItem(input, context));
}

/**
 * Like {@link registerConfigurationItem}, but returns the error instead of throwing it, and
 * takes `unknown` input: the function for a request body or an import.
 *
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link registerConfigurationItem}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeRegisterConfigurationItem(body, context);
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeRegisterConfigurationItem(input: unknown, context: RegisterConfigurationItemContext): SafeResult<RecordChange<ConfigurationItem>, ValidationError> {
  const started = cmdbCreation(RegisterConfigurationItemInput, input, context, 'configuration item');
  if (!started.success) return started;
  const { id, tenantId, number, context: resolved, catalogue, items } = started.data;
  const { now, actor } = resolved;
  const draft = { id, tenantId, number, version: 1, createdAt: now, updatedAt: now, openedBy: actor, ...started.data.input };
  const checked = safeValidateConfigurationItem(catalogue, draft, items === undefined ? {} : { items });
  if (!checked.success) return checked;
  const record = checked.data;
  return { success: true, data: creation(CONFIGURATION_ITEM_KIND, record, 'registered', resolved, { className: record.className, to: record.operationalStatus }) };
}
