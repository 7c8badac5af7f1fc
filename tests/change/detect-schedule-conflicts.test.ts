import { describe, expect, it } from 'vitest';
import { defineCalendar } from '../../src/calendar/index';
import { isItsmError } from '../../src/index';
import { detectScheduleConflicts, safeDetectScheduleConflicts, type ScheduledChangeRef } from '../../src/change/index';
import { thrown } from '../support';
import { opened, scheduled } from './support';

// The worked example of docs/change.md. All times UTC, Saturday 2026-11-28 to Sunday the 29th.
const weekendNights = defineCalendar({
  timeZone: 'UTC',
  week: { saturday: [{ start: '22:00', end: '24:00' }], sunday: [{ start: '00:00', end: '04:00' }] },
});
const at = (day: 28 | 29, hour: number): string => `2026-11-${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const change = (id: string, state: string, configurationItems: string[], start: string, end: string): ScheduledChangeRef => ({
  id,
  number: `CHG000000${id.slice(-1)}`,
  state,
  configurationItems,
  plannedStart: start,
  plannedEnd: end,
});

const subject = change('chg-1', 'scheduled', ['ci-db'], at(28, 22), at(29, 5));
const inputs = {
  calendars: { 'weekend-nights': weekendNights },
  configurationItems: [{ id: 'ci-db', maintenanceCalendarId: 'weekend-nights' }, { id: 'ci-app' }, { id: 'ci-web' }],
  relationships: [{ sourceId: 'ci-app', targetId: 'ci-db', type: 'depends_on' }],
  blackoutWindows: [
    { name: 'Payments freeze', start: at(29, 3), end: at(29, 6), configurationItems: ['ci-db', 'ci-pay'] },
    { name: 'Web freeze', start: at(28, 0), end: at(29, 12), configurationItems: ['ci-web'] },
  ],
  scheduledChanges: [
    subject,
    change('chg-2', 'scheduled', ['ci-app'], at(29, 1), at(29, 2)),
    change('chg-3', 'implement', ['ci-db'], at(28, 21), at(28, 23)),
    change('chg-4', 'new', ['ci-db'], at(28, 22), at(29, 5)),
    change('chg-5', 'scheduled', ['ci-db'], at(29, 5), at(29, 6)),
    change('chg-6', 'scheduled', ['ci-web'], at(28, 22), at(29, 5)),
  ],
};

describe('detectScheduleConflicts', () => {
  it('finds each conflict of the worked example, in order, saying why', () => {
    expect(detectScheduleConflicts(subject, inputs)).toEqual([
      { kind: 'outside_maintenance_window', configurationItemId: 'ci-db', calendarId: 'weekend-nights', interval: { start: at(28, 22), end: at(29, 5) }, outsideMs: 3_600_000 },
      { kind: 'blackout', blackoutName: 'Payments freeze', configurationItemIds: ['ci-db'], interval: { start: at(29, 3), end: at(29, 5) } },
      {
        kind: 'change_overlap',
        otherChangeId: 'chg-3',
        otherChangeNumber: 'CHG0000003',
        configurationItemId: 'ci-db',
        otherConfigurationItemId: 'ci-db',
        interval: { start: at(28, 22), end: at(28, 23) },
      },
      {
        kind: 'change_overlap',
        otherChangeId: 'chg-2',
        otherChangeNumber: 'CHG0000002',
        configurationItemId: 'ci-db',
        otherConfigurationItemId: 'ci-app',
        relationship: { sourceId: 'ci-app', targetId: 'ci-db', type: 'depends_on' },
        interval: { start: at(29, 1), end: at(29, 2) },
      },
    ]);
  });

  it('finds nothing for a window inside the maintenance windows and clear of others', () => {
    const clear = change('chg-9', 'new', ['ci-db'], at(28, 23), at(29, 1));
    expect(detectScheduleConflicts(clear, { ...inputs, scheduledChanges: [], blackoutWindows: [] })).toEqual([]);
  });

  it('applies a blackout without a scope to every change', () => {
    const global = [{ name: 'Year-end freeze', start: at(28, 0), end: at(29, 0) }];
    expect(detectScheduleConflicts(subject, { blackoutWindows: global })).toEqual([
      { kind: 'blackout', blackoutName: 'Year-end freeze', configurationItemIds: [], interval: { start: at(28, 22), end: at(29, 0) } },
    ]);
  });

  it('reads a whole ChangeRequest, and takes the states of other changes that hold their window', () => {
    const mine = scheduled('standard');
    const other = { ...opened('normal'), id: 'chg-other', number: 'CHG0000042' };
    expect(detectScheduleConflicts(mine, { scheduledChanges: [other] })).toEqual([]);
    expect(detectScheduleConflicts(mine, { scheduledChanges: [other], activeStates: ['new'] }).map((conflict) => conflict.kind)).toEqual(['change_overlap']);
  });

  it('reports each distinct relationship between two CIs once', () => {
    const relationships = [
      { sourceId: 'ci-app', targetId: 'ci-db', type: 'depends_on' },
      { sourceId: 'ci-app', targetId: 'ci-db', type: 'depends_on' },
      { sourceId: 'ci-db', targetId: 'ci-app' },
      { sourceId: 'ci-db', targetId: 'ci-db' },
    ];
    const conflicts = detectScheduleConflicts(subject, { relationships, scheduledChanges: [change('chg-2', 'scheduled', ['ci-app'], at(29, 1), at(29, 2))] });
    expect(conflicts.map((conflict) => (conflict.kind === 'change_overlap' ? conflict.relationship : undefined))).toEqual([
      { sourceId: 'ci-app', targetId: 'ci-db', type: 'depends_on' },
      { sourceId: 'ci-db', targetId: 'ci-app' },
    ]);
  });

  it('refuses inputs of two tenants when the change names none', () => {
    const { tenantId: _tenant, ...anonymous } = scheduled('normal');
    const result = safeDetectScheduleConflicts(anonymous, {
      scheduledChanges: [{ ...opened('normal'), id: 'chg-x', tenantId: 'acme' }],
      configurationItems: [{ id: 'ci-switch-1', tenantId: 'globex' }],
      relationships: [{ sourceId: 'a', targetId: 'b' }],
    });
    expect(result.success ? [] : result.error.issues.map((found) => [found.path.join('.'), found.message])).toEqual([['configurationItems.0.tenantId', 'must be the tenant of scheduledChanges[0] (acme)']]);
  });

  it("refuses inputs of another tenant than the change's", () => {
    const mine = scheduled('standard');
    const result = safeDetectScheduleConflicts(mine, {
      scheduledChanges: [{ ...opened('normal'), id: 'chg-x', tenantId: 'globex' }],
      configurationItems: [{ id: 'ci-switch-1', tenantId: 'acme' }],
      relationships: [{ tenantId: 'globex', sourceId: 'a', targetId: 'b' }],
    });
    expect(result.success ? [] : result.error.issues.map((found) => found.path.join('.'))).toEqual(['scheduledChanges.0.tenantId', 'relationships.0.tenantId']);
  });

  it('needs the window and every maintenance calendar it names', () => {
    const paths = (result: ReturnType<typeof safeDetectScheduleConflicts>) => (result.success ? [] : result.error.issues.map((found) => found.path.join('.')));
    expect(paths(safeDetectScheduleConflicts({ ...subject, plannedStart: undefined, plannedEnd: undefined }))).toEqual(['plannedStart', 'plannedEnd']);
    expect(paths(safeDetectScheduleConflicts({ ...subject, plannedEnd: subject.plannedStart }))).toEqual(['plannedEnd']);
    expect(paths(safeDetectScheduleConflicts(subject, { ...inputs, calendars: {} }))).toEqual(['calendars.weekend-nights']);
    expect(paths(safeDetectScheduleConflicts(subject, { ...inputs, calendars: { 'weekend-nights': { timeZone: 'UTC' } } }))).toEqual(['calendars.weekend-nights']);
    expect(paths(safeDetectScheduleConflicts({ ...subject, plannedStart: '2300-01-01T00:00:00.000Z', plannedEnd: '2300-01-02T00:00:00.000Z' }, inputs))).toEqual(['plannedStart']);
    expect(paths(safeDetectScheduleConflicts(subject, { blackoutWindows: [{ name: 'x', start: at(29, 3), end: at(29, 3) }] }))).toEqual(['blackoutWindows.0.end']);
    expect(isItsmError(thrown(() => detectScheduleConflicts({} as never)))).toBe(true);
  });
});
