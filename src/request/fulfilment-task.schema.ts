import { z } from 'zod';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { checkAssignment, checkInOrder, checkPresence, failOn } from './request-record-checks';

/**
 * The states of a fulfilment task (ServiceNow's SC task): `open` → `work_in_progress` →
 * `closed_complete`, `closed_incomplete` or `closed_skipped`; `canceled` from either open state.
 */
export const FulfilmentTaskState = z.enum(['open', 'work_in_progress', 'closed_complete', 'closed_incomplete', 'closed_skipped', 'canceled']);
/** The state of a fulfilment task. */
export type FulfilmentTaskState = z.infer<typeof FulfilmentTaskState>;

/** The states in which a task is still open. @internal */
export const OPEN_TASK_STATES: readonly FulfilmentTaskState[] = ['open', 'work_in_progress'];

const FulfilmentTaskFields = RecordBase.extend({
  /** The service request and the request item the task fulfils. */
  request: RecordId,
  requestItem: RecordId,
  shortDescription: z.string().min(1, { error: 'must not be empty' }).max(160),
  description: z.string().min(1, { error: 'must not be empty; leave it out instead' }).max(32_000).optional(),
  assignmentGroup: ActorRef,
  assignee: ActorRef.optional(),
  /** From the template: tasks run in order of `order`; tasks with the same order run in parallel. */
  order: z.int().min(0),
  state: FulfilmentTaskState,
  openedAt: Instant,
  startedAt: Instant.optional(),
  closedAt: Instant.optional(),
  canceledAt: Instant.optional(),
  /** What the fulfiller said on closing the task. */
  closeNotes: z.string().min(1, { error: 'must not be empty' }).max(32_000).optional(),
  journal: z.array(JournalEntry),
});

const CLOSED = ['closed_complete', 'closed_incomplete', 'closed_skipped'];

function checkFulfilmentTask(task: z.infer<typeof FulfilmentTaskFields>, context: z.RefinementCtx): void {
  const fail = failOn(context);
  const noun = 'task';
  const { state } = task;
  checkAssignment(task, fail);
  checkPresence(task, 'startedAt', noun, state, { required: ['work_in_progress'], absent: ['open'] }, fail);
  checkPresence(task, 'closedAt', noun, state, { required: CLOSED, absent: ['open', 'work_in_progress', 'canceled'] }, fail);
  checkPresence(task, 'canceledAt', noun, state, { required: ['canceled'], absent: ['open', 'work_in_progress', ...CLOSED] }, fail);
  checkPresence(task, 'closeNotes', noun, state, { required: [], absent: ['open', 'work_in_progress', 'canceled'] }, fail);
  checkInOrder(task, ['openedAt', 'startedAt', 'closedAt', 'canceledAt'], fail);
  if (task.updatedAt < task.createdAt) fail('updatedAt', 'must not be before createdAt');
}

/**
 * The fulfilment task schema of a lifecycle with added states: `behavesAs` maps each added state
 * to the built-in state whose field rules it follows.
 * @internal
 */
export function fulfilmentTaskSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<FulfilmentTask> {
  if (behavesAs.size === 0) return FulfilmentTask;
  const states = z.enum([...FulfilmentTaskState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return FulfilmentTaskFields.extend({ state: states }).superRefine((task, context) =>
    checkFulfilmentTask({ ...task, state: (behavesAs.get(task.state) ?? task.state) as FulfilmentTaskState }, context),
  ) as unknown as z.ZodType<FulfilmentTask>;
}

/**
 * A fulfilment task (ServiceNow's SC task): a piece of work an assignment group does to fulfil a
 * request item, made from one of its catalog item's task templates when fulfilment starts. An
 * item cannot complete while one of its tasks is open.
 *
 * The invariants hold at every version: `startedAt`, `closedAt` and `canceledAt` are present
 * exactly in the states that have reached them, in that order; `closeNotes` only on a closed
 * task. A lifecycle with states of a vendor's own has its own schema, `lifecycle.schema`.
 */
export const FulfilmentTask = FulfilmentTaskFields.superRefine(checkFulfilmentTask);
/** A fulfilment task as stored, at one version. */
export type FulfilmentTask = z.infer<typeof FulfilmentTask>;
