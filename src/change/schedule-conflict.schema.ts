import { z } from 'zod';
import { Instant, RecordId, TenantId } from '../core/record-fields.schema';

/** A half-open interval of time `[start, end)`. */
export const TimeInterval = z.strictObject({ start: Instant, end: Instant });
/** A half-open interval of time. */
export type TimeInterval = z.infer<typeof TimeInterval>;

/**
 * A period in which no change may be implemented (a freeze): everywhere, or only on the listed
 * configuration items. `[start, end)`.
 */
export const BlackoutWindow = z
  .strictObject({
    name: z.string().min(1, { error: 'must not be empty' }).max(200),
    start: Instant,
    end: Instant,
    /** The CIs the freeze applies to; every CI when omitted. */
    configurationItems: z.array(RecordId).max(10_000).optional(),
  })
  .refine((window) => window.end > window.start, { error: 'must be after start', path: ['end'] });
/** A period in which no change may be implemented. */
export type BlackoutWindow = z.infer<typeof BlackoutWindow>;

/**
 * What conflict detection reads of a change: a whole `ChangeRequest` fits, and so does any
 * object with these fields (other fields are ignored).
 */
export const ScheduledChangeRef = z.object({
  id: RecordId,
  /** When given, it must be the checked change's: tenants never meet. */
  tenantId: TenantId.optional(),
  number: z.string().min(1).max(32),
  state: z.string().min(1).max(48),
  configurationItems: z.array(RecordId).max(1_000),
  plannedStart: Instant.optional(),
  plannedEnd: Instant.optional(),
});
/** What conflict detection reads of a change. */
export type ScheduledChangeRef = z.infer<typeof ScheduledChangeRef>;

/** What conflict detection reads of a configuration item: its id and maintenance calendar. */
export const ConfigurationItemRef = z.object({
  id: RecordId,
  /** When given, it must be the checked change's: tenants never meet. */
  tenantId: TenantId.optional(),
  /** The id of the business calendar of its maintenance windows, a key of `calendars`. */
  maintenanceCalendarId: RecordId.optional(),
});
/** What conflict detection reads of a configuration item. */
export type ConfigurationItemRef = z.infer<typeof ConfigurationItemRef>;

/** What conflict detection reads of a CI relationship; the direction does not matter here. */
export const RelationshipRef = z.object({
  /** When given, it must be the checked change's: tenants never meet. */
  tenantId: TenantId.optional(),
  sourceId: RecordId,
  targetId: RecordId,
  type: z.string().min(1).max(100).optional(),
});
/** What conflict detection reads of a CI relationship. */
export type RelationshipRef = z.infer<typeof RelationshipRef>;

/** The change's window is (partly) outside an affected CI's maintenance windows. */
export const OutsideMaintenanceWindowConflict = z.strictObject({
  kind: z.literal('outside_maintenance_window'),
  configurationItemId: RecordId,
  calendarId: RecordId,
  /** The change's planned window. */
  interval: TimeInterval,
  /** How much of the window is outside the maintenance windows, in milliseconds. */
  outsideMs: z.number(),
});

/** The change's window overlaps a blackout window that applies to it. */
export const BlackoutConflict = z.strictObject({
  kind: z.literal('blackout'),
  blackoutName: z.string(),
  /** The change's CIs the blackout is scoped to; empty for a blackout of every CI. */
  configurationItemIds: z.array(RecordId),
  /** Where the change's window and the blackout overlap. */
  interval: TimeInterval,
});

/**
 * The change's window overlaps another scheduled or implementing change on the same CI, or on a
 * CI directly related to one of the change's CIs (either direction).
 */
export const ChangeOverlapConflict = z.strictObject({
  kind: z.literal('change_overlap'),
  otherChangeId: RecordId,
  otherChangeNumber: z.string(),
  /** The change's own CI. */
  configurationItemId: RecordId,
  /** The other change's CI: the same one, or one related to it. */
  otherConfigurationItemId: RecordId,
  /** The relationship that links the two CIs; absent when they are the same CI. */
  relationship: z.strictObject({ sourceId: RecordId, targetId: RecordId, type: z.string().optional() }).optional(),
  /** Where the two windows overlap. */
  interval: TimeInterval,
});

/** One reason a change's planned window conflicts, as data. */
export const ScheduleConflict = z.discriminatedUnion('kind', [OutsideMaintenanceWindowConflict, BlackoutConflict, ChangeOverlapConflict]);
/** One reason a change's planned window conflicts. */
export type ScheduleConflict = z.infer<typeof ScheduleConflict>;

/** What a change's window is checked against. Every field is optional. */
export const ScheduleConflictInputs = z.strictObject({
  /** Other changes; those in an active state with a planned window are checked for overlap. */
  scheduledChanges: z.array(ScheduledChangeRef).max(100_000).optional(),
  /** Business calendars by id, from `defineCalendar`: the CIs' maintenance calendars. */
  calendars: z.record(RecordId, z.unknown()).optional(),
  blackoutWindows: z.array(BlackoutWindow).max(10_000).optional(),
  configurationItems: z.array(ConfigurationItemRef).max(100_000).optional(),
  relationships: z.array(RelationshipRef).max(1_000_000).optional(),
  /** The states of other changes that hold their window; `scheduled` and `implement` when omitted. */
  activeStates: z.array(z.string().min(1).max(48)).max(50).optional(),
});
/** What a change's window is checked against. */
export type ScheduleConflictInputs = z.input<typeof ScheduleConflictInputs>;
