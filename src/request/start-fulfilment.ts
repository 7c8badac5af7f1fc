import { orThrow, resolveContext, runLifecycleCreation, runLifecycleEvent } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import { validationResult, type SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import type { CatalogItem } from './catalog-item.schema';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { numberFrom, numberingOf, requestItemExtra, stateOf, type StartFulfilmentContext } from './request-context';
import type { RequestItem } from './request-item.schema';
import { safeDefineCatalogItem } from './request-variables';
import type { ServiceRequest } from './service-request.schema';

/** What starting an item's fulfilment made. */
export interface FulfilmentStart {
  /** The item, moved to `in_fulfilment` and listing its new tasks. */
  readonly item: RecordChange<RequestItem>;
  /** The request, moved to `in_fulfilment` with its first item; undefined when not given or already there. */
  readonly request: RecordChange<ServiceRequest> | undefined;
  /** The fulfilment tasks created from the catalog item's templates, in order of `order`. */
  readonly tasks: readonly RecordChange<FulfilmentTask>[];
}

/**
 * Starts the fulfilment of an approved request item: moves it to `in_fulfilment` and creates a
 * fulfilment task, `open`, for each of its catalog item's task templates, in order of `order`,
 * with ids from `newId` and numbers from the host's numbering. When the item's request is given,
 * it must be approved, and an `approved` request moves to `in_fulfilment` with it.
 *
 * @param item - an approved request item
 * @param catalogItem - the item's catalog item, as made by `defineCatalogItem`
 * @param context - now, actor, newId and the host's numbering `nextNumber(kind)`; optionally the
 *   lifecycles and the item's request
 * @returns the item's change, the request's (if any) and one change per task created
 * @throws {@link ValidationError} naming the path of every problem (a catalog item that is not
 *   the item's is refused at `catalogItem.id`); {@link InvalidTransitionError} when the item is
 *   not approved, its request is not, or a required field is missing
 *
 * @example
 * ```ts
 * const { item, tasks } = startFulfilment(approvedItem, laptop, { ...context, nextNumber: (kind) => numbering.next(kind) });
 * item.record.state; // => 'in_fulfilment'
 * tasks.map((task) => task.record.shortDescription); // => ['Image and ship']
 * ```
 */
export function startFulfilment(item: RequestItem, catalogItem: CatalogItem, context: StartFulfilmentContext): FulfilmentStart {
  return orThrow(safeStartFulfilment(item, catalogItem, context));
}

/**
 * Like {@link startFulfilment}, but returns the error instead of throwing it, and takes
 * `unknown` for the item and the catalog item.
 *
 * @param item - anything; the item at its current version
 * @param catalogItem - anything; the item's catalog item
 * @param context - as for {@link startFulfilment}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws only what the host's `newId` or `nextNumber` throws; every other problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeStartFulfilment(item, laptop, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log(result.error.message);
 * ```
 */
export function safeStartFulfilment(item: unknown, catalogItem: unknown, context: StartFulfilmentContext): SafeResult<FulfilmentStart, ValidationError | InvalidTransitionError> {
  const resolved = requestItemExtra(context, item);
  if (!resolved.success) return resolved;
  const { lifecycles, extra, request } = resolved.data;
  const parsedItem = parseWith(lifecycles.item.schema, item, 'request_item');
  if (!parsedItem.success) return parsedItem;
  const record = parsedItem.data;
  const catalog = safeDefineCatalogItem(catalogItem);
  if (!catalog.success) return { success: false, error: new ValidationError(catalog.error.issues.map((found) => ({ ...found, path: ['catalogItem', ...found.path] })), 'argument') };
  if (catalog.data.id !== record.catalogItem) {
    return { success: false, error: new ValidationError([issue(['catalogItem', 'id'], `must be the item's catalog item (${record.catalogItem})`, catalog.data.id)], 'argument') };
  }
  const numbering = numberingOf(context);
  if (!numbering.success) return numbering;
  const ids = resolveContext(context, undefined);
  if (!ids.success) return ids;

  // Tasks with the same order run in parallel; sort is stable, so they keep the catalog's order.
  const templates = [...catalog.data.fulfilmentTasks].sort((a, b) => a.order - b.order);
  const drawn = validationResult(() => templates.map(() => ids.data.newId()));
  if (!drawn.success) return drawn;
  const taskIds = drawn.data;
  const started = runLifecycleEvent(lifecycles.item, 'request_item', record, { type: 'start_fulfilment', tasks: taskIds }, context, extra);
  if (!started.success) return started;

  let requestChange: RecordChange<ServiceRequest> | undefined;
  if (request !== undefined && stateOf(lifecycles.request)(request.state) === 'approved') {
    const requestExtra = { items: undefined, itemStateOf: stateOf(lifecycles.item), actorGroups: extra.actorGroups };
    const moved = runLifecycleEvent(lifecycles.request, 'service_request', request, { type: 'start_fulfilment' }, context, requestExtra);
    if (!moved.success) return moved;
    requestChange = moved.data;
  }

  const tasks: RecordChange<FulfilmentTask>[] = [];
  for (const [index, template] of templates.entries()) {
    const number = numberFrom(numbering.data, 'task');
    if (!number.success) return number;
    const created = runLifecycleCreation(
      lifecycles.task,
      'fulfilment_task',
      ({ now, actor }) => ({
        id: taskIds[index],
        tenantId: record.tenantId,
        number: number.data,
        version: 1,
        createdAt: now,
        updatedAt: now,
        openedBy: actor,
        request: record.request,
        requestItem: record.id,
        shortDescription: template.shortDescription,
        assignmentGroup: template.assignmentGroup,
        order: template.order,
        openedAt: now,
        journal: [],
      }),
      context,
      { request: record.request, requestItem: record.id },
    );
    if (!created.success) return created;
    tasks.push(created.data);
  }
  return { success: true, data: Object.freeze({ item: started.data, request: requestChange, tasks: Object.freeze(tasks) }) };
}
