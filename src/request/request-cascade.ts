import { runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { ValidationError } from '../core/validation-error';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { OPEN_TASK_STATES } from './fulfilment-task.schema';
import { stateOf, type ResolvedLifecycles } from './request-context';
import type { RequestItem } from './request-item.schema';

/**
 * A record a cascade should have changed but did not, and why; it is unchanged: an item or task
 * that ending its parent should have canceled, or a request its last item should have closed.
 */
export interface RequestCascadeRefusal {
  /** `service_request`, `request_item` or `fulfilment_task`. */
  readonly recordKind: string;
  readonly recordId: string;
  readonly error: ValidationError | InvalidTransitionError;
}

/** A cascaded cancellation's reason, which quotes its parent's, cut to the length of a note. @internal */
export function cascadeReason(text: string): string {
  return text.slice(0, 100_000);
}

/**
 * Cancels the open tasks of an item that was just canceled, from the tasks the caller gave.
 * @internal
 */
export function cancelOpenTasks(
  item: RequestItem,
  tasks: readonly FulfilmentTask[] | undefined,
  reason: string,
  context: unknown,
  lifecycles: ResolvedLifecycles,
): { changes: RecordChange<FulfilmentTask>[]; refused: RequestCascadeRefusal[] } {
  const changes: RecordChange<FulfilmentTask>[] = [];
  const refused: RequestCascadeRefusal[] = [];
  const taskState = stateOf(lifecycles.task);
  for (const task of tasks ?? []) {
    if (task.requestItem !== item.id || task.tenantId !== item.tenantId) continue;
    if (!(OPEN_TASK_STATES as readonly string[]).includes(taskState(task.state))) continue;
    const result = runLifecycleEvent(lifecycles.task, 'fulfilment_task', task, { type: 'cancel', reason: cascadeReason(`Canceled with request item ${item.number}: ${reason}`) }, context, undefined);
    if (result.success) changes.push(result.data);
    else refused.push({ recordKind: 'fulfilment_task', recordId: task.id, error: result.error });
  }
  return { changes, refused };
}
