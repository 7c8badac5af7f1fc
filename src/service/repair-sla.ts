import type { DomainEvent } from '../core/record-change';
import { TenantId, type Instant } from '../core/record-fields.schema';
import type { SlaEvaluation } from '../sla/sla-evaluation';
import type { StorableRecord } from '../store/record-repository';
import { inTransaction } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { checkArguments, InstantArgument, slaInstantOrClock } from './service-arguments';
import { clockFits, keptClock, slaKind, stepSlaClock, type SlaClockRecord } from './sla-clock';

/** A record whose SLA figures the repair changed. */
export interface SlaRepair {
  readonly kind: string;
  readonly recordId: string;
  readonly number: string;
  /** The next deadline stored before the repair, and after it. */
  readonly dueBefore: Instant | null;
  readonly dueAfter: Instant | null;
  /** The targets whose breach had been announced under the old clocks, and those breached in some cycle now. */
  readonly breachedBefore: readonly string[];
  readonly breachedAfter: readonly string[];
}

/** What {@link Itsm.repairSla} did. */
export interface SlaRepairResult {
  /** How many records of the kinds with a policy it looked at. */
  readonly examined: number;
  /** The records whose clocks were kept under another policy or calendars, and were replayed. */
  readonly repaired: readonly SlaRepair[];
  /** The threshold and breach events it put in the outbox: only for records whose clocks still run. */
  readonly events: readonly DomainEvent[];
}

const PAGE = 100;

/** The targets of announcement keys `target/cycle/breach`. */
const announcedBreaches = (notified: readonly string[]): string[] => {
  const breach = '/breach';
  const targets = notified.filter((key) => key.endsWith(breach)).map((key) => key.slice(0, key.lastIndexOf('/', key.length - breach.length - 1)));
  return [...new Set(targets)];
};

const breachedTargets = (evaluation: SlaEvaluation): string[] =>
  evaluation.targets.filter((target) => target.cycles.some((cycle) => cycle.breached)).map((target) => target.targetId);

const stillRuns = (evaluation: SlaEvaluation): boolean => evaluation.targets.some((target) => target.cycles.some((cycle) => cycle.state === 'running' || cycle.state === 'paused'));

/**
 * Brings every record's stored SLA clocks in line with the service's policies and calendars
 * after the host changed them: each record whose clocks were kept under another policy (or
 * another version of it, or other calendars), or that had none, gets them replayed from its
 * audit trail, and its deadline stored again so the breach scan sees it. A record whose clocks
 * still run has what it now owes announced; an ended one is rewritten quietly, so a policy
 * change does not announce old breaches of closed records. One transaction per record, so it
 * can stop halfway and run again; a second run repairs nothing.
 * @internal
 */
export async function repairSlaOf(options: ResolvedItsmOptions, practices: readonly Practice<StorableRecord>[], tenantId: string, now?: Date | Instant): Promise<SlaRepairResult> {
  checkArguments([
    ['tenantId', TenantId, tenantId],
    ['now', InstantArgument.optional(), now],
  ]);
  const at = slaInstantOrClock(now, options.clock);
  const { calendars } = options;
  const repaired: SlaRepair[] = [];
  const events: DomainEvent[] = [];
  let examined = 0;
  for (const practice of practices) {
    const { policy, kind } = practice;
    if (policy === undefined) continue;
    let after: string | undefined;
    do {
      const page = await inTransaction(options, false, (tx) => tx.records(kind).query(tenantId, { limit: PAGE, ...(after === undefined ? {} : { after }) }));
      after = page.next;
      for (const { record } of page.items) {
        examined++;
        const done = await inTransaction(options, true, async (tx) => {
          const clocks = tx.records<SlaClockRecord>(slaKind(kind));
          const row = await clocks.get(tenantId, record.id);
          const stored = await tx.records(kind).get(tenantId, record.id);
          if (stored === undefined || clockFits(policy, calendars, row?.record)) return undefined;
          const source = { tx, kind, tenantId, recordId: record.id };
          const clock = await keptClock(policy, calendars, row?.record, source, stored.record.version);
          const step = stepSlaClock(policy, calendars, row?.record, { kind, record: stored.record, now: at, actor: options.systemActor, advance: false, clock });
          if (row === undefined) await clocks.insert(tenantId, step.row, { slaDueAt: step.dueAt });
          else await clocks.update(tenantId, step.row, { expectedVersion: row.record.version, slaDueAt: step.dueAt });
          const owed = stillRuns(step.evaluation) ? step.events : [];
          if (owed.length > 0) await tx.outbox.enqueue(tenantId, owed);
          const repair: SlaRepair = {
            kind,
            recordId: record.id,
            number: stored.record.number,
            dueBefore: row?.slaDueAt ?? null,
            dueAfter: step.dueAt,
            breachedBefore: announcedBreaches(row?.record.notified ?? []),
            breachedAfter: breachedTargets(step.evaluation),
          };
          return { repair, owed };
        });
        if (done !== undefined) {
          repaired.push(done.repair);
          events.push(...done.owed);
        }
      }
    } while (after !== undefined);
  }
  return { examined, repaired, events };
}
