import { applyPatches, type Patch } from 'immer';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { ActorRef, Instant } from '../core/record-fields.schema';
import type { DomainEvent } from '../core/record-change';
import { advanceSla, slaStatus } from '../sla/evaluate-sla';
import type { SlaEvaluation } from '../sla/sla-evaluation';
import { nextDeadline } from '../sla/next-deadline';
import type { SlaPolicy } from '../sla/sla-policy';
import type { SlaState } from '../sla/sla-state';
import type { StorableRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import { stableJson } from './service-arguments';

/**
 * A record's SLA clocks as stored: a row of its own kind (`incident_sla`) with the record's id
 * and number, so that the breach scan can move the deadline on without writing a new version
 * of the record itself. Its `slaDueAt` in the store is the next deadline.
 * @internal
 */
export interface SlaClockRecord extends StorableRecord {
  readonly recordKind: string;
  readonly policyId: string;
  /**
   * The policy's definition and its calendars' as stable JSON: a host that edits a policy and
   * keeps its id, or edits a calendar (a new holiday), changes this, and the clocks are replayed.
   */
  readonly configuration: string;
  /** The state from `advanceSla`, plain JSON. */
  readonly clock: SlaState;
  /** The thresholds and breaches already announced: `target/cycle/percent` or `target/cycle/breach`. */
  readonly notified: readonly string[];
}

/** The kind the clocks of a kind of record are stored under. @internal */
export const slaKind = (kind: string): string => `${kind}_sla`;

/** What the SLA step of a command or a scan decided. @internal */
export interface SlaStep {
  readonly row: SlaClockRecord;
  readonly dueAt: Instant | null;
  readonly events: readonly DomainEvent[];
  /** The clocks read at `now`, which the deadline and the announcements come from. */
  readonly evaluation: SlaEvaluation;
}

interface Announce {
  readonly kind: string;
  readonly record: StorableRecord;
  readonly actor: ActorRef;
  readonly at: Instant;
}

/**
 * The threshold and breach events an evaluation owes that `notified` has not announced yet.
 * The 100 % threshold is the breach, announced once as `<kind>.sla_breached`.
 */
function notices(evaluation: SlaEvaluation, notified: readonly string[], announce: Announce): { events: DomainEvent[]; notified: string[] } {
  const seen = new Set(notified);
  const events: DomainEvent[] = [];
  const { kind, record, actor, at } = announce;
  const raise = (key: string, type: string, data: Record<string, unknown>): void => {
    if (seen.has(key)) return;
    seen.add(key);
    events.push({ type: `${kind}.${type}`, tenantId: record.tenantId, recordKind: kind, recordId: record.id, number: record.number, version: record.version, at, actor, data });
  };
  for (const target of evaluation.targets) {
    for (const [index, cycle] of target.cycles.entries()) {
      const base = { policyId: evaluation.policyId, targetId: target.targetId, metric: target.metric, cycle: index };
      for (const threshold of cycle.thresholds) {
        if (threshold.crossedAt === undefined || threshold.percent === 100) continue;
        raise(`${target.targetId}/${index}/${threshold.percent}`, 'sla_threshold_crossed', { ...base, percent: threshold.percent, crossedAt: threshold.crossedAt });
      }
      if (cycle.breached && cycle.breachedAt !== undefined) raise(`${target.targetId}/${index}/breach`, 'sla_breached', { ...base, breachedAt: cycle.breachedAt });
    }
  }
  return { events, notified: [...seen] };
}

type Calendars = Readonly<Record<string, BusinessCalendar>>;
const configurations = new WeakMap<SlaPolicy, WeakMap<Calendars, string>>();
/**
 * What a record's clocks depend on besides its history — the policy's definition and those of
 * the calendars its targets run on — as stable JSON, worked out once per policy and calendars.
 */
function configurationOf(policy: SlaPolicy, calendars: Calendars): string {
  let byCalendars = configurations.get(policy);
  if (byCalendars === undefined) configurations.set(policy, (byCalendars = new WeakMap()));
  let text = byCalendars.get(calendars);
  if (text === undefined) {
    const used = [...new Set(policy.definition.targets.map((target) => target.calendar))].sort();
    text = stableJson({ policy: policy.definition, calendars: Object.fromEntries(used.map((id) => [id, calendars[id]?.definition ?? null])) });
    byCalendars.set(calendars, text);
  }
  return text;
}

/** Whether a row's clocks were kept under this very policy and these calendars, so they can be stepped on. @internal */
export const clockFits = (policy: SlaPolicy, calendars: Calendars, row: SlaClockRecord | undefined): boolean =>
  row !== undefined && row.policyId === policy.definition.id && row.configuration === configurationOf(policy, calendars);

/** Where a record's clocks come from when its row does not fit: the record's own history. @internal */
export interface ClockSource {
  readonly tx: StoreTransaction;
  readonly kind: string;
  readonly tenantId: string;
  readonly recordId: string;
}

/**
 * A record's clocks under `policy`: the row's when it was kept under this policy and calendars,
 * else — the host changed the policy or a calendar, or gave the kind a policy it did not have — replayed from the record's audit
 * trail, every version rebuilt from its patches, up to and including `upToVersion`. So a changed
 * configuration applies to open records as if it had always held, not from the next write.
 * @internal
 */
export async function keptClock(policy: SlaPolicy, calendars: Readonly<Record<string, BusinessCalendar>>, row: SlaClockRecord | undefined, source: ClockSource, upToVersion: number): Promise<SlaState | undefined> {
  if (row !== undefined && clockFits(policy, calendars, row)) return row.clock;
  const entries = await source.tx.audit.list(source.tenantId, source.kind, source.recordId);
  let version: Record<string, unknown> = {};
  let clock: SlaState | undefined;
  for (const entry of entries) {
    if (entry.version > upToVersion) break;
    version = applyPatches(version, entry.patches as Patch[]);
    clock = advanceSla(policy, clock, { at: version.updatedAt as Instant, record: version }, { calendars });
  }
  return clock;
}

/**
 * Steps a record's clocks to its new version (or, with `advance` false, only reads them at
 * `now`) and works out the next deadline and the announcements due. `clock` is the state to
 * step from, from {@link keptClock}.
 * @internal
 */
export function stepSlaClock(
  policy: SlaPolicy,
  calendars: Readonly<Record<string, BusinessCalendar>>,
  previous: SlaClockRecord | undefined,
  step: { kind: string; record: StorableRecord; now: Instant; actor: ActorRef; advance: boolean; clock: SlaState | undefined },
): SlaStep {
  const { kind, record, now, actor } = step;
  const clock = step.advance || step.clock === undefined ? advanceSla(policy, step.clock, { at: record.updatedAt, record: record as unknown as Record<string, unknown> }, { calendars }) : step.clock;
  const evaluation = slaStatus(policy, clock, { calendars, now });
  // What was announced stays announced, under a changed policy too: its keys name the target,
  // cycle and threshold, which a host that changes a policy means to keep.
  const announced = notices(evaluation, previous?.notified ?? [], { kind, record, actor, at: now });
  const row: SlaClockRecord = {
    id: record.id,
    tenantId: record.tenantId,
    number: record.number,
    version: previous === undefined ? 1 : previous.version + 1,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    recordKind: kind,
    policyId: policy.definition.id,
    configuration: configurationOf(policy, calendars),
    // The state advanceSla returns is its own frozen kind of object; the store keeps plain JSON.
    clock: JSON.parse(JSON.stringify(clock)) as SlaState,
    notified: announced.notified,
  };
  return { row, dueAt: nextDeadline(evaluation)?.at ?? null, events: announced.events, evaluation };
}
