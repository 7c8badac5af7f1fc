import type { DomainEvent } from '../core/record-change';
import { TenantId, type Instant } from '../core/record-fields.schema';
import type { StorableRecord } from '../store/record-repository';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { inTransaction } from './command-runner';
import { checkArguments, InstantArgument, slaInstantOrClock } from './service-arguments';
import { keptClock, slaKind, stepSlaClock, type SlaClockRecord } from './sla-clock';

/** What one run of the breach scan did. */
export interface SlaScanResult {
  /** How many records were due and looked at. */
  readonly processed: number;
  /** The threshold and breach events it put in the outbox, in order. */
  readonly events: readonly DomainEvent[];
}

const PAGE = 100;

/**
 * The breach scan over every practice with an SLA policy: each record whose next deadline is
 * at or before `now` gets its crossed thresholds and breaches announced in the outbox — once:
 * a second run announces nothing new — and its deadline moved to the next one ahead. One
 * transaction per record, so a scan that stops halfway loses nothing.
 * @internal
 */
export async function processDueSlaOf(options: ResolvedItsmOptions, practices: readonly Practice<StorableRecord>[], tenantId: string, now?: Date | Instant): Promise<SlaScanResult> {
  checkArguments([
    ['tenantId', TenantId, tenantId],
    ['now', InstantArgument.optional(), now],
  ]);
  const at = slaInstantOrClock(now, options.clock);
  const events: DomainEvent[] = [];
  let processed = 0;
  for (const practice of practices) {
    const { policy, kind } = practice;
    if (policy === undefined) continue;
    const done = new Set<string>();
    for (;;) {
      const due = await inTransaction(options, false, async (tx) => (await tx.records<SlaClockRecord>(slaKind(kind)).query(tenantId, { slaDueBy: at, orderBy: 'slaDueAt', limit: PAGE })).items);
      // A record handled in this run and due again (its deadline did not move) is not looked at twice.
      const fresh = due.filter(({ record }) => !done.has(record.id));
      if (fresh.length === 0) break;
      for (const { record: row } of fresh) {
        done.add(row.id);
        const raised = await inTransaction(options, true, async (tx) => {
          const clocks = tx.records<SlaClockRecord>(slaKind(kind));
          const current = await clocks.get(tenantId, row.id);
          const stored = await tx.records(kind).get(tenantId, row.id);
          if (current === undefined || stored === undefined || current.slaDueAt === null || current.slaDueAt > at) return [];
          const clock = await keptClock(policy, options.calendars, current.record, { tx, kind, tenantId, recordId: row.id }, stored.record.version);
          const step = stepSlaClock(policy, options.calendars, current.record, { kind, record: stored.record, now: at, actor: options.systemActor, advance: false, clock });
          await clocks.update(tenantId, step.row, { expectedVersion: current.record.version, slaDueAt: step.dueAt });
          if (step.events.length > 0) await tx.outbox.enqueue(tenantId, step.events);
          return step.events;
        });
        processed++;
        events.push(...raised);
      }
    }
  }
  return { processed, events };
}
