export { ItsmError, isItsmError, type ItsmErrorCode } from './itsm-error';
export { ValidationError, formatPath, type IssuePath, type ValidationIssue } from './validation-error';
export { OutOfRangeError } from './out-of-range-error';
export type { SafeResult } from './safe-result';
export type { DeepReadonly } from './deep-readonly';
export {
  Condition,
  ConditionValue,
  FieldPath,
  FIELD_OPERATORS,
  conditionJsonSchema,
  type FieldCondition,
  type FieldOperator,
} from './condition.schema';
export {
  defineCondition,
  safeDefineCondition,
  evaluateCondition,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  type CompiledCondition,
  type DefineConditionOptions,
} from './condition';
export {
  PriorityMatrixCell,
  PriorityMatrixDefinition,
  PriorityMatrixLevel,
  priorityMatrixJsonSchema,
} from './priority-matrix.schema';
export { definePriorityMatrix, safeDefinePriorityMatrix, type PriorityMatrix } from './priority-matrix';
export { priorityFor } from './priority-for';
export { priorityLabel, impactLabel, urgencyLabel } from './priority-matrix-labels';
export { DEFAULT_PRIORITY_MATRIX } from './default-priority-matrix';
export { Instant, RecordId, TenantId, ActorRef } from './record-fields.schema';
export { RecordBase } from './record-base.schema';
export { JournalEntry } from './journal-entry.schema';
export { AttachmentRef } from './attachment.schema';
export { Approval, ApprovalState } from './approval.schema';
export { RecordNumberFormat, DEFAULT_RECORD_NUMBER_FORMATS, formatRecordNumber, parseRecordNumber } from './record-number';
export { InvalidTransitionError, type InvalidTransitionDetails, type RefusedGuard } from './invalid-transition-error';
export type { RecordChange, RecordPatch, DomainEvent } from './record-change';
export type { Lifecycle, LifecycleContext } from './lifecycle';
export { LifecycleExtension, LifecycleExtensionState, LifecycleExtensionTransition, RequiredFields } from './lifecycle-extension.schema';
export { allowedEvents } from './apply-lifecycle-event';
export { lifecycleDiagram, type LifecycleDiagramOptions } from './lifecycle-diagram';
export { ConflictError } from './conflict-error';
export { NotFoundError } from './not-found-error';
export { ForbiddenError } from './forbidden-error';
