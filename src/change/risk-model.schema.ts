import { z } from 'zod';

/** How risky a change is: what its approval policy and the CAB read. */
export const ChangeRiskLevel = z.enum(['low', 'moderate', 'high']);
/** How risky a change is. */
export type ChangeRiskLevel = z.infer<typeof ChangeRiskLevel>;

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a lower-case identifier such as outage_expected' });
const Label = z.string().min(1, { error: 'must not be empty' }).max(500);
const Weight = z.number().finite().min(-1_000_000).max(1_000_000);

/** Checks that no two entries of a list share a key; `field` names the key. */
function unique<T>(items: readonly T[], keyOf: (item: T) => string, field: string, path: readonly (string | number)[], context: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else context.addIssue({ code: 'custom', path: [...path, index, field], message: `duplicates ${[...path].join('.')}[${first}].${field}` });
  });
}

/**
 * A risk matrix: impact × likelihood → level. `impacts` and `likelihoods` are the labels a
 * form offers, in the order of the rows and columns of `levels`: `levels[i][j]` is the level of
 * `impacts[i]` with `likelihoods[j]`.
 */
export const RiskMatrixDefinition = z
  .strictObject({
    kind: z.literal('matrix'),
    impacts: z.array(Key).min(1).max(20),
    likelihoods: z.array(Key).min(1).max(20),
    levels: z.array(z.array(ChangeRiskLevel).max(20)).min(1).max(20),
  })
  .superRefine((matrix, context) => {
    unique(matrix.impacts, (key) => key, 'value', ['impacts'], context);
    unique(matrix.likelihoods, (key) => key, 'value', ['likelihoods'], context);
    if (matrix.levels.length !== matrix.impacts.length) {
      context.addIssue({ code: 'custom', path: ['levels'], message: `must have one row per impact (${matrix.impacts.length})` });
    }
    matrix.levels.forEach((row, index) => {
      if (row.length !== matrix.likelihoods.length) {
        context.addIssue({ code: 'custom', path: ['levels', index], message: `must have one level per likelihood (${matrix.likelihoods.length})` });
      }
    });
  });
/** A risk matrix: impact × likelihood → level. */
export type RiskMatrixDefinition = z.infer<typeof RiskMatrixDefinition>;

/** One answer a risk question offers, and what it adds to the score. */
export const RiskAnswerOption = z.strictObject({
  value: Key,
  label: Label.optional(),
  weight: Weight,
});
/** One answer a risk question offers. */
export type RiskAnswerOption = z.infer<typeof RiskAnswerOption>;

/** One question of a risk questionnaire, with its weighted answers. */
export const RiskQuestion = z
  .strictObject({
    id: Key,
    text: Label,
    answers: z.array(RiskAnswerOption).min(1).max(50),
  })
  .superRefine((question, context) => unique(question.answers, (answer) => answer.value, 'value', ['answers'], context));
/** One question of a risk questionnaire. */
export type RiskQuestion = z.infer<typeof RiskQuestion>;

/**
 * A risk questionnaire: every question is answered, the weights of the answers add up to a
 * score, and the score reaches a level: `high` from `thresholds.high`, `moderate` from
 * `thresholds.moderate`, `low` below.
 */
export const RiskQuestionnaireDefinition = z
  .strictObject({
    kind: z.literal('questionnaire'),
    questions: z.array(RiskQuestion).min(1).max(100),
    thresholds: z.strictObject({ moderate: Weight, high: Weight }),
  })
  .superRefine((questionnaire, context) => {
    unique(questionnaire.questions, (question) => question.id, 'id', ['questions'], context);
    if (questionnaire.thresholds.high < questionnaire.thresholds.moderate) {
      context.addIssue({ code: 'custom', path: ['thresholds', 'high'], message: 'must not be below thresholds.moderate' });
    }
  });
/** A risk questionnaire. */
export type RiskQuestionnaireDefinition = z.infer<typeof RiskQuestionnaireDefinition>;

/** A risk model as data: a matrix or a questionnaire. */
export const RiskModelDefinition = z.discriminatedUnion('kind', [RiskMatrixDefinition, RiskQuestionnaireDefinition]);
/** A risk model as data. */
export type RiskModelDefinition = z.infer<typeof RiskModelDefinition>;

/**
 * The answers to a risk model: for a matrix, `{ impact, likelihood }`; for a questionnaire, the
 * value of the chosen answer by question id.
 */
export const RiskAnswers = z.record(Key, Key);
/** The answers to a risk model. */
export type RiskAnswers = z.infer<typeof RiskAnswers>;

/** One answer that went into an assessment, and its weight when the model weighs answers. */
export const RiskContribution = z.strictObject({
  question: Key,
  answer: Key,
  weight: Weight.optional(),
});
/** One answer that went into an assessment. */
export type RiskContribution = z.infer<typeof RiskContribution>;

/**
 * What {@link assessRisk} found: the level, the score (questionnaires only), each answer that
 * went into it, and one sentence saying why.
 */
export const RiskAssessment = z.strictObject({
  level: ChangeRiskLevel,
  kind: z.enum(['matrix', 'questionnaire']),
  score: z.number().finite().optional(),
  contributions: z.array(RiskContribution),
  explanation: z.string(),
});
/** What an assessment found. */
export type RiskAssessment = z.infer<typeof RiskAssessment>;
