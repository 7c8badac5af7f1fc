import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { RiskModel } from './define-risk-model';
import { RiskAnswers, RiskModelDefinition, type ChangeRiskLevel, type RiskAssessment, type RiskContribution } from './risk-model.schema';

/**
 * Assesses a change's risk with a risk model: the level, and what made it. A matrix reads the
 * `impact` and `likelihood` answers; a questionnaire adds the weights of the chosen answers and
 * compares the score with its thresholds.
 *
 * @param model - a model from {@link defineRiskModel} (or its definition as data)
 * @param answers - for a matrix `{ impact, likelihood }`; for a questionnaire the chosen answer by question id
 * @returns the level, the score (questionnaires), the contributing answers and an explanation
 * @throws {@link ValidationError} for a bad model, a missing, unknown or unexpected answer
 *
 * @example
 * ```ts
 * const { level, score } = assessRisk(questionnaire, { outage_expected: 'yes', tested: 'no' });
 * // level => 'high', score => 7
 * ```
 */
export function assessRisk(model: RiskModel, answers: RiskAnswers): RiskAssessment {
  const result = safeAssessRisk(model, answers);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link assessRisk}, but returns the error instead of throwing it, and takes `unknown`:
 * the function for answers from a form.
 *
 * @param model - a model from {@link defineRiskModel}, or anything
 * @param answers - anything; typically a parsed request body
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeAssessRisk(model, body.answers);
 * if (result.success) console.log(result.data.explanation);
 * ```
 */
export function safeAssessRisk(model: unknown, answers: unknown): SafeResult<RiskAssessment, ValidationError> {
  const parsedModel = parseWith(RiskModelDefinition, model, 'risk model');
  if (!parsedModel.success) return parsedModel;
  const parsedAnswers = parseWith(RiskAnswers, answers, 'risk answers');
  if (!parsedAnswers.success) return parsedAnswers;
  const definition = parsedModel.data;
  const given = parsedAnswers.data;
  const issues: ValidationIssue[] = [];
  const expected = definition.kind === 'matrix' ? ['impact', 'likelihood'] : definition.questions.map((question) => question.id);
  for (const key of Object.keys(given)) {
    if (!expected.includes(key)) issues.push(issue([key], `is not a question of this model; expected ${expected.join(', ')}`));
  }
  for (const key of expected) {
    if (!Object.hasOwn(given, key)) issues.push(issue([key], 'must be answered'));
  }
  if (definition.kind === 'matrix') {
    const row = definition.impacts.indexOf(given.impact ?? '');
    const column = definition.likelihoods.indexOf(given.likelihood ?? '');
    if (given.impact !== undefined && row < 0) issues.push(issue(['impact'], `must be one of ${definition.impacts.join(', ')}`, given.impact));
    if (given.likelihood !== undefined && column < 0) issues.push(issue(['likelihood'], `must be one of ${definition.likelihoods.join(', ')}`, given.likelihood));
    const level = definition.levels[row]?.[column];
    if (issues.length > 0 || level === undefined) return { success: false, error: new ValidationError(issues, 'risk answers') };
    return {
      success: true,
      data: {
        level,
        kind: 'matrix',
        contributions: [
          { question: 'impact', answer: definition.impacts[row] ?? '' },
          { question: 'likelihood', answer: definition.likelihoods[column] ?? '' },
        ],
        explanation: `impact ${given.impact ?? ''} with likelihood ${given.likelihood ?? ''} is ${level} risk`,
      },
    };
  }
  const contributions: RiskContribution[] = [];
  for (const question of definition.questions) {
    // Own keys only: a question may be called `constructor`.
    const value = Object.hasOwn(given, question.id) ? given[question.id] : undefined;
    if (value === undefined) continue;
    const answer = question.answers.find((option) => option.value === value);
    if (answer === undefined) issues.push(issue([question.id], `must be one of ${question.answers.map((option) => option.value).join(', ')}`, value));
    else contributions.push({ question: question.id, answer: answer.value, weight: answer.weight });
  }
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'risk answers') };
  // Summed in question order, so the same answers always give the same floating-point score.
  const score = contributions.reduce((sum, contribution) => sum + (contribution.weight ?? 0), 0);
  const { thresholds } = definition;
  const level: ChangeRiskLevel = score >= thresholds.high ? 'high' : score >= thresholds.moderate ? 'moderate' : 'low';
  const counted = contributions.filter((contribution) => contribution.weight !== 0);
  const because = counted.length === 0 ? 'no answer carries weight' : counted.map((contribution) => `${contribution.question}=${contribution.answer} (${contribution.weight ?? 0})`).join(', ');
  const bound = level === 'high' ? `>= ${thresholds.high}` : level === 'moderate' ? `>= ${thresholds.moderate} and < ${thresholds.high}` : `< ${thresholds.moderate}`;
  return { success: true, data: { level, kind: 'questionnaire', score, contributions, explanation: `score ${score} ${bound} is ${level} risk: ${because}` } };
}
