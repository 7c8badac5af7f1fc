import { jsonSchemaOf } from '../core/json-schema-of';
import { ChangeApprovalPolicy } from './change-approval-policy.schema';
import { ChangeEvent, OpenChangeInput } from './change-event.schema';
import { ChangeLifecycleOptions } from './change-lifecycle';
import { ChangeRequest } from './change-request.schema';
import { RiskAnswers, RiskAssessment, RiskModelDefinition } from './risk-model.schema';
import { ScheduleConflict, ScheduleConflictInputs } from './schedule-conflict.schema';

const SHAPES = {
  record: [ChangeRequest, 'output'],
  event: [ChangeEvent, 'input'],
  openInput: [OpenChangeInput, 'input'],
  lifecycleOptions: [ChangeLifecycleOptions, 'input'],
  approvalPolicy: [ChangeApprovalPolicy, 'input'],
  riskModel: [RiskModelDefinition, 'input'],
  riskAnswers: [RiskAnswers, 'input'],
  riskAssessment: [RiskAssessment, 'output'],
  scheduleConflictInputs: [ScheduleConflictInputs, 'input'],
  scheduleConflict: [ScheduleConflict, 'output'],
} as const;

/**
 * The JSON Schema (draft 2020-12) of a change shape, for API documentation and form builders.
 * Checks across fields are applied by the library's functions, not expressible in JSON Schema.
 *
 * @param of - `record` (the stored change), `event`, `openInput`, `lifecycleOptions`,
 *   `approvalPolicy`, `riskModel`, `riskAnswers`, `riskAssessment`, `scheduleConflictInputs`
 *   or `scheduleConflict`
 * @returns a fresh JSON Schema object
 * @throws {@link ValidationError} for an unknown `of`
 *
 * @example
 * ```ts
 * const schema = changeJsonSchema('riskModel');
 * ```
 */
export function changeJsonSchema(of: keyof typeof SHAPES = 'record'): Record<string, unknown> {
  return jsonSchemaOf(SHAPES, of);
}
