import { z } from 'zod';
import { defineLifecycleFromOptions, type EffectSpec, type Lifecycle, type LifecycleSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { knownErrorSchemaFor, type KnownError } from './known-error.schema';
import { KNOWN_ERROR_EVENT_SCHEMAS, type KnownErrorEvent } from './known-error-event.schema';

/**
 * How a host configures the known error lifecycle, as data. Every field has a default, so `{}`
 * is draft → published → retired out of the box.
 */
export const KnownErrorLifecycleOptions = z.strictObject({
  /** Fields that must be present after an event, per event, e.g. `{ publish: ['rootCause'] }`. */
  requiredFields: RequiredFields.default({}),
  /**
   * States and transitions of the host's own. A known error has no journal, so the `note` of
   * an added transition is carried only by its domain event.
   */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the known error lifecycle, as given (defaults not yet filled in). */
export type KnownErrorLifecycleOptionsInput = z.input<typeof KnownErrorLifecycleOptions>;
/** How a host configures the known error lifecycle, with defaults filled in. */
export type KnownErrorLifecycleOptions = z.output<typeof KnownErrorLifecycleOptions>;

/** The compiled known error lifecycle; pass it to `applyKnownErrorEvent` and `publishKnownError`. */
export type KnownErrorLifecycle = Lifecycle<KnownError, KnownErrorLifecycleOptions>;

type Effect = EffectSpec<KnownError, KnownErrorEvent, KnownErrorLifecycleOptions, undefined>;

const effects: Record<string, Effect> = {
  update: (draft, { event }) => {
    const { type: _type, ...fields } = event as Extract<KnownErrorEvent, { type: 'update' }>;
    Object.assign(draft, fields);
  },
  publish: (draft, { context }) => {
    draft.publishedAt = context.now;
  },
  retire: (draft, { context }) => {
    draft.retiredAt = context.now;
  },
};

const spec: LifecycleSpec<KnownError, KnownErrorEvent, KnownErrorLifecycleOptions, undefined> = {
  kind: 'known_error',
  regions: [
    {
      field: 'state',
      initial: 'draft',
      states: {
        draft: {
          description: 'being written; not yet shown to the service desk',
          on: { update: { effects: ['update'] }, publish: { target: 'published', effects: ['publish'] }, retire: { target: 'retired', effects: ['retire'] } },
        },
        published: {
          description: 'available to the service desk for matching incidents',
          on: { update: { effects: ['update'] }, retire: { target: 'retired', effects: ['retire'] } },
        },
        retired: { description: 'final: withdrawn, typically once the fix is in place', on: {} },
      },
    },
  ],
  extensibleStates: ['draft', 'published'],
  guards: {},
  effects,
  eventNames: { update: 'updated', publish: 'published', retire: 'retired' },
  recordSchema: knownErrorSchemaFor,
  eventSchemas: KNOWN_ERROR_EVENT_SCHEMAS,
};

/**
 * Compiles the known error lifecycle with a host's options: required fields per event, and
 * states and transitions of the host's own (a review step before publication, say).
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for `applyKnownErrorEvent` and `publishKnownError`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const lifecycle = defineKnownErrorLifecycle({
 *   requiredFields: { publish: ['rootCause'] },
 *   extend: {
 *     states: { in_review: { behavesAs: 'draft' } },
 *     transitions: [{ event: 'submit_for_review', from: ['draft'], to: 'in_review' }],
 *   },
 * });
 * ```
 */
export function defineKnownErrorLifecycle(options: KnownErrorLifecycleOptionsInput = {}): KnownErrorLifecycle {
  const result = safeDefineKnownErrorLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineKnownErrorLifecycle}, but returns the error instead of throwing it, and
 * takes `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeDefineKnownErrorLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineKnownErrorLifecycle(options: unknown): SafeResult<KnownErrorLifecycle, ValidationError> {
  return defineLifecycleFromOptions(KnownErrorLifecycleOptions, () => spec, options, 'known error lifecycle options');
}

let defaultLifecycle: KnownErrorLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultKnownErrorLifecycle(): KnownErrorLifecycle {
  defaultLifecycle ??= defineKnownErrorLifecycle();
  return defaultLifecycle;
}
