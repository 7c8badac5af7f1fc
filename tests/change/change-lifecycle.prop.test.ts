import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect } from 'vitest';
import { allowedEvents } from '../../src/index';
import { defineChangeLifecycle, safeApplyChangeEvent, type ChangeLifecycle, type ChangeRequest } from '../../src/change/index';
import { after, APPROVER_GROUPS, approver, idSource, opened, owner, requester } from './support';

enablePatches();

const lifecycles = {
  default: defineChangeLifecycle(),
  withoutDuties: defineChangeLifecycle({ approvalPolicy: { separationOfDuties: { requester: false, assignee: false, implementer: false } } }),
  withVendorState: defineChangeLifecycle({
    requiredFields: { start_implementation: ['implementer'] },
    extend: {
      states: { awaiting_window: { behavesAs: 'scheduled' } },
      transitions: [
        { event: 'await_window', from: ['scheduled'], to: 'awaiting_window', when: { field: 'assignee', exists: true } },
        { event: 'window_confirmed', from: ['awaiting_window'], to: 'scheduled' },
      ],
    },
  }),
};

type AnyEvent = { readonly type: string } & Record<string, unknown>;
const text = fc.string({ minLength: 1, maxLength: 12 });
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight });
/** Well-formed events; `decide` names the n-th approval, resolved against the change when played. */
const changeEvent: fc.Arbitrary<AnyEvent> = fc.oneof(
  weighted(3, fc.constantFrom<AnyEvent>({ type: 'assign', assignee: owner }, { type: 'assign', implementer: requester })),
  weighted(3, fc.record({ type: fc.constant('update'), risk: fc.constantFrom('low', 'moderate', 'high'), description: text }, { requiredKeys: ['type'] })),
  weighted(2, fc.record({ type: fc.constant('comment'), visibility: fc.constantFrom('work_note', 'comment'), body: text })),
  weighted(30, fc.constantFrom<AnyEvent>({ type: 'assess' }, { type: 'request_authorization' }, { type: 'schedule' }, { type: 'start_implementation' }, { type: 'close' })),
  weighted(30, fc.record({ type: fc.constant('decide'), approval: fc.nat(3), decision: fc.constantFrom('approved', 'approved', 'rejected') })),
  weighted(6, fc.record({ type: fc.constant('complete_implementation'), outcome: fc.constantFrom('successful', 'successful_with_issues', 'unsuccessful', 'backed_out') })),
  weighted(6, fc.record({ type: fc.constant('record_review'), reviewNotes: text })),
  weighted(2, fc.record({ type: fc.constantFrom('cancel', 'revert_to_new'), reason: text })),
  weighted(10, fc.constantFrom<AnyEvent>({ type: 'await_window' }, { type: 'window_confirmed', note: 'confirmed' })),
);

const scenario = fc
  .record({ lifecycle: fc.constantFrom(...Object.values(lifecycles)), type: fc.constantFrom('standard' as const, 'normal' as const, 'emergency' as const), actor: fc.constantFrom(approver, requester) })
  .chain((base) => fc.record({ ...Object.fromEntries(Object.entries(base).map(([key, value]) => [key, fc.constant(value)])), events: fc.array(changeEvent.filter((event) => base.lifecycle.events.includes(event.type)), { minLength: 10, maxLength: 50 }) }))
  .map((value) => value as { lifecycle: ChangeLifecycle; type: 'standard' | 'normal' | 'emergency'; actor: typeof approver | typeof requester; events: AnyEvent[] });

const contextFor = (change: ChangeRequest, lifecycle: ChangeLifecycle, actor: { kind: 'user'; id: string } = approver) => ({
  now: after(change.updatedAt, 1),
  actor,
  newId: idSource(`v${change.version}`),
  actorGroups: [...APPROVER_GROUPS],
  lifecycle,
});

/** The event as played: a `decide` gets the id of the n-th approval of the change. */
function concrete(change: ChangeRequest, event: AnyEvent): AnyEvent {
  if (event.type !== 'decide') return event;
  const { approval, ...rest } = event as AnyEvent & { approval: number };
  return { ...rest, approvalId: change.approvals[approval % Math.max(1, change.approvals.length)]?.id ?? 'none' };
}

function playAll(given: { lifecycle: ChangeLifecycle; type: 'standard' | 'normal' | 'emergency'; actor: { kind: 'user'; id: string }; events: AnyEvent[] }, check: (before: ChangeRequest, result: ReturnType<typeof safeApplyChangeEvent>, event: AnyEvent) => void = () => undefined): ChangeRequest {
  let change = opened(given.type, {}, given.lifecycle);
  for (const event of given.events) {
    const played = concrete(change, event);
    const result = safeApplyChangeEvent(change, played, contextFor(change, given.lifecycle, given.actor));
    check(change, result, played);
    if (result.success) change = result.data.record;
  }
  return change;
}

/** One of each event that can move a change on, for searching the state graph. */
const moves: readonly AnyEvent[] = [
  { type: 'window_confirmed' },
  { type: 'assess' },
  { type: 'request_authorization' },
  { type: 'schedule' },
  { type: 'decide', approval: 0, decision: 'approved' },
  { type: 'decide', approval: 1, decision: 'approved' },
  { type: 'assign', implementer: owner },
  { type: 'start_implementation' },
  { type: 'complete_implementation', outcome: 'successful' },
  { type: 'close', reviewNotes: 'fine' },
  { type: 'cancel', reason: 'ended' },
];

// Whole sequences per run: on a busy machine a run may take more than the default 5 s.
describe('change lifecycle laws', { timeout: 30_000 }, () => {
  test.prop([scenario], { numRuns: 40 })(
    'allowedEvents offers every event that is accepted, an accepted event moves the change one version on, and a refused one is an invalid transition listing what allowedEvents offers',
    (given) => {
      playAll(given, (before, result, event) => {
        const offered = allowedEvents(given.lifecycle, before);
        if (result.success) {
          expect(offered).toContain(event.type);
          expect(result.data.record.version).toBe(before.version + 1);
          expect(result.data.previous).toEqual(before);
        } else {
          expect(result.error.code).toBe('invalid_transition');
          if (result.error.code === 'invalid_transition') expect([...result.error.allowedEvents].sort()).toEqual([...offered].sort());
        }
      });
    },
  );

  test.prop([scenario], { numRuns: 40 })('applyPatches(previous, patches) gives the new change', (given) => {
    playAll(given, (before, result) => {
      if (result.success) expect(applyPatches(before, result.data.patches as never)).toEqual(result.data.record);
    });
  });

  test.prop([scenario], { numRuns: 40 })('the approvals of a change only grow: none is removed or reordered, and a decided one never changes', (given) => {
    playAll(given, (before, result) => {
      if (!result.success) return;
      const { approvals } = result.data.record;
      expect(approvals.length).toBeGreaterThanOrEqual(before.approvals.length);
      before.approvals.forEach((approval, index) => {
        expect(approvals[index]?.id).toBe(approval.id);
        if (approval.state !== 'requested') expect(approvals[index]).toEqual(approval);
      });
    });
  });

  test.prop([scenario], { numRuns: 40 })('from every reachable state a final state is reachable, and a final change accepts no event', (given) => {
    const seen = new Set<string>();
    let frontier = [playAll(given)];
    const finals = new Set<string>();
    while (frontier.length > 0) {
      const next: ChangeRequest[] = [];
      for (const change of frontier) {
        if (allowedEvents(given.lifecycle, change).length === 0) {
          finals.add(change.state);
          continue;
        }
        if (seen.has(change.state)) continue;
        seen.add(change.state);
        for (const move of moves.filter((candidate) => given.lifecycle.events.includes(candidate.type))) {
          const result = safeApplyChangeEvent(change, concrete(change, move), contextFor(change, given.lifecycle));
          if (result.success) next.push(result.data.record);
        }
      }
      frontier = next;
    }
    expect(finals.size).toBeGreaterThan(0);
    expect([...finals].every((state) => state === 'closed' || state === 'canceled')).toBe(true);
  });
});
