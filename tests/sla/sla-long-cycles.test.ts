// A cycle whose clock turns many times: its segments outgrow the short lists a step copies
// whole, and a state made by one step must still stay as it was when later steps, or another
// step from the same state, continue it.
import { describe, expect, it } from 'vitest';
import { defineCalendar } from '../../src/calendar/index';
import { advanceSla, DEFAULT_INCIDENT_SLA_POLICY, evaluateSla, slaStatus, type SlaState, type SlaVersion } from '../../src/sla/index';

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
function statesOf(history: readonly SlaVersion[]): SlaState[] {
  const states: SlaState[] = [];
  let state: SlaState | undefined;
  for (const next of history) {
    state = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, state, next, { calendars });
    states.push(state);
  }
  return states;
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
});
