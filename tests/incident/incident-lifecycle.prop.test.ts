import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches } from 'immer';
import { describe, expect } from 'vitest';
import {
  defineCalendar,
  defineIncidentLifecycle,
  Incident,
  isItsmError,
  openIncident,
  safeApplyIncidentEvent,
  safeOpenIncident,
  type IncidentChange,
  type IncidentContext,
  type IncidentLifecycle,
  type InvalidTransitionError,
  type OpenIncidentContext,
  type SafeResult,
  type ValidationError,
} from '../../src/index';
import { anyValue } from '../support';
import { agent, caller, desk, OPENED, otherAgent, scheduler } from './support';

enablePatches();

const DAY = 86_400_000;
const office = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
});
const calendars = { office };

/** Lifecycles that between them switch every option on and off. */
const lifecycles: Readonly<Record<string, IncidentLifecycle>> = {
  default: defineIncidentLifecycle(),
  permissive: defineIncidentLifecycle({
    reopen: { allowed: true, fromClosed: true, withinMs: 3 * DAY },
    autoClose: { businessDays: 1, calendar: 'office' },
    resolveChildrenWithParent: true,
    requiredFields: { resolve: ['category'] },
  }),
  vendor: defineIncidentLifecycle({
    onHoldReasons: ['awaiting_caller', 'awaiting_parts'],
    callerUpdateResumes: ['awaiting_parts'],
    resolutionCodes: ['fixed', 'duplicate'],
    reopen: { allowed: false },
    extend: {
      states: { awaiting_vendor: { behavesAs: 'in_progress' }, triage: { behavesAs: 'new' } },
      transitions: [
        { event: 'hand_to_vendor', from: ['in_progress', 'triage'], to: 'awaiting_vendor' },
        { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'in_progress' },
        { event: 'send_to_triage', from: ['new'], to: 'triage' },
        { event: 'escalate', from: ['new', 'in_progress', 'awaiting_vendor'], when: { field: 'priority', lte: 2 } },
      ],
    },
  }),
};
const lifecycleName = fc.constantFrom(...Object.keys(lifecycles));
const lifecycleOf = (name: string): IncidentLifecycle => lifecycles[name] ?? lifecycles.default!;

// Payload values: mostly valid, some not.
const person = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(caller, agent, agent, otherAgent, scheduler, desk) }, { weight: 1, arbitrary: fc.constant({ kind: 'robot', id: 'r2' }) });
const text = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('Checked the logs', 'Called the caller', 'x') }, { weight: 1, arbitrary: fc.constantFrom('', 42) });
const code = fc.constantFrom('awaiting_caller', 'awaiting_vendor', 'awaiting_parts', 'solved_permanently', 'duplicate', 'fixed', 'bogus', '');
const level = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 4, 99, 100, -1, 1.5, '2') });
const reference = fc.constantFrom('prb-1', 'chg-2', 'inc-major', 'inc-1', '');
const attachment = fc.record({
  id: fc.constantFrom('att-1', 'att-2'),
  fileName: fc.constant('log.txt'),
  contentType: fc.constantFrom('text/plain', 'not a type'),
  sizeBytes: fc.constantFrom(10, -1),
  storageKey: fc.constant('blobs/1'),
  uploadedBy: person,
  uploadedAt: fc.constant(OPENED),
});

/** An event of `type`: the payload's `required` keys always there, the `optional` ones sometimes. */
const event = (type: string, required: Record<string, fc.Arbitrary<unknown>> = {}, optional: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.record({ type: fc.constant(type), ...required, ...optional }, { requiredKeys: ['type', ...Object.keys(required)] as never });

/** Events in the shapes of `IncidentEvent` and the vendor's added ones, with valid and invalid payloads. */
const incidentEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    // Weighted so that a sequence wanders through every state before it ends in a final one.
    fc.oneof(
      { weight: 3, arbitrary: event('assign', {}, { assignmentGroup: person, assignee: person }) },
      { weight: 4, arbitrary: event('start', {}, { note: text }) },
      { weight: 3, arbitrary: event('update', {}, { shortDescription: text, description: text, category: code, impact: level, urgency: level }) },
      { weight: 6, arbitrary: event('comment', { visibility: fc.constantFrom('work_note', 'comment', 'comment', 'public'), body: text }) },
      { weight: 2, arbitrary: event('attach', { attachment }) },
      { weight: 2, arbitrary: event('link', {}, { problem: reference, changeRequest: reference, parentIncident: reference }) },
      { weight: 5, arbitrary: event('put_on_hold', { reason: code }, { note: text }) },
      { weight: 3, arbitrary: event('resume', {}, { note: text }) },
      { weight: 6, arbitrary: event('resolve', { resolutionCode: code, resolutionNotes: text }) },
      { weight: 4, arbitrary: event('reopen', { reason: text }) },
      { weight: 2, arbitrary: event('close', {}, { note: text }) },
      { weight: 2, arbitrary: event('auto_close') },
      { weight: 1, arbitrary: event('cancel', { reason: text }) },
      { weight: 4, arbitrary: event('propose_major', { reason: text }) },
      { weight: 3, arbitrary: event('accept_major', {}, { note: text }) },
      { weight: 2, arbitrary: event('reject_major', { reason: text }) },
      { weight: 3, arbitrary: event('hand_to_vendor', {}, { note: text }) },
      { weight: 2, arbitrary: event('vendor_replied', {}, { note: text }) },
      { weight: 2, arbitrary: event('send_to_triage') },
      { weight: 2, arbitrary: event('escalate', {}, { note: text }) },
      { weight: 1, arbitrary: event('explode') },
    ),
    fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  )
  .map(([payload, noisy]) => (noisy ? { ...payload, colour: 'red' } : payload));

/** One step: the event, who gives it, and how long after the incident's last change (sometimes at the same instant). */
const step = fc.record({
  event: incidentEvent,
  actor: person,
  laterMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 * DAY })),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const openInput = fc.record(
  {
    shortDescription: fc.constant('VPN drops every ten minutes'),
    caller: fc.constant(caller),
    impact: fc.integer({ min: 1, max: 3 }),
    urgency: fc.integer({ min: 1, max: 3 }),
    category: fc.constantFrom('network', 'email'),
    parentIncident: fc.constant('inc-major'),
  },
  { requiredKeys: ['shortDescription', 'caller', 'impact', 'urgency'] },
);

const scenario = fc.record({ lifecycle: lifecycleName, input: openInput, steps: fc.array(step, { minLength: 1, maxLength: 40, size: 'medium' }) });
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const FINAL = ['closed', 'canceled'];

/** One valid event of every type the lifecycles know, to try on a final incident besides the random ones. */
const everyEvent: readonly Step[] = [
  { type: 'assign', assignee: agent },
  { type: 'start' },
  { type: 'update', urgency: 1 },
  { type: 'comment', visibility: 'comment', body: 'Hello?' },
  { type: 'attach', attachment: { id: 'att-9', fileName: 'a.txt', contentType: 'text/plain', sizeBytes: 1, storageKey: 'k', uploadedBy: agent, uploadedAt: OPENED } },
  { type: 'link', problem: 'prb-1' },
  { type: 'put_on_hold', reason: 'awaiting_caller' },
  { type: 'resume' },
  { type: 'resolve', resolutionCode: 'duplicate', resolutionNotes: 'dup' },
  { type: 'reopen', reason: 'again' },
  { type: 'close' },
  { type: 'auto_close' },
  { type: 'cancel', reason: 'gone' },
  { type: 'propose_major', reason: 'many' },
  { type: 'accept_major' },
  { type: 'reject_major', reason: 'few' },
  { type: 'hand_to_vendor' },
  { type: 'vendor_replied' },
  { type: 'send_to_triage' },
  { type: 'escalate' },
].flatMap((payload) => [caller, agent].map((actor, index) => ({ event: payload, actor, laterMs: index === 0 ? 60_000 : 30 * DAY })));

interface Observed {
  readonly before: Incident;
  readonly given: Incident;
  readonly step: Step;
  readonly now: string;
  readonly result: SafeResult<IncidentChange, ValidationError | InvalidTransitionError>;
}

/**
 * Opens the scenario's incident and applies its steps, each to a mutable copy of the incident
 * so that a change to the input would show; calls `observe` after each step.
 */
function run(story: Scenario, observe: (observed: Observed) => void = () => undefined): Incident {
  const lifecycle = lifecycleOf(story.lifecycle);
  let ids = 0;
  const newId = (): string => `id-${++ids}`;
  let incident = openIncident(story.input, { now: OPENED, actor: agent, newId, tenantId: 'acme', number: 'INC0000001', lifecycle }).record;
  for (const taken of story.steps) {
    const now = new Date(Date.parse(incident.updatedAt) + taken.laterMs).toISOString();
    const given = structuredClone(incident);
    const result = safeApplyIncidentEvent(given, taken.event, { now, actor: taken.actor as IncidentContext['actor'], newId, lifecycle, calendars });
    observe({ before: incident, given, step: taken, now, result });
    if (result.success) incident = result.data.record;
  }
  return incident;
}

/** The schema a lifecycle's records follow: `Incident` itself unless the lifecycle adds states. */
const schemaOf = (name: string) => (name === 'vendor' ? lifecycleOf(name).schema : Incident);

describe('incident lifecycle laws', () => {
  test.prop([scenario], { numRuns: 100 })(
    'every accepted event leaves a valid incident, exactly one version later, with the same id, tenant, number and createdAt',
    (story) => {
      run(story, ({ before, now, result }) => {
        if (!result.success) return;
        const { record } = result.data;
        expect(schemaOf(story.lifecycle).safeParse(record).success).toBe(true);
        expect(record.version).toBe(before.version + 1);
        expect(record.updatedAt).toBe(now);
        expect({ id: record.id, tenantId: record.tenantId, number: record.number, createdAt: record.createdAt, openedAt: record.openedAt }).toEqual({
          id: before.id,
          tenantId: before.tenantId,
          number: before.number,
          createdAt: before.createdAt,
          openedAt: before.openedAt,
        });
      });
    },
  );

  test.prop([scenario], { numRuns: 100 })(
    'an event never changes the incident it is given, and a refused one is a validation or invalid_transition error',
    (story) => {
      run(story, ({ before, given, result }) => {
        expect(given).toEqual(before);
        if (result.success) return;
        expect(isItsmError(result.error)).toBe(true);
        expect(['validation', 'invalid_transition']).toContain(result.error.code);
      });
    },
  );

  test.prop([scenario], { numRuns: 100 })('applyPatches(previous, patches) gives the record, and previous is the incident given', (story) => {
    run(story, ({ before, result }) => {
      if (!result.success) return;
      const { previous, patches, record } = result.data;
      expect(previous).toEqual(before);
      expect(applyPatches(before, patches as never)).toEqual(record);
    });
  });

  test.prop([scenario], { numRuns: 100 })('every accepted event raises a domain event of the incident at the new version, by the actor', (story) => {
    run(story, ({ before, step: taken, now, result }) => {
      if (!result.success) return;
      const [first] = result.data.events;
      expect(first).toMatchObject({ tenantId: before.tenantId, recordId: before.id, number: before.number, version: before.version + 1, at: now, actor: taken.actor });
      expect(first?.data).toMatchObject({ from: { state: before.state, major: before.major }, to: { state: result.data.record.state, major: result.data.record.major } });
    });
  });

  test.prop([scenario, fc.array(step, { minLength: 1, maxLength: 12 })], { numRuns: 100 })(
    'from every reachable state, canceling or closing reaches a final state, which then takes no event but reopen from closed where the lifecycle allows it',
    (story, afterwards) => {
      const lifecycle = lifecycleOf(story.lifecycle);
      const reached = run(story);
      const context = { now: new Date(Date.parse(reached.updatedAt) + 60_000), actor: agent, newId: () => 'id-final', lifecycle, calendars };
      const canceled = safeApplyIncidentEvent(reached, { type: 'cancel', reason: 'No longer needed' }, context);
      const ended = canceled.success ? canceled : safeApplyIncidentEvent(reached, { type: 'close' }, context);
      const final = ended.success ? ended.data.record : reached;
      expect(FINAL).toContain(final.state);

      let ids = 0;
      for (const taken of [...everyEvent, ...afterwards]) {
        const result = safeApplyIncidentEvent(final, taken.event, {
          now: new Date(Date.parse(final.updatedAt) + taken.laterMs),
          actor: taken.actor as IncidentContext['actor'],
          newId: () => `id-after-${++ids}`,
          lifecycle,
          calendars,
        });
        if (result.success) {
          expect(final.state).toBe('closed');
          expect(taken.event.type).toBe('reopen');
          expect(lifecycle.options.reopen).toMatchObject({ allowed: true, fromClosed: true });
        }
      }
    },
  );

  test.prop([scenario], { numRuns: 100 })('a closed or canceled incident met along the way takes no event but reopen from closed where the lifecycle allows it', (story) => {
    const lifecycle = lifecycleOf(story.lifecycle);
    run(story, ({ before, step: taken, result }) => {
      if (!result.success || !FINAL.includes(before.state)) return;
      expect([before.state, taken.event.type]).toEqual(['closed', 'reopen']);
      expect(lifecycle.options.reopen.fromClosed).toBe(true);
    });
  });
});

describe('bad input of any kind', () => {
  const incident = openIncident({ shortDescription: 'VPN down', caller, impact: 2, urgency: 2 }, { now: OPENED, actor: agent, newId: () => 'inc-1', tenantId: 'acme', number: 'INC0000001' }).record;
  const applyContext: IncidentContext = { now: new Date(Date.parse(OPENED) + 60_000), actor: agent, newId: () => 'id-1', calendars };
  const openContext: OpenIncidentContext = { now: OPENED, actor: agent, newId: () => 'inc-1', tenantId: 'acme', number: 'INC0000001' };
  const validation = (result: { success: boolean; error?: { code: string } }): void => {
    expect(result.success).toBe(false);
    expect(result.error?.code).toBe('validation');
  };

  test.prop([anyValue], { numRuns: 300 })('any value as the event gives a validation error and never throws', (value) => {
    validation(safeApplyIncidentEvent(incident, value, applyContext));
  });

  test.prop([anyValue], { numRuns: 300 })('any value as the incident gives a validation error and never throws', (value) => {
    validation(safeApplyIncidentEvent(value, { type: 'start' }, applyContext));
  });

  test.prop([anyValue], { numRuns: 300 })('any value as the open input gives a validation error and never throws', (value) => {
    validation(safeOpenIncident(value, openContext));
  });

  test.prop([anyValue], { numRuns: 300 })('any value as the context gives a validation error and never throws', (value) => {
    validation(safeApplyIncidentEvent(incident, { type: 'start' }, value as IncidentContext));
    validation(safeOpenIncident({ shortDescription: 'VPN down', caller, impact: 2, urgency: 2 }, value as OpenIncidentContext));
  });

  const applyFields = ['now', 'actor', 'newId', 'lifecycle', 'priorityMatrix', 'calendars', 'children'] as const;
  test.prop([fc.constantFrom(...applyFields), anyValue], { numRuns: 400 })(
    'a context with any one field replaced by any value is accepted or refused naming that field, and never throws',
    (field, value) => {
      const result = safeApplyIncidentEvent(incident, { type: 'comment', visibility: 'comment', body: 'On it' }, { ...applyContext, [field]: value });
      if (result.success) return;
      expect(result.error.code).toBe('validation');
      expect((result.error as ValidationError).issues.map((found) => found.path[0])).toContain(field);
    },
  );

  const openFields = ['now', 'actor', 'newId', 'tenantId', 'number', 'lifecycle', 'priorityMatrix'] as const;
  test.prop([fc.constantFrom(...openFields), anyValue], { numRuns: 400 })(
    'an open context with any one field replaced by any value is accepted or refused naming that field, and never throws',
    (field, value) => {
      const result = safeOpenIncident({ shortDescription: 'VPN down', caller, impact: 2, urgency: 2 }, { ...openContext, [field]: value });
      if (result.success) return;
      expect(result.error.code).toBe('validation');
      expect(result.error.issues.map((found) => found.path[0])).toContain(field);
    },
  );
});
