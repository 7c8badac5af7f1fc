import { describe, expect, it } from 'vitest';
import { formatPath, isItsmError, ItsmError, OutOfRangeError, ValidationError, type ValidationIssue } from '../../src/core/index';

describe('ItsmError', () => {
  const error = new ItsmError('not_found', 'Incident INC-1 does not exist', { id: 'INC-1' });

  it('is an Error with a code, a name, a message and details', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ItsmError');
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Incident INC-1 does not exist');
    expect(error.details).toEqual({ id: 'INC-1' });
    expect(error.stack).toContain('Incident INC-1 does not exist');
  });

  it('has empty details when none are given', () => {
    expect(new ItsmError('conflict', 'Version mismatch').details).toEqual({});
  });

  it('serialises to plain data', () => {
    expect(error.toJSON()).toEqual({ name: 'ItsmError', code: 'not_found', message: 'Incident INC-1 does not exist', details: { id: 'INC-1' } });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.toJSON());
  });

  it('can be thrown and caught by code', () => {
    const code = (() => {
      try {
        throw new ItsmError('forbidden', 'No');
      } catch (caught) {
        return isItsmError(caught) ? caught.code : undefined;
      }
    })();
    expect(code).toBe('forbidden');
  });
});

describe('ValidationError', () => {
  const issues: ValidationIssue[] = [
    { path: ['week', 'monday', 0, 'start'], message: 'must be a time of day', value: '25:00' },
    { path: ['timeZone'], message: 'is not a time zone' },
  ];

  it('has code validation, its own name, and is an ItsmError', () => {
    const error = new ValidationError(issues, 'calendar definition');
    expect(error).toBeInstanceOf(ItsmError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('validation');
    expect(error.name).toBe('ValidationError');
    expect(error.issues).toEqual(issues);
  });

  it('lists every issue with its path in the message', () => {
    const error = new ValidationError(issues, 'calendar definition');
    expect(error.message).toBe('Invalid calendar definition:\n  week.monday[0].start: must be a time of day\n  timeZone: is not a time zone');
  });

  it('puts a single issue on one line, and calls the subject "input" by default', () => {
    const error = new ValidationError([{ path: ['durationMs'], message: 'must not be negative', value: -1 }]);
    expect(error.message).toBe('Invalid input: durationMs: must not be negative');
  });

  it('writes an empty path as (root)', () => {
    expect(new ValidationError([{ path: [], message: 'expected object' }], 'calendar definition').message).toBe(
      'Invalid calendar definition: (root): expected object',
    );
  });

  it('carries the subject and issues in its details and toJSON', () => {
    const error = new ValidationError(issues, 'calendar definition');
    expect(error.details).toEqual({ subject: 'calendar definition', issues });
    const json = error.toJSON();
    expect(json).toEqual({ name: 'ValidationError', code: 'validation', message: error.message, details: { subject: 'calendar definition', issues } });
    expect(JSON.parse(JSON.stringify(error))).toEqual(json);
  });
});

describe('formatPath', () => {
  it('writes paths the way a developer would', () => {
    expect(formatPath(['week', 'monday', 0, 'start'])).toBe('week.monday[0].start');
    expect(formatPath(['holidays', 2, 'date'])).toBe('holidays[2].date');
    expect(formatPath([0, 'name'])).toBe('[0].name');
    expect(formatPath(['calendar'])).toBe('calendar');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('OutOfRangeError', () => {
  it('has code out_of_range, its own name and details, and is an ItsmError', () => {
    const error = new OutOfRangeError('too far', { durationMs: 5 });
    expect(error).toBeInstanceOf(ItsmError);
    expect(error.code).toBe('out_of_range');
    expect(error.name).toBe('OutOfRangeError');
    expect(error.message).toBe('too far');
    expect(error.toJSON()).toEqual({ name: 'OutOfRangeError', code: 'out_of_range', message: 'too far', details: { durationMs: 5 } });
    expect(new OutOfRangeError('too far').details).toEqual({});
  });
});

describe('isItsmError', () => {
  it('is true for the library\u2019s errors', () => {
    expect(isItsmError(new ItsmError('conflict', 'x'))).toBe(true);
    expect(isItsmError(new ValidationError([{ path: [], message: 'x' }]))).toBe(true);
    expect(isItsmError(new OutOfRangeError('x'))).toBe(true);
  });

  it('is false for other errors and values, even ones that look alike', () => {
    const lookalike = Object.assign(new Error('x'), { code: 'validation', details: {}, name: 'ValidationError' });
    for (const value of [new Error('x'), new TypeError('x'), lookalike, { code: 'validation' }, 'ItsmError', null, undefined, 0]) {
      expect(isItsmError(value)).toBe(false);
    }
  });

  it('is true for an error from another copy of the library, recognised by its shared brand', () => {
    // What a second copy (the CommonJS build next to the ESM build) constructs: not an instance of this
    // copy's class, but branded with the same registered symbol.
    const foreign = Object.defineProperty(new Error('from the other build'), Symbol.for('itsm-kit.error'), { value: true });
    expect(foreign).not.toBeInstanceOf(ItsmError);
    expect(isItsmError(foreign)).toBe(true);
  });
});
