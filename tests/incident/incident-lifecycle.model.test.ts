import { describe, expect, it } from 'vitest';
import {
  defineCalendar,
  defineIncidentLifecycle,
  openIncident,
  safeApplyIncidentEvent,
  type Incident,
  type IncidentEvent,
} from '../../src/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';

const caller = { kind: 'user', id: 'caller-1' } as const;
const agent = { kind: 'user', id: 'agent-1' } as const;
const opened = Date.parse('2026-11-23T08:00:00.000Z');
const desk = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '08:00', end: '18:00' }], tuesday: [{ start: '08:00', end: '18:00' }], wednesday: [{ start: '08:00', end: '18:00' }], thursday: [{ start: '08:00', end: '18:00' }], friday: [{ start: '08:00', end: '18:00' }] } });
const lifecycle = defineIncidentLifecycle({ reopen: { allowed: true, fromClosed: true }, autoClose: { businessDays: 2, calendar: 'desk' }, resolveChildrenWithParent: true });

interface Step extends ModelStep {
  readonly event: IncidentEvent;
  readonly actor?: typeof caller | typeof agent;
  /** How long after the record's last change the step happens. */
  readonly laterMs?: number;
}

const step = (event: IncidentEvent, label: string = event.type, extra: Omit<Step, 'type' | 'label' | 'event'> = {}): Step => ({ type: event.type, label, event, ...extra });

const steps: readonly Step[] = [
  step({ type: 'assign', assignee: agent, assignmentGroup: { kind: 'group', id: 'desk' } }),
  step({ type: 'start' }),
  step({ type: 'update', urgency: 3 }),
  step({ type: 'comment', visibility: 'work_note', body: 'checked logs' }),
  step({ type: 'comment', visibility: 'comment', body: 'works again' }, 'comment by caller', { actor: caller }),
  step({ type: 'attach', attachment: { id: 'a-1', fileName: 'log.txt', contentType: 'text/plain', sizeBytes: 10, storageKey: 'k', uploadedBy: agent, uploadedAt: '2026-11-23T08:00:00.000Z' } }),
  step({ type: 'link', problem: 'prb-1' }),
  step({ type: 'put_on_hold', reason: 'awaiting_caller' }),
  step({ type: 'resume' }),
  step({ type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'restarted' }),
  step({ type: 'reopen', reason: 'still broken' }),
  step({ type: 'close' }),
  step({ type: 'auto_close' }, 'auto_close a week later', { laterMs: 7 * 86_400_000 }),
  step({ type: 'cancel', reason: 'logged twice' }),
  step({ type: 'propose_major', reason: 'many callers' }),
  step({ type: 'accept_major' }),
  step({ type: 'reject_major', reason: 'one site only' }),
];

const initial = openIncident(
  { shortDescription: 'VPN down', caller, impact: 2, urgency: 2 },
  { now: new Date(opened), actor: agent, newId: () => 'inc-1', tenantId: 't-1', number: 'INC0000001', lifecycle },
).record;

let ids = 0;
const model: LifecycleModel<Incident, Step> = {
  machine: lifecycle.machine,
  initial,
  regionsOf: (incident) => ({ state: incident.state, major: incident.major }),
  steps: () => steps,
  apply: (incident, { event, actor = agent, laterMs = 60_000 }) =>
    safeApplyIncidentEvent(incident, event, {
      now: new Date(Date.parse(incident.updatedAt) + laterMs),
      actor,
      newId: () => `j-${++ids}`,
      lifecycle,
      calendars: { desk },
    }),
};

describe('the incident lifecycle, tested against its machine', () => {
  const exploration = explore(model);

  it('reaches every state of both regions through the domain function', () => {
    expect(exploration.problems).toEqual([]);
    expect([...exploration.reached].sort()).toEqual([...declaredStates(lifecycle.machine)].sort());
  });

  it('exercises every transition the machine declares, and no other', () => {
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
  });

  it('refuses every event a state has no transition for, as invalid_transition, leaving the record unchanged', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(50);
  });
});
