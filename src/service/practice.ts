import type { ItsmError } from '../core/itsm-error';
import type { LifecycleContext } from '../core/lifecycle';
import type { RecordChange } from '../core/record-change';
import type { RecordNumberFormat } from '../core/record-number';
import type { SafeResult } from '../core/safe-result';
import type { SlaPolicy } from '../sla/sla-policy';
import type { StorableRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';

/** What opening a record needs beyond the lifecycle context: its tenant and human number. @internal */
export interface OpenRecordContext extends LifecycleContext {
  readonly tenantId: string;
  readonly number: string;
}

/** What applying an event needs beyond the lifecycle context: the actor's groups, when asked for. @internal */
export interface ApplyRecordContext extends LifecycleContext {
  readonly actorGroups: readonly string[];
  /** What the practice's `loadRelated` loaded, when it has one. */
  readonly related?: unknown;
}

/** A change of another record that a command made too (an item canceled with its request), written with it. @internal */
export interface RelatedChange {
  readonly practice: Practice<StorableRecord>;
  /** An update: its `previous` is the stored version it was made from. */
  readonly change: RecordChange<StorableRecord>;
}

/** A record's change and the changes it cascaded to other records. @internal */
export interface PracticeChange<R> extends RecordChange<R> {
  readonly related?: readonly RelatedChange[];
}

/**
 * One ITIL practice as the command runner sees it: its kind, how it is numbered, its SLA policy
 * and its pure domain functions. Every practice runs through the same pipeline; only this
 * differs.
 * @internal
 */
export interface Practice<R extends StorableRecord> {
  readonly kind: string;
  readonly numberFormat: RecordNumberFormat;
  readonly policy: SlaPolicy | undefined;
  /** Whether its commands need the actor's groups (change approvals do). */
  readonly usesActorGroups: boolean;
  /**
   * Loads, in the command's transaction, the other records `apply` needs (a request's items);
   * it is told the event, as given, to read only what that event needs.
   */
  loadRelated?(tx: StoreTransaction, tenantId: string, record: R, event: unknown): Promise<unknown>;
  apply(record: R, event: unknown, context: ApplyRecordContext): SafeResult<PracticeChange<R>, ItsmError>;
}

/** A practice whose records are opened on their own, by `open` (a known error is not: it is published from a problem). @internal */
export interface OpeningPractice<R extends StorableRecord> extends Practice<R> {
  /** Validates an opening input alone, before any number is drawn. */
  parseInput(input: unknown): SafeResult<unknown, ItsmError>;
  open(input: unknown, context: OpenRecordContext): SafeResult<RecordChange<R>, ItsmError>;
}
