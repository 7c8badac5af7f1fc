import { deepFreeze } from '../core/deep-freeze';
import type { DeepReadonly } from '../core/deep-readonly';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { RiskModelDefinition } from './risk-model.schema';

/** A validated risk model, deeply frozen: the data to store, and what {@link assessRisk} reads. */
export type RiskModel = DeepReadonly<RiskModelDefinition>;

/**
 * Validates a risk model given as data: a matrix (impact × likelihood → level) or a
 * questionnaire (weighted answers, score thresholds).
 *
 * @param definition - the model as data
 * @returns the model, validated and frozen
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const matrix = defineRiskModel({
 *   kind: 'matrix',
 *   impacts: ['minor', 'major'],
 *   likelihoods: ['unlikely', 'likely'],
 *   levels: [['low', 'moderate'], ['moderate', 'high']],
 * });
 * ```
 */
export function defineRiskModel(definition: RiskModelDefinition): RiskModel {
  const result = safeDefineRiskModel(definition);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineRiskModel}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for a model read from storage.
 *
 * @param definition - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeDefineRiskModel(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineRiskModel(definition: unknown): SafeResult<RiskModel, ValidationError> {
  const parsed = parseWith(RiskModelDefinition, definition, 'risk model');
  if (!parsed.success) return parsed;
  return { success: true, data: deepFreeze(parsed.data) };
}
