import { readArgument } from '../core/unreadable-argument';
import { listEntries } from '../core/list-entries';
import { ConflictError } from '../core/conflict-error';
import { ForbiddenError } from '../core/forbidden-error';
import { isItsmError } from '../core/itsm-error';
import { NotFoundError } from '../core/not-found-error';
import type { DomainEvent, RecordChange } from '../core/record-change';
import { RecordId, type ActorRef, type Instant } from '../core/record-fields.schema';
import { formatRecordNumber } from '../core/record-number';
import { issue, ValidationError } from '../core/validation-error';
import type { AuditEntry } from '../store/audit-log';
import type { StorableRecord, StoredRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import type { AuthorizationRequest, ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { idSource } from './service-arguments';
import { keptClock, slaKind, stepSlaClock, type SlaClockRecord } from './sla-clock';

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

/** The data of a result, or its error thrown. @internal */
export function unwrap<T>(result: { success: true; data: T } | { success: false; error: Error }): T {
  if (!result.success) throw result.error;
  return result.data;
}

/** Who did a change, when and why, for its audit entry. @internal */
export interface ChangeMeta {
  readonly actor: ActorRef;
  readonly now: Instant;
  readonly action: string;
  readonly reason?: string;
}

/**
 * The steps every command is made of, shared by every practice and by commands that touch
 * several records (a publication, a submission): authorise, load, draw a number, write a change.
 * @internal
 */
export interface CommandSteps {
  readonly newId: () => string;
  authorize(actor: ActorRef, action: string, record: StorableRecord, request: AuthorizationRequest): Promise<void>;
  actorGroups(actor: ActorRef, tenantId: string): Promise<readonly string[]>;
  /** The record, or `not_found`; with `expectedVersion`, a `conflict` when it is at another. */
  load<R extends StorableRecord>(tx: StoreTransaction, practice: Practice<R>, tenantId: string, id: string, expectedVersion?: number): Promise<StoredRecord<R>>;
  /** The next human number of a practice, drawn in the transaction so a refusal gives it back. */
  drawNumber(tx: StoreTransaction, practice: Practice<StorableRecord>, tenantId: string): Promise<string>;
  /**
   * Writes a change of a practice's record: inserted when `previous` is undefined, else updated
   * at its expected version; then its SLA clocks and deadline, its audit entry and its events.
   */
  write<R extends StorableRecord>(tx: StoreTransaction, practice: Practice<R>, tenantId: string, change: RecordChange<R>, previous: StoredRecord<R> | undefined, meta: ChangeMeta): Promise<void>;
}

/** Promises a hook's answer may be wrapped in, one in another, before it is refused. */
const HOOK_PROMISE_DEPTH = 8;

/**
 * What a host's hook answered, settled when it is a promise, in a box: `await` and `resolve`
 * would read a `then` of the answer again and adopt it, and a getter could answer something
 * else the second time. Each `then` is read once and called as read; what it resolves to is
 * read the same way, down to {@link HOOK_PROMISE_DEPTH} promises (one that resolves to itself
 * would otherwise never end). An answer that throws when read (a revoked proxy, a `then` getter
 * that throws) is bad input named after the hook; a promise the hook rejects, or a `then` that
 * throws when called, is the host's own error, thrown as it is.
 */
function hookAnswer(hook: string, returned: unknown, depth = 0): Promise<{ readonly answer: unknown }> {
  let then: unknown;
  try {
    then = readArgument([hook], () => ((typeof returned === 'object' && returned !== null) || typeof returned === 'function' ? (returned as { then?: unknown }).then : undefined));
  } catch (error) {
    // readArgument throws the validation error naming the hook.
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  if (typeof then !== 'function') return Promise.resolve({ answer: returned });
  if (depth >= HOOK_PROMISE_DEPTH) return Promise.reject(new ValidationError([issue([hook], `must settle within ${HOOK_PROMISE_DEPTH} promises`)], 'options'));
  const settled = new Promise<{ readonly value: unknown }>((resolve, reject) => {
    (then as (onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void) => unknown).call(
      returned,
      (value) => resolve({ value }),
      reject,
    );
  });
  return settled.then(({ value }) => hookAnswer(hook, value, depth + 1));
}

/** The shared command steps over the service's options. @internal */
export function commandSteps(options: ResolvedItsmOptions): CommandSteps {
  const newId = idSource(options.ids);
  return {
    newId,
    async authorize(actor, action, record, request) {
      const { answer: allowed } = await hookAnswer('authorize', options.authorize(actor, action, record as unknown as Record<string, unknown>, request));
      if (allowed !== true) throw new ForbiddenError(`${actor.kind} ${actor.id} may not ${action} ${record.number}`, { action, actor, kind: request.kind, recordId: record.id });
    },
    async actorGroups(actor, tenantId) {
      const { answer: given } = await hookAnswer('actorGroups', options.actorGroups(actor, tenantId));
      // A copy by index: a hole is no group id, where every() would pass over it.
      const groups = readArgument(['actorGroups'], () => (Array.isArray(given) ? listEntries(given as unknown[]) : undefined));
      if (groups === undefined || !groups.every((id) => RecordId.safeParse(id).success)) {
        throw new ValidationError([issue(['actorGroups'], 'must return an array of group ids')], 'options');
      }
      return groups as string[];
    },
    async load(tx, practice, tenantId, id, expectedVersion) {
      const { kind } = practice;
      const stored = await tx.records<never>(kind).get(tenantId, id);
      if (stored === undefined) throw new NotFoundError(`No ${kind} with id ${id}`, { kind, id });
      const current = stored.record as StorableRecord;
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ConflictError(`The ${kind} ${current.number} is at version ${current.version}, not ${expectedVersion}`, { kind, id, expectedVersion, storedVersion: current.version, retryable: false });
      }
      return stored;
    },
    async drawNumber(tx, practice, tenantId) {
      return formatRecordNumber(practice.numberFormat, await tx.numbering.next(tenantId, practice.kind));
    },
    async write(tx, practice, tenantId, change, previous, meta) {
      const { kind, policy } = practice;
      const { record } = change;
      const records = tx.records<typeof record>(kind);
      if (previous === undefined) await records.insert(tenantId, record);
      else await records.update(tenantId, record, { expectedVersion: previous.record.version });
      const events: DomainEvent[] = [...change.events];
      if (policy !== undefined) {
        const clocks = tx.records<SlaClockRecord>(slaKind(kind));
        const kept = previous === undefined ? undefined : (await clocks.get(tenantId, record.id))?.record;
        const clock = previous === undefined ? undefined : await keptClock(policy, options.calendars, kept, { tx, kind, tenantId, recordId: record.id }, previous.record.version);
        const step = stepSlaClock(policy, options.calendars, kept, { kind, record, now: meta.now, actor: options.systemActor, advance: true, clock });
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
    },
  };
}
