// A cycle whose clock turns many times: its segments outgrow the short lists a step copies
// whole, and a state made by one step must still stay as it was when later steps, or another
// step from the same state, continue it.
import { describe, expect, it } from 'vitest';
import { defineCalendar } from '../../src/calendar/index';
import { advanceSla, DEFAULT_INCIDENT_SLA_POLICY, defineSlaPolicy, evaluateSla, slaStatus, type SlaPolicy, type SlaState, type SlaVersion } from '../../src/sla/index';

const MINUTE = 60_000;
const OPENED = Date.parse('2026-11-23T09:00:00.000Z');
/** Every day, all day, in UTC: business time is wall time, so the figures below read off the clock. */
const always = [{ start: '00:00', end: '24:00' }];
const calendars = {
  service_desk: defineCalendar({ timeZone: 'UTC', week: { monday: always, tuesday: always, wednesday: always, thursday: always, friday: always, saturday: always, sunday: always } }),
};

const at = (minutes: number): string => new Date(OPENED + minutes * MINUTE).toISOString();

function version(minutes: number, state: string, fields: Record<string, unknown> = {}): SlaVersion {
  return { at: at(minutes), record: { id: 'INC-1', state, priority: 4, reopenCount: 0, openedAt: at(0), firstRespondedAt: at(1), ...fields } };
}

/** Opened, then on hold and back every ten minutes: each hold is a segment of its own. */
function toggling(turns: number): SlaVersion[] {
  const history = [version(0, 'new')];
  for (let turn = 1; turn <= turns; turn++) history.push(version(turn * 10, turn % 2 === 1 ? 'on_hold' : 'in_progress'));
  return history;
}

/** Every state of an incremental replay, from the first version to the last. */
function statesOf(history: readonly SlaVersion[], policy: SlaPolicy = DEFAULT_INCIDENT_SLA_POLICY): SlaState[] {
  const states: SlaState[] = [];
  let state: SlaState | undefined;
  for (const next of history) {
    state = advanceSla(policy, state, next, { calendars });
    states.push(state);
  }
  return states;
}

/**
 * Continues every state of `history` with each of `continuations` (versions given in minutes
 * after that state's last version), and checks that each continuation equals a replay of its
 * versions, and that the state continued is left as it was and still equals its own replay.
 */
function continuedEveryWay(policy: SlaPolicy, history: readonly SlaVersion[], continuations: readonly (readonly (readonly [number, string])[])[]): void {
  const now = at(10_000);
  statesOf(history, policy).forEach((state, index) => {
    const before = JSON.stringify(state);
    const seen = history.slice(0, index + 1);
    const lastMinutes = (Date.parse(seen.at(-1)!.at as string) - OPENED) / MINUTE;
    for (const continuation of continuations) {
      const more = continuation.map(([minutes, next]) => version(lastMinutes + minutes, next));
      const continued = more.reduce((from, next) => advanceSla(policy, from, next, { calendars }), state);
      expect(slaStatus(policy, continued, { calendars, now }), `state ${index}, then ${JSON.stringify(continuation)}`).toEqual(evaluateSla(policy, [...seen, ...more], { calendars, now }));
    }
    expect(JSON.stringify(state), `state ${index}`).toBe(before);
    expect(slaStatus(policy, state, { calendars, now }), `state ${index}`).toEqual(evaluateSla(policy, seen, { calendars, now }));
  });
}

const resolutionOf = (state: SlaState, now: string) => slaStatus(DEFAULT_INCIDENT_SLA_POLICY, state, { calendars, now }).targets[1]!.cycles[0]!;

describe('a cycle with many turns of its clock', () => {
  const history = toggling(60);
  const now = at(700);

  it('has a segment for every turn, with the figures of the wall clock', () => {
    const cycle = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars, now }).targets[1]!.cycles[0]!;
    // 60 stretches of ten minutes up to the last version at 600 minutes, then 100 minutes
    // running to `now`: 30 running and 30 paused before it.
    expect(cycle.segments).toHaveLength(61);
    expect(cycle.segments.map((segment) => segment.clock).slice(0, 4)).toEqual(['running', 'paused', 'running', 'paused']);
    expect(cycle.elapsedMs).toBe(30 * 10 * MINUTE + 100 * MINUTE);
    expect(cycle.pausedMs).toBe(30 * 10 * MINUTE);
  });

  it('is replayed step by step to the same evaluation as in one go', () => {
    const states = statesOf(history);
    expect(slaStatus(DEFAULT_INCIDENT_SLA_POLICY, states.at(-1)!, { calendars, now })).toEqual(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars, now }));
  });

  it('leaves every earlier state as it was, as later steps continue it', () => {
    const states = statesOf(history);
    // Each state read again at the end equals a replay of the versions it had seen.
    states.forEach((state, index) => {
      const seen = history.slice(0, index + 1);
      expect(slaStatus(DEFAULT_INCIDENT_SLA_POLICY, state, { calendars, now }), `state ${index}`).toEqual(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, seen, { calendars, now }));
    });
  });

  it('continues one state two ways without either seeing the other', () => {
    const states = statesOf(history.slice(0, 41));
    const base = states.at(-1)!;
    const before = JSON.stringify(base);
    // From 400 minutes (in progress, 40 turns in): resolved at 405, or on hold again at 405.
    const resolved = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, base, version(405, 'resolved'), { calendars });
    const held = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, base, version(405, 'on_hold'), { calendars });
    expect(JSON.stringify(base)).toBe(before);
    const later = at(500);
    expect(resolutionOf(resolved, later).state).toBe('met');
    expect(resolutionOf(resolved, later).segments).toHaveLength(41);
    expect(resolutionOf(held, later)).toMatchObject({ state: 'paused' });
    expect(resolutionOf(held, later).segments).toHaveLength(42);
    // And each equals its own replay.
    expect(slaStatus(DEFAULT_INCIDENT_SLA_POLICY, resolved, { calendars, now: later })).toEqual(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, [...history.slice(0, 41), version(405, 'resolved')], { calendars, now: later }));
    expect(slaStatus(DEFAULT_INCIDENT_SLA_POLICY, held, { calendars, now: later })).toEqual(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, [...history.slice(0, 41), version(405, 'on_hold')], { calendars, now: later }));
  });

  it('continues a short state two ways without either seeing the other', () => {
    // Running since 20 minutes: resolved at 25, or on hold again at 25.
    const states = statesOf(history.slice(0, 3));
    const base = states.at(-1)!;
    const before = JSON.stringify(base);
    const resolved = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, base, version(25, 'resolved'), { calendars });
    const held = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, base, version(25, 'on_hold'), { calendars });
    expect(JSON.stringify(base)).toBe(before);
    expect(resolutionOf(resolved, at(50)).segments.map((segment) => [segment.clock, segment.businessMs / MINUTE])).toEqual([['running', 10], ['paused', 10], ['running', 5]]);
    expect(resolutionOf(held, at(50)).segments.map((segment) => [segment.clock, segment.businessMs / MINUTE])).toEqual([['running', 10], ['paused', 10], ['running', 5], ['paused', 25]]);
    expect(resolutionOf(base, at(50)).segments.map((segment) => [segment.clock, segment.businessMs / MINUTE])).toEqual([['running', 10], ['paused', 10], ['running', 30]]);
  });

  it('keeps every state as it was where a clock turns and turns back at one instant, below and past sixteen segments', () => {
    // On hold and back at the same minute: the running stretch after it continues the one
    // before, so the last segment is replaced rather than a new one appended.
    const history = [version(0, 'new')];
    for (let turn = 1; turn <= 12; turn++) history.push(version(turn * 10, 'on_hold'), version(turn * 10, 'in_progress'), version(turn * 10 + 5, 'on_hold'), version(turn * 10 + 7, 'in_progress'));
    const cycle = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars, now: at(200) }).targets[1]!.cycles[0]!;
    // Per turn one running stretch (from the last resume to the hold at +5) and one paused (+5 to +7).
    expect(cycle.segments).toHaveLength(25);
    continuedEveryWay(DEFAULT_INCIDENT_SLA_POLICY, history, [
      [[0, 'on_hold'], [0, 'in_progress']],
      [[2, 'on_hold']],
      [[3, 'resolved'], [3, 'in_progress']],
    ]);
  });

  it('keeps every state as it was when a target has more than sixteen cycles', () => {
    // Each reopen begins a new resolution cycle.
    const newCycles = defineSlaPolicy({
      ...DEFAULT_INCIDENT_SLA_POLICY.definition,
      id: 'new-cycle-on-reopen',
      targets: DEFAULT_INCIDENT_SLA_POLICY.definition.targets.map((target) => ({ ...target, onReopen: 'new_cycle' as const })),
    });
    const history = [version(0, 'new')];
    for (let reopen = 1; reopen <= 20; reopen++) history.push(version(reopen * 10, 'resolved'), version(reopen * 10 + 3, 'in_progress'));
    expect(evaluateSla(newCycles, history, { calendars, now: at(300) }).targets[1]!.cycles).toHaveLength(21);
    continuedEveryWay(newCycles, history, [
      [[1, 'resolved'], [2, 'in_progress']],
      [[1, 'on_hold']],
      [[0, 'resolved'], [0, 'in_progress']],
    ]);
  });
});
