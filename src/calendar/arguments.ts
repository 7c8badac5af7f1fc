import { issue, ValidationError } from '../core/validation-error';
import { CALENDAR_HORIZON, HORIZON_END_MS, HORIZON_START_MS } from './horizon';

/**
 * Argument checks shared by the calendar functions. Each names the parameter, so the error says
 * which argument was wrong.
 * @internal
 */

/**
 * The time value of a Date, also of one from another realm (a `vm` context, an iframe, a test
 * environment), where `instanceof Date` is false; undefined for anything that is not a Date.
 */
function timeValue(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return Date.prototype.getTime.call(value as Date);
  } catch {
    return undefined;
  }
}

export function instantArgument(value: unknown, field: string): number {
  const ms = timeValue(value);
  if (ms === undefined) {
    throw new ValidationError([issue([field], 'must be a Date', value)], 'argument');
  }
  if (Number.isNaN(ms)) throw new ValidationError([issue([field], 'must be a valid Date, not Invalid Date')], 'argument');
  if (ms < HORIZON_START_MS || ms > HORIZON_END_MS) {
    throw new ValidationError(
      [issue([field], `must be between ${CALENDAR_HORIZON.start} and ${CALENDAR_HORIZON.end}`, new Date(ms).toISOString())],
      'argument',
    );
  }
  return ms;
}

export function durationArgument(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError([issue([field], 'must be a finite number of milliseconds', value)], 'argument');
  }
  if (value < 0) throw new ValidationError([issue([field], 'must not be negative', value)], 'argument');
  if (!Number.isInteger(value)) {
    throw new ValidationError(
      [issue([field], 'must be a whole number of milliseconds (round it with Math.round)', value)],
      'argument',
    );
  }
  return value;
}

export function dateArgument(value: unknown, field: string, parse: (text: string) => number | undefined): number {
  const day = typeof value === 'string' ? parse(value) : undefined;
  if (day === undefined) throw new ValidationError([issue([field], 'must be a date YYYY-MM-DD', value)], 'argument');
  return day;
}
