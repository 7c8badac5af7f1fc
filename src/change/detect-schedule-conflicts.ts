import { compiledCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { businessTimeBetween } from '../calendar/business-time-between';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { ScheduleConflictInputs, ScheduledChangeRef, type RelationshipRef, type ScheduleConflict, type TimeInterval } from './schedule-conflict.schema';

const DEFAULT_ACTIVE_STATES: readonly string[] = ['scheduled', 'implement'];
const KIND_ORDER: Readonly<Record<ScheduleConflict['kind'], number>> = { outside_maintenance_window: 0, blackout: 1, change_overlap: 2 };

/** The change whose window is checked: it must have one. */
const CheckedChange = ScheduledChangeRef.superRefine((change, context) => {
  if (change.plannedStart === undefined) context.addIssue({ code: 'custom', path: ['plannedStart'], message: 'is required to detect schedule conflicts' });
  if (change.plannedEnd === undefined) context.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'is required to detect schedule conflicts' });
  if (change.plannedStart !== undefined && change.plannedEnd !== undefined && change.plannedEnd <= change.plannedStart) {
    context.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'must be after plannedStart' });
  }
});

/** The overlap of two half-open intervals, or undefined when they do not overlap. */
function overlap(a: TimeInterval, b: TimeInterval): TimeInterval | undefined {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  // Instants are one fixed UTC format, so strings compare as times.
  return start < end ? { start, end } : undefined;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function conflictKey(conflict: ScheduleConflict): string[] {
  switch (conflict.kind) {
    case 'outside_maintenance_window':
      return [conflict.configurationItemId, conflict.calendarId];
    case 'blackout':
      return [conflict.blackoutName, conflict.configurationItemIds.join(',')];
    case 'change_overlap':
      return [conflict.otherChangeNumber, conflict.otherChangeId, conflict.configurationItemId, conflict.otherConfigurationItemId, conflict.relationship?.sourceId ?? '', conflict.relationship?.targetId ?? '', conflict.relationship?.type ?? ''];
  }
}

function byOrder(a: ScheduleConflict, b: ScheduleConflict): number {
  const kinds = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (kinds !== 0) return kinds;
  const starts = compare(a.interval.start, b.interval.start);
  if (starts !== 0) return starts;
  const keyA = conflictKey(a);
  const keyB = conflictKey(b);
  for (let index = 0; index < keyA.length; index += 1) {
    const order = compare(keyA[index] ?? '', keyB[index] ?? '');
    if (order !== 0) return order;
  }
  return compare(a.interval.end, b.interval.end);
}

/**
 * Finds every conflict of a change's planned window, pure and in a fixed order (by kind, then
 * interval start, then the ids involved):
 *
 * - `outside_maintenance_window` — for each affected CI with a `maintenanceCalendarId`, when
 *   the business time of that calendar within the window is less than the window's length;
 * - `blackout` — for each blackout window that overlaps it and applies to every CI or to one
 *   of the change's CIs;
 * - `change_overlap` — for each other change in an active state (`scheduled`, `implement`)
 *   whose window overlaps, on the same CI or on a CI directly related to one of the change's
 *   CIs by a relationship in either direction: one conflict per pair of CIs (and relationship).
 *
 * Windows are half-open, `[start, end)`: a change ending at 02:00 does not overlap one starting
 * at 02:00. An input that names a tenant other than the change's is refused: tenants never meet.
 *
 * @param change - the change to check (a `ChangeRequest`, or any object with id, number, state, configurationItems and the planned window)
 * @param inputs - other changes, calendars by id, blackout windows, CIs and their relationships
 * @returns the conflicts; empty when the window is clear
 * @throws {@link ValidationError} for bad input, a change without a window, or a CI whose calendar is not given
 *
 * @example
 * ```ts
 * const conflicts = detectScheduleConflicts(change, {
 *   scheduledChanges: [other],
 *   calendars: { 'cal-weekend': weekendNights },
 *   configurationItems: [{ id: 'ci-db', maintenanceCalendarId: 'cal-weekend' }],
 *   relationships: [{ sourceId: 'ci-app', targetId: 'ci-db', type: 'depends_on' }],
 *   blackoutWindows: [{ name: 'Year-end freeze', start: '2026-12-20T00:00:00.000Z', end: '2027-01-04T00:00:00.000Z' }],
 * });
 * conflicts.map((conflict) => conflict.kind); // => ['outside_maintenance_window', 'change_overlap']
 * ```
 */
export function detectScheduleConflicts(change: ScheduledChangeRef, inputs: ScheduleConflictInputs = {}): ScheduleConflict[] {
  const result = safeDetectScheduleConflicts(change, inputs);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link detectScheduleConflicts}, but returns the error instead of throwing it, and takes
 * `unknown`.
 *
 * @param change - anything; a change with a planned window
 * @param inputs - anything; what the window is checked against
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeDetectScheduleConflicts(change, { scheduledChanges, blackoutWindows });
 * if (result.success && result.data.length > 0) console.log(result.data[0]?.kind);
 * ```
 */
export function safeDetectScheduleConflicts(change: unknown, inputs: unknown = {}): SafeResult<ScheduleConflict[], ValidationError> {
  const parsedChange = parseWith(CheckedChange, change, 'change');
  if (!parsedChange.success) return parsedChange;
  const parsedInputs = parseWith(ScheduleConflictInputs, inputs, 'schedule conflict inputs');
  if (!parsedInputs.success) return parsedInputs;
  const subject = parsedChange.data;
  const given = parsedInputs.data;
  const foreign = foreignTenants(subject.tenantId, given);
  if (foreign.length > 0) return { success: false, error: new ValidationError(foreign, 'schedule conflict inputs') };
  const window: TimeInterval = { start: subject.plannedStart ?? '', end: subject.plannedEnd ?? '' };
  const mine = [...new Set(subject.configurationItems)];
  const conflicts: ScheduleConflict[] = [];

  const maintenance = maintenanceConflicts(mine, window, given.configurationItems ?? [], given.calendars ?? {});
  if (!maintenance.success) return maintenance;
  conflicts.push(...maintenance.data);

  for (const blackout of given.blackoutWindows ?? []) {
    const interval = overlap(window, blackout);
    if (interval === undefined) continue;
    if (blackout.configurationItems === undefined) {
      conflicts.push({ kind: 'blackout', blackoutName: blackout.name, configurationItemIds: [], interval });
      continue;
    }
    const scoped = mine.filter((id) => blackout.configurationItems?.includes(id)).sort(compare);
    if (scoped.length > 0) conflicts.push({ kind: 'blackout', blackoutName: blackout.name, configurationItemIds: scoped, interval });
  }

  const touching = touchingCis(mine, given.relationships ?? []);
  const active = new Set(given.activeStates ?? DEFAULT_ACTIVE_STATES);
  for (const other of given.scheduledChanges ?? []) {
    if (other.id === subject.id || !active.has(other.state) || other.plannedStart === undefined || other.plannedEnd === undefined) continue;
    const interval = overlap(window, { start: other.plannedStart, end: other.plannedEnd });
    if (interval === undefined) continue;
    for (const otherCi of new Set(other.configurationItems)) {
      for (const [ci, links] of touching.get(otherCi) ?? []) {
        const base = { kind: 'change_overlap' as const, otherChangeId: other.id, otherChangeNumber: other.number, configurationItemId: ci, otherConfigurationItemId: otherCi, interval };
        if (links === SAME) conflicts.push(base);
        else for (const relationship of links) conflicts.push({ ...base, relationship });
      }
    }
  }
  return { success: true, data: conflicts.sort(byOrder) };
}

/**
 * An issue for each input of another tenant than the change's or, when the change names none,
 * than the first input that names one.
 */
function foreignTenants(tenantId: string | undefined, given: { readonly [K in 'scheduledChanges' | 'configurationItems' | 'relationships']?: readonly { tenantId?: string | undefined }[] | undefined }): ValidationIssue[] {
  const fields = ['scheduledChanges', 'configurationItems', 'relationships'] as const;
  let tenant = tenantId === undefined ? undefined : { id: tenantId, of: "the change's tenant" };
  const issues: ValidationIssue[] = [];
  for (const field of fields) {
    (given[field] ?? []).forEach((entry, index) => {
      if (entry.tenantId === undefined) return;
      if (tenant === undefined) tenant = { id: entry.tenantId, of: `the tenant of ${field}[${index}]` };
      else if (entry.tenantId !== tenant.id) issues.push(issue([field, index, 'tenantId'], `must be ${tenant.of} (${tenant.id})`, entry.tenantId));
    });
  }
  return issues;
}

type Link = { sourceId: string; targetId: string; type?: string };
/** Marks a CI of the change itself: the same CI, not a relationship. */
const SAME = Symbol('same CI');

/**
 * For each CI that a change could conflict on — one of the change's own, or one directly related
 * to one of them — the change's CIs it touches and by which distinct relationships. Built once,
 * so each CI of another change is one lookup.
 */
function touchingCis(mine: readonly string[], relationships: readonly RelationshipRef[]): Map<string, Map<string, Link[] | typeof SAME>> {
  const own = new Set(mine);
  const touching = new Map<string, Map<string, Link[] | typeof SAME>>();
  for (const ci of mine) touching.set(ci, new Map([[ci, SAME]]));
  const seen = new Map<string, Map<string, Set<string | undefined>>>();
  const add = (from: string, to: string, link: Link): void => {
    const entries = touching.get(from) ?? new Map<string, Link[] | typeof SAME>();
    touching.set(from, entries);
    const known = entries.get(to);
    if (known === SAME) return;
    if (known === undefined) entries.set(to, [link]);
    else known.push(link);
  };
  for (const { sourceId, targetId, type } of relationships) {
    if (sourceId === targetId || (!own.has(sourceId) && !own.has(targetId))) continue;
    // The same relationship given twice counts once.
    const targets = seen.get(sourceId) ?? new Map<string, Set<string | undefined>>();
    seen.set(sourceId, targets);
    const types = targets.get(targetId) ?? new Set<string | undefined>();
    targets.set(targetId, types);
    if (types.has(type)) continue;
    types.add(type);
    const link: Link = type === undefined ? { sourceId, targetId } : { sourceId, targetId, type };
    if (own.has(sourceId)) add(targetId, sourceId, link);
    if (own.has(targetId)) add(sourceId, targetId, link);
  }
  return touching;
}

function maintenanceConflicts(
  mine: readonly string[],
  window: TimeInterval,
  items: readonly { id: string; maintenanceCalendarId?: string | undefined }[],
  calendars: Readonly<Record<string, unknown>>,
): SafeResult<ScheduleConflict[], ValidationError> {
  const issues: ValidationIssue[] = [];
  const conflicts: ScheduleConflict[] = [];
  const from = new Date(window.start);
  const to = new Date(window.end);
  const length = to.getTime() - from.getTime();
  // The first entry of a CI counts, as a lookup by id would find it.
  const calendarOf = new Map<string, string | undefined>();
  for (const item of items) if (!calendarOf.has(item.id)) calendarOf.set(item.id, item.maintenanceCalendarId);
  for (const ci of mine) {
    const calendarId = calendarOf.get(ci);
    if (calendarId === undefined) continue;
    const calendar = Object.hasOwn(calendars, calendarId) ? calendars[calendarId] : undefined;
    try {
      compiledCalendar(calendar);
    } catch {
      issues.push(issue(['calendars', calendarId], calendar === undefined ? `is missing: it is the maintenance calendar of ${ci}` : 'must be a calendar made by defineCalendar()'));
      continue;
    }
    let inside: number;
    try {
      inside = businessTimeBetween(calendar as BusinessCalendar, from, to);
    } catch (error) {
      // The calendar answers for 1900–2200 only; name the change's window, not the calendar's argument.
      if (error instanceof ValidationError) {
        issues.push(issue(['plannedStart'], `must be within the calendars' horizon: ${error.issues[0]?.message ?? error.message}`));
        continue;
      }
      throw error;
    }
    if (inside < length) conflicts.push({ kind: 'outside_maintenance_window', configurationItemId: ci, calendarId, interval: { ...window }, outsideMs: length - inside });
  }
  if (issues.length > 0) return { success: false, error: new ValidationError(dedupe(issues), 'schedule conflict inputs') };
  return { success: true, data: conflicts };
}

function dedupe(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((found) => {
    const key = JSON.stringify([found.path, found.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
