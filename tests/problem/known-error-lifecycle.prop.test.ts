import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect } from 'vitest';
import { allowedEvents, type RecordChange } from '../../src/index';
import {
  defineKnownErrorLifecycle,
  openProblem,
  publishKnownError,
  safeApplyKnownErrorEvent,
  type KnownError,
  type KnownErrorEvent,
  type KnownErrorLifecycle,
} from '../../src/problem/index';
import { anyValue } from '../support';

enablePatches();

const manager = { kind: 'user', id: 'pm-1' } as const;
const start = Date.parse('2026-11-23T08:00:00.000Z');
const contextFor = (record: { updatedAt: string }, lifecycle: KnownErrorLifecycle) => ({ now: new Date(Date.parse(record.updatedAt) + 60_000), actor: manager, newId: () => 'unused', lifecycle });

const lifecycles = [
  defineKnownErrorLifecycle(),
  defineKnownErrorLifecycle({ requiredFields: { publish: ['rootCause'] } }),
  defineKnownErrorLifecycle({
    extend: {
      states: { in_review: { behavesAs: 'draft' } },
      transitions: [
        { event: 'submit_for_review', from: ['draft'], to: 'in_review', when: { field: 'affectedConfigurationItems', exists: true } },
        { event: 'send_back', from: ['in_review'], to: 'draft' },
      ],
    },
  }),
];

type AnyEvent = KnownErrorEvent | { readonly type: string; readonly note?: string };
const text = fc.string({ minLength: 1, maxLength: 12 });
const knownErrorEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  fc.record(
    { type: fc.constant('update' as const), title: text, symptom: text, rootCause: text, workaround: text, affectedConfigurationItems: fc.uniqueArray(fc.constantFrom('ci-1', 'ci-2'), { maxLength: 2 }) },
    { requiredKeys: ['type'] },
  ),
  fc.constant({ type: 'publish' as const }),
  fc.record({ type: fc.constant('retire' as const), reason: text }, { requiredKeys: ['type'] }),
  fc.constantFrom<AnyEvent>({ type: 'submit_for_review', note: 'ready' }, { type: 'send_back' }),
);

const problem = openProblem(
  { problemStatement: 'VPN drops', impact: 2, urgency: 2, workaround: 'Reconnect.' },
  { now: new Date(start), actor: manager, newId: () => 'prb-1', tenantId: 't-1', number: 'PRB0000001' },
).record;

/** A lifecycle, a known error published from the problem (or a draft; with its root cause or not), and events it knows. */
const scenario = fc.constantFrom(...lifecycles).chain((lifecycle) =>
  fc.record({
    lifecycle: fc.constant(lifecycle),
    state: fc.constantFrom('draft' as const, 'published' as const),
    rootCause: fc.option(text, { nil: undefined }),
    events: fc.array(knownErrorEvent.filter((event) => lifecycle.events.includes(event.type)), { maxLength: 12 }),
  }),
);

interface Creation {
  readonly lifecycle: KnownErrorLifecycle;
  readonly state: 'draft' | 'published';
  readonly rootCause: string | undefined;
}

function creation({ lifecycle, state, rootCause }: Creation): RecordChange<KnownError> {
  // The problem has no root cause: where publishing requires one, a known error without it starts as a draft.
  const publishable = rootCause !== undefined || lifecycle.options.requiredFields.publish === undefined;
  return publishKnownError(
    problem,
    { title: 'VPN drops', symptom: 'Sessions end.', state: publishable ? state : 'draft', ...(rootCause === undefined ? {} : { rootCause }) },
    { now: new Date(start + 60_000), actor: manager, newId: () => 'ke-1', number: 'KE0000001', knownErrorLifecycle: lifecycle },
  ).knownError;
}
const created = (given: Creation): KnownError => creation(given).record;

function play(
  lifecycle: KnownErrorLifecycle,
  initial: KnownError,
  events: readonly AnyEvent[],
  check: (before: KnownError, result: ReturnType<typeof safeApplyKnownErrorEvent>) => void = () => undefined,
): KnownError {
  let knownError = initial;
  for (const event of events) {
    const result = safeApplyKnownErrorEvent(knownError, event, contextFor(knownError, lifecycle));
    check(knownError, result);
    if (result.success) knownError = result.data.record;
  }
  return knownError;
}

describe('known error lifecycle laws', () => {
  test.prop([scenario], { numRuns: 80 })('every accepted event leaves a valid known error one version on; every refused one is an invalid transition', (given) => {
    play(given.lifecycle, created(given), given.events, (before, result) => {
      if (result.success) {
        expect(given.lifecycle.schema.safeParse(result.data.record).error?.issues).toBeUndefined();
        expect(result.data.record.version).toBe(before.version + 1);
      } else {
        expect(result.error.code).toBe('invalid_transition');
      }
    });
  });

  test.prop([scenario], { numRuns: 80 })('applyPatches(previous, patches) gives the new known error, and applyPatches({}, patches) the created one', (given) => {
    const { record: initial, patches } = creation(given);
    expect(applyPatches({}, patches as never)).toEqual(initial);
    play(given.lifecycle, initial, given.events, (before, result) => {
      if (result.success) expect(applyPatches(before, result.data.patches as never)).toEqual(result.data.record);
    });
  });

  test.prop([scenario, knownErrorEvent], { numRuns: 50 })('a retired known error accepts no event', (given, event) => {
    const knownError = play(given.lifecycle, created(given), [...given.events, { type: 'send_back' }, { type: 'retire' }]);
    expect(knownError.state).toBe('retired');
    expect(allowedEvents(given.lifecycle, knownError)).toEqual([]);
    expect(safeApplyKnownErrorEvent(knownError, event, contextFor(knownError, given.lifecycle)).success).toBe(false);
  });

  test.prop([scenario], { numRuns: 50 })('from every reachable state a final state is reachable', (given) => {
    const knownError = play(given.lifecycle, created(given), given.events);
    const final = [[], [{ type: 'retire' }], [{ type: 'send_back' }, { type: 'retire' }]]
      .map((path) => play(given.lifecycle, knownError, path))
      .find((reached) => allowedEvents(given.lifecycle, reached).length === 0);
    expect(final?.state).toBe('retired');
  });
});

describe('known error functions given anything', () => {
  const lifecycle = lifecycles[0]!;
  const knownError = created({ lifecycle, state: 'draft', rootCause: undefined });
  const before = JSON.stringify(knownError);

  test.prop([anyValue], { numRuns: 150 })('any value as the event is a validation error, and nothing changes', (event) => {
    const result = safeApplyKnownErrorEvent(knownError, event, contextFor(knownError, lifecycle));
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    expect(JSON.stringify(knownError)).toBe(before);
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the known error is a validation error', (record) => {
    const result = safeApplyKnownErrorEvent(record, { type: 'publish' }, contextFor(knownError, lifecycle));
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });
});
