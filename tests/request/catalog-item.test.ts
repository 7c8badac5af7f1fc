import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  defineCatalogItem,
  safeDefineCatalogItem,
  safeValidateRequestVariables,
  validateRequestVariables,
  type CatalogItem,
} from '../../src/request/index';
import { thrown } from '../support';

const laptop: CatalogItem = {
  id: 'cat-laptop',
  name: 'Standard laptop',
  active: true,
  variables: [
    { name: 'model', label: 'Model', type: 'choice', required: true, choices: [{ value: 'x1', label: 'X1 Carbon' }, { value: 'mbp', label: 'MacBook Pro' }] },
    { name: 'accessories', label: 'Accessories', type: 'choice', required: false, multiple: true, choices: [{ value: 'dock', label: 'Dock' }, { value: 'bag', label: 'Bag' }] },
    { name: 'cost_center', label: 'Cost center', type: 'text', required: true, pattern: 'CC-\\d{4}' },
    { name: 'monitors', label: 'Monitors', type: 'number', required: false, min: 0, max: 3, integer: true },
    { name: 'urgent', label: 'Needed this week', type: 'boolean', required: false },
    { name: 'needed_by', label: 'Needed by', type: 'date', required: false },
    { name: 'for_user', label: 'For', type: 'reference', refersTo: 'user', required: true },
  ],
  approval: { required: true, approvers: [{ kind: 'user', id: 'manager' }] },
  fulfilmentTasks: [{ shortDescription: 'Image and ship', assignmentGroup: { kind: 'group', id: 'it-logistics' }, order: 1 }],
};

const good = { model: 'x1', cost_center: 'CC-1234', for_user: 'u-42', accessories: ['dock'], monitors: 2, urgent: false, needed_by: '2026-12-01' };

const pathsOf = (run: () => unknown): unknown => (thrown(run) as { issues: { path: unknown }[] }).issues.map((i) => i.path);

describe('catalog items', () => {
  it('accepts a well-formed item and freezes it', () => {
    const item = defineCatalogItem(laptop);
    expect(item).toEqual(laptop);
    expect(Object.isFrozen(item.variables[0])).toBe(true);
  });

  it.each<[string, object, (string | number)[][]]>([
    ['two variables with one name', { variables: [laptop.variables[2], laptop.variables[2]] }, [['variables', 1, 'name']]],
    ['a bad variable name', { variables: [{ ...laptop.variables[4], name: 'Cost Center' }] }, [['variables', 0, 'name']]],
    ['an invalid pattern', { variables: [{ name: 'a', label: 'A', type: 'text', required: true, pattern: '(' }] }, [['variables', 0, 'pattern']]],
    ['a pattern with a backreference', { variables: [{ name: 'a', label: 'A', type: 'text', required: true, pattern: '(a)\\1' }] }, [['variables', 0, 'pattern']]],
    ['a pattern with a lookahead', { variables: [{ name: 'a', label: 'A', type: 'text', required: true, pattern: '(?=.*\\d).{8,}' }] }, [['variables', 0, 'pattern']]],
    ['a pattern whose counted repeats write out too large', { variables: [{ name: 'a', label: 'A', type: 'text', required: true, pattern: '(\\w{1,60}){1,60}' }] }, [['variables', 0, 'pattern']]],
    ['min above max', { variables: [{ name: 'a', label: 'A', type: 'number', required: true, min: 5, max: 1 }] }, [['variables', 0, 'max']]],
    ['a repeated choice', { variables: [{ name: 'a', label: 'A', type: 'choice', required: true, choices: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] }] }, [['variables', 0, 'choices', 1, 'value']]],
    ['an unknown variable type', { variables: [{ name: 'a', label: 'A', type: 'colour', required: true }] }, [['variables', 0, 'type']]],
    ['approval without approvers', { approval: { required: true, approvers: [] } }, [['approval', 'approvers']]],
    ['a task for a user instead of a group', { fulfilmentTasks: [{ shortDescription: 'x', assignmentGroup: { kind: 'user', id: 'u' }, order: 0 }] }, [['fulfilmentTasks', 0, 'assignmentGroup', 'kind']]],
  ])('names the path when an item has %s', (_name, change, paths) => {
    expect(pathsOf(() => defineCatalogItem({ ...laptop, ...change }))).toEqual(paths);
  });
});

describe('request variables', () => {
  it('accepts answers that follow the item, keeping only what was answered', () => {
    expect(validateRequestVariables(laptop, good)).toEqual(good);
    expect(validateRequestVariables(laptop, { model: 'mbp', cost_center: 'CC-0001', for_user: 'u-1', urgent: null })).toEqual({ model: 'mbp', cost_center: 'CC-0001', for_user: 'u-1' });
  });

  it('names every bad answer by its variable', () => {
    const result = safeValidateRequestVariables(laptop, {
      model: 'thinkpad',
      accessories: ['dock', 'dock'],
      cost_center: 'CC-12',
      monitors: 2.5,
      urgent: 'yes',
      needed_by: '2026-02-30',
      extra: 1,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['variables.extra', 'is not a question of this catalog item'],
      ['variables.model', 'must be one of x1, mbp'],
      ['variables.accessories', 'must not pick a choice twice'],
      ['variables.cost_center', 'does not have the required form'],
      ['variables.monitors', 'must be a whole number'],
      ['variables.urgent', 'must be true or false'],
      ['variables.needed_by', 'must be a real calendar date'],
      ['variables.for_user', 'is required'],
    ]);
  });

  it('matches a pattern against the whole answer, not a part of it', () => {
    expect(pathsOf(() => validateRequestVariables(laptop, { ...good, cost_center: 'xCC-1234x' }))).toEqual([['variables', 'cost_center']]);
  });

  it('says why a pattern is refused: a backreference or lookaround cannot be checked in time proportional to the answer', () => {
    const messages = (pattern: string): unknown =>
      (thrown(() => defineCatalogItem({ ...laptop, variables: [{ name: 'a', label: 'A', type: 'text', required: true, pattern }] })) as { issues: { message: string }[] }).issues.map((i) => i.message);
    expect(messages('(a)\\1')).toEqual(['must not use backreferences (\\1, \\k<name>): they cannot be checked in time proportional to the answer']);
    expect(messages('(?<!x)a')).toEqual(['must not use lookahead or lookbehind ((?=, (?!, (?<=, (?<!): they cannot be checked in time proportional to the answer']);
    expect(messages('a{2001}')).toEqual(['is too large to check: written out, its counted repeats come to more than 2,000 steps']);
    // A long text without angle brackets: 2,000 steps, as common a form as any.
    expect(defineCatalogItem({ ...laptop, variables: [{ name: 'a', label: 'A', type: 'text', required: true, pattern: '[^<>]{0,1000}' }] }).variables[0]).toMatchObject({ pattern: '[^<>]{0,1000}' });
  });

  it('defines at once a pattern that repeats nothing many times over, and checks it', () => {
    // Writing out the copies of nothing would take 2000³ steps: it adds nothing to the `b`.
    const item = defineCatalogItem({ ...laptop, variables: [{ name: 'code', label: 'Code', type: 'text', required: true, pattern: 'b(?:(?:(?:){2000}){2000}){2000}' }] });
    expect(validateRequestVariables(item, { code: 'b' })).toEqual({ code: 'b' });
    expect(pathsOf(() => validateRequestVariables(item, { code: 'bb' }))).toEqual([['variables', 'code']]);
  });

  it('checks an answer against a pattern that would backtrack for ages without hanging', () => {
    // `(a+)+b` takes a backtracking engine about 2^n steps on n `a`s with no `b`; this answer
    // would not finish in the lifetime of the test run.
    const item = defineCatalogItem({ ...laptop, variables: [{ name: 'code', label: 'Code', type: 'text', required: true, pattern: '(a+)+b' }] });
    expect(pathsOf(() => validateRequestVariables(item, { code: 'a'.repeat(50_000) }))).toEqual([['variables', 'code']]);
    expect(validateRequestVariables(item, { code: `${'a'.repeat(50_000)}b` })).toEqual({ code: `${'a'.repeat(50_000)}b` });
  });

  it('refuses answers that are not an object, and an item that is not valid', () => {
    expect(pathsOf(() => validateRequestVariables(laptop, ['x1']))).toEqual([['variables']]);
    expect(pathsOf(() => validateRequestVariables({ ...laptop, variables: 'none' } as unknown as CatalogItem, good))).toEqual([['item', 'variables']]);
  });

  test.prop([fc.jsonValue()])('any JSON as answers gives the answers or a validation error, never anything else', (answers) => {
    const result = safeValidateRequestVariables(laptop, answers);
    if (result.success) expect(Object.isFrozen(result.data)).toBe(true);
    else expect(result.error.code).toBe('validation');
  });

  test.prop([fc.jsonValue()])('any JSON as a catalog item gives an item or a validation error', (item) => {
    const result = safeDefineCatalogItem(item);
    if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
  });
});
