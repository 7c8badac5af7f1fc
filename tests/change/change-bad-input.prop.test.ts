import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { isItsmError } from '../../src/index';
import {
  applyChangeEvent,
  assessRisk,
  changeJsonSchema,
  defineChangeLifecycle,
  defineRiskModel,
  detectScheduleConflicts,
  openChange,
  safeApplyChangeEvent,
  safeAssessRisk,
  safeDefineChangeLifecycle,
  safeDefineRiskModel,
  safeDetectScheduleConflicts,
  safeOpenChange,
} from '../../src/change/index';
import { anyValue } from '../support';
import { after, approver, hostileContext, OPENED, opened, scheduled } from './support';

const badInput = fc.oneof(anyValue, fc.jsonValue());
const change = opened('normal');
const context = { now: after(change.updatedAt, 1), actor: approver, newId: () => 'j-1' };
const openContext = { now: OPENED, actor: approver, newId: () => 'c-1', tenantId: 'acme', number: 'CHG0000009' };
const matrix = defineRiskModel({ kind: 'matrix', impacts: ['minor', 'major'], likelihoods: ['rare', 'often'], levels: [['low', 'moderate'], ['moderate', 'high']] });
const planned = scheduled('standard');

/** What a throwing function threw: nothing, or a validation error. Anything else fails the test. */
function throwsOnlyValidation(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(isItsmError(error) ? error.code : error).toBe('validation');
  }
}
const validationOrSuccess = (result: { success: boolean; error?: { code: string } }): void => {
  expect(result.success ? 'validation' : result.error?.code).toBe('validation');
};

describe('change functions given anything', () => {
  const before = JSON.stringify(change);

  test.prop([badInput], { numRuns: 150 })('any value as the event is a validation error, and nothing changes', (event) => {
    const result = safeApplyChangeEvent(change, event, context);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    expect(JSON.stringify(change)).toBe(before);
    throwsOnlyValidation(() => applyChangeEvent(change, event as never, context));
  });

  test.prop([badInput], { numRuns: 150 })('any value as the change is a validation error', (record) => {
    const result = safeApplyChangeEvent(record, { type: 'assess' }, context);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([badInput], { numRuns: 100 })('any value as the context is a validation error', (given) => {
    const result = safeApplyChangeEvent(change, { type: 'assess' }, given as never);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    const opening = safeOpenChange({ type: 'normal', shortDescription: 'x' }, given as never);
    expect(opening.success ? 'accepted' : opening.error.code).toBe('validation');
  });

  const contextFields = fc.constantFrom('lifecycle', 'actorGroups', 'now', 'actor', 'newId', 'tenantId', 'number');
  test.prop([contextFields, fc.constantFrom('getter' as const, 'proxy' as const)], { numRuns: 40 })(
    'a context field that cannot be read is a validation error naming that field, never a thrown TypeError',
    (field, how) => {
      for (const result of [
        // Applying an event reads no tenant or number.
        ...(field === 'tenantId' || field === 'number' ? [] : [safeApplyChangeEvent(change, { type: 'assess' }, hostileContext(context, field, how))]),
        safeOpenChange({ type: 'normal', shortDescription: 'x' }, hostileContext(openContext, field, how)),
      ]) {
        expect(result.success ? 'accepted' : result.error.code).toBe('validation');
        if (result.success || result.error.code !== 'validation') continue;
        // Where the field is read at all, the error names it.
        if (how === 'getter') expect(result.error.issues.some((found) => found.path.join('.') === field && found.message.startsWith('could not be read'))).toBe(true);
        else expect(result.error.issues.map((found) => found.path[0])).toContain(field);
      }
    },
  );

  test.prop([badInput], { numRuns: 150 })('any value as the input of openChange is a validation error', (input) => {
    const result = safeOpenChange(input, openContext);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
    throwsOnlyValidation(() => openChange(input as never, openContext));
  });

  test.prop([badInput], { numRuns: 150 })('any value as lifecycle options gives a lifecycle or a validation error', (options) => {
    validationOrSuccess(safeDefineChangeLifecycle(options));
    throwsOnlyValidation(() => defineChangeLifecycle(options as never));
  });

  test.prop([badInput], { numRuns: 150 })('any value as a risk model gives a model or a validation error', (model) => {
    validationOrSuccess(safeDefineRiskModel(model));
    throwsOnlyValidation(() => defineRiskModel(model as never));
    validationOrSuccess(safeAssessRisk(model, { impact: 'minor', likelihood: 'rare' }));
  });

  test.prop([badInput], { numRuns: 150 })('any value as risk answers gives an assessment or a validation error', (answers) => {
    validationOrSuccess(safeAssessRisk(matrix, answers));
    throwsOnlyValidation(() => assessRisk(matrix, answers as never));
  });

  test.prop([badInput], { numRuns: 150 })('any value as the change or the inputs of conflict detection gives conflicts or a validation error', (value) => {
    const asChange = safeDetectScheduleConflicts(value);
    expect(asChange.success ? 'accepted' : asChange.error.code).toBe('validation');
    validationOrSuccess(safeDetectScheduleConflicts(planned, value));
    throwsOnlyValidation(() => detectScheduleConflicts(planned, value as never));
  });

  test.prop([badInput], { numRuns: 100 })('any value as the shape of changeJsonSchema gives a schema or a validation error', (of) => {
    throwsOnlyValidation(() => changeJsonSchema(of as never));
  });
});
