import { z } from 'zod';
import { AttachmentRef } from '../core/attachment.schema';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';

/**
 * Where a problem stands in its lifecycle: logged (`new`), triaged (`assess`), under
 * investigation (`root_cause_analysis`), being fixed (`fix_in_progress`), ended (`resolved`),
 * and finally `closed`. Listed in lifecycle order.
 */
export const ProblemState = z.enum(['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed']);
/** Where a problem stands in its lifecycle. */
export type ProblemState = z.infer<typeof ProblemState>;

/**
 * How a problem ended: its fix was applied (`fix_applied`), its risk was accepted without a fix
 * (`risk_accepted`), it is the same problem as another (`duplicate`), or it was dropped
 * (`canceled`).
 */
export const ProblemResolution = z.enum(['fix_applied', 'risk_accepted', 'duplicate', 'canceled']);
/** How a problem ended. */
export type ProblemResolution = z.infer<typeof ProblemResolution>;

/** The states in which a problem has ended and must say how and when. */
const ENDED_STATES: readonly ProblemState[] = ['resolved', 'closed'];

const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);
const Label = z.string().min(1, { error: 'must not be empty' }).max(100);
// A level of the tenant's priority matrix, which allows 0 (a "P0" scheme); the same bounds as
// the incident's, so a problem can carry the priority of the incidents behind it.
const Level = z.int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(99);

/** The fields alone, before the checks across them. */
const ProblemFields = RecordBase.extend({
  /** One line saying what is wrong, as a list shows it. */
  problemStatement: z.string().min(1, { error: 'must not be empty' }).max(160),
  description: Text.optional(),
  state: ProblemState,
  /** How the problem ended; present exactly when it is `resolved` or `closed`. */
  resolution: ProblemResolution.optional(),
  /** The problem this one duplicates; present exactly when `resolution` is `duplicate`. */
  duplicateOf: RecordId.optional(),
  category: Label.optional(),
  subcategory: Label.optional(),
  /** The affected service. */
  service: RecordId.optional(),
  /** The configuration items involved. */
  configurationItems: z.array(RecordId),
  impact: Level,
  urgency: Level,
  priority: Level,
  /** The group that owns the investigation; must be of kind `group`. */
  assignmentGroup: ActorRef.optional(),
  /** The problem manager or analyst working it; must be of kind `user`. */
  assignee: ActorRef.optional(),
  /** What the investigation found to be the underlying cause. */
  rootCause: Text.optional(),
  /** How to reduce or remove the impact of the incidents while there is no fix. */
  workaround: Text.optional(),
  /** What removes the cause; required when the problem is resolved with `fix_applied`. */
  fix: Text.optional(),
  /** The incidents this problem causes or caused. */
  relatedIncidents: z.array(RecordId),
  /** The known errors published from this problem. */
  knownErrors: z.array(RecordId),
  /** The changes that investigate or fix it. */
  relatedChanges: z.array(RecordId),
  /** When the problem was logged. Milestones are in order: opened, root cause identified, resolved, closed. */
  openedAt: Instant,
  rootCauseIdentifiedAt: Instant.optional(),
  resolvedAt: Instant.optional(),
  closedAt: Instant.optional(),
  journal: z.array(JournalEntry),
  attachments: z.array(AttachmentRef),
});
type ProblemField = keyof z.infer<typeof ProblemFields>;

/**
 * The problem schema of a lifecycle with added states: `behavesAs` maps each added state to
 * the built-in state whose field rules it follows.
 * @internal
 */
export function problemSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<Problem> {
  if (behavesAs.size === 0) return Problem;
  const states = z.enum([...ProblemState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return ProblemFields.extend({ state: states }).superRefine((problem, context) =>
    checkProblem(problem, (behavesAs.get(problem.state) ?? problem.state) as ProblemState, context),
  ) as unknown as z.ZodType<Problem>;
}

/**
 * The checks across fields. `rulesOf` is the built-in state whose rules apply; messages name the
 * record's own state, so a vendor's state reads as itself.
 */
function checkProblem(problem: Omit<z.infer<typeof ProblemFields>, 'state'> & { state: string }, rulesOf: ProblemState, context: z.RefinementCtx): void {
  const ended = ENDED_STATES.includes(rulesOf);
  const issue = (at: ProblemField | readonly [ProblemField, string], message: string) =>
    context.addIssue({ code: 'custom', path: typeof at === 'string' ? [at] : [...at], message });

  // Checked here rather than with a literal in the shape: a literal's failure would stop these
  // checks, and a caller should learn everything wrong with a record at once.
  if (problem.assignmentGroup !== undefined && problem.assignmentGroup.kind !== 'group') {
    issue(['assignmentGroup', 'kind'], 'must be a group');
  }
  if (problem.assignee !== undefined && problem.assignee.kind !== 'user') issue(['assignee', 'kind'], 'must be a user');

  if (ended) {
    if (problem.resolution === undefined) issue('resolution', `is required once the problem is ${problem.state}`);
    if (problem.resolvedAt === undefined) issue('resolvedAt', `is required once the problem is ${problem.state}`);
  } else {
    if (problem.resolution !== undefined) issue('resolution', `must be absent while the problem is ${problem.state}`);
    if (problem.resolvedAt !== undefined) issue('resolvedAt', `must be absent while the problem is ${problem.state}`);
  }
  if (rulesOf === 'closed' && problem.closedAt === undefined) issue('closedAt', 'is required once the problem is closed');
  if (rulesOf !== 'closed' && problem.closedAt !== undefined) issue('closedAt', `must be absent while the problem is ${problem.state}`);

  if (problem.resolution === 'fix_applied' && problem.fix === undefined) issue('fix', 'is required when the resolution is fix_applied');
  if (problem.resolution === 'duplicate' && problem.duplicateOf === undefined) issue('duplicateOf', 'is required when the resolution is duplicate');
  if (problem.duplicateOf !== undefined) {
    if (problem.resolution !== 'duplicate') issue('duplicateOf', 'must be absent unless the resolution is duplicate');
    else if (problem.duplicateOf === problem.id) issue('duplicateOf', 'must name another problem, not this one');
  }

  // Each milestone present must not precede the latest one before it that is present, so a
  // missing milestone (no root cause recorded) does not break the chain.
  let previous: { field: ProblemField; at: Instant } = { field: 'openedAt', at: problem.openedAt };
  for (const field of ['rootCauseIdentifiedAt', 'resolvedAt', 'closedAt'] as const) {
    const at = problem[field];
    if (at === undefined) continue;
    if (at < previous.at) issue(field, `must not be before ${previous.field}`);
    else previous = { field, at };
  }
}

/**
 * A problem in the ITIL sense: the unknown underlying cause of one or more incidents. Problem
 * management finds the root cause, records a workaround, publishes known errors and ends the
 * problem with a fix, an accepted risk, as a duplicate, or canceled.
 *
 * The schema checks that the record is consistent with its state: an ended problem says how
 * (`resolution`) and when (`resolvedAt`, and `closedAt` once closed), an open one says neither; a
 * fixed problem describes its fix; a duplicate names the problem it duplicates; and the
 * milestones are in order. Which state may follow which is the lifecycle's business, not this
 * schema's. A lifecycle with states of a vendor's own has its own schema, `lifecycle.schema`.
 */
export const Problem = ProblemFields.superRefine((problem, context) => checkProblem(problem, problem.state, context));
/** A problem in the ITIL sense: the unknown underlying cause of one or more incidents. */
export type Problem = z.infer<typeof Problem>;
