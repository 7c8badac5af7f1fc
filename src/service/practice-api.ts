import type { ItsmError } from '../core/itsm-error';
import type { ActorRef, Instant } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import type { SlaEvaluation } from '../sla/sla-evaluation';
import type { AuditEntry } from '../store/audit-log';
import type { RecordQuery } from '../store/record-query.schema';
import type { ApplyCommandOptions, OpenCommandOptions } from './service-arguments';

/** A record in a list, with its SLA clocks read at the time of the query. */
export interface ServiceRecordItem<R> {
  readonly record: R;
  /** The next SLA deadline (a warning or the breach); null when no clock runs toward one. */
  readonly slaDueAt: Instant | null;
  /** The SLA status; absent when the kind has no SLA policy. */
  readonly sla?: SlaEvaluation;
}

/** One page of a list, and the cursor of the next page when there is one. */
export interface ServiceRecordPage<R> {
  readonly items: readonly ServiceRecordItem<R>[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: string;
}

/**
 * The commands and queries of one practice (`itsm.incidents`). Every command runs in one
 * store transaction: validate, authorise, load, transition, recompute SLAs, write the new
 * version with its audit entry and outgoing events — all or nothing. Each method has a `safeX`
 * twin that resolves to a `SafeResult` instead of rejecting with an `ItsmError`.
 *
 * @example
 * ```ts
 * const incident = await itsm.incidents.open('acme', agent, { shortDescription: 'VPN down', caller, impact: 2, urgency: 1 });
 * await itsm.incidents.apply('acme', agent, incident.id, { type: 'start' }, { expectedVersion: 1 });
 * ```
 */
export interface PracticeApi<R, I, E> extends RecordApi<R, E> {
  /**
   * Creates a record at version 1, numbered from the store's numbering.
   * @throws `validation` for bad input; `forbidden` when `authorize` refuses; `conflict` when the
   *   idempotency key was used with other input
   */
  open(tenantId: string, actor: ActorRef, input: I, options?: OpenCommandOptions): Promise<R>;
  safeOpen(tenantId: unknown, actor: unknown, input: unknown, options?: unknown): Promise<SafeResult<R, ItsmError>>;
}

/**
 * The commands and queries every practice has, whether its records are opened on their own or
 * made by another command (a known error is published from a problem): apply an event, read,
 * list, trace and time. Each method has a `safeX` twin that resolves to a `SafeResult` instead of
 * rejecting with an `ItsmError`.
 *
 * @example
 * ```ts
 * await itsm.knownErrors.apply('acme', agent, knownError.id, { type: 'retire', reason: 'Fixed by CHG0001234' });
 * ```
 */
export interface RecordApi<R, E> {
  /**
   * Applies a lifecycle event to a record and stores the next version. With an
   * `idempotencyKey`, a retry with the same key and input returns the record as the first call
   * wrote it, and writes nothing.
   * @throws `validation`, `not_found`, `forbidden`, `invalid_transition`, or `conflict` when the
   *   stored version is not `expectedVersion` (or a concurrent writer won every retry), or when
   *   the key was used with other input
   */
  apply(tenantId: string, actor: ActorRef, id: string, event: E, options?: ApplyCommandOptions): Promise<R>;
  safeApply(tenantId: unknown, actor: unknown, id: unknown, event: unknown, options?: unknown): Promise<SafeResult<R, ItsmError>>;
  /** The record at its current version. @throws `not_found` */
  get(tenantId: string, id: string): Promise<R>;
  safeGet(tenantId: unknown, id: unknown): Promise<SafeResult<R, ItsmError>>;
  /** The records matching a query, a page at a time, each with its SLA status now. */
  list(tenantId: string, query?: RecordQuery): Promise<ServiceRecordPage<R>>;
  safeList(tenantId: unknown, query?: unknown): Promise<SafeResult<ServiceRecordPage<R>, ItsmError>>;
  /** The record's audit trail, oldest first: its patches, applied in order to `{}`, give every version. */
  history(tenantId: string, id: string): Promise<AuditEntry[]>;
  safeHistory(tenantId: unknown, id: unknown): Promise<SafeResult<AuditEntry[], ItsmError>>;
  /**
   * The record's SLA timeline at `now` (the clock by default; within 1900–2200, the calendars'
   * horizon): every target's cycles and the segments that explain them; undefined when the kind
   * has no SLA policy.
   */
  sla(tenantId: string, id: string, now?: Date | Instant): Promise<SlaEvaluation | undefined>;
  safeSla(tenantId: unknown, id: unknown, now?: unknown): Promise<SafeResult<SlaEvaluation | undefined, ItsmError>>;
}
