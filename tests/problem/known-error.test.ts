import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, type ValidationError } from '../../src/index';
import {
  KnownError,
  applyKnownErrorEvent,
  applyProblemEvent,
  defineKnownErrorLifecycle,
  openProblem,
  publishKnownError,
  safeApplyKnownErrorEvent,
  safeDefineKnownErrorLifecycle,
  safePublishKnownError,
  type KnownErrorLifecycle,
  type Problem,
} from '../../src/problem/index';
import { thrown } from '../support';

enablePatches();

const manager = { kind: 'user', id: 'pm-1' } as const;
const start = Date.parse('2026-11-23T08:00:00.000Z');
const at = (minutes: number): string => new Date(start + minutes * 60_000).toISOString();
let ids = 0;
const context = (minutes: number) => ({ now: at(minutes), actor: manager, newId: () => `id-${++ids}` });
const rootCause = 'The gateway rekeys with a retired cipher.';
const workaround = 'Reconnect; or pin the client to the legacy profile.';

const problem: Problem = openProblem(
  { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2, configurationItems: ['ci-vpn-gw-1'], rootCause, workaround },
  { ...context(0), newId: () => 'prb-1', tenantId: 't-1', number: 'PRB0001001' },
).record;
const input = { title: 'VPN drops at rekey', symptom: 'Remote sessions end every 30 minutes with "peer not responding".' };
const publishing = (minutes: number, extra: { knownErrorLifecycle?: KnownErrorLifecycle } = {}) => ({ ...context(minutes), newId: () => 'ke-1', number: 'KE0001001', ...extra });

describe('publishKnownError', () => {
  it('creates a published known error from the problem and links it from the problem', () => {
    const { problem: linked, knownError } = publishKnownError(problem, input, publishing(10));
    expect(knownError.record).toEqual({
      id: 'ke-1',
      tenantId: 't-1',
      number: 'KE0001001',
      version: 1,
      createdAt: at(10),
      updatedAt: at(10),
      openedBy: manager,
      problem: 'prb-1',
      ...input,
      rootCause,
      workaround,
      affectedConfigurationItems: ['ci-vpn-gw-1'],
      state: 'published',
      publishedAt: at(10),
    });
    expect(KnownError.safeParse(knownError.record).success).toBe(true);
    expect(knownError.previous).toBeUndefined();
    expect(applyPatches({}, knownError.patches as never)).toEqual(knownError.record);
    expect(knownError.events.map((event) => [event.type, event.version])).toEqual([
      ['known_error.opened', 1],
      ['known_error.published', 1],
    ]);

    expect(linked.record).toMatchObject({ knownErrors: ['ke-1'], version: problem.version + 1, state: 'new' });
    expect(linked.events).toMatchObject([{ type: 'problem.known_error_published', data: { knownError: 'ke-1' } }]);
  });

  it('creates a draft when asked, with the wording given instead of the problem’s', () => {
    const { knownError } = publishKnownError(problem, { ...input, state: 'draft', workaround: 'Use the backup VPN.', affectedConfigurationItems: [] }, publishing(10));
    expect(knownError.record).toMatchObject({ state: 'draft', workaround: 'Use the backup VPN.', rootCause, affectedConfigurationItems: [] });
    expect(knownError.record.publishedAt).toBeUndefined();
    expect(knownError.events.map((event) => event.type)).toEqual(['known_error.opened']);
  });

  it('refuses a problem without a workaround, saying so, and creates nothing', () => {
    const { workaround: _workaround, ...withoutWorkaround } = problem;
    let issued = 0;
    const result = safePublishKnownError(withoutWorkaround, input, { ...publishing(10), newId: () => `ke-${++issued}` });
    expect(result.success).toBe(false);
    const error = result.success ? undefined : result.error;
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).refusedBy).toEqual([
      { guard: 'workaroundRecorded', reason: 'the problem has no workaround; record_workaround first: a known error exists to share one' },
    ]);
    expect(error?.message).toContain('no workaround');
    // A workaround in the input does not stand in for the problem's own.
    expect(safePublishKnownError(withoutWorkaround, { ...input, workaround }, publishing(10)).success).toBe(false);
  });

  it('refuses a closed problem', () => {
    const closed = applyProblemEvent(problem, { type: 'cancel', reason: 'logged twice' }, context(5)).record;
    const error = thrown(() => publishKnownError(closed, input, publishing(10)));
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).allowedEvents).toEqual([]);
  });

  it('publishes from a resolved problem too: a known error outlives an accepted risk', () => {
    const assessed = applyProblemEvent(problem, { type: 'assess' }, context(1)).record;
    const resolved = applyProblemEvent(assessed, { type: 'accept_risk', reason: 'replaced next quarter' }, context(2)).record;
    expect(publishKnownError(resolved, input, publishing(10)).problem.record).toMatchObject({ state: 'resolved', knownErrors: ['ke-1'] });
  });

  it('applies the known error lifecycle’s required fields to publication', () => {
    const knownErrorLifecycle = defineKnownErrorLifecycle({ requiredFields: { publish: ['rootCause'] } });
    const { rootCause: _rootCause, rootCauseIdentifiedAt: _identified, ...withoutCause } = problem;
    const error = thrown(() => publishKnownError(withoutCause, input, publishing(10, { knownErrorLifecycle })));
    expect((error as InvalidTransitionError).refusedBy).toEqual([{ guard: 'requiredFields', reason: 'rootCause is required to publish' }]);
    // A draft is not published, so it may wait for its root cause.
    expect(publishKnownError(withoutCause, { ...input, state: 'draft' }, publishing(10, { knownErrorLifecycle })).knownError.record.state).toBe('draft');
  });

  it('names every bad field of the input and the context', () => {
    const result = safePublishKnownError(problem, { title: '', state: 'retired' }, publishing(10));
    expect(result.success ? [] : (result.error as ValidationError).issues.map((issue) => issue.path)).toEqual([['title'], ['symptom'], ['state']]);
    const noNumber = safePublishKnownError(problem, input, { ...publishing(10), number: '' });
    expect(noNumber.success ? [] : (noNumber.error as ValidationError).issues.map((issue) => issue.path)).toEqual([['number']]);
    const badId = safePublishKnownError(problem, input, { ...publishing(10), newId: () => '' });
    expect(badId.success ? [] : (badId.error as ValidationError).issues.map((issue) => issue.path)).toEqual([['newId']]);
    const wrongLifecycle = safePublishKnownError(problem, input, { ...publishing(10), knownErrorLifecycle: {} as KnownErrorLifecycle });
    expect(wrongLifecycle.success ? [] : (wrongLifecycle.error as ValidationError).issues.map((issue) => issue.path)).toEqual([['knownErrorLifecycle']]);
  });
});

describe('applyKnownErrorEvent', () => {
  const draft = publishKnownError(problem, { ...input, state: 'draft' }, publishing(10)).knownError.record;

  it('rewords a draft, publishes it, and retires it with the reason in the event', () => {
    const updated = applyKnownErrorEvent(draft, { type: 'update', title: 'VPN drops at IPsec rekey' }, context(11)).record;
    expect(updated).toMatchObject({ title: 'VPN drops at IPsec rekey', state: 'draft', version: 2 });
    const published = applyKnownErrorEvent(updated, { type: 'publish' }, context(12)).record;
    expect(published).toMatchObject({ state: 'published', publishedAt: at(12) });
    const retired = applyKnownErrorEvent(published, { type: 'retire', reason: 'fixed by CHG0000042' }, context(13));
    expect(retired.record).toMatchObject({ state: 'retired', publishedAt: at(12), retiredAt: at(13) });
    expect(retired.events).toMatchObject([{ type: 'known_error.retired', data: { from: 'published', to: 'retired', reason: 'fixed by CHG0000042' } }]);
  });

  it('retires a draft that was never published', () => {
    expect(applyKnownErrorEvent(draft, { type: 'retire' }, context(11)).record).toMatchObject({ state: 'retired', retiredAt: at(11) });
  });

  it('refuses what the state does not allow, listing what it does', () => {
    const published = applyKnownErrorEvent(draft, { type: 'publish' }, context(11)).record;
    const again = safeApplyKnownErrorEvent(published, { type: 'publish' }, context(12));
    expect(again.success ? [] : (again.error as InvalidTransitionError).allowedEvents).toEqual(['update', 'retire']);
    const retired = applyKnownErrorEvent(published, { type: 'retire' }, context(12)).record;
    expect((thrown(() => applyKnownErrorEvent(retired, { type: 'update', title: 'x' }, context(13))) as InvalidTransitionError).allowedEvents).toEqual([]);
  });

  it('adds a review state that behaves as a draft, with a transition guarded by a condition', () => {
    const lifecycle = defineKnownErrorLifecycle({
      extend: {
        states: { in_review: { behavesAs: 'draft', description: 'checked by the knowledge manager' } },
        transitions: [{ event: 'submit_for_review', from: ['draft'], to: 'in_review', when: { field: 'rootCause', exists: true }, reason: 'describe the root cause first' }],
      },
    });
    const { rootCause: _rootCause, ...withoutCause } = draft;
    const refused = safeApplyKnownErrorEvent(withoutCause, { type: 'submit_for_review' }, { ...context(11), lifecycle });
    expect(refused.success ? [] : (refused.error as InvalidTransitionError).refusedBy).toEqual([{ guard: 'submit_for_review.when', reason: 'describe the root cause first' }]);
    const inReview = applyKnownErrorEvent(draft, { type: 'submit_for_review' } as never, { ...context(11), lifecycle }).record;
    expect(inReview.state).toBe('in_review');
    expect(lifecycle.schema.safeParse(inReview).success).toBe(true);
    expect(applyKnownErrorEvent(inReview, { type: 'publish' }, { ...context(12), lifecycle }).record.state).toBe('published');
  });

  it('names the path of every mistake in an extension', () => {
    const result = safeDefineKnownErrorLifecycle({
      extend: { states: { archived: { behavesAs: 'retired' } }, transitions: [{ event: 'publish', from: ['draft'] }] },
      requiredFields: { approve: ['title'] },
    });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path)).toEqual([
      ['extend', 'states', 'archived', 'behavesAs'],
      ['extend', 'transitions', 0, 'event'],
      ['requiredFields', 'approve'],
    ]);
  });
});
