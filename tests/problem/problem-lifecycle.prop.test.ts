import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect } from 'vitest';
import { allowedEvents } from '../../src/index';
import {
  defineProblemLifecycle,
  openProblem,
  safeApplyProblemEvent,
  safeOpenProblem,
  safePublishKnownError,
  type Problem,
  type ProblemEvent,
  type ProblemLifecycle,
} from '../../src/problem/index';
import { anyValue } from '../support';

enablePatches();

const manager = { kind: 'user', id: 'pm-1' } as const;
const start = Date.parse('2026-11-23T08:00:00.000Z');
let ids = 0;
const newId = (): string => `id-${++ids}`;
/** A minute after the record's last change. */
const contextFor = (record: { updatedAt: string }, lifecycle: ProblemLifecycle) => ({ now: new Date(Date.parse(record.updatedAt) + 60_000), actor: manager, newId, lifecycle });

const lifecycles = {
  default: defineProblemLifecycle(),
  withoutReanalysis: defineProblemLifecycle({ reanalyze: { allowed: false } }),
  withVendorState: defineProblemLifecycle({
    requiredFields: { resolve: ['assignee'] },
    extend: {
      states: { awaiting_vendor: { behavesAs: 'root_cause_analysis' } },
      transitions: [
        { event: 'escalate_to_vendor', from: ['root_cause_analysis', 'fix_in_progress'], to: 'awaiting_vendor', when: { field: 'assignee', exists: true } },
        { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'root_cause_analysis' },
        { event: 'chase_vendor', from: ['awaiting_vendor'] },
      ],
    },
  }),
};

type AnyEvent = ProblemEvent | { readonly type: string; readonly note?: string };

const text = fc.string({ minLength: 1, maxLength: 12 });
const level = fc.integer({ min: 1, max: 3 });
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight });
/**
 * Well-formed events of every type, this problem's own id among the duplicates. The events that
 * move a problem on are weighted up, so sequences get past `new`; cancel is weighted down, so
 * they do not all end early.
 */
const problemEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  weighted(6, fc.constantFrom<AnyEvent>({ type: 'assign', assignee: manager }, { type: 'assign', assignmentGroup: { kind: 'group', id: 'g-1' } })),
  weighted(3, fc.record({ type: fc.constant('update' as const), impact: level, urgency: level }, { requiredKeys: ['type'] })),
  weighted(3, fc.record({ type: fc.constant('comment' as const), visibility: fc.constantFrom('work_note' as const, 'comment' as const), body: text })),
  weighted(3, fc.record({ type: fc.constant('link' as const), incident: fc.constantFrom('inc-1', 'inc-2'), changeRequest: fc.constantFrom('chg-1', 'chg-2') }, { requiredKeys: ['type', 'incident'] })),
  weighted(48, fc.constantFrom<AnyEvent>({ type: 'assess' }, { type: 'start_analysis', note: 'go' }, { type: 'start_fix' }, { type: 'close' })),
  weighted(12, fc.record({ type: fc.constant('record_root_cause' as const), rootCause: text })),
  weighted(3, fc.record({ type: fc.constant('record_workaround' as const), workaround: text })),
  weighted(12, fc.record({ type: fc.constant('resolve' as const), fix: text })),
  weighted(6, fc.record({ type: fc.constantFrom('accept_risk' as const, 'reanalyze' as const), reason: text })),
  weighted(1, fc.record({ type: fc.constant('cancel' as const), reason: text })),
  weighted(3, fc.record({ type: fc.constant('mark_duplicate' as const), duplicateOf: fc.constantFrom('prb-0', 'prb-1') })),
  weighted(3, fc.record({ type: fc.constant('publish_known_error' as const), knownError: fc.constantFrom('ke-1', 'ke-2') })),
  weighted(36, fc.constantFrom<AnyEvent>({ type: 'escalate_to_vendor', note: 'case 1' }, { type: 'vendor_replied' }, { type: 'chase_vendor' })),
);

const opened = (lifecycle: ProblemLifecycle): Problem =>
  openProblem(
    { problemStatement: 'VPN drops', impact: 2, urgency: 2 },
    { now: new Date(start), actor: manager, newId: () => 'prb-1', tenantId: 't-1', number: 'PRB0000001', lifecycle },
  ).record;

/** A lifecycle, and a sequence of events it knows. */
const scenario = fc.constantFrom(...Object.values(lifecycles)).chain((lifecycle) =>
  fc.record({ lifecycle: fc.constant(lifecycle), events: fc.array(problemEvent.filter((event) => lifecycle.events.includes(event.type)), { minLength: 10, maxLength: 60 }) }),
);

/** Applies the events, keeping the accepted ones; calls `check` after each. */
function play(lifecycle: ProblemLifecycle, events: readonly AnyEvent[], check: (before: Problem, result: ReturnType<typeof safeApplyProblemEvent>) => void = () => undefined): Problem {
  let problem = opened(lifecycle);
  for (const event of events) {
    const result = safeApplyProblemEvent(problem, event, contextFor(problem, lifecycle));
    check(problem, result);
    if (result.success) problem = result.data.record;
  }
  return problem;
}

/** Ends a problem: back from a vendor state, then cancel while open, close once resolved. */
function endFrom(lifecycle: ProblemLifecycle, problem: Problem): Problem {
  let current = problem;
  for (const event of [{ type: 'vendor_replied' }, { type: 'cancel', reason: 'ended' }, { type: 'close' }]) {
    const result = safeApplyProblemEvent(current, event, contextFor(current, lifecycle));
    if (result.success) current = result.data.record;
  }
  return current;
}

/** Concrete steps for searching the state graph: one of each event that can move a problem. */
const moves: readonly AnyEvent[] = [
  { type: 'assess' },
  { type: 'start_analysis' },
  { type: 'record_root_cause', rootCause: 'found' },
  { type: 'start_fix' },
  { type: 'assign', assignee: manager },
  { type: 'resolve', fix: 'fixed' },
  { type: 'accept_risk', reason: 'cheap' },
  { type: 'mark_duplicate', duplicateOf: 'prb-0' },
  { type: 'cancel', reason: 'ended' },
  { type: 'reanalyze', reason: 'again' },
  { type: 'close' },
  { type: 'vendor_replied' },
];

describe('problem lifecycle laws', () => {
  test.prop([scenario], { numRuns: 60 })('every accepted event leaves a valid problem one version on; every refused one is an invalid transition', ({ lifecycle, events }) => {
    play(lifecycle, events, (before, result) => {
      if (result.success) {
        expect(lifecycle.schema.safeParse(result.data.record).error?.issues).toBeUndefined();
        expect(result.data.record.version).toBe(before.version + 1);
        expect(result.data.previous).toEqual(before);
      } else {
        expect(result.error.code).toBe('invalid_transition');
      }
    });
  });

  test.prop([scenario], { numRuns: 60 })('applyPatches(previous, patches) gives the new problem', ({ lifecycle, events }) => {
    play(lifecycle, events, (before, result) => {
      if (result.success) expect(applyPatches(before, result.data.patches as never)).toEqual(result.data.record);
    });
  });

  test.prop([scenario, problemEvent], { numRuns: 50 })('a closed problem accepts no event', ({ lifecycle, events }, event) => {
    const closed = endFrom(lifecycle, play(lifecycle, events));
    expect(closed.state).toBe('closed');
    expect(allowedEvents(lifecycle, closed)).toEqual([]);
    const result = safeApplyProblemEvent(closed, event, contextFor(closed, lifecycle));
    expect(result.success).toBe(false);
  });

  test.prop([scenario], { numRuns: 50 })('from every reachable state a final state is reachable', ({ lifecycle, events }) => {
    // Breadth-first over the states the domain function reaches with the moves.
    const seen = new Set<string>();
    let frontier = [play(lifecycle, events)];
    let final: Problem | undefined;
    while (frontier.length > 0 && final === undefined) {
      const next: Problem[] = [];
      for (const problem of frontier) {
        if (allowedEvents(lifecycle, problem).length === 0) final = problem;
        if (seen.has(problem.state)) continue;
        seen.add(problem.state);
        for (const move of moves.filter((candidate) => lifecycle.events.includes(candidate.type))) {
          const result = safeApplyProblemEvent(problem, move, contextFor(problem, lifecycle));
          if (result.success) next.push(result.data.record);
        }
      }
      frontier = next;
    }
    expect(final?.state).toBe('closed');
  });

  test.prop([scenario], { numRuns: 50 })('publishKnownError succeeds exactly when the problem has a workaround and is not closed', ({ lifecycle, events }) => {
    const problem = play(lifecycle, events);
    const result = safePublishKnownError(problem, { title: 'VPN drops', symptom: 'Sessions end.' }, { ...contextFor(problem, lifecycle), number: 'KE0000001' });
    const publishable = problem.workaround !== undefined && problem.state !== 'closed';
    expect(result.success).toBe(publishable);
    if (result.success) {
      expect(lifecycle.schema.safeParse(result.data.problem.record).success).toBe(true);
      expect(result.data.problem.record.knownErrors).toContain(result.data.knownError.record.id);
      expect(applyPatches({}, result.data.knownError.patches as never)).toEqual(result.data.knownError.record);
    } else {
      expect(result.error.code).toBe('invalid_transition');
    }
  });
});

describe('problem functions given anything', () => {
  const problem = opened(lifecycles.default);
  const before = JSON.stringify(problem);

  test.prop([anyValue], { numRuns: 150 })('any value as the event is a validation error, and nothing changes', (event) => {
    const result = safeApplyProblemEvent(problem, event, contextFor(problem, lifecycles.default));
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    expect(JSON.stringify(problem)).toBe(before);
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the problem is a validation error', (record) => {
    const result = safeApplyProblemEvent(record, { type: 'assess' }, contextFor(problem, lifecycles.default));
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the input of openProblem is a validation error', (input) => {
    const result = safeOpenProblem(input, { now: new Date(start), actor: manager, newId, tenantId: 't-1', number: 'PRB0000002' });
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([anyValue], { numRuns: 150 })('any value as the input of publishKnownError is a validation error, and no id is issued', (input) => {
    let issued = 0;
    const withWorkaround = { ...problem, workaround: 'Reconnect.' };
    const result = safePublishKnownError(withWorkaround, input, { ...contextFor(problem, lifecycles.default), newId: () => `ke-${++issued}`, number: 'KE0000001' });
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    expect(issued).toBe(0);
  });
});
