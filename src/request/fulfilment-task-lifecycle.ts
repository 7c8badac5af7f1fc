import { z } from 'zod';
import { defineLifecycleFromOptions, OtherTransition, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { note } from './approval-steps';
import { fulfilmentTaskSchemaFor, OPEN_TASK_STATES, type FulfilmentTask } from './fulfilment-task.schema';
import { FULFILMENT_TASK_EVENT_SCHEMAS, type FulfilmentTaskEvent } from './fulfilment-task-event.schema';

/**
 * How a host configures the fulfilment task lifecycle, as data. Every field has a default.
 */
export const FulfilmentTaskLifecycleOptions = z.strictObject({
  /** Fields that must be present after an event, per event, e.g. `{ close: ['closeNotes', 'assignee'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own; added states may behave as `open` or `work_in_progress`. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the fulfilment task lifecycle, as given (defaults not yet filled in). */
export type FulfilmentTaskLifecycleOptionsInput = z.input<typeof FulfilmentTaskLifecycleOptions>;
/** How a host configures the fulfilment task lifecycle, with defaults filled in. */
export type FulfilmentTaskLifecycleOptions = z.output<typeof FulfilmentTaskLifecycleOptions>;

/** The compiled fulfilment task lifecycle; pass it in the context's `lifecycles.task`. */
export type FulfilmentTaskLifecycle = Lifecycle<FulfilmentTask, FulfilmentTaskLifecycleOptions>;

/** What the task lifecycle's guards read besides the task: the other tasks of its item. @internal */
export interface FulfilmentTaskExtra {
  /** The tasks of the task's request item, as the caller gave them; undefined when not given. */
  readonly tasks: readonly FulfilmentTask[] | undefined;
  /** The built-in state a task's state behaves as (the lifecycle may add states). */
  readonly taskStateOf: (state: string) => string;
}

type Guard = GuardSpec<FulfilmentTask, FulfilmentTaskEvent, FulfilmentTaskLifecycleOptions, FulfilmentTaskExtra | undefined>;
type Effect = EffectSpec<FulfilmentTask, FulfilmentTaskEvent, FulfilmentTaskLifecycleOptions, FulfilmentTaskExtra | undefined>;
type Payload<T extends FulfilmentTaskEvent['type']> = Extract<FulfilmentTaskEvent, { type: T }>;

/**
 * Why a task may not start or be done yet because of the tasks before it, or undefined when it
 * may: tasks run in order of `order`, so every task of the same item with a lower order must be
 * closed or canceled first. A task of order 0 has none before it; for any other the item's
 * tasks must be given (one not among them is taken not to exist). @internal
 */
export function earlierTasksReason(task: FulfilmentTask, extra: FulfilmentTaskExtra | undefined): string | undefined {
  if (task.order === 0) return undefined;
  if (extra?.tasks === undefined) return `the tasks of request item ${task.requestItem} must be given in the context's tasks: a task of order ${task.order} waits for those of a lower order`;
  const { taskStateOf } = extra;
  const earlier = extra.tasks.filter(
    (other) =>
      other.requestItem === task.requestItem &&
      other.tenantId === task.tenantId &&
      other.id !== task.id &&
      other.order < task.order &&
      (OPEN_TASK_STATES as readonly string[]).includes(taskStateOf(other.state)),
  );
  if (earlier.length === 0) return undefined;
  const numbers = earlier.map((other) => `${other.number} (order ${other.order})`).join(', ');
  return earlier.length === 1 ? `fulfilment task ${numbers} comes before it and is still open` : `fulfilment tasks ${numbers} come before it and are still open`;
}

// One guard per outcome, so the machine (and its diagram) shows where `close` can lead. Done,
// well or not, waits for the tasks before; found not needed (skipped) does not.
const outcome =
  (expected: Payload<'close'>['outcome']): Guard =>
  ({ record, event, context }) => {
    const given = (event as Payload<'close'>).outcome;
    if (given !== expected) return new OtherTransition(`the outcome is ${given}`);
    return expected === 'skipped' ? undefined : earlierTasksReason(record, context.extra);
  };

const guards: Record<string, Guard> = {
  outcomeComplete: outcome('complete'),
  outcomeIncomplete: outcome('incomplete'),
  outcomeSkipped: outcome('skipped'),
  earlierTasksDone: ({ record, context }) => earlierTasksReason(record, context.extra),
};

const effects: Record<string, Effect> = {
  start: (draft, { event, context }) => {
    draft.startedAt = context.now;
    note(draft, (event as Payload<'start'>).note, context);
  },
  close: (draft, { event, context }) => {
    const { note: notes } = event as Payload<'close'>;
    draft.closedAt = context.now;
    if (notes !== undefined) draft.closeNotes = notes;
  },
  cancel: (draft, { event, context }) => {
    draft.canceledAt = context.now;
    note(draft, (event as Payload<'cancel'>).reason, context);
  },
  assign: (draft, { event }) => {
    const { assignmentGroup, assignee } = event as Payload<'assign'>;
    if (assignmentGroup !== undefined) draft.assignmentGroup = assignmentGroup;
    if (assignee !== undefined) draft.assignee = assignee;
  },
  comment: (draft, { event, context }) => {
    const { visibility, body } = event as Payload<'comment'>;
    note(draft, body, context, visibility);
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

// Events both open states accept: a task may be closed without having been started.
const always: StateSpec['on'] = {
  close: [
    t('closed_complete', { guard: 'outcomeComplete', effects: ['close'] }),
    t('closed_incomplete', { guard: 'outcomeIncomplete', effects: ['close'] }),
    t('closed_skipped', { guard: 'outcomeSkipped', effects: ['close'] }),
  ],
  cancel: t('canceled', { effects: ['cancel'] }),
  assign: t(undefined, { effects: ['assign'] }),
  comment: t(undefined, { effects: ['comment'] }),
};

const spec: LifecycleSpec<FulfilmentTask, FulfilmentTaskEvent, FulfilmentTaskLifecycleOptions, FulfilmentTaskExtra | undefined> = {
  kind: 'fulfilment_task',
  regions: [
    {
      field: 'state',
      initial: 'open',
      states: {
        open: { description: 'created; work not yet started', on: { ...always, start: t('work_in_progress', { guard: 'earlierTasksDone', effects: ['start'] }) } },
        work_in_progress: { description: 'being worked by its assignment group', on: always },
        closed_complete: { description: 'final: done', on: {} },
        closed_incomplete: { description: 'final: could not be done', on: {} },
        closed_skipped: { description: 'final: not needed', on: {} },
        canceled: { description: 'final: withdrawn with its item or by hand', on: {} },
      },
    },
  ],
  extensibleStates: ['open', 'work_in_progress'],
  guards,
  effects,
  eventNames: { start: 'started', close: 'closed', cancel: 'canceled', assign: 'assigned', comment: 'commented' },
  recordSchema: fulfilmentTaskSchemaFor,
  eventSchemas: FULFILMENT_TASK_EVENT_SCHEMAS,
};

/**
 * Compiles the fulfilment task lifecycle with a host's options: required fields per event, and
 * states and transitions of the host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for the context's `lifecycles.task`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const task = defineFulfilmentTaskLifecycle({ requiredFields: { close: ['closeNotes'] } });
 * ```
 */
export function defineFulfilmentTaskLifecycle(options: FulfilmentTaskLifecycleOptionsInput = {}): FulfilmentTaskLifecycle {
  const result = safeDefineFulfilmentTaskLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineFulfilmentTaskLifecycle}, but returns the error instead of throwing it, and
 * takes `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never: every problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeDefineFulfilmentTaskLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineFulfilmentTaskLifecycle(options: unknown): SafeResult<FulfilmentTaskLifecycle, ValidationError> {
  return defineLifecycleFromOptions(FulfilmentTaskLifecycleOptions, () => spec, options, 'fulfilment task lifecycle options');
}

let defaultLifecycle: FulfilmentTaskLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultFulfilmentTaskLifecycle(): FulfilmentTaskLifecycle {
  defaultLifecycle ??= defineFulfilmentTaskLifecycle();
  return defaultLifecycle;
}
