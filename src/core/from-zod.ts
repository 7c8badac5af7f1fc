import { unreadableIssue, unreadablePart } from './unreadable-argument';
import type { z } from 'zod';
import { issue, ValidationError, type ValidationIssue } from './validation-error';

/**
 * Turns zod's issues into the library's own, so no zod type leaks from a public function.
 * Unknown keys become one issue each, with the key in the path, which is where a developer
 * looks for the typo.
 * @internal
 */
export function validationErrorFromZod(error: z.core.$ZodError, subject: string): ValidationError {
  const issues: ValidationIssue[] = [];
  for (const zodIssue of error.issues) {
    const path = zodIssue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    if (zodIssue.code === 'unrecognized_keys') {
      for (const key of zodIssue.keys) issues.push(issue([...path, key], 'is not a known field'));
    } else if ('input' in zodIssue) {
      issues.push(issue(path, zodIssue.message, zodIssue.input));
    } else {
      issues.push(issue(path, zodIssue.message));
    }
  }
  return new ValidationError(issues, subject);
}

/**
 * Parses with a zod schema and returns the library's result shape, never throwing: an input the
 * schema cannot get through (one that throws when read, one nested too deeply) is an issue too.
 * @internal
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): { success: true; data: z.output<S> } | { success: false; error: ValidationError } {
  try {
    const result = schema.safeParse(input, { reportInput: true });
    // zod writes its error when it is first read, describing the input: for a revoked proxy
    // that throws too, so it is read inside the guard.
    return result.success ? { success: true, data: result.data } : { success: false, error: validationErrorFromZod(result.error, subject) };
  } catch (cause) {
    return { success: false, error: new ValidationError([unparsedIssue(input, cause)], subject) };
  }
}

/**
 * The issue of an input the schema could not get through: a hostile input (a throwing getter, a
 * revoked proxy) named where the part that could not be read is; one nested deeper than the
 * stack allows, as such. Looking must not throw in turn.
 */
function unparsedIssue(input: unknown, cause: unknown): ValidationIssue {
  try {
    const found = unreadablePart(input);
    if (found !== undefined) return unreadableIssue(found.path, found.cause);
  } catch {
    // Nothing more to be said than what the schema threw.
  }
  if (cause instanceof RangeError && /call stack/i.test(String(cause.message))) return issue([], 'is nested too deeply to be checked');
  return unreadableIssue([], cause);
}
