export { ChangeRequest, ChangeState, ChangeType, ChangeOutcome, ChangeApprovalStep } from './change-request.schema';
export { ChangeEvent, OpenChangeInput } from './change-event.schema';
export {
  ChangeApprovalPolicy,
  ChangeApprovalRule,
  ChangeApprovalStepDefinition,
  ChangeApprovalStepsByRisk,
  SeparationOfDuties,
  CAB,
  ECAB,
  type ChangeApprovalPolicyInput,
} from './change-approval-policy.schema';
export {
  ChangeLifecycleOptions,
  defineChangeLifecycle,
  safeDefineChangeLifecycle,
  type ChangeLifecycle,
  type ChangeLifecycleOptionsInput,
} from './change-lifecycle';
export type { ChangeContext, OpenChangeContext } from './change-context';
export { openChange, safeOpenChange } from './open-change';
export { applyChangeEvent, safeApplyChangeEvent } from './apply-change-event';
export { changeJsonSchema } from './change-json-schema';
export {
  ChangeRiskLevel,
  RiskAnswerOption,
  RiskAnswers,
  RiskAssessment,
  RiskContribution,
  RiskMatrixDefinition,
  RiskModelDefinition,
  RiskQuestion,
  RiskQuestionnaireDefinition,
} from './risk-model.schema';
export { defineRiskModel, safeDefineRiskModel, type RiskModel } from './define-risk-model';
export { assessRisk, safeAssessRisk } from './assess-risk';
export {
  BlackoutWindow,
  BlackoutConflict,
  ChangeOverlapConflict,
  ConfigurationItemRef,
  OutsideMaintenanceWindowConflict,
  RelationshipRef,
  ScheduleConflict,
  ScheduleConflictInputs,
  ScheduledChangeRef,
  TimeInterval,
} from './schedule-conflict.schema';
export { detectScheduleConflicts, safeDetectScheduleConflicts } from './detect-schedule-conflicts';
