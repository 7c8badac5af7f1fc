import { ConflictError } from '../core/conflict-error';
import { isItsmError } from '../core/itsm-error';
import { NotFoundError } from '../core/not-found-error';
import type { DomainEvent, RecordChange } from '../core/record-change';
import { ActorRef, RecordId, TenantId, type Instant } from '../core/record-fields.schema';
import { formatRecordNumber } from '../core/record-number';
import { issue, ValidationError } from '../core/validation-error';
import { slaStatus } from '../sla/evaluate-sla';
import type { SlaEvaluation } from '../sla/sla-evaluation';
import type { AuditEntry } from '../store/audit-log';
import { RecordQuery } from '../store/record-query.schema';
import type { StorableRecord, StoredRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import { ForbiddenError } from '../core/forbidden-error';
import type { AuthorizationRequest, ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import type { PracticeApi, ServiceRecordItem, ServiceRecordPage } from './practice-api';
import { ApplyCommandOptions, checkArguments, idSource, InstantArgument, OpenCommandOptions, readClock, safely, stableJson } from './service-arguments';
import { slaKind, stepSlaClock, type SlaClockRecord } from './sla-clock';

/** What an idempotency key keeps: the input it was first used with, and the first result. */
interface IdempotencyRecord extends StorableRecord {
  readonly recordId: string;
  readonly fingerprint: string;
  readonly result: unknown;
}

const idempotencyKind = (kind: string): string => `${kind}_idempotency`;

/**
 * Runs `work` in one transaction and, when it lost a race and is safe to repeat, runs it again
 * on fresh data, up to the configured number of times.
 * @internal
 */
export async function inTransaction<T>(options: ResolvedItsmOptions, retryable: boolean, work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await options.store.transaction(work);
    } catch (error) {
      if (!(retryable && isItsmError(error) && error.code === 'conflict' && error.details.retryable !== false && attempt < options.conflictRetries)) throw error;
    }
  }
}

function unwrap<T>(result: { success: true; data: T } | { success: false; error: Error }): T {
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * The commands and queries of one practice over the store, all through one pipeline. Every
 * practice gets the same code; only its {@link Practice} differs.
 * @internal
 */
export function practiceApi<R extends StorableRecord, I, E>(practice: Practice<R>, options: ResolvedItsmOptions): PracticeApi<R, I, E> {
  const { kind, policy } = practice;
  const newId = idSource(options.ids);

  async function authorizeOrThrow(actor: ActorRef, action: string, record: R, request: AuthorizationRequest): Promise<void> {
    const allowed = await options.authorize(actor, action, record as unknown as Record<string, unknown>, request);
    if (allowed !== true) throw new ForbiddenError(`${actor.kind} ${actor.id} may not ${action} ${record.number}`, { action, actor, kind, recordId: record.id });
  }

  async function groupsOf(actor: ActorRef, tenantId: string): Promise<readonly string[]> {
    const groups: unknown = await options.actorGroups(actor, tenantId);
    if (!Array.isArray(groups) || !groups.every((id) => RecordId.safeParse(id).success)) {
      throw new ValidationError([issue(['actorGroups'], 'must return an array of group ids')], 'options');
    }
    return groups as string[];
  }

  /** Writes a change: the record, its SLA clocks and deadline, its audit entry and its events. */
  async function write(tx: StoreTransaction, tenantId: string, change: RecordChange<R>, previous: StoredRecord<R> | undefined, meta: { actor: ActorRef; now: Instant; action: string; reason?: string }): Promise<void> {
    const { record } = change;
    const records = tx.records<R>(kind);
    if (previous === undefined) await records.insert(tenantId, record);
    else await records.update(tenantId, record, { expectedVersion: previous.record.version });
    const events: DomainEvent[] = [...change.events];
    if (policy !== undefined) {
      const clocks = tx.records<SlaClockRecord>(slaKind(kind));
      const kept = previous === undefined ? undefined : (await clocks.get(tenantId, record.id))?.record;
      const step = stepSlaClock(policy, options.calendars, kept, { kind, record, now: meta.now, actor: options.systemActor, advance: true });
      if (kept === undefined) await clocks.insert(tenantId, step.row, { slaDueAt: step.dueAt });
      else await clocks.update(tenantId, step.row, { expectedVersion: kept.version, slaDueAt: step.dueAt });
      events.push(...step.events);
    }
    const entry: AuditEntry = {
      tenantId,
      recordKind: kind,
      recordId: record.id,
      version: record.version,
      at: meta.now,
      actor: meta.actor,
      action: meta.action,
      ...(meta.reason === undefined ? {} : { reason: meta.reason }),
      patches: change.patches,
    };
    await tx.audit.append(tenantId, [entry]);
    if (events.length > 0) await tx.outbox.enqueue(tenantId, events);
  }

  async function load(tx: StoreTransaction, tenantId: string, id: string): Promise<StoredRecord<R>> {
    const stored = await tx.records<R>(kind).get(tenantId, id);
    if (stored === undefined) throw new NotFoundError(`No ${kind} with id ${id}`, { kind, id });
    return stored;
  }

  function evaluate(clock: SlaClockRecord | undefined, now: Instant): SlaEvaluation | undefined {
    if (policy === undefined || clock === undefined || clock.policyId !== policy.definition.id) return undefined;
    // A list read with a clock behind the last write still answers, at the last write.
    const lastAt = clock.clock.lastAt;
    const at = lastAt !== null && Date.parse(now) < lastAt ? new Date(lastAt).toISOString() : now;
    return slaStatus(policy, clock.clock, { calendars: options.calendars, now: at });
  }

  async function open(tenantId: string, actor: ActorRef, input: I, given?: OpenCommandOptions): Promise<R> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['options', OpenCommandOptions.optional(), given],
    ]);
    const parsed = unwrap(practice.parseInput(input));
    const key = given?.idempotencyKey;
    const fingerprint = stableJson(parsed);
    return inTransaction(options, true, async (tx) => {
      if (key !== undefined) {
        const kept = await tx.records<IdempotencyRecord>(idempotencyKind(kind)).get(tenantId, key);
        if (kept !== undefined) {
          if (kept.record.fingerprint !== fingerprint) {
            throw new ConflictError(`The idempotency key ${key} was used for another ${kind}`, { kind, idempotencyKey: key, recordId: kept.record.recordId, retryable: false });
          }
          return kept.record.result as R;
        }
      }
      const now = readClock(options.clock);
      const number = formatRecordNumber(practice.numberFormat, await tx.numbering.next(tenantId, kind));
      const change = unwrap(practice.open(input, { now, actor, newId, tenantId, number }));
      const action = `${kind}.open`;
      await authorizeOrThrow(actor, action, change.record, { tenantId, kind, next: change.record as unknown as Record<string, unknown> });
      await write(tx, tenantId, change, undefined, { actor, now, action: change.events[0]?.type ?? action });
      if (key !== undefined) {
        const keyRecord: IdempotencyRecord = { id: key, tenantId, number: change.record.number, version: 1, createdAt: now, updatedAt: now, recordId: change.record.id, fingerprint, result: change.record };
        await tx.records<IdempotencyRecord>(idempotencyKind(kind)).insert(tenantId, keyRecord);
      }
      return change.record;
    });
  }

  async function apply(tenantId: string, actor: ActorRef, id: string, event: E, given?: ApplyCommandOptions): Promise<R> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['id', RecordId, id],
      ['options', ApplyCommandOptions.optional(), given],
    ]);
    const expectedVersion = given?.expectedVersion;
    return inTransaction(options, expectedVersion === undefined, async (tx) => {
      const stored = await load(tx, tenantId, id);
      const current = stored.record;
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ConflictError(`The ${kind} ${current.number} is at version ${current.version}, not ${expectedVersion}`, { kind, id, expectedVersion, storedVersion: current.version, retryable: false });
      }
      const now = readClock(options.clock);
      const actorGroups = practice.usesActorGroups ? await groupsOf(actor, tenantId) : [];
      const result = practice.apply(current, event, { now, actor, newId, actorGroups });
      if (!result.success && result.error.code === 'validation') throw result.error;
      // The event passed validation, so it is an object with a string type.
      const action = `${kind}.${(event as { type: string }).type}`;
      await authorizeOrThrow(actor, action, current, { tenantId, kind, ...(result.success ? { next: result.data.record as unknown as Record<string, unknown> } : {}) });
      const change = unwrap(result);
      await write(tx, tenantId, change, stored, { actor, now, action: change.events[0]?.type ?? action, ...(given?.reason === undefined ? {} : { reason: given.reason }) });
      return change.record;
    });
  }

  async function get(tenantId: string, id: string): Promise<R> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['id', RecordId, id],
    ]);
    return inTransaction(options, false, async (tx) => (await load(tx, tenantId, id)).record);
  }

  async function list(tenantId: string, query?: RecordQuery): Promise<ServiceRecordPage<R>> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['query', RecordQuery.optional(), query],
    ]);
    return inTransaction(options, false, async (tx) => {
      const page = await tx.records<R>(kind).query(tenantId, query);
      const now = readClock(options.clock);
      const items: ServiceRecordItem<R>[] = [];
      for (const { record } of page.items) {
        const clock = policy === undefined ? undefined : await tx.records<SlaClockRecord>(slaKind(kind)).get(tenantId, record.id);
        const sla = evaluate(clock?.record, now);
        items.push({ record, slaDueAt: clock?.slaDueAt ?? null, ...(sla === undefined ? {} : { sla }) });
      }
      return page.next === undefined ? { items } : { items, next: page.next };
    });
  }

  async function history(tenantId: string, id: string): Promise<AuditEntry[]> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['id', RecordId, id],
    ]);
    return inTransaction(options, false, async (tx) => {
      await load(tx, tenantId, id);
      return tx.audit.list(tenantId, kind, id);
    });
  }

  async function sla(tenantId: string, id: string, now?: Date | Instant): Promise<SlaEvaluation | undefined> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['id', RecordId, id],
      ['now', InstantArgument.optional(), now],
    ]);
    return inTransaction(options, false, async (tx) => {
      await load(tx, tenantId, id);
      if (policy === undefined) return undefined;
      const clock = await tx.records<SlaClockRecord>(slaKind(kind)).get(tenantId, id);
      if (clock === undefined || clock.record.policyId !== policy.definition.id) return undefined;
      const at = now === undefined ? readClock(options.clock) : now;
      return slaStatus(policy, clock.record.clock, { calendars: options.calendars, now: at });
    });
  }

  return {
    open,
    safeOpen: (tenantId, actor, input, given) => safely(() => open(tenantId as string, actor as ActorRef, input as I, given as OpenCommandOptions)),
    apply,
    safeApply: (tenantId, actor, id, event, given) => safely(() => apply(tenantId as string, actor as ActorRef, id as string, event as E, given as ApplyCommandOptions)),
    get,
    safeGet: (tenantId, id) => safely(() => get(tenantId as string, id as string)),
    list,
    safeList: (tenantId, query) => safely(() => list(tenantId as string, query as RecordQuery)),
    history,
    safeHistory: (tenantId, id) => safely(() => history(tenantId as string, id as string)),
    sla,
    safeSla: (tenantId, id, now) => safely(() => sla(tenantId as string, id as string, now as Date | Instant)),
  };
}
