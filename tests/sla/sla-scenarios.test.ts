// SLA scenarios with hand-worked figures. Each test is named after the failure it prevents;
// most are failures reported against the peers (ServiceNow, Jira Service Management, iTop,
// GLPI, Zammad, Znuny, Frappe Helpdesk). Every expected instant and duration is worked out by
// hand in the comments, never computed with the library.
//
// The week of Monday 2026-11-23 is the reference week: 23 Mon, 24 Tue, 25 Wed, 26 Thu, 27 Fri,
// 30 Mon. "Office" calendars are Monday to Friday 09:00–17:00 (8 h a day).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { defineCalendar, type WeeklyHours } from '../../src/calendar/index';
import { applyIncidentEvent, openIncident, type IncidentEvent, type OpenIncidentInput } from '../../src/index';
import {
  advanceSla,
  DEFAULT_INCIDENT_SLA_POLICY,
  defineSlaPolicy,
  evaluateSla,
  nextDeadline,
  serviceAvailability,
  slaCompliance,
  slaStatus,
  slaWhatIf,
  type SlaCycle,
  type SlaEvaluation,
  type SlaPolicy,
  type SlaPolicyDefinition,
  type SlaState,
  type SlaTargetDefinition,
  type SlaVersion,
} from '../../src/sla/index';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const weekdays = (hours: { start: string; end: string }[]): WeeklyHours => ({ monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours });
const nineToFive = [{ start: '09:00', end: '17:00' }];
const wholeDay = [{ start: '00:00', end: '24:00' }];

/** Monday to Friday, 09:00–17:00 UTC: every instant below reads off the wall clock. */
const officeUtc = defineCalendar({ timeZone: 'UTC', week: weekdays(nineToFive) });
/** Monday to Friday, 09:00–17:00 in Berlin (UTC+1 in winter, UTC+2 in summer), closed on Whit Monday. */
const deskBerlin = defineCalendar({ timeZone: 'Europe/Berlin', week: weekdays(nineToFive), holidays: [{ date: '2026-05-25', name: 'Whit Monday' }] });
/** Every day, all day, in Berlin: 24/7 written as `00:00–24:00` seven times. */
const alwaysBerlin = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: { ...weekdays(wholeDay), saturday: wholeDay, sunday: wholeDay },
});

const deskCalendars = { service_desk: officeUtc };

// ---------------------------------------------------------------------------------------------
// Histories: real incident versions from the incident lifecycle, or plain records.

const agent = { kind: 'user', id: 'agent-1' } as const;
const caller = { kind: 'user', id: 'caller-1' } as const;

/** Opens an incident at `opened` and applies each event at its instant: every version, as the SLA engine sees it. */
function incidentHistory(opened: string, input: Partial<OpenIncidentInput>, steps: readonly (readonly [string, IncidentEvent])[] = []): SlaVersion[] {
  let ids = 0;
  const newId = (): string => `id-${++ids}`;
  let record = openIncident(
    { shortDescription: 'Mail does not arrive', caller, impact: 2, urgency: 2, ...input },
    { now: opened, actor: agent, newId, tenantId: 'acme', number: 'INC0001001' },
  ).record;
  const versions = [record];
  for (const [at, event] of steps) {
    record = applyIncidentEvent(record, event, { now: at, actor: agent, newId }).record;
    versions.push(record);
  }
  return versions.map((version) => ({ at: version.updatedAt, record: version }));
}

/** Plain records at instants: for policies over records of the host's own. */
const plainHistory = (...versions: readonly (readonly [string, Record<string, unknown>])[]): SlaVersion[] => versions.map(([at, record]) => ({ at, record }));

const start: IncidentEvent = { type: 'start' };
const hold: IncidentEvent = { type: 'put_on_hold', reason: 'awaiting_caller' };
const resume: IncidentEvent = { type: 'resume' };
const resolve: IncidentEvent = { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Restarted the mail relay' };
const reopen: IncidentEvent = { type: 'reopen', reason: 'It happened again' };
const raiseToP1: IncidentEvent = { type: 'update', impact: 1, urgency: 1 };

/** The cycles of one target. */
function cyclesOf(evaluation: SlaEvaluation, targetId: string): readonly SlaCycle[] {
  const target = evaluation.targets.find((candidate) => candidate.targetId === targetId);
  if (target === undefined) throw new Error(`no target ${targetId}`);
  return target.cycles;
}

/** The one cycle of a target. */
function onlyCycle(evaluation: SlaEvaluation, targetId: string): SlaCycle {
  const cycles = cyclesOf(evaluation, targetId);
  expect(cycles).toHaveLength(1);
  return cycles[0]!;
}

/** A cycle's stretches, written as a person reads them: `from → to clock business/outside`. */
const stretches = (cycle: SlaCycle): string[] =>
  cycle.segments.map((segment) => `${segment.from.slice(0, 16)} → ${segment.to.slice(0, 16)} ${segment.clock} ${hm(segment.businessMs)}/${hm(segment.outsideHoursMs)}`);
const hm = (ms: number): string => `${Math.floor(ms / HOUR)}h${String((ms % HOUR) / MINUTE).padStart(2, '0')}`;

/** A copy of a policy with some targets changed. */
function variant(policy: SlaPolicy, id: string, change: (target: SlaTargetDefinition) => SlaTargetDefinition): SlaPolicy {
  const definition = structuredClone(policy.definition) as unknown as SlaPolicyDefinition;
  return defineSlaPolicy({ ...definition, id, targets: definition.targets.map(change) });
}

const OPEN = { field: 'state', in: ['new', 'in_progress', 'on_hold'] };
const ON_HOLD = { field: 'state', eq: 'on_hold' };
const RESOLVED = { field: 'state', in: ['resolved', 'closed'] };

/** A plain policy: one target of `ms` from `state: open` to `state: done`, on calendar `desk`. */
function simplePolicy(ms: number, extra: Partial<SlaTargetDefinition> = {}): SlaPolicy {
  return defineSlaPolicy({
    id: 'simple',
    name: 'Simple',
    targets: [{ id: 'fix', metric: 'resolution', calendar: 'desk', duration: { ms }, start: { field: 'state', eq: 'open' }, stop: { field: 'state', eq: 'done' }, cancel: { field: 'state', eq: 'cancelled' }, ...extra }],
  });
}

// ---------------------------------------------------------------------------------------------

describe('priority changes', () => {
  // Mon 09:00 opened, P3 (impact 2, urgency 2): response 2 h, resolution 24 h, both from openedAt.
  // 09:30 work starts (first response). 10:00 on hold. 12:00, still on hold, raised to P1
  // (resolution 4 h). 13:00 resumed. Looked at 14:30.
  //
  //   09:00   09:30   10:00         12:00   13:00      14:30
  //   |======run======|--------paused---------|===run====|     P3 -> P1 at 12:00
  //
  // A stretch ends where the clock turns (10:00, 13:00); neither the first response at 09:30
  // nor the new priority at 12:00 turns this clock.
  // elapsed = 1:00 + 1:30 = 2:30; paused = 2:00 + 1:00 = 3:00 (none of it lost);
  // target 4 h from 12:00; remaining 1:30 -> due 14:30 + 1:30 = 16:00.
  // Thresholds: 50 % = 2:00 reached at 13:00 + 1:00 = 14:00; 75 % = 3:00 at 15:00.
  const history = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
    ['2026-11-23T09:30:00.000Z', start],
    ['2026-11-23T10:00:00.000Z', hold],
    ['2026-11-23T12:00:00.000Z', raiseToP1],
    ['2026-11-23T13:00:00.000Z', resume],
  ]);

  it('keeps elapsed and paused time when the priority is raised P3 -> P1 while on hold', () => {
    expect(history.map((version) => version.record.priority)).toEqual([3, 3, 3, 1, 1]);
    const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now: '2026-11-23T14:30:00.000Z' });
    const resolution = onlyCycle(evaluation, 'resolution');
    expect(resolution).toMatchObject({
      state: 'running',
      startedAt: '2026-11-23T09:00:00.000Z',
      targetMs: 4 * HOUR,
      elapsedMs: 2.5 * HOUR,
      pausedMs: 3 * HOUR,
      remainingMs: 1.5 * HOUR,
      breached: false,
      dueAt: '2026-11-23T16:00:00.000Z',
    });
    expect(resolution.thresholds).toEqual([
      { percent: 50, crossedAt: '2026-11-23T14:00:00.000Z' },
      { percent: 75, dueAt: '2026-11-23T15:00:00.000Z' },
      { percent: 100, dueAt: '2026-11-23T16:00:00.000Z' },
    ]);
    expect(stretches(resolution)).toEqual([
      '2026-11-23T09:00 → 2026-11-23T10:00 running 1h00/0h00',
      '2026-11-23T10:00 → 2026-11-23T13:00 paused 3h00/0h00',
      '2026-11-23T13:00 → 2026-11-23T14:30 running 1h30/0h00',
    ]);
    // The response was met at 09:30, half an hour into its 2 h; a later priority does not reopen it.
    expect(onlyCycle(evaluation, 'response')).toMatchObject({ state: 'met', endedAt: '2026-11-23T09:30:00.000Z', elapsedMs: 30 * MINUTE, targetMs: 2 * HOUR, breached: false });
  });

  it('does not backdate a breach to before the shorter target existed', () => {
    // Mon 09:00 P3, 09:05 started, 15:00 raised to P1 with 6 h already elapsed (> 4 h).
    // The 4 h mark was passed at 13:00, but the P1 target only exists from 15:00: the breach,
    // and every threshold under the new target, is at 15:00. Elapsed at 16:00: 7 h.
    const raised = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T09:05:00.000Z', start],
      ['2026-11-23T15:00:00.000Z', raiseToP1],
    ]);
    const resolution = onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, raised, { calendars: deskCalendars, now: '2026-11-23T16:00:00.000Z' }), 'resolution');
    expect(resolution).toMatchObject({ state: 'breached', targetMs: 4 * HOUR, elapsedMs: 7 * HOUR, remainingMs: 0, breached: true, breachedAt: '2026-11-23T15:00:00.000Z' });
    expect(resolution.thresholds.map((threshold) => threshold.crossedAt)).toEqual(['2026-11-23T15:00:00.000Z', '2026-11-23T15:00:00.000Z', '2026-11-23T15:00:00.000Z']);
  });

  it('judges a breached cycle against the lowered target after a downgrade, while the history still shows the breach', () => {
    // Mon 09:00 opened P1 (impact 1, urgency 1): resolution 4 h. 09:05 started. The 4 h mark
    // is 13:00: breached. 14:00 lowered to P3 (24 h): elapsed 5 h < 24 h, so the cycle is no
    // longer breached; due = 14:00 + 19 h of business time = Mon 17:00 (3 h) + Tue 8 h + Wed 8 h
    // = Wed 17:00. Evaluated up to the version before the downgrade, at 14:00, it is breached
    // at 13:00: that is how a host reports a breach a downgrade hides.
    const lowered = incidentHistory('2026-11-23T09:00:00.000Z', { impact: 1, urgency: 1 }, [
      ['2026-11-23T09:05:00.000Z', start],
      ['2026-11-23T14:00:00.000Z', { type: 'update', impact: 2, urgency: 2 }],
    ]);
    expect(lowered.map((version) => version.record.priority)).toEqual([1, 1, 3]);
    const after = onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, lowered, { calendars: deskCalendars, now: '2026-11-23T15:00:00.000Z' }), 'resolution');
    expect(after).toMatchObject({ state: 'running', targetMs: 24 * HOUR, elapsedMs: 6 * HOUR, breached: false, dueAt: '2026-11-25T17:00:00.000Z' });
    expect(after.breachedAt).toBeUndefined();
    const before = onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, lowered.slice(0, 2), { calendars: deskCalendars, now: '2026-11-23T14:00:00.000Z' }), 'resolution');
    expect(before).toMatchObject({ state: 'breached', targetMs: 4 * HOUR, breachedAt: '2026-11-23T13:00:00.000Z' });
  });

  it('restarts the clock at the priority change when the target says restart', () => {
    // The same history as the first test, with onDurationChange: 'restart'.
    // Cycle 1: 09:00 -> 12:00, ended by the restart: elapsed 1:00, paused 2:00.
    // Cycle 2: from 12:00, starting paused (still on hold); paused 12:00–13:00, running
    // 13:00–14:30: elapsed 1:30; 4 h target: remaining 2:30 -> due 17:00.
    const restarting = variant(DEFAULT_INCIDENT_SLA_POLICY, 'restarting', (target) => (target.id === 'resolution' ? { ...target, onDurationChange: 'restart' } : target));
    const [first, second, ...more] = cyclesOf(evaluateSla(restarting, history, { calendars: deskCalendars, now: '2026-11-23T14:30:00.000Z' }), 'resolution');
    expect(more).toEqual([]);
    expect(first).toMatchObject({ state: 'cancelled', endReason: 'restart', endedAt: '2026-11-23T12:00:00.000Z', targetMs: 24 * HOUR, elapsedMs: 1 * HOUR, pausedMs: 2 * HOUR });
    expect(second).toMatchObject({ state: 'running', startedAt: '2026-11-23T12:00:00.000Z', targetMs: 4 * HOUR, elapsedMs: 1.5 * HOUR, pausedMs: 1 * HOUR, dueAt: '2026-11-23T17:00:00.000Z' });
  });

  it('starts a target only once the record has a priority the target has a duration for', () => {
    // A P1-only target with no default: nothing runs while the record is P3. Raised to P1 at
    // 10:00, the cycle starts then; at 11:00, 1 h of its 4 h has elapsed: due 14:00.
    const p1Only = defineSlaPolicy({
      id: 'p1-only',
      name: 'P1 only',
      targets: [{ id: 'fix', metric: 'resolution', calendar: 'desk', duration: { byPriority: { '1': 4 * HOUR } }, start: { field: 'state', eq: 'open' }, stop: { field: 'state', eq: 'done' } }],
    });
    const versions = plainHistory(['2026-11-23T09:00:00.000Z', { state: 'open', priority: 3 }], ['2026-11-23T10:00:00.000Z', { state: 'open', priority: 1 }]);
    expect(cyclesOf(evaluateSla(p1Only, versions.slice(0, 1), { calendars: { desk: officeUtc }, now: '2026-11-23T09:30:00.000Z' }), 'fix')).toEqual([]);
    expect(onlyCycle(evaluateSla(p1Only, versions, { calendars: { desk: officeUtc }, now: '2026-11-23T11:00:00.000Z' }), 'fix')).toMatchObject({
      startedAt: '2026-11-23T10:00:00.000Z',
      elapsedMs: HOUR,
      dueAt: '2026-11-23T14:00:00.000Z',
    });
  });
});

describe('pause time', () => {
  // Fri 27 15:00 opened (P3, 24 h), 15:10 started, 16:00 on hold, resumed Mon 30 10:00, seen 11:00.
  //
  //   Fri 15:00  16:00  17:00 ...night, Sat, Sun, night... Mon 09:00  10:00  11:00
  //   |===run====|-paused-|            (closed)              |-paused-|==run==|
  //
  // On the office calendar: elapsed 1:00 (Fri) + 1:00 (Mon) = 2:00; paused 1:00 (Fri 16–17) +
  // 1:00 (Mon 09–10) = 2:00, not the 66 wall-clock hours from Friday 16:00 to Monday 10:00.
  // Remaining 22 h from Mon 11:00: Mon 6 h, Tue 8 h, Wed 8 h -> due Wed 2 Dec 17:00.
  // On a 24/7 calendar the same pause is 66 h, and 22 h from Mon 11:00 is Tue 09:00.
  const history = incidentHistory('2026-11-27T15:00:00.000Z', {}, [
    ['2026-11-27T15:10:00.000Z', start],
    ['2026-11-27T16:00:00.000Z', { type: 'put_on_hold', reason: 'awaiting_vendor' }],
    ['2026-11-30T10:00:00.000Z', resume],
  ]);
  const target = (id: string, calendar: string): SlaTargetDefinition => ({
    id, metric: 'resolution', calendar, duration: { ms: 24 * HOUR }, start: OPEN, pause: ON_HOLD, stop: RESOLVED, retroactiveStart: 'openedAt',
  });
  const twoCalendars = defineSlaPolicy({ id: 'two-calendars', name: 'Two calendars', targets: [target('office', 'office'), target('round-the-clock', 'always')] });

  it('measures a pause over a night and a weekend on the target calendar, counting only business time', () => {
    const evaluation = evaluateSla(twoCalendars, history, { calendars: { office: officeUtc, always: alwaysBerlin }, now: '2026-11-30T11:00:00.000Z' });
    const office = onlyCycle(evaluation, 'office');
    expect(office).toMatchObject({ state: 'running', elapsedMs: 2 * HOUR, pausedMs: 2 * HOUR, remainingMs: 22 * HOUR, dueAt: '2026-12-02T17:00:00.000Z' });
    expect(stretches(office)).toEqual([
      '2026-11-27T15:00 → 2026-11-27T16:00 running 1h00/0h00',
      '2026-11-27T16:00 → 2026-11-30T10:00 paused 2h00/64h00',
      '2026-11-30T10:00 → 2026-11-30T11:00 running 1h00/0h00',
    ]);
    // Each target measures its pause on its own calendar.
    expect(onlyCycle(evaluation, 'round-the-clock')).toMatchObject({ elapsedMs: 2 * HOUR, pausedMs: 66 * HOUR, dueAt: '2026-12-01T09:00:00.000Z' });
  });

  it('meets the target when the record is put on hold and resolved in the same update', () => {
    // Mon 09:00 P3, 09:05 started, at 10:00 on hold and resolved at the same instant.
    // Met at 10:00 after 1 h, no pause counted; two days later it is still met, not paused.
    const sameInstant = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T09:05:00.000Z', start],
      ['2026-11-23T10:00:00.000Z', hold],
      ['2026-11-23T10:00:00.000Z', resolve],
    ]);
    const resolution = onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, sameInstant, { calendars: deskCalendars, now: '2026-11-25T12:00:00.000Z' }), 'resolution');
    expect(resolution).toMatchObject({ state: 'met', endedAt: '2026-11-23T10:00:00.000Z', endReason: 'met', elapsedMs: HOUR, pausedMs: 0, remainingMs: 23 * HOUR, breached: false });
    expect(resolution.dueAt).toBeUndefined();
  });

  it('meets the target at a version where the pause and the stop condition both hold', () => {
    // A host's record resolved while waiting on the caller: 09:00 open, 11:00 resolved with
    // waitingOn set. Stop wins over pause: met at 11:00 after 2 h.
    const policy = simplePolicy(8 * HOUR, { pause: { field: 'waitingOn', exists: true } });
    const versions = plainHistory(['2026-11-23T09:00:00.000Z', { state: 'open' }], ['2026-11-23T11:00:00.000Z', { state: 'done', waitingOn: 'caller' }]);
    const fix = onlyCycle(evaluateSla(policy, versions, { calendars: { desk: officeUtc }, now: '2026-11-23T16:00:00.000Z' }), 'fix');
    expect(fix).toMatchObject({ state: 'met', endedAt: '2026-11-23T11:00:00.000Z', elapsedMs: 2 * HOUR, pausedMs: 0 });
  });
});

describe('a hold and a resume at one instant', () => {
  it('does not split the running stretch when an incident is put on hold and resumed at the same instant', () => {
    // Mon 09:00 opened, 10:00 on hold and resumed at once, seen 11:00: the clock never stood
    // paused, so one running stretch of 2 h, not two that meet at 10:00.
    const versions = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T10:00:00.000Z', hold],
      ['2026-11-23T10:00:00.000Z', resume],
    ]);
    const resolution = onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, versions, { calendars: deskCalendars, now: '2026-11-23T11:00:00.000Z' }), 'resolution');
    expect(resolution).toMatchObject({ state: 'running', elapsedMs: 2 * HOUR, pausedMs: 0 });
    expect(stretches(resolution)).toEqual(['2026-11-23T09:00 → 2026-11-23T11:00 running 2h00/0h00']);
  });
});

describe('reopening', () => {
  // Two targets over the same incident, 8 h each, one resuming on reopen, one starting anew.
  // Mon 09:00 opened, 10:00 resolved, 11:00 reopened, 12:00 resolved, 14:00 reopened; seen 16:00.
  //
  //   09:00   10:00    11:00   12:00        14:00          16:00
  //   |==run==|-stopped-|==run==|--stopped---|=====run======|      resume: one cycle
  //   |==c1===|         |==c2===|            |=====c3=======|      new_cycle: three cycles
  //
  // resume: elapsed 1 + 1 + 2 = 4 h, the stopped stretches not counted; remaining 4 h from
  //   Mon 16:00: Mon 1 h + Tue 3 h -> due Tue 12:00.
  // new_cycle: c1 met 1 h, c2 met 1 h, c3 running 2 h; remaining 6 h: Mon 1 h + Tue 5 h -> Tue 14:00.
  const reopenPolicy = defineSlaPolicy({
    id: 'reopen',
    name: 'Reopen semantics',
    targets: (['resume', 'new_cycle'] as const).map((onReopen) => ({
      id: onReopen, metric: 'resolution', calendar: 'desk', duration: { ms: 8 * HOUR }, start: OPEN, pause: ON_HOLD, stop: RESOLVED, onReopen, retroactiveStart: 'openedAt',
    })),
  });
  const history = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
    ['2026-11-23T10:00:00.000Z', resolve],
    ['2026-11-23T11:00:00.000Z', reopen],
    ['2026-11-23T12:00:00.000Z', resolve],
    ['2026-11-23T14:00:00.000Z', reopen],
  ]);
  const evaluation = evaluateSla(reopenPolicy, history, { calendars: { desk: officeUtc }, now: '2026-11-23T16:00:00.000Z' });

  it('resumes the met cycle on each reopen without counting the time it was resolved', () => {
    expect(history.map((version) => version.record.reopenCount)).toEqual([0, 0, 1, 1, 2]);
    const resumed = onlyCycle(evaluation, 'resume');
    expect(resumed).toMatchObject({ state: 'running', startedAt: '2026-11-23T09:00:00.000Z', elapsedMs: 4 * HOUR, pausedMs: 0, dueAt: '2026-11-24T12:00:00.000Z' });
    expect(resumed.endedAt).toBeUndefined();
    expect(stretches(resumed)).toEqual([
      '2026-11-23T09:00 → 2026-11-23T10:00 running 1h00/0h00',
      '2026-11-23T10:00 → 2026-11-23T11:00 stopped 1h00/0h00',
      '2026-11-23T11:00 → 2026-11-23T12:00 running 1h00/0h00',
      '2026-11-23T12:00 → 2026-11-23T14:00 stopped 2h00/0h00',
      '2026-11-23T14:00 → 2026-11-23T16:00 running 2h00/0h00',
    ]);
  });

  it('starts a new cycle on each reopen, leaving the met ones met', () => {
    const cycles = cyclesOf(evaluation, 'new_cycle');
    expect(cycles.map(({ state, startedAt, endedAt, elapsedMs, dueAt }) => ({ state, startedAt, endedAt, elapsedMs, dueAt }))).toEqual([
      { state: 'met', startedAt: '2026-11-23T09:00:00.000Z', endedAt: '2026-11-23T10:00:00.000Z', elapsedMs: HOUR, dueAt: undefined },
      { state: 'met', startedAt: '2026-11-23T11:00:00.000Z', endedAt: '2026-11-23T12:00:00.000Z', elapsedMs: HOUR, dueAt: undefined },
      { state: 'running', startedAt: '2026-11-23T14:00:00.000Z', endedAt: undefined, elapsedMs: 2 * HOUR, dueAt: '2026-11-24T14:00:00.000Z' },
    ]);
  });

  it('runs on in one stretch when resolved and reopened at the same instant', () => {
    // Mon 09:00 opened, 10:00 resolved and reopened at once, seen 11:00: never stopped, so one
    // running stretch of 2 h, not two of 1 h that meet at 10:00.
    const atOnce = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T10:00:00.000Z', resolve],
      ['2026-11-23T10:00:00.000Z', reopen],
    ]);
    const resumed = onlyCycle(evaluateSla(reopenPolicy, atOnce, { calendars: { desk: officeUtc }, now: '2026-11-23T11:00:00.000Z' }), 'resume');
    expect(resumed).toMatchObject({ state: 'running', elapsedMs: 2 * HOUR, pausedMs: 0 });
    expect(stretches(resumed)).toEqual(['2026-11-23T09:00 → 2026-11-23T11:00 running 2h00/0h00']);
  });

  it('keeps one stopped stretch when the resumed cycle is met again at the instant it was reopened', () => {
    // Mon 09:00 opened, 10:00 resolved, 11:00 reopened and resolved at once, 12:00 reopened, seen
    // 13:00: the cycle never ran between 10:00 and 12:00, so one stopped stretch, not two.
    const twice = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T10:00:00.000Z', resolve],
      ['2026-11-23T11:00:00.000Z', reopen],
      ['2026-11-23T11:00:00.000Z', resolve],
      ['2026-11-23T12:00:00.000Z', reopen],
    ]);
    const options = { calendars: { desk: officeUtc }, now: '2026-11-23T13:00:00.000Z' };
    const resumed = onlyCycle(evaluateSla(reopenPolicy, twice, options), 'resume');
    expect(resumed).toMatchObject({ state: 'running', elapsedMs: 2 * HOUR, pausedMs: 0 });
    expect(stretches(resumed)).toEqual([
      '2026-11-23T09:00 → 2026-11-23T10:00 running 1h00/0h00',
      '2026-11-23T10:00 → 2026-11-23T12:00 stopped 2h00/0h00',
      '2026-11-23T12:00 → 2026-11-23T13:00 running 1h00/0h00',
    ]);
    let state: SlaState | undefined;
    for (const version of twice) state = JSON.parse(JSON.stringify(advanceSla(reopenPolicy, state, version, { calendars: { desk: officeUtc } }))) as SlaState;
    expect(slaStatus(reopenPolicy, state!, options)).toEqual(evaluateSla(reopenPolicy, twice, options));
  });

  it('gives the same figures step by step with advanceSla as a full replay with evaluateSla', () => {
    let state: SlaState | undefined;
    for (const [index, version] of history.entries()) {
      // The state is stored as JSON beside the record between steps.
      state = JSON.parse(JSON.stringify(advanceSla(reopenPolicy, state, version, { calendars: { desk: officeUtc } }))) as SlaState;
      const now = version.at;
      expect(slaStatus(reopenPolicy, state, { calendars: { desk: officeUtc }, now })).toEqual(evaluateSla(reopenPolicy, history.slice(0, index + 1), { calendars: { desk: officeUtc }, now }));
    }
    expect(slaStatus(reopenPolicy, state!, { calendars: { desk: officeUtc }, now: '2026-11-23T16:00:00.000Z' })).toEqual(evaluation);
  });
});

describe('the default policy on a reopened incident', () => {
  it('owes a response once: resolving without a first response and reopening starts no second response clock', () => {
    // Opened Mon 09:00 (P3: 2 h response), resolved 09:30 with no response, reopened 10:00;
    // seen 12:00. The response cycle was met at 09:30 (the incident ended) after 0:30 and stays
    // the only one; without the reopenCount condition a second cycle would start at 10:00.
    const history = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T09:30:00.000Z', resolve],
      ['2026-11-23T10:00:00.000Z', reopen],
    ]);
    const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now: '2026-11-23T12:00:00.000Z' });
    expect(onlyCycle(evaluation, 'response')).toMatchObject({ state: 'met', elapsedMs: 30 * MINUTE, endedAt: '2026-11-23T09:30:00.000Z' });
    // The resolution clock resumes: 0:30 before, 2:00 since the reopen.
    expect(onlyCycle(evaluation, 'resolution')).toMatchObject({ state: 'running', elapsedMs: 2.5 * HOUR });
  });
});

describe('reopening at another priority', () => {
  // A host's record: 09:00 open at P3 (24 h), 10:00 done, 11:00 reopened at P1 (4 h); seen 12:00.
  const versions = plainHistory(
    ['2026-11-23T09:00:00.000Z', { state: 'open', priority: 3 }],
    ['2026-11-23T10:00:00.000Z', { state: 'done', priority: 3 }],
    ['2026-11-23T11:00:00.000Z', { state: 'open', priority: 1 }],
  );
  const policyFor = (onDurationChange: 'retarget' | 'restart') =>
    simplePolicy(HOUR, { duration: { byPriority: { '1': 4 * HOUR, '3': 24 * HOUR } }, onReopen: 'resume', onDurationChange });
  const evaluate = (policy: SlaPolicy) => cyclesOf(evaluateSla(policy, versions, { calendars: { desk: officeUtc }, now: '2026-11-23T12:00:00.000Z' }), 'fix');

  it('resumes a reopened cycle against the new priority target when the target says retarget', () => {
    // One cycle: 1 h before it was met, 1 h since the reopen: 2 h of 4 h, due 14:00.
    const [cycle, ...more] = evaluate(policyFor('retarget'));
    expect(more).toEqual([]);
    expect(cycle).toMatchObject({ state: 'running', startedAt: '2026-11-23T09:00:00.000Z', targetMs: 4 * HOUR, elapsedMs: 2 * HOUR, dueAt: '2026-11-23T14:00:00.000Z' });
  });

  it('starts a new cycle instead of resuming when the reopened record has a new priority and the target says restart', () => {
    // The met P3 cycle stays met (1 h of 24 h); a P1 cycle starts at the reopen: 1 h of 4 h, due 15:00.
    const cycles = evaluate(policyFor('restart'));
    expect(cycles.map(({ state, startedAt, targetMs, elapsedMs, dueAt }) => ({ state, startedAt, targetMs, elapsedMs, dueAt }))).toEqual([
      { state: 'met', startedAt: '2026-11-23T09:00:00.000Z', targetMs: 24 * HOUR, elapsedMs: HOUR, dueAt: undefined },
      { state: 'running', startedAt: '2026-11-23T11:00:00.000Z', targetMs: 4 * HOUR, elapsedMs: HOUR, dueAt: '2026-11-23T15:00:00.000Z' },
    ]);
  });
});

describe('reset conditions', () => {
  it('starts a new cycle when an escalation from the service desk, read through previous.*, happens', () => {
    // 2 h to get an answer from the group that holds the ticket; moving it from the desk to
    // network starts the clock again. 09:00 desk, 10:00 desk (a note), 10:30 network (reset),
    // 11:00 network (a note: previous is network, no reset), 11:30 back to desk, 12:00 network
    // again (reset). Seen 13:00.
    //   c1 09:00–10:30 elapsed 1:30, ended by the reset; c2 10:30–12:00 elapsed 1:30;
    //   c3 from 12:00: elapsed 1:00, due 14:00.
    const policy = simplePolicy(2 * HOUR, { reset: { all: [{ field: 'previous.group', eq: 'desk' }, { field: 'group', eq: 'network' }] } });
    const versions = plainHistory(
      ['2026-11-23T09:00:00.000Z', { state: 'open', group: 'desk' }],
      ['2026-11-23T10:00:00.000Z', { state: 'open', group: 'desk', note: 'asked the caller' }],
      ['2026-11-23T10:30:00.000Z', { state: 'open', group: 'network' }],
      ['2026-11-23T11:00:00.000Z', { state: 'open', group: 'network', note: 'looking' }],
      ['2026-11-23T11:30:00.000Z', { state: 'open', group: 'desk' }],
      ['2026-11-23T12:00:00.000Z', { state: 'open', group: 'network' }],
    );
    const cycles = cyclesOf(evaluateSla(policy, versions, { calendars: { desk: officeUtc }, now: '2026-11-23T13:00:00.000Z' }), 'fix');
    expect(cycles.map(({ state, startedAt, endedAt, endReason, elapsedMs, dueAt }) => ({ state, startedAt, endedAt, endReason, elapsedMs, dueAt }))).toEqual([
      { state: 'cancelled', startedAt: '2026-11-23T09:00:00.000Z', endedAt: '2026-11-23T10:30:00.000Z', endReason: 'reset', elapsedMs: 1.5 * HOUR, dueAt: undefined },
      { state: 'cancelled', startedAt: '2026-11-23T10:30:00.000Z', endedAt: '2026-11-23T12:00:00.000Z', endReason: 'reset', elapsedMs: 1.5 * HOUR, dueAt: undefined },
      { state: 'running', startedAt: '2026-11-23T12:00:00.000Z', endedAt: undefined, endReason: undefined, elapsedMs: HOUR, dueAt: '2026-11-23T14:00:00.000Z' },
    ]);
  });

  it('resets once when the reset condition becomes true, not at every version it stays true', () => {
    // 09:00 open, 10:00 escalated (reset), 11:00 still escalated (no reset). Seen 11:30:
    // c1 09:00–10:00 (1 h), c2 from 10:00: 1:30 elapsed, due 12:00.
    const policy = simplePolicy(2 * HOUR, { reset: { field: 'escalated', eq: true } });
    const versions = plainHistory(
      ['2026-11-23T09:00:00.000Z', { state: 'open', escalated: false }],
      ['2026-11-23T10:00:00.000Z', { state: 'open', escalated: true }],
      ['2026-11-23T11:00:00.000Z', { state: 'open', escalated: true, note: 'still escalated' }],
    );
    const cycles = cyclesOf(evaluateSla(policy, versions, { calendars: { desk: officeUtc }, now: '2026-11-23T11:30:00.000Z' }), 'fix');
    expect(cycles.map((cycle) => [cycle.startedAt, cycle.endedAt, cycle.elapsedMs])).toEqual([
      ['2026-11-23T09:00:00.000Z', '2026-11-23T10:00:00.000Z', HOUR],
      ['2026-11-23T10:00:00.000Z', undefined, 1.5 * HOUR],
    ]);
    expect(cycles[1]!.dueAt).toBe('2026-11-23T12:00:00.000Z');
  });
});

describe('time zones', () => {
  // The history of the priority test: the figures are instants in UTC, whatever zone the
  // viewer, the process or the calendar is in.
  const history = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
    ['2026-11-23T09:30:00.000Z', start],
    ['2026-11-23T10:00:00.000Z', hold],
  ]);
  const berlinCalendars = { service_desk: deskBerlin };

  it('gives the same evaluation whether now and the versions are Dates or instant strings', () => {
    const asStrings = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: berlinCalendars, now: '2026-11-23T12:00:00.000Z' });
    const asDates = evaluateSla(
      DEFAULT_INCIDENT_SLA_POLICY,
      history.map((version) => ({ at: new Date(version.at), record: version.record })),
      { calendars: berlinCalendars, now: new Date(Date.UTC(2026, 10, 23, 12)) },
    );
    expect(asDates).toEqual(asStrings);
    // Berlin is UTC+1 in November: 09:00Z is 10:00 there, inside its 09–17 hours.
    // Running 09:00Z–10:00Z (1 h), on hold since: at 12:00Z, 1 h elapsed and 2 h paused.
    expect(onlyCycle(asStrings, 'resolution')).toMatchObject({ startedAt: '2026-11-23T09:00:00.000Z', elapsedMs: HOUR, pausedMs: 2 * HOUR, state: 'paused' });
  });

  it('states every instant of an evaluation in UTC with milliseconds', () => {
    const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history.slice(0, 2), { calendars: berlinCalendars, now: new Date('2026-11-23T12:00:00+01:00') });
    expect(evaluation.now).toBe('2026-11-23T11:00:00.000Z');
    const instants = JSON.stringify(evaluation).match(/"\d{4}-\d\d-\d\dT[^"]*"/g) ?? [];
    expect(instants.length).toBeGreaterThan(5);
    for (const instant of instants) expect(instant).toMatch(/^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
  });

  it('counts on the calendar zone, not the caller zone, for a calendar in Tokyo', () => {
    // Tokyo is UTC+9 (no DST); its desk is open 09:00–18:00 JST = 00:00–09:00Z.
    const tokyo = defineCalendar({ timeZone: 'Asia/Tokyo', week: weekdays([{ start: '09:00', end: '18:00' }]) });
    const policy = simplePolicy(4 * HOUR);
    // Mon 23 08:00Z is 17:00 JST: 1 h left that day (to 09:00Z); the other 3 h from Tue
    // 09:00 JST (Mon 24 00:00Z) -> due 2026-11-24T03:00Z. At 12:00Z, 1 h has elapsed.
    const late = evaluateSla(policy, plainHistory(['2026-11-23T08:00:00.000Z', { state: 'open' }]), { calendars: { desk: tokyo }, now: '2026-11-23T12:00:00.000Z' });
    expect(onlyCycle(late, 'fix')).toMatchObject({ elapsedMs: HOUR, dueAt: '2026-11-24T03:00:00.000Z' });
    // Sun 22 23:00Z is already Monday 08:00 in Tokyo: counting starts at 09:00 JST (00:00Z), so
    // at 01:00Z 1 h has elapsed and 4 h are due at 04:00Z, though the caller's UTC date is a Sunday.
    const early = evaluateSla(policy, plainHistory(['2026-11-22T23:00:00.000Z', { state: 'open' }]), { calendars: { desk: tokyo }, now: '2026-11-23T01:00:00.000Z' });
    expect(onlyCycle(early, 'fix')).toMatchObject({ elapsedMs: HOUR, dueAt: '2026-11-23T04:00:00.000Z' });
  });
});

describe('daylight saving time', () => {
  const policy = simplePolicy(4 * HOUR);

  it('counts office hours across the spring change on Berlin local time', () => {
    // Fri 27 Mar 16:00 CET (15:00Z) opened; closes 17:00 CET (16:00Z): 1 h. Clocks go forward
    // on Sun 29. Mon 30 opens 09:00 CEST (07:00Z). Seen 09:30 CEST (07:30Z): 1:30 elapsed.
    // 2 h at 10:00 CEST (08:00Z), 3 h at 11:00 CEST (09:00Z), 4 h at 12:00 CEST (10:00Z).
    const cycle = onlyCycle(
      evaluateSla(policy, plainHistory(['2026-03-27T15:00:00.000Z', { state: 'open' }]), { calendars: { desk: deskBerlin }, now: '2026-03-30T07:30:00.000Z' }),
      'fix',
    );
    expect(cycle).toMatchObject({ elapsedMs: 1.5 * HOUR, dueAt: '2026-03-30T10:00:00.000Z' });
    expect(cycle.thresholds).toEqual([
      { percent: 50, dueAt: '2026-03-30T08:00:00.000Z' },
      { percent: 75, dueAt: '2026-03-30T09:00:00.000Z' },
      { percent: 100, dueAt: '2026-03-30T10:00:00.000Z' },
    ]);
  });

  // A night shift on Saturdays, 22:00 to 06:00 Berlin time.
  const nightShift = defineCalendar({ timeZone: 'Europe/Berlin', week: { saturday: [{ start: '22:00', end: '06:00' }] } });
  const shiftPolicy = simplePolicy(8 * HOUR);

  it('counts a night shift across the spring change as 7 real hours', () => {
    // Sat 28 Mar 21:00 CET (20:00Z) opened. The shift runs 22:00 CET (21:00Z) to 06:00 CEST
    // (04:00Z): 7 h. Seen 07:00 CEST (05:00Z): 7 h elapsed, 2 h outside hours. The 8th hour
    // is the first of the next shift: Sat 4 Apr 22:00 CEST (20:00Z) + 1 h = 21:00Z.
    const cycle = onlyCycle(
      evaluateSla(shiftPolicy, plainHistory(['2026-03-28T20:00:00.000Z', { state: 'open' }]), { calendars: { desk: nightShift }, now: '2026-03-29T05:00:00.000Z' }),
      'fix',
    );
    expect(cycle).toMatchObject({ elapsedMs: 7 * HOUR, dueAt: '2026-04-04T21:00:00.000Z' });
    expect(stretches(cycle)).toEqual(['2026-03-28T20:00 → 2026-03-29T05:00 running 7h00/2h00']);
  });

  it('counts a night shift across the autumn change as 9 real hours and breaches in its 9th', () => {
    // Sat 24 Oct 21:00 CEST (19:00Z) opened. The shift runs 22:00 CEST (20:00Z) to 06:00 CET
    // (05:00Z): 9 h. 8 h are used at 04:00Z (05:00 CET), an hour before the shift ends.
    const cycle = onlyCycle(
      evaluateSla(shiftPolicy, plainHistory(['2026-10-24T19:00:00.000Z', { state: 'open' }]), { calendars: { desk: nightShift }, now: '2026-10-25T06:00:00.000Z' }),
      'fix',
    );
    expect(cycle).toMatchObject({ state: 'breached', elapsedMs: 9 * HOUR, breachedAt: '2026-10-25T04:00:00.000Z' });
  });
});

describe('a 24/7 calendar written as 00:00–24:00 every day', () => {
  const policy = simplePolicy(24 * HOUR);
  const calendars = { desk: alwaysBerlin };

  it('has no gap at midnight', () => {
    // Tue 24 Nov 22:00 CET (21:00Z) opened; a version at 00:30 CET Wednesday (23:30Z); seen
    // 02:00 CET (01:00Z): 4 h elapsed, nothing outside hours; due 24 h later, 25 Nov 21:00Z.
    // The version after midnight changes nothing, so the clock runs on in one stretch.
    const versions = plainHistory(['2026-11-24T21:00:00.000Z', { state: 'open' }], ['2026-11-24T23:30:00.000Z', { state: 'open', note: 'after midnight' }]);
    const cycle = onlyCycle(evaluateSla(policy, versions, { calendars, now: '2026-11-25T01:00:00.000Z' }), 'fix');
    expect(cycle).toMatchObject({ elapsedMs: 4 * HOUR, dueAt: '2026-11-25T21:00:00.000Z' });
    expect(stretches(cycle)).toEqual(['2026-11-24T21:00 → 2026-11-25T01:00 running 4h00/0h00']);
  });

  it('counts real hours on the spring day of 23 hours', () => {
    // Sat 28 Mar 22:00 CET (21:00Z) opened. Seen Sun 12:00 CEST (10:00Z): 13 real hours.
    // Due 24 real hours later: 29 Mar 21:00Z, which the wall clock shows as 23:00 CEST.
    const cycle = onlyCycle(evaluateSla(policy, plainHistory(['2026-03-28T21:00:00.000Z', { state: 'open' }]), { calendars, now: '2026-03-29T10:00:00.000Z' }), 'fix');
    expect(cycle).toMatchObject({ elapsedMs: 13 * HOUR, dueAt: '2026-03-29T21:00:00.000Z' });
    expect(cycle.segments[0]!.outsideHoursMs).toBe(0);
  });

  it('counts real hours on the autumn day of 25 hours', () => {
    // Sat 24 Oct 22:00 CEST (20:00Z) opened. Seen Sun 11:00 CET (10:00Z): 14 real hours.
    // Due 25 Oct 20:00Z (21:00 CET).
    const cycle = onlyCycle(evaluateSla(policy, plainHistory(['2026-10-24T20:00:00.000Z', { state: 'open' }]), { calendars, now: '2026-10-25T10:00:00.000Z' }), 'fix');
    expect(cycle).toMatchObject({ elapsedMs: 14 * HOUR, dueAt: '2026-10-25T20:00:00.000Z' });
  });
});

describe('opened outside hours', () => {
  // Berlin desk, Whit Monday 25 May 2026 a holiday. Impact 1, urgency 2: P2, response 30 min,
  // resolution 8 h. Counting starts Tue 26 May 09:00 CEST (07:00Z): response due 07:30Z
  // (50 % at 07:15Z, 75 % at 07:22:30Z), resolution due 17:00 CEST (15:00Z).
  const calendars = { service_desk: deskBerlin };

  it('starts counting on the first business day after a Friday evening and a holiday Monday', () => {
    // Opened Fri 22 May 19:00 CEST (17:00Z). Seen on the holiday, Mon 12:00 CEST (10:00Z).
    const history = incidentHistory('2026-05-22T17:00:00.000Z', { impact: 1, urgency: 2 });
    const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars, now: '2026-05-25T10:00:00.000Z' });
    const response = onlyCycle(evaluation, 'response');
    expect(response).toMatchObject({ state: 'running', startedAt: '2026-05-22T17:00:00.000Z', elapsedMs: 0, targetMs: 30 * MINUTE, dueAt: '2026-05-26T07:30:00.000Z' });
    expect(response.thresholds).toEqual([
      { percent: 50, dueAt: '2026-05-26T07:15:00.000Z' },
      { percent: 75, dueAt: '2026-05-26T07:22:30.000Z' },
      { percent: 100, dueAt: '2026-05-26T07:30:00.000Z' },
    ]);
    // 65 hours from Friday 17:00Z to Monday 10:00Z, all outside hours.
    expect(stretches(response)).toEqual(['2026-05-22T17:00 → 2026-05-25T10:00 running 0h00/65h00']);
    expect(onlyCycle(evaluation, 'resolution')).toMatchObject({ elapsedMs: 0, targetMs: 8 * HOUR, dueAt: '2026-05-26T15:00:00.000Z' });
    expect(nextDeadline(evaluation)).toEqual({ at: '2026-05-26T07:15:00.000Z', targetId: 'response', kind: 'threshold', percent: 50 });
  });

  it('starts counting the day after when opened on the holiday itself', () => {
    // Opened Mon 25 May 10:00 CEST (08:00Z), seen 12:00 CEST: the same due instants.
    const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, incidentHistory('2026-05-25T08:00:00.000Z', { impact: 1, urgency: 2 }), { calendars, now: '2026-05-25T10:00:00.000Z' });
    expect(onlyCycle(evaluation, 'response').dueAt).toBe('2026-05-26T07:30:00.000Z');
    expect(onlyCycle(evaluation, 'resolution').dueAt).toBe('2026-05-26T15:00:00.000Z');
  });
});

describe('retroactive start', () => {
  // An incident opened Mon 09:00, started 09:05, on hold at 10:00; the policy is attached to
  // it later, so the first version it sees is the on-hold one. Seen 12:00.
  const history = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
    ['2026-11-23T09:05:00.000Z', start],
    ['2026-11-23T10:00:00.000Z', hold],
  ]).slice(2);

  it('counts the first cycle from openedAt, as running time, when the target says so', () => {
    // 09:00–10:00 counts as running (1 h), 10:00–12:00 paused (2 h).
    const resolution = onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now: '2026-11-23T12:00:00.000Z' }), 'resolution');
    expect(resolution).toMatchObject({ state: 'paused', startedAt: '2026-11-23T09:00:00.000Z', elapsedMs: HOUR, pausedMs: 2 * HOUR });
    expect(stretches(resolution)).toEqual(['2026-11-23T09:00 → 2026-11-23T10:00 running 1h00/0h00', '2026-11-23T10:00 → 2026-11-23T12:00 paused 2h00/0h00']);
  });

  it('counts from the first version it sees without it', () => {
    const plain = variant(DEFAULT_INCIDENT_SLA_POLICY, 'not-retroactive', ({ retroactiveStart: _dropped, ...target }) => target);
    const resolution = onlyCycle(evaluateSla(plain, history, { calendars: deskCalendars, now: '2026-11-23T12:00:00.000Z' }), 'resolution');
    expect(resolution).toMatchObject({ state: 'paused', startedAt: '2026-11-23T10:00:00.000Z', elapsedMs: 0, pausedMs: 2 * HOUR });
  });

  it('reads openedAt given as a Date, and counts from the first version when openedAt is no instant it can use', () => {
    // One version at 10:00; openedAt 09:00 counts from 09:00. A date without a time, a word,
    // an instant before 1900, one after the version, or no instant at all count from 10:00.
    const policy = simplePolicy(8 * HOUR, { retroactiveStart: 'openedAt' });
    const startedAt = (openedAt: unknown): string =>
      onlyCycle(evaluateSla(policy, plainHistory(['2026-11-23T10:00:00.000Z', { state: 'open', openedAt }]), { calendars: { desk: officeUtc }, now: '2026-11-23T11:00:00.000Z' }), 'fix').startedAt;
    expect(startedAt('2026-11-23T09:00:00.000Z')).toBe('2026-11-23T09:00:00.000Z');
    expect(startedAt(new Date('2026-11-23T09:00:00.000Z'))).toBe('2026-11-23T09:00:00.000Z');
    // A Date of another realm is a Date; a Date is read through Date itself, not its own getTime.
    expect(startedAt(runInNewContext('new Date("2026-11-23T09:00:00.000Z")'))).toBe('2026-11-23T09:00:00.000Z');
    expect(startedAt(Object.assign(new Date('2026-11-23T09:30:00.000Z'), { getTime: () => Date.parse('2026-11-23T09:00:00.000Z') }))).toBe('2026-11-23T09:30:00.000Z');
    for (const unusable of ['2026-11-23', 'Mon, 23 Nov 2026 09:00:00 GMT', '1850-01-01T00:00:00.000Z', '2026-11-23T12:00:00.000Z', 42, null]) {
      expect(startedAt(unusable)).toBe('2026-11-23T10:00:00.000Z');
    }
  });
});

describe('breach instants', () => {
  // Mon 15:00 opened as P1 (impact 1, urgency 1): resolution 4 h. 15:05 started. Tue 09:30 on
  // hold, 10:00 resumed.
  //
  //   Mon 15:00    17:00 | Tue 09:00  09:30   10:00   10:30   11:30
  //   |=====run======|    |===run====|-paused-|==run==|==run===|
  //                 50 %                              75 %    100 %: breach
  //
  // 2 h Monday, 0:30 Tuesday, then from 10:00: 3 h at 10:30, 4 h at 11:30.
  const history = incidentHistory('2026-11-23T15:00:00.000Z', { impact: 1, urgency: 1 }, [
    ['2026-11-23T15:05:00.000Z', start],
    ['2026-11-24T09:30:00.000Z', hold],
    ['2026-11-24T10:00:00.000Z', resume],
  ]);

  it('states the exact breach instant, the same whenever the record is looked at', () => {
    // Seen Wed 12:34:56.789: elapsed 2:30 + 7:00 (Tue 10–17) + 3:34:56.789 = 47 096 789 ms.
    const evaluation = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now: '2026-11-25T12:34:56.789Z' });
    const resolution = onlyCycle(evaluation, 'resolution');
    expect(resolution).toMatchObject({
      state: 'breached',
      breached: true,
      breachedAt: '2026-11-24T11:30:00.000Z',
      dueAt: '2026-11-24T11:30:00.000Z',
      elapsedMs: 47_096_789,
      pausedMs: 30 * MINUTE,
      remainingMs: 0,
    });
    expect(resolution.thresholds).toEqual([
      { percent: 50, crossedAt: '2026-11-23T17:00:00.000Z' },
      { percent: 75, crossedAt: '2026-11-24T10:30:00.000Z' },
      { percent: 100, crossedAt: '2026-11-24T11:30:00.000Z' },
    ]);
    for (const now of ['2026-11-24T11:30:00.001Z', '2026-11-24T16:59:59.999Z', '2026-12-31T00:00:00.000Z']) {
      expect(onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now }), 'resolution').breachedAt).toBe('2026-11-24T11:30:00.000Z');
    }
    // A millisecond before, it is not breached.
    expect(onlyCycle(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now: '2026-11-24T11:29:59.999Z' }), 'resolution')).toMatchObject({
      state: 'running',
      breached: false,
      remainingMs: 1,
    });
    // The response (15 min) was met at 15:05, after 5 min.
    expect(onlyCycle(evaluation, 'response')).toMatchObject({ state: 'met', elapsedMs: 5 * MINUTE, breached: false });
  });

  it('gives the next threshold or breach for the scheduler, and none while paused', () => {
    // Tue 09:15, before the hold: 2:15 elapsed; 75 % (3 h) at 10:00, breach at 11:00.
    const at0915 = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history.slice(0, 2), { calendars: deskCalendars, now: '2026-11-24T09:15:00.000Z' });
    expect(nextDeadline(at0915)).toEqual({ at: '2026-11-24T10:00:00.000Z', targetId: 'resolution', kind: 'threshold', percent: 75 });
    // Tue 09:45, on hold: the resolution clock is paused and the response met: nothing to wake for.
    expect(nextDeadline(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history.slice(0, 3), { calendars: deskCalendars, now: '2026-11-24T09:45:00.000Z' }))).toBeUndefined();
    // Tue 10:45, resumed: 3:15 elapsed, 75 % passed at 10:30; next is the breach at 11:30.
    expect(nextDeadline(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: deskCalendars, now: '2026-11-24T10:45:00.000Z' }))).toEqual({
      at: '2026-11-24T11:30:00.000Z',
      targetId: 'resolution',
      kind: 'breach',
      percent: 100,
    });
  });

  it('gives the breach as the next deadline when no threshold is at 100 %', () => {
    // 2 h target, one threshold at 50 %: opened 09:00, seen 10:30; 50 % passed at 10:00.
    const policy = simplePolicy(2 * HOUR, { thresholds: [50] });
    const evaluation = evaluateSla(policy, plainHistory(['2026-11-23T09:00:00.000Z', { state: 'open' }]), { calendars: { desk: officeUtc }, now: '2026-11-23T10:30:00.000Z' });
    expect(nextDeadline(evaluation)).toEqual({ at: '2026-11-23T11:00:00.000Z', targetId: 'fix', kind: 'breach', percent: 100 });
  });

  it('still schedules an escalation threshold above 100 % after the breach', () => {
    // 2 h target with thresholds 50, 100, 150 %: opened 09:00, breached 11:00, seen 11:30;
    // 150 % (3 h) falls at 12:00.
    const policy = simplePolicy(2 * HOUR, { thresholds: [50, 100, 150] });
    const evaluation = evaluateSla(policy, plainHistory(['2026-11-23T09:00:00.000Z', { state: 'open' }]), { calendars: { desk: officeUtc }, now: '2026-11-23T11:30:00.000Z' });
    expect(onlyCycle(evaluation, 'fix')).toMatchObject({ state: 'breached', breachedAt: '2026-11-23T11:00:00.000Z' });
    expect(nextDeadline(evaluation)).toEqual({ at: '2026-11-23T12:00:00.000Z', targetId: 'fix', kind: 'threshold', percent: 150 });
  });
});

describe('incremental form', () => {
  it('gives the same figures step by step with advanceSla as evaluateSla over the history so far', () => {
    // The priority-change history: open, start, hold, raise to P1, resume.
    const history = incidentHistory('2026-11-23T09:00:00.000Z', {}, [
      ['2026-11-23T09:30:00.000Z', start],
      ['2026-11-23T10:00:00.000Z', hold],
      ['2026-11-23T12:00:00.000Z', raiseToP1],
      ['2026-11-23T13:00:00.000Z', resume],
    ]);
    const options = { calendars: deskCalendars };
    let state: SlaState | undefined;
    for (const [index, version] of history.entries()) {
      state = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, state, version, options);
      // Looked at right away and half an hour later.
      for (const now of [version.at, new Date(Date.parse(version.at as string) + 30 * MINUTE)]) {
        expect(slaStatus(DEFAULT_INCIDENT_SLA_POLICY, state, { ...options, now })).toEqual(evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history.slice(0, index + 1), { ...options, now }));
      }
    }
    expect(onlyCycle(slaStatus(DEFAULT_INCIDENT_SLA_POLICY, state!, { ...options, now: '2026-11-23T14:30:00.000Z' }), 'resolution')).toMatchObject({ elapsedMs: 2.5 * HOUR, pausedMs: 3 * HOUR });
  });
});

describe('operational level agreements', () => {
  // The network team's OLA on fulfilment tasks assigned to it: 4 h on its calendar, Berlin
  // 08:00–16:00 (07:00–15:00Z in winter).
  const policy = defineSlaPolicy({
    id: 'fulfilment-olas',
    name: 'Fulfilment OLAs',
    targets: [
      {
        id: 'network-fix',
        metric: 'resolution',
        agreement: 'ola',
        appliesTo: { field: 'assignmentGroup.id', eq: 'g-network' },
        calendar: 'network',
        duration: { ms: 4 * HOUR },
        start: { field: 'state', in: ['open', 'work_in_progress'] },
        stop: { field: 'state', in: ['closed_complete', 'closed_incomplete', 'closed_skipped'] },
        cancel: { field: 'state', eq: 'canceled' },
      },
    ],
  });
  const calendars = { network: defineCalendar({ timeZone: 'Europe/Berlin', week: weekdays([{ start: '08:00', end: '16:00' }]) }) };
  const task = (state: string, group: string) => ({ number: 'TASK0001001', state, assignmentGroup: { kind: 'group', id: group } });

  it('runs an OLA only while the task is with the team it binds', () => {
    // 07:30Z open with the desk: no OLA. 09:00Z passed to network: the OLA starts. 10:00Z work
    // starts. 12:30Z closed complete: met after 3:30 of 4 h.
    const versions = plainHistory(
      ['2026-11-23T07:30:00.000Z', task('open', 'g-desk')],
      ['2026-11-23T09:00:00.000Z', task('open', 'g-network')],
      ['2026-11-23T10:00:00.000Z', task('work_in_progress', 'g-network')],
      ['2026-11-23T12:30:00.000Z', task('closed_complete', 'g-network')],
    );
    const evaluation = evaluateSla(policy, versions, { calendars, now: '2026-11-23T13:00:00.000Z' });
    expect(evaluation.targets[0]).toMatchObject({ targetId: 'network-fix', agreement: 'ola', metric: 'resolution', calendar: 'network' });
    expect(onlyCycle(evaluation, 'network-fix')).toMatchObject({ state: 'met', startedAt: '2026-11-23T09:00:00.000Z', endedAt: '2026-11-23T12:30:00.000Z', elapsedMs: 3.5 * HOUR, breached: false });
    expect(cyclesOf(evaluateSla(policy, versions.slice(0, 1), { calendars, now: '2026-11-23T13:00:00.000Z' }), 'network-fix')).toEqual([]);
  });
});

describe('configuration changes on open records', () => {
  it('shows which open records a shorter target dooms, and repairs them', () => {
    // Seen Wed 25 12:00. X: P3 opened Mon 09:00, started 09:10, still open: 19 h elapsed
    // (Mon 8 + Tue 8 + Wed 3); under 24 h due Wed 17:00. Under 16 h: the 16th hour ends Tue
    // 17:00, so it breached then. Y: resolved Mon 12:00 after 3 h: met under both.
    const records = [
      { id: 'X', history: incidentHistory('2026-11-23T09:00:00.000Z', {}, [['2026-11-23T09:10:00.000Z', start]]) },
      { id: 'Y', history: incidentHistory('2026-11-23T09:00:00.000Z', {}, [['2026-11-23T09:10:00.000Z', start], ['2026-11-23T12:00:00.000Z', resolve]]) },
    ];
    const shorter = variant(DEFAULT_INCIDENT_SLA_POLICY, 'shorter', (target) =>
      target.id === 'resolution' && 'byPriority' in target.duration ? { ...target, duration: { byPriority: { ...target.duration.byPriority, '3': 16 * HOUR } } } : target,
    );
    const now = '2026-11-25T12:00:00.000Z';
    const result = slaWhatIf(records, { policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: deskCalendars }, { policy: shorter, calendars: deskCalendars }, now);
    expect(result.changes).toEqual([
      {
        recordId: 'X',
        targetId: 'resolution',
        before: { state: 'running', dueAt: '2026-11-25T17:00:00.000Z', breached: false },
        after: { state: 'breached', dueAt: '2026-11-24T17:00:00.000Z', breached: true, breachedAt: '2026-11-24T17:00:00.000Z' },
        dueChanged: true,
        breachFlipped: true,
      },
    ]);
    // The repair: each record's evaluation under the new policy, ready to store.
    expect(result.evaluations.map((entry) => entry.recordId)).toEqual(['X', 'Y']);
    expect(result.evaluations[1]!.evaluation).toEqual(evaluateSla(shorter, records[1]!.history, { calendars: deskCalendars, now }));
    expect(onlyCycle(result.evaluations[1]!.evaluation, 'resolution')).toMatchObject({ state: 'met', elapsedMs: 3 * HOUR });
  });

  it('shows which open records a new holiday saves and which it only moves', () => {
    // Thursday 26 Nov becomes a holiday. Seen Fri 27 12:00.
    // Z: P3 opened Tue 09:00 (started 09:10). Without the holiday 24 h end Thu 17:00 (Tue 8,
    //    Wed 8, Thu 8): breached. With it: Tue 8 + Wed 8 + Fri 3 = 19 h, due Fri 17:00.
    // W: P3 opened Wed 09:00. Without: Wed 8 + Thu 8 + Fri 3 = 19 h, due Fri 17:00. With:
    //    Wed 8 + Fri 3 = 11 h; 13 h left: Fri 5, Mon 8 -> due Mon 30 17:00.
    // V: P3 opened Fri 09:00: due Tue 1 Dec 17:00 either way.
    const opened = (day: string) => incidentHistory(`2026-11-${day}T09:00:00.000Z`, {}, [[`2026-11-${day}T09:10:00.000Z`, start]]);
    const records = [
      { id: 'Z', history: opened('24') },
      { id: 'W', history: opened('25') },
      { id: 'V', history: opened('27') },
    ];
    const withHoliday = defineCalendar({ timeZone: 'UTC', week: weekdays(nineToFive), holidays: [{ date: '2026-11-26', name: 'Company day' }] });
    const { changes } = slaWhatIf(
      records,
      { policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: deskCalendars },
      { policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: { service_desk: withHoliday } },
      new Date('2026-11-27T12:00:00.000Z'),
    );
    expect(changes).toEqual([
      {
        recordId: 'Z',
        targetId: 'resolution',
        before: { state: 'breached', dueAt: '2026-11-26T17:00:00.000Z', breached: true, breachedAt: '2026-11-26T17:00:00.000Z' },
        after: { state: 'running', dueAt: '2026-11-27T17:00:00.000Z', breached: false },
        dueChanged: true,
        breachFlipped: true,
      },
      {
        recordId: 'W',
        targetId: 'resolution',
        before: { state: 'running', dueAt: '2026-11-27T17:00:00.000Z', breached: false },
        after: { state: 'running', dueAt: '2026-11-30T17:00:00.000Z', breached: false },
        dueChanged: true,
        breachFlipped: false,
      },
    ]);
  });
});

describe('reporting', () => {
  it('counts compliance per period by when each outcome fell', () => {
    // A 2 h target on the office calendar, everything seen Wed 2 Dec 12:00.
    // A: Mon 23 09:00 -> done 10:00: met on time (November).
    // B: Mon 23 09:00 -> done 12:00: breached 11:00, met late (November).
    // C: Mon 30 15:00, still open: 2 h at 17:00 -> breached in November, open.
    // D: Mon 30 16:30, still open: 0:30 Monday + 1:30 Tuesday -> breached Tue 1 Dec 10:30.
    // E: Tue 24 09:00, cancelled 09:30: never counted.
    // F: Mon 30 16:00 -> done Tue 1 Dec 09:30: 1:30, met on time (December).
    const policy = simplePolicy(2 * HOUR);
    const calendars = { desk: officeUtc };
    const now = '2026-12-02T12:00:00.000Z';
    const run = (...versions: (readonly [string, string])[]) => evaluateSla(policy, plainHistory(...versions.map(([at, state]) => [at, { state }] as const)), { calendars, now });
    const evaluations = [
      run(['2026-11-23T09:00:00.000Z', 'open'], ['2026-11-23T10:00:00.000Z', 'done']),
      run(['2026-11-23T09:00:00.000Z', 'open'], ['2026-11-23T12:00:00.000Z', 'done']),
      run(['2026-11-30T15:00:00.000Z', 'open']),
      run(['2026-11-30T16:30:00.000Z', 'open']),
      run(['2026-11-24T09:00:00.000Z', 'open'], ['2026-11-24T09:30:00.000Z', 'cancelled']),
      run(['2026-11-30T16:00:00.000Z', 'open'], ['2026-12-01T09:30:00.000Z', 'done']),
    ];
    expect(onlyCycle(evaluations[3]!, 'fix').breachedAt).toBe('2026-12-01T10:30:00.000Z');
    expect(slaCompliance(evaluations, { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toEqual([
      { targetId: 'fix', metric: 'resolution', metOnTime: 1, metLate: 1, breachedOpen: 1, compliancePercent: 100 / 3 },
    ]);
    expect(slaCompliance(evaluations, { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' })).toEqual([
      { targetId: 'fix', metric: 'resolution', metOnTime: 1, metLate: 0, breachedOpen: 1, compliancePercent: 50 },
    ]);
    expect(slaCompliance(evaluations, { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })).toEqual([{ targetId: 'fix', metric: 'resolution', metOnTime: 0, metLate: 0, breachedOpen: 0 }]);
  });

  it('measures availability on the service hours, counting overlapping outages once', () => {
    // November 2026 on the office calendar: 21 weekdays x 8 h = 168 h scheduled.
    // Outages: Fri 30 Oct 16:00 – Mon 2 Nov 10:00 (inside November: Mon 09–10, 1 h);
    // Tue 10 16:00–18:00 and 16:30–17:30 (together 16:00–18:00: 1 h of hours); Sat 14 (0 h);
    // Mon 30 16:00 with no end yet (to the period end: 1 h). Down 3 h; up 165 of 168 h.
    const availability = serviceAvailability(
      [
        { start: '2026-10-30T16:00:00.000Z', end: '2026-11-02T10:00:00.000Z' },
        { start: '2026-11-10T16:00:00.000Z', end: '2026-11-10T18:00:00.000Z' },
        { start: new Date('2026-11-10T16:30:00.000Z'), end: new Date('2026-11-10T17:30:00.000Z') },
        { start: '2026-11-14T10:00:00.000Z', end: '2026-11-14T12:00:00.000Z' },
        { start: '2026-11-30T16:00:00.000Z' },
      ],
      officeUtc,
      { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    );
    expect(availability).toEqual({ scheduledMs: 168 * HOUR, downMs: 3 * HOUR, availabilityPercent: (100 * 165) / 168 });
  });
});
