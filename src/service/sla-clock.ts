import type { BusinessCalendar } from '../calendar/business-calendar';
import type { ActorRef, Instant } from '../core/record-fields.schema';
import type { DomainEvent } from '../core/record-change';
import { advanceSla, slaStatus } from '../sla/evaluate-sla';
import type { SlaEvaluation } from '../sla/sla-evaluation';
import { nextDeadline } from '../sla/next-deadline';
import type { SlaPolicy } from '../sla/sla-policy';
import type { SlaState } from '../sla/sla-state';
import type { StorableRecord } from '../store/record-repository';

/**
 * A record's SLA clocks as stored: a row of its own kind (`incident_sla`) with the record's id
 * and number, so that the breach scan can move the deadline on without writing a new version
 * of the record itself. Its `slaDueAt` in the store is the next deadline.
 * @internal
 */
export interface SlaClockRecord extends StorableRecord {
  readonly recordKind: string;
  readonly policyId: string;
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

/**
 * Steps a record's clocks to its new version (or, with `version` undefined, only reads them at
 * `now`) and works out the next deadline and the announcements due.
 * @internal
 */
export function stepSlaClock(
  policy: SlaPolicy,
  calendars: Readonly<Record<string, BusinessCalendar>>,
  previous: SlaClockRecord | undefined,
  step: { kind: string; record: StorableRecord; now: Instant; actor: ActorRef; advance: boolean },
): SlaStep {
  const { kind, record, now, actor } = step;
  // Clocks kept under another policy cannot be stepped by this one: they start again.
  const kept = previous?.policyId === policy.definition.id ? previous : undefined;
  const clock = step.advance || kept === undefined ? advanceSla(policy, kept?.clock, { at: record.updatedAt, record: record as unknown as Record<string, unknown> }, { calendars }) : kept.clock;
  const evaluation = slaStatus(policy, clock, { calendars, now });
  const announced = notices(evaluation, kept?.notified ?? [], { kind, record, actor, at: now });
  const row: SlaClockRecord = {
    id: record.id,
    tenantId: record.tenantId,
    number: record.number,
    version: previous === undefined ? 1 : previous.version + 1,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    recordKind: kind,
    policyId: policy.definition.id,
    // The state advanceSla returns is its own frozen kind of object; the store keeps plain JSON.
    clock: JSON.parse(JSON.stringify(clock)) as SlaState,
    notified: announced.notified,
  };
  return { row, dueAt: nextDeadline(evaluation)?.at ?? null, events: announced.events };
}
