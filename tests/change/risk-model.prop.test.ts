import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { assessRisk, defineRiskModel, type RiskModelDefinition } from '../../src/change/index';

const weight = fc.integer({ min: -20, max: 20 });
/** A questionnaire of 1–6 questions of 1–4 answers, with ordered thresholds. */
const questionnaire = fc
  .record({
    questions: fc.array(fc.array(weight, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
    thresholds: fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 40 })),
  })
  .map(
    ({ questions, thresholds: [moderate, gap] }): RiskModelDefinition => ({
      kind: 'questionnaire',
      questions: questions.map((weights, index) => ({ id: `q${index}`, text: `Question ${index}?`, answers: weights.map((value, answer) => ({ value: `a${answer}`, weight: value })) })),
      thresholds: { moderate, high: moderate + gap },
    }),
  );

describe('risk questionnaire laws', () => {
  test.prop([questionnaire, fc.infiniteStream(fc.nat())])('the level is the threshold band of the sum of the chosen weights', (definition, picks) => {
    if (definition.kind !== 'questionnaire') return;
    const model = defineRiskModel(definition);
    const chosen = definition.questions.map((question) => question.answers[picks.next().value % question.answers.length]!);
    const answers = Object.fromEntries(definition.questions.map((question, index) => [question.id, chosen[index]!.value]));
    const sum = chosen.reduce((total, answer) => total + answer.weight, 0);
    const assessment = assessRisk(model, answers);
    expect(assessment.score).toBe(sum);
    expect(assessment.level).toBe(sum >= definition.thresholds.high ? 'high' : sum >= definition.thresholds.moderate ? 'moderate' : 'low');
    expect(assessment.contributions.map((contribution) => contribution.weight)).toEqual(chosen.map((answer) => answer.weight));
  });

  test.prop([questionnaire, fc.infiniteStream(fc.nat())])('raising one answer to a heavier one never lowers the level', (definition, picks) => {
    if (definition.kind !== 'questionnaire') return;
    const order = { low: 0, moderate: 1, high: 2 } as const;
    const answers = Object.fromEntries(definition.questions.map((question) => [question.id, question.answers[picks.next().value % question.answers.length]!]));
    const before = assessRisk(definition, Object.fromEntries(Object.entries(answers).map(([id, answer]) => [id, answer.value])));
    const [first] = definition.questions;
    const heaviest = [...first!.answers].sort((a, b) => b.weight - a.weight)[0]!;
    const raised = assessRisk(definition, Object.fromEntries(Object.entries(answers).map(([id, answer]) => [id, id === first!.id ? heaviest.value : answer.value])));
    expect(order[raised.level]).toBeGreaterThanOrEqual(order[before.level]);
  });
});
