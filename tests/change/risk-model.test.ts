import { describe, expect, it } from 'vitest';
import { isItsmError } from '../../src/index';
import { assessRisk, defineRiskModel, safeAssessRisk, safeDefineRiskModel } from '../../src/change/index';
import { thrown } from '../support';

const matrix = defineRiskModel({
  kind: 'matrix',
  impacts: ['minor', 'significant', 'major'],
  likelihoods: ['unlikely', 'possible', 'likely'],
  levels: [
    ['low', 'low', 'moderate'],
    ['low', 'moderate', 'high'],
    ['moderate', 'high', 'high'],
  ],
});

const questionnaire = defineRiskModel({
  kind: 'questionnaire',
  questions: [
    { id: 'outage_expected', text: 'Will the service be down during the change?', answers: [{ value: 'yes', weight: 4 }, { value: 'no', weight: 0 }] },
    { id: 'tested', text: 'Was the change tested in staging?', answers: [{ value: 'yes', weight: 0 }, { value: 'no', weight: 3 }] },
    { id: 'users_affected', text: 'How many users are affected?', answers: [{ value: 'few', weight: 1 }, { value: 'many', weight: 2.5 }] },
  ],
  thresholds: { moderate: 3, high: 7 },
});

const paths = (result: { success: boolean; error?: { issues: readonly { path: readonly (string | number)[] }[] } }): string[] =>
  result.success ? [] : (result.error?.issues ?? []).map((found) => found.path.join('.'));

describe('a risk matrix', () => {
  it('reads the level at impact × likelihood and says so', () => {
    expect(assessRisk(matrix, { impact: 'significant', likelihood: 'likely' })).toEqual({
      level: 'high',
      kind: 'matrix',
      contributions: [
        { question: 'impact', answer: 'significant' },
        { question: 'likelihood', answer: 'likely' },
      ],
      explanation: 'impact significant with likelihood likely is high risk',
    });
    expect(assessRisk(matrix, { impact: 'minor', likelihood: 'possible' }).level).toBe('low');
  });

  it('refuses unknown, missing and extra answers, naming each', () => {
    expect(paths(safeAssessRisk(matrix, { impact: 'catastrophic', likelihood: 'likely' }))).toEqual(['impact']);
    expect(paths(safeAssessRisk(matrix, { impact: 'minor', tested: 'no' }))).toEqual(['tested', 'likelihood']);
  });

  it('must be square with its labels', () => {
    const result = safeDefineRiskModel({ kind: 'matrix', impacts: ['a', 'b', 'a'], likelihoods: ['x'], levels: [['low'], ['low', 'high']] });
    expect(paths(result)).toEqual(['impacts.2.value', 'levels', 'levels.1']);
  });
});

describe('a risk questionnaire', () => {
  it('adds the weights of the answers and compares the score with the thresholds', () => {
    const high = assessRisk(questionnaire, { outage_expected: 'yes', tested: 'no', users_affected: 'few' });
    expect(high).toMatchObject({ level: 'high', kind: 'questionnaire', score: 8 });
    expect(high.contributions).toEqual([
      { question: 'outage_expected', answer: 'yes', weight: 4 },
      { question: 'tested', answer: 'no', weight: 3 },
      { question: 'users_affected', answer: 'few', weight: 1 },
    ]);
    expect(high.explanation).toBe('score 8 >= 7 is high risk: outage_expected=yes (4), tested=no (3), users_affected=few (1)');
    expect(assessRisk(questionnaire, { outage_expected: 'no', tested: 'yes', users_affected: 'many' })).toMatchObject({ level: 'low', score: 2.5 });
    expect(assessRisk(questionnaire, { outage_expected: 'no', tested: 'no', users_affected: 'few' })).toMatchObject({ level: 'moderate', score: 4 });
  });

  it('says when no answer carries weight', () => {
    const flat = defineRiskModel({ kind: 'questionnaire', questions: [{ id: 'q', text: 'Q?', answers: [{ value: 'a', weight: 0 }] }], thresholds: { moderate: 1, high: 2 } });
    expect(assessRisk(flat, { q: 'a' }).explanation).toBe('score 0 < 1 is low risk: no answer carries weight');
  });

  it('needs an answer to every question, from its answers', () => {
    expect(paths(safeAssessRisk(questionnaire, { outage_expected: 'maybe', tested: 'no' }))).toEqual(['users_affected', 'outage_expected']);
    expect(isItsmError(thrown(() => assessRisk(questionnaire, {})))).toBe(true);
  });

  it('says only "must be answered" of an unanswered question named like an Object property', () => {
    const model = defineRiskModel({ kind: 'questionnaire', questions: [{ id: 'constructor', text: 'Built by whom?', answers: [{ value: 'us', weight: 1 }] }], thresholds: { moderate: 1, high: 2 } });
    const result = safeAssessRisk(model, {});
    expect(result.success ? [] : result.error.issues.map((found) => [found.path.join('.'), found.message])).toEqual([['constructor', 'must be answered']]);
  });

  it('refuses thresholds out of order and repeated ids and answers', () => {
    const result = safeDefineRiskModel({
      kind: 'questionnaire',
      questions: [
        { id: 'q', text: 'Q?', answers: [{ value: 'a', weight: 1 }, { value: 'a', weight: 2 }] },
        { id: 'q', text: 'Again?', answers: [{ value: 'b', weight: 1 }] },
      ],
      thresholds: { moderate: 5, high: 2 },
    });
    expect(paths(result)).toEqual(['questions.0.answers.1.value', 'questions.1.id', 'thresholds.high']);
    expect(isItsmError(thrown(() => defineRiskModel({ kind: 'guess' } as never)))).toBe(true);
  });

  it('is frozen data that round-trips through JSON', () => {
    expect(Object.isFrozen(questionnaire)).toBe(true);
    expect(defineRiskModel(JSON.parse(JSON.stringify(questionnaire)) as never)).toEqual(questionnaire);
  });
});
