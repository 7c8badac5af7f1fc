import type { RecordChange } from '../core/record-change';
import { NotFoundError } from '../core/not-found-error';
import { issue, ValidationError } from '../core/validation-error';
import { safeApplyFulfilmentTaskEvent } from '../request/apply-fulfilment-task-event';
import { safeApplyRequestItemEvent } from '../request/apply-request-item-event';
import { safeApplyServiceRequestEvent } from '../request/apply-service-request-event';
import type { FulfilmentTask } from '../request/fulfilment-task.schema';
import type { RequestLifecycles } from '../request/request-context';
import type { RequestItem } from '../request/request-item.schema';
import type { ServiceRequest } from '../request/service-request.schema';
import type { StorableRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice, RelatedChange } from './practice';

/** The three practices of a service request: the request, its items, their fulfilment tasks. @internal */
export interface RequestPractices {
  readonly requests: Practice<ServiceRequest>;
  readonly items: Practice<RequestItem>;
  readonly tasks: Practice<FulfilmentTask>;
  /** The lifecycles with the host's options, for the request domain functions. */
  readonly lifecycles: RequestLifecycles;
}

/**
 * Fields of an event as given, before the lifecycle has checked it: one that cannot be read (a
 * revoked proxy, a throwing getter) reads as absent, and the lifecycle then refuses the event.
 */
function eventFields(event: unknown): { readonly type?: unknown; readonly tasks?: unknown; readonly outcome?: unknown } {
  if (typeof event !== 'object' || event === null) return {};
  try {
    const { type, tasks, outcome } = event as Record<string, unknown>;
    return { type, tasks, outcome };
  } catch {
    return {};
  }
}

/** Whether an item event names task ids of its own: only the service's own fulfilment command may link tasks. */
const linksTasks = (event: unknown): boolean => {
  const { type, tasks } = eventFields(event);
  return type === 'start_fulfilment' && tasks !== undefined;
};

/** Whether a task event waits for the tasks before it: `start`, and a close other than skipped. */
const waitsForEarlierTasks = (event: unknown): boolean => {
  const { type, outcome } = eventFields(event);
  return type === 'start' || (type === 'close' && outcome !== 'skipped');
};

/** The records of a kind with these ids, in order; an id with no record is skipped. */
async function loadAll<R extends StorableRecord>(tx: StoreTransaction, kind: string, tenantId: string, ids: readonly string[]): Promise<R[]> {
  const found: R[] = [];
  for (const id of ids) {
    const stored = await tx.records<R>(kind).get(tenantId, id);
    if (stored !== undefined) found.push(stored.record);
  }
  return found;
}

const related = <R extends StorableRecord>(practice: Practice<R>, changes: readonly RecordChange<R>[]): RelatedChange[] =>
  changes.map((change) => ({ practice, change }));

/**
 * Service requests, request items and fulfilment tasks as practices of the service. A request's
 * event sees all its items and their tasks, an item's its tasks and its request, and a task's
 * start or close the tasks of its item, loaded in the command's transaction; the items and
 * tasks a cancellation or rejection cascades to are written with it, each with its own audit
 * entry and events. A request is closed with its last item after the item's command (see
 * closeRequestAfterItem). Each kind has SLA clocks when the service was given a policy for it.
 * @internal
 */
export function requestPractices(options: ResolvedItsmOptions): RequestPractices {
  const { request, requestItem, task } = options.lifecycles;
  const lifecycles: RequestLifecycles = { ...(request === undefined ? {} : { request }), ...(requestItem === undefined ? {} : { item: requestItem }), ...(task === undefined ? {} : { task }) };
  const tasks: Practice<FulfilmentTask> = {
    kind: 'fulfilment_task',
    numberFormat: options.numberFormats.task,
    policy: options.slaPolicies.task,
    usesActorGroups: false,
    // The item's tasks, for the order they run in: a task waits for those of a lower order. Read
    // only for the events that wait; a task or item the store lacks leaves them unknown, and the
    // event is refused rather than let through, saying what the store lacks.
    loadRelated: async (tx, tenantId, task, event) => {
      if (task.order === 0 || !waitsForEarlierTasks(event)) return {};
      const item = (await tx.records<RequestItem>('request_item').get(tenantId, task.requestItem))?.record;
      if (item === undefined) return { missing: `request item ${task.requestItem}` };
      const found = await loadAll<FulfilmentTask>(tx, 'fulfilment_task', tenantId, item.tasks);
      const absent = item.tasks.filter((id) => !found.some((sibling) => sibling.id === id));
      return absent.length === 0 ? { tasks: found } : { missing: `fulfilment ${absent.length === 1 ? 'task' : 'tasks'} ${absent.join(', ')} of ${item.number}` };
    },
    apply: (record, event, { now, actor, newId, related: loaded }) => {
      const { tasks: given, missing } = loaded as { tasks?: FulfilmentTask[]; missing?: string };
      if (missing !== undefined) {
        return { success: false, error: new NotFoundError(`${missing} is not in the store, so whether the tasks before ${record.number} are done cannot be known`, { kind: 'fulfilment_task', recordId: record.id }) };
      }
      return safeApplyFulfilmentTaskEvent(record, event, { now, actor, newId, lifecycles, ...(given === undefined ? {} : { tasks: given }) });
    },
  };
  const items: Practice<RequestItem> = {
    kind: 'request_item',
    numberFormat: options.numberFormats.requestItem,
    policy: options.slaPolicies.requestItem,
    usesActorGroups: true,
    loadRelated: async (tx, tenantId, item) => ({
      tasks: await loadAll<FulfilmentTask>(tx, tasks.kind, tenantId, item.tasks),
      request: (await tx.records<ServiceRequest>('service_request').get(tenantId, item.request))?.record,
    }),
    // The request's items are not given: two items ending at once in two transactions would each
    // see the other open, and the request would stay open. The service closes the request in a
    // command of its own after the item's (see closeRequestAfterItem).
    apply: (record, event, { now, actor, newId, actorGroups, related: loaded }) => {
      if (linksTasks(event)) return { success: false, error: new ValidationError([issue(['tasks'], 'are given by itsm.requestItems.startFulfilment, which creates the tasks it links')], 'request item event') };
      const { tasks: given, request: parent } = loaded as { tasks: FulfilmentTask[]; request: ServiceRequest | undefined };
      const result = safeApplyRequestItemEvent(record, event, { now, actor, newId, actorGroups, lifecycles, tasks: given, ...(parent === undefined ? {} : { request: parent }) });
      if (!result.success) return result;
      const { taskChanges, cascadeRefused: _refused, requestChange: _never, ...change } = result.data;
      return { success: true, data: { ...change, related: related(tasks, taskChanges) } };
    },
  };
  const requests: Practice<ServiceRequest> = {
    kind: 'service_request',
    numberFormat: options.numberFormats.request,
    policy: options.slaPolicies.request,
    usesActorGroups: true,
    loadRelated: async (tx, tenantId, record) => {
      const loadedItems = await loadAll<RequestItem>(tx, items.kind, tenantId, record.items);
      return { items: loadedItems, tasks: await loadAll<FulfilmentTask>(tx, tasks.kind, tenantId, loadedItems.flatMap((item) => item.tasks)) };
    },
    apply: (record, event, { now, actor, newId, actorGroups, related: loaded }) => {
      const given = loaded as { items: RequestItem[]; tasks: FulfilmentTask[] };
      const result = safeApplyServiceRequestEvent(record, event, { now, actor, newId, actorGroups, lifecycles, items: given.items, tasks: given.tasks });
      if (!result.success) return result;
      const { itemChanges, taskChanges, cascadeRefused: _refused, ...change } = result.data;
      return { success: true, data: { ...change, related: [...related(items, itemChanges), ...related(tasks, taskChanges)] } };
    },
  };
  return { requests, items, tasks, lifecycles };
}
