import type { z } from 'zod';
import { instantArgument } from '../calendar/arguments';
import { TimeZoneName } from '../calendar/calendar.schema';
import { optionsSnapshot } from '../core/unreadable-argument';
import { issue, ValidationError, type IssuePath } from '../core/validation-error';
import { parseWith } from '../core/from-zod';

/**
 * Readers of the arbitraries' options. Each checks one option and names it in the error, so a
 * mistake in a test's setup reads as a `ValidationError` about that option, never a TypeError
 * from deep inside fast-check. The checks are the calendar's own (its argument checks and
 * schemas), so an arbitrary accepts exactly the values a calendar does.
 * @internal
 */

const SUBJECT = 'arbitrary options';

/** Throws the error for one bad option; `value` is echoed when it is short and simple. */
export function invalidOption(path: IssuePath, message: string, ...value: [unknown?]): never {
  const found = value.length > 0 ? issue(path, message, value[0]) : issue(path, message);
  throw new ValidationError([found], SUBJECT);
}

/** The options object itself: absent means all defaults. */
export function optionsObject<T extends object>(options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null) invalidOption(['options'], 'must be an object of options', options);
  return optionsSnapshot(options, ['options']);
}

export function booleanOption(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalidOption([field], 'must be true or false', value);
  return value;
}

/** A whole number from `least` to `most`. */
export function countOption(value: unknown, field: string, least: number, fallback: number, most = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least || value > most) {
    const bounds = most === Number.MAX_SAFE_INTEGER ? `at least ${least}` : `from ${least} to ${most}`;
    invalidOption([field], `must be a whole number, ${bounds}`, value);
  }
  return value;
}

/** A valid `Date` within the calendar's horizon, as its time value. */
export function instantOption(value: unknown, field: string): number {
  try {
    return instantArgument(value, field);
  } catch (error) {
    // The calendar reports it as an argument; here it is an option.
    if (error instanceof ValidationError) throw new ValidationError(error.issues, SUBJECT);
    throw error;
  }
}

/** A value the schema accepts, with the schema's issues placed under `path`. */
export function schemaOption<S extends z.ZodType>(schema: S, value: unknown, path: IssuePath): z.output<S> {
  const result = parseWith(schema, value, SUBJECT);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((found) => ({ ...found, path: [...path, ...found.path] })),
    SUBJECT,
  );
}

/** An IANA zone the runtime knows, by the calendar's own rule; kept as given. */
export function timeZoneOption(value: unknown, path: IssuePath): string {
  return schemaOption(TimeZoneName, value, path);
}
