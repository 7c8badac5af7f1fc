import { z } from 'zod';
import { AttachmentRef } from '../core/attachment.schema';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';

/** The states of an incident's lifecycle (ServiceNow's model). */
export const IncidentState = z.enum(['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']);
/** The state of an incident. */
export type IncidentState = z.infer<typeof IncidentState>;

/** Where an incident stands as a major-incident candidate. */
export const MajorIncidentState = z.enum(['none', 'candidate', 'accepted', 'rejected']);
/** Where an incident stands as a major-incident candidate. */
export type MajorIncidentState = z.infer<typeof MajorIncidentState>;

const OPEN_STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold'];

/** A short code from a list a host configures: an on-hold reason, a resolution code, a category. */
const Code = z.string().min(1, { error: 'must not be empty' }).max(80);
const Level = z.int().min(0).max(99);

/** The fields alone, before the checks across them. */
const IncidentFields = RecordBase.extend({
  shortDescription: z.string().min(1, { error: 'must not be empty' }).max(160),
  description: z.string().min(1, { error: 'must not be empty; leave it out instead' }).max(32_000).optional(),
  caller: ActorRef,
  category: Code.optional(),
  subcategory: Code.optional(),
  service: RecordId.optional(),
  configurationItem: RecordId.optional(),
  impact: Level,
  urgency: Level,
  priority: Level,
  assignmentGroup: ActorRef.optional(),
  assignee: ActorRef.optional(),
  state: IncidentState,
  onHoldReason: Code.optional(),
  resolutionCode: Code.optional(),
  resolutionNotes: z.string().min(1, { error: 'must not be empty' }).max(32_000).optional(),
  openedAt: Instant,
  firstRespondedAt: Instant.optional(),
  resolvedAt: Instant.optional(),
  closedAt: Instant.optional(),
  canceledAt: Instant.optional(),
  reopenCount: z.int().min(0),
  major: MajorIncidentState,
  /** The major incident this one is a child of. */
  parentIncident: RecordId.optional(),
  problem: RecordId.optional(),
  causedByChange: RecordId.optional(),
  changeRequest: RecordId.optional(),
  journal: z.array(JournalEntry),
  attachments: z.array(AttachmentRef),
});

/**
 * The incident schema of a lifecycle with added states: `behavesAs` maps each added state to
 * the built-in state whose field rules it follows.
 * @internal
 */
export function incidentSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<Incident> {
  if (behavesAs.size === 0) return Incident;
  const states = z.enum([...IncidentState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return IncidentFields.extend({ state: states }).superRefine((incident, context) =>
    checkIncident({ ...incident, state: (behavesAs.get(incident.state) ?? incident.state) as IncidentState }, context),
  ) as unknown as z.ZodType<Incident>;
}

function checkIncident(incident: z.infer<typeof IncidentFields>, context: z.RefinementCtx): void {
  const fail = (path: string | readonly string[], message: string): void => {
    context.addIssue({ code: 'custom', path: typeof path === 'string' ? [path] : [...path], message });
  };
  const { state } = incident;
  const open = OPEN_STATES.includes(state);

  if (incident.caller.kind !== 'user') fail(['caller', 'kind'], 'must be user: a caller is a person');
  if (incident.assignee !== undefined && incident.assignee.kind !== 'user') fail(['assignee', 'kind'], 'must be user');
  if (incident.assignmentGroup !== undefined && incident.assignmentGroup.kind !== 'group') fail(['assignmentGroup', 'kind'], 'must be group');
  if (incident.parentIncident === incident.id) fail('parentIncident', 'must not be the incident itself');

  if (state === 'on_hold' && incident.onHoldReason === undefined) fail('onHoldReason', 'is required while the incident is on hold');
  if (state !== 'on_hold' && incident.onHoldReason !== undefined) fail('onHoldReason', 'is only set while the incident is on hold');

  if (state === 'resolved' || state === 'closed') {
    if (incident.resolutionCode === undefined) fail('resolutionCode', `is required once the incident is ${state}`);
    if (incident.resolutionNotes === undefined) fail('resolutionNotes', `is required once the incident is ${state}`);
    if (incident.resolvedAt === undefined) fail('resolvedAt', `is required once the incident is ${state}`);
  }
  if (state === 'closed' && incident.closedAt === undefined) fail('closedAt', 'is required once the incident is closed');
  if (state === 'canceled' && incident.canceledAt === undefined) fail('canceledAt', 'is required once the incident is canceled');
  if (open) {
    for (const field of ['resolvedAt', 'closedAt', 'canceledAt'] as const) {
      if (incident[field] !== undefined) fail(field, `must be absent while the incident is ${state}`);
    }
  }
  if (state === 'resolved' && incident.closedAt !== undefined) fail('closedAt', 'must be absent until the incident is closed');
  if (state !== 'canceled' && incident.canceledAt !== undefined) fail('canceledAt', 'is only set on a canceled incident');

  // Milestones in order. Instants are one fixed UTC format, so strings compare as times.
  const notBefore = (later: 'firstRespondedAt' | 'resolvedAt' | 'closedAt' | 'canceledAt', earlier: 'openedAt' | 'resolvedAt'): void => {
    const a = incident[later];
    const b = incident[earlier];
    if (a !== undefined && b !== undefined && a < b) fail(later, `must not be before ${earlier}`);
  };
  notBefore('firstRespondedAt', 'openedAt');
  notBefore('resolvedAt', 'openedAt');
  notBefore('closedAt', 'resolvedAt');
  notBefore('canceledAt', 'openedAt');
  if (incident.updatedAt < incident.createdAt) fail('updatedAt', 'must not be before createdAt');
}

/**
 * An incident: an unplanned interruption or reduction in the quality of a service. The record
 * as stored, at one version. Its `state` is the lifecycle state; the invariants between state
 * and fields (an incident on hold says why, a resolved one says how and when) hold at every
 * version.
 *
 * `impact`, `urgency` and `priority` are levels of the tenant's priority matrix, and
 * `onHoldReason`, `resolutionCode` and the categories come from lists the host configures, so
 * the schema checks their shape and the domain functions check them against the configuration.
 * A lifecycle with states of a vendor's own has its own schema, `lifecycle.schema`.
 */
export const Incident = IncidentFields.superRefine(checkIncident);
/** An incident as stored, at one version. */
export type Incident = z.infer<typeof Incident>;
