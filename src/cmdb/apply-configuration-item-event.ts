import type { Draft } from 'immer';
import { orThrow, resolveContext } from '../core/apply-lifecycle-event';
import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import { cmdbContextOf, type ConfigurationItemContext } from './configuration-item-context';
import { ConfigurationItemEvent } from './configuration-item-event.schema';
import { ConfigurationItem } from './configuration-item.schema';
import { modification } from './cmdb-record-change';
import { CONFIGURATION_ITEM_KIND } from './register-configuration-item';
import { safeValidateConfigurationItem } from './validate-configuration-item';

type Update = Extract<ConfigurationItemEvent, { type: 'update' }>;
const OPTIONAL_FIELDS = ['description', 'supportGroup', 'redundancy', 'maintenanceCalendarId', 'serviceCalendarId'] as const;
const EVENT_NAMES = { update: 'updated', set_status: 'status_changed', retire: 'retired' } as const;

/**
 * The events a configuration item accepts: every one until it is retired, none afterwards.
 *
 * @param item - a configuration item
 * @returns the event types, for a form's buttons
 * @throws {@link ValidationError} for anything that is not a configuration item
 *
 * @example
 * ```ts
 * configurationItemEvents(item); // => ['update', 'set_status', 'retire']
 * ```
 */
export function configurationItemEvents(item: ConfigurationItem): ConfigurationItemEvent['type'][] {
  const parsed = parseWith(ConfigurationItem, item, CONFIGURATION_ITEM_KIND);
  if (!parsed.success) throw parsed.error;
  return parsed.data.operationalStatus === 'retired' ? [] : ['update', 'set_status', 'retire'];
}

/**
 * Applies an event to a configuration item and returns the new version, the patches from the
 * old one and the domain event (`configuration_item.updated`, `.status_changed`, `.retired`).
 * The result is checked against the item's class, so an update that breaks an attribute rule
 * is refused. A retired item accepts nothing more. The item given is not changed.
 *
 * @param item - the item at its current version
 * @param event - what happens, e.g. `{ type: 'set_status', status: 'down' }`
 * @param context - now, actor, newId; optionally the catalogue and the items references must name
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path, or a result its class refuses;
 *   {@link InvalidTransitionError} for any event on a retired item, with no allowed events
 *
 * @example
 * ```ts
 * const { record, events } = applyConfigurationItemEvent(item, { type: 'update', attributes: { cpu_count: 32, location: null } }, context);
 * events[0].type; // => 'configuration_item.updated'
 * ```
 */
export function applyConfigurationItemEvent(item: ConfigurationItem, event: ConfigurationItemEvent, context: ConfigurationItemContext): RecordChange<ConfigurationItem> {
  return orThrow(safeApplyConfigurationItemEvent(item, event, context));
}

/**
 * Like {@link applyConfigurationItemEvent}, but returns the error instead of throwing it, and
 * takes `unknown` for the item and the event: the function for a request body.
 *
 * @param item - the item at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyConfigurationItemEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeApplyConfigurationItemEvent(item, body, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log('retired');
 * ```
 */
export function safeApplyConfigurationItemEvent(item: unknown, event: unknown, context: ConfigurationItemContext): SafeResult<RecordChange<ConfigurationItem>, ValidationError | InvalidTransitionError> {
  const resolved = resolveContext(context, undefined);
  if (!resolved.success) return resolved;
  const cmdb = cmdbContextOf(context);
  if (!cmdb.success) return cmdb;
  const parsedItem = parseWith(ConfigurationItem, item, CONFIGURATION_ITEM_KIND);
  if (!parsedItem.success) return parsedItem;
  const parsedEvent = parseWith(ConfigurationItemEvent, event, `${CONFIGURATION_ITEM_KIND} event`);
  if (!parsedEvent.success) return parsedEvent;
  const current = parsedItem.data;
  const given = parsedEvent.data;
  const { now } = resolved.data;
  const fail = (path: (string | number)[], message: string, value?: unknown): SafeResult<never, ValidationError> => ({
    success: false,
    error: new ValidationError([value === undefined ? issue(path, message) : issue(path, message, value)], path[0] === 'now' ? 'context' : `${CONFIGURATION_ITEM_KIND} event`),
  });

  if (current.operationalStatus === 'retired') {
    // Retirement is final, as a lifecycle's final state is: the same error, with nothing allowed.
    const refused = { recordKind: CONFIGURATION_ITEM_KIND, recordId: current.id, number: current.number, state: 'retired', event: given.type, allowedEvents: [], refusedBy: [] };
    return { success: false, error: new InvalidTransitionError(refused) };
  }
  if (now < current.updatedAt) return fail(['now'], `must not be before the item's last change (${current.updatedAt})`, now);

  let recipe: (draft: Draft<ConfigurationItem>) => void;
  let data: Record<string, unknown>;
  switch (given.type) {
    case 'update': {
      const { type: _type, ...fields } = given;
      if (Object.keys(fields).length === 0) return fail([], 'must give at least one field to change: name, description, attributes, supportGroup, redundancy, maintenanceCalendarId or serviceCalendarId');
      recipe = (draft) => applyUpdate(draft, given);
      data = fields;
      break;
    }
    case 'set_status':
      if (given.status === current.operationalStatus) return fail(['status'], `is the item's status already; set_status records a change`, given.status);
      recipe = (draft) => {
        draft.operationalStatus = given.status;
      };
      data = { from: current.operationalStatus, to: given.status };
      break;
    case 'retire':
      recipe = (draft) => {
        draft.operationalStatus = 'retired';
        draft.retiredAt = now;
      };
      data = { from: current.operationalStatus, to: 'retired' };
      break;
  }
  const { next, patches, events } = modification(CONFIGURATION_ITEM_KIND, current, recipe, resolved.data, EVENT_NAMES[given.type], data);
  const checked = safeValidateConfigurationItem(cmdb.data.catalogue, next, cmdb.data.items === undefined ? {} : { items: cmdb.data.items });
  if (!checked.success) return checked;
  return { success: true, data: deepFreeze({ record: checked.data, previous: current, patches, events }) };
}

function applyUpdate(draft: Draft<ConfigurationItem>, update: Update): void {
  if (update.name !== undefined) draft.name = update.name;
  for (const field of OPTIONAL_FIELDS) {
    const value = update[field];
    if (value === null) delete draft[field];
    else if (value !== undefined) (draft as Record<string, unknown>)[field] = value;
  }
  for (const [name, value] of Object.entries(update.attributes ?? {})) {
    if (value === null) delete draft.attributes[name];
    else draft.attributes[name] = value;
  }
}
