import { readArgument } from '../core/unreadable-argument';
import { ConflictError } from '../core/conflict-error';
import { ActorRef, RecordId, TenantId, type Instant } from '../core/record-fields.schema';
import { slaStatus } from '../sla/evaluate-sla';
import type { SlaEvaluation } from '../sla/sla-evaluation';
import type { AuditEntry } from '../store/audit-log';
import { RecordQuery } from '../store/record-query.schema';
import type { StorableRecord, StoredRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import type { SlaState } from '../sla/sla-state';
import { commandSteps, inTransaction, unwrap, type CommandSteps } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice, Practice } from './practice';
import type { PracticeApi, RecordApi, ServiceRecordItem, ServiceRecordPage } from './practice-api';
import { ApplyCommandOptions, checkArguments, InstantArgument, OpenCommandOptions, optionsArgument, readClock, safely, slaInstantOrClock, stableJson } from './service-arguments';
import { keptClock, slaKind, type SlaClockRecord } from './sla-clock';


/** What an idempotency key keeps: the input it was first used with, and the first result. */
interface IdempotencyRecord extends StorableRecord {
  readonly recordId: string;
  readonly fingerprint: string;
  readonly result: unknown;
}

const idempotencyKind = (kind: string): string => `${kind}_idempotency`;

/** What an idempotency key is checked against: the kind whose keys it is among, and the input. @internal */
export interface IdempotencyScope {
  readonly kind: string;
  readonly tenantId: string;
  readonly key: string | undefined;
  /** The command's input, validated where the command validates it before the transaction. */
  readonly parsed: unknown;
}

/**
 * The input a key is kept with, as text. A creation's input is its validated copy; an event is
 * read here as given, before its practice reads it (a getter could show the two reads different
 * values: the key then stands for what it showed here). @internal
 */
export function idempotencyFingerprint(scope: IdempotencyScope, path: readonly (string | number)[] = ['input']): string {
  // The input passed its schema, but parts the schema takes as they are (a request's answers,
  // an event before its practice checks it) are still the caller's: one that throws when read
  // is bad input.
  return scope.key === undefined ? '' : readArgument(path, () => stableJson(scope.parsed));
}

/** FNV-1a over the text's UTF-16 code units from `basis`, as 8 hex digits. */
function fnv1a(text: string, basis: number): string {
  let hash = basis;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The number a key's row is kept under when it names a change rather than a new record: stores
 * keep numbers unique per kind, and a record changed under several keys has one number. 96 bits
 * of hash, in 28 characters (numbers hold 32).
 */
function changeKeyNumber(key: string): string {
  return `key:${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x5bd1e995)}${fnv1a(key, 0x27d4eb2f)}`;
}

/** What a keyed command made: its result, the record it names, and when. @internal */
export interface KeyedOutcome<T> {
  readonly result: T;
  readonly recordId: string;
  /** The new record's number for a creation; none for a change, whose key is numbered from itself. */
  readonly number?: string;
  readonly now: Instant;
}

/**
 * A command in one transaction under an optional idempotency key: a retry with the same key and
 * input gets the first result (`replayed`) and `run` is not called, so nothing is written; the
 * same key with other input is a conflict; otherwise `run`'s result is kept under the key, in
 * the same transaction. `retry` is whether a lost race is run again (see `inTransaction`).
 * @internal
 */
export async function keyedTransaction<T>(
  options: ResolvedItsmOptions,
  scope: IdempotencyScope,
  fingerprint: string,
  retry: boolean,
  run: (tx: StoreTransaction) => Promise<KeyedOutcome<T>>,
): Promise<{ readonly result: T; readonly replayed: boolean }> {
  const { kind, tenantId, key } = scope;
  return inTransaction(options, retry, async (tx) => {
    const keys = tx.records<IdempotencyRecord>(idempotencyKind(kind));
    if (key !== undefined) {
      const kept = await keys.get(tenantId, key);
      if (kept !== undefined) {
        if (kept.record.fingerprint !== fingerprint) {
          throw new ConflictError(`The idempotency key ${key} was used for another ${kind}`, { kind, idempotencyKey: key, recordId: kept.record.recordId, retryable: false });
        }
        return { result: kept.record.result as T, replayed: true };
      }
    }
    const made = await run(tx);
    if (key !== undefined) {
      const { result, recordId, now } = made;
      await keys.insert(tenantId, { id: key, tenantId, number: made.number ?? changeKeyNumber(key), version: 1, createdAt: now, updatedAt: now, recordId, fingerprint, result });
    }
    return { result: made.result, replayed: false };
  });
}

/**
 * A creation command with an optional idempotency key, shared by every command that makes new
 * records: a retry with the same key and the same (validated) input returns the first result
 * and writes nothing; the same key with other input is a conflict.
 * @internal
 */
export async function idempotent<T>(
  options: ResolvedItsmOptions,
  scope: IdempotencyScope,
  create: (tx: StoreTransaction, now: Instant) => Promise<{ result: T; recordId: string; number: string }>,
): Promise<T> {
  const outcome = await keyedTransaction(options, scope, idempotencyFingerprint(scope), true, async (tx) => {
    const now = readClock(options.clock);
    return { ...(await create(tx, now)), now };
  });
  return outcome.result;
}

/**
 * The commands and queries every practice has — apply, get, list, history, sla — over the store,
 * all through one pipeline. Every practice gets the same code; only its {@link Practice} differs.
 * @internal
 */
export function recordApi<R extends StorableRecord, E>(
  practice: Practice<R>,
  options: ResolvedItsmOptions,
  steps: CommandSteps = commandSteps(options),
  /** Run after an `apply` has committed, with the record it wrote (a request closed with its last item). */
  afterApply?: (tenantId: string, actor: ActorRef, record: R) => Promise<void>,
): RecordApi<R, E> {
  const { kind, policy } = practice;

  /** A record's clock row, if it has one, and its clocks under the practice's policy: kept, or replayed from its history. */
  async function clocksOf(tx: StoreTransaction, tenantId: string, record: R): Promise<{ row: StoredRecord<SlaClockRecord> | undefined; clock: SlaState | undefined }> {
    if (policy === undefined) return { row: undefined, clock: undefined };
    const row = await tx.records<SlaClockRecord>(slaKind(kind)).get(tenantId, record.id);
    return { row, clock: await keptClock(policy, options.calendars, row?.record, { tx, kind, tenantId, recordId: record.id }, record.version) };
  }

  async function apply(tenantId: string, actor: ActorRef, id: string, event: E, options_?: ApplyCommandOptions): Promise<R> {
    // Read once: what is checked is what the command uses.
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['id', RecordId, id],
      ['options', ApplyCommandOptions.optional(), given],
    ]);
    const expectedVersion = given?.expectedVersion;
    // A retry with the key gets the record as this change wrote it, whatever changed since.
    const scope: IdempotencyScope = { kind, tenantId, key: given?.idempotencyKey, parsed: { apply: id, event, reason: given?.reason, expectedVersion } };
    const fingerprint = idempotencyFingerprint(scope, ['event']);
    // With a key, a write that lost a race is retried: the retry finds the winner's key. A stale
    // expected version is still refused, by the load, as not retryable.
    const outcome = await keyedTransaction(options, scope, fingerprint, expectedVersion === undefined || scope.key !== undefined, async (tx) => {
      const stored = await steps.load(tx, practice, tenantId, id, expectedVersion);
      const current = stored.record;
      const now = readClock(options.clock);
      const actorGroups = practice.usesActorGroups ? await steps.actorGroups(actor, tenantId) : [];
      const related: unknown = practice.loadRelated === undefined ? undefined : await practice.loadRelated(tx, tenantId, current, event);
      const result = practice.apply(current, event, { now, actor, newId: steps.newId, actorGroups, related });
      if (!result.success && result.error.code === 'validation') throw result.error;
      // The event passed validation, so it is an object with a string type.
      const action = `${kind}.${(event as { type: string }).type}`;
      await steps.authorize(actor, action, current, { tenantId, kind, ...(result.success ? { next: result.data.record as unknown as Record<string, unknown> } : {}) });
      const change = unwrap(result);
      const reason = given?.reason === undefined ? {} : { reason: given.reason };
      await steps.write(tx, practice, tenantId, change, stored, { actor, now, action: change.events[0]?.type ?? action, ...reason });
      for (const { practice: other, change: cascaded } of change.related ?? []) {
        // A cascaded change is an update of the version it was made from, loaded in this transaction.
        const previous = { record: cascaded.previous as StorableRecord, slaDueAt: null };
        await steps.write(tx, other, tenantId, cascaded, previous, { actor, now, action: cascaded.events[0]?.type ?? action, ...reason });
      }
      return { result: change.record, recordId: current.id, now };
    });
    // A replay wrote nothing, so there is nothing to follow up.
    if (afterApply !== undefined && !outcome.replayed) await afterApply(tenantId, actor, outcome.result);
    return outcome.result;
  }

  async function get(tenantId: string, id: string): Promise<R> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['id', RecordId, id],
    ]);
    return inTransaction(options, false, async (tx) => (await steps.load(tx, practice, tenantId, id)).record);
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
        const { row, clock } = await clocksOf(tx, tenantId, record);
        // A list read with clocks behind the last write still answers, at the last write.
        const lastAt = clock?.lastAt ?? null;
        const at = lastAt !== null && Date.parse(now) < lastAt ? new Date(lastAt).toISOString() : now;
        const sla = policy === undefined || clock === undefined ? undefined : slaStatus(policy, clock, { calendars: options.calendars, now: at });
        items.push({ record, slaDueAt: row?.slaDueAt ?? null, ...(sla === undefined ? {} : { sla }) });
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
      await steps.load(tx, practice, tenantId, id);
      return tx.audit.list(tenantId, kind, id);
    });
  }

  async function sla(tenantId: string, id: string, now?: Date | Instant): Promise<SlaEvaluation | undefined> {
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['id', RecordId, id],
      ['now', InstantArgument.optional(), now],
    ]);
    const at = slaInstantOrClock(now, options.clock);
    return inTransaction(options, false, async (tx) => {
      const { record } = await steps.load(tx, practice, tenantId, id);
      const { clock } = await clocksOf(tx, tenantId, record);
      if (policy === undefined || clock === undefined) return undefined;
      return slaStatus(policy, clock, { calendars: options.calendars, now: at });
    });
  }

  return {
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

/**
 * The commands and queries of a practice whose records are opened on their own: `open` and
 * everything of {@link recordApi}.
 * @internal
 */
export function practiceApi<R extends StorableRecord, I, E>(practice: OpeningPractice<R>, options: ResolvedItsmOptions, steps: CommandSteps = commandSteps(options)): PracticeApi<R, I, E> {
  const { kind } = practice;

  async function open(tenantId: string, actor: ActorRef, input: I, options_?: OpenCommandOptions): Promise<R> {
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['options', OpenCommandOptions.optional(), given],
    ]);
    const parsed = unwrap(practice.parseInput(input));
    return idempotent(options, { kind, tenantId, key: given?.idempotencyKey, parsed }, async (tx, now) => {
      const number = await steps.drawNumber(tx, practice, tenantId);
      const change = unwrap(practice.open(input, { now, actor, newId: steps.newId, tenantId, number }));
      const action = `${kind}.open`;
      await steps.authorize(actor, action, change.record, { tenantId, kind, next: change.record as unknown as Record<string, unknown> });
      await steps.write(tx, practice, tenantId, change, undefined, { actor, now, action: change.events[0]?.type ?? action });
      return { result: change.record, recordId: change.record.id, number: change.record.number };
    });
  }

  return {
    open,
    safeOpen: (tenantId, actor, input, given) => safely(() => open(tenantId as string, actor as ActorRef, input as I, given as OpenCommandOptions)),
    ...recordApi<R, E>(practice, options, steps),
  };
}
