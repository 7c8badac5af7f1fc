import type { ItsmError } from '../core/itsm-error';
import type { LifecycleContext } from '../core/lifecycle';
import type { RecordChange } from '../core/record-change';
import type { RecordNumberFormat } from '../core/record-number';
import type { SafeResult } from '../core/safe-result';
import type { SlaPolicy } from '../sla/sla-policy';
import type { StorableRecord } from '../store/record-repository';

/** What opening a record needs beyond the lifecycle context: its tenant and human number. @internal */
export interface OpenRecordContext extends LifecycleContext {
  readonly tenantId: string;
  readonly number: string;
}

/** What applying an event needs beyond the lifecycle context: the actor's groups, when asked for. @internal */
export interface ApplyRecordContext extends LifecycleContext {
  readonly actorGroups: readonly string[];
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
  /** Validates an opening input alone, before any number is drawn. */
  parseInput(input: unknown): SafeResult<unknown, ItsmError>;
  open(input: unknown, context: OpenRecordContext): SafeResult<RecordChange<R>, ItsmError>;
  /** Whether its commands need the actor's groups (change approvals do). */
  readonly usesActorGroups: boolean;
  apply(record: R, event: unknown, context: ApplyRecordContext): SafeResult<RecordChange<R>, ItsmError>;
}
