/**
 * The SLA engine: policies as data, clocks over a record's history on business calendars,
 * deadlines for the host's scheduler, what-if and repair after a configuration change, and
 * service level reporting. Pure: the same policy, calendars, history and `now` always give the
 * same answer.
 *
 * @example
 * ```ts
 * import { defineCalendar } from 'itsm-kit/calendar';
 * import { defineSlaPolicy, evaluateSla, nextDeadline } from 'itsm-kit/sla';
 *
 * const evaluation = evaluateSla(policy, history, { calendars: { desk }, now: new Date() });
 * const next = nextDeadline(evaluation);
 * ```
 *
 * @module itsm-kit/sla
 */
export { ItsmError, isItsmError, ValidationError, OutOfRangeError, type ItsmErrorCode, type ValidationIssue, type IssuePath, type SafeResult, type DeepReadonly, formatPath } from '../core/index';
export { SlaPolicyDefinition, SlaTargetDefinition, SlaDuration } from './sla-policy.schema';
export { defineSlaPolicy, safeDefineSlaPolicy, type SlaPolicy } from './sla-policy';
export type { SlaState, SlaClock, SlaCycleEnd, TargetState as SlaTargetState, CycleState as SlaStoredCycle, SlaSegment as SlaStoredSegment } from './sla-state';
export type { SlaEvaluation, SlaTargetResult, SlaCycle, SlaCycleState, SlaThreshold, SlaTimelineSegment } from './sla-evaluation';
export { evaluateSla, safeEvaluateSla, advanceSla, slaStatus, type SlaVersion, type EvaluateSlaOptions, type AdvanceSlaOptions } from './evaluate-sla';
export { nextDeadline, type SlaDeadline } from './next-deadline';
export { slaWhatIf, type SlaConfiguration, type SlaRecordHistory, type SlaStanding, type SlaWhatIfChange, type SlaWhatIfResult } from './sla-what-if';
export { slaCompliance, type SlaTargetCompliance } from './sla-compliance';
export { serviceAvailability, type ServiceOutage, type ServiceAvailability } from './service-availability';
export { DEFAULT_INCIDENT_SLA_POLICY } from './default-incident-sla-policy';
