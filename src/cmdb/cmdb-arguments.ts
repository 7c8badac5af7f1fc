import { unreadableIssue } from '../core/unreadable-argument';
import { isItsmError } from '../core/itsm-error';
import { ValidationError } from '../core/validation-error';

/** Whether `value` is an object whose `fields` are all strings; false for one that throws when read. @internal */
export function hasStrings(value: unknown, fields: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return fields.every((field) => typeof (value as Record<string, unknown>)[field] === 'string');
  } catch {
    return false;
  }
}

/**
 * What a safe function returns for anything its checks threw: the library's own error as it is,
 * anything else (a hostile input's throwing getter) as a validation error, so nothing else leaks.
 * @internal
 */
export function caughtAsError(error: unknown, subject: string): ValidationError {
  if (error instanceof ValidationError || (isItsmError(error) && error.code === 'validation')) return error as ValidationError;
  return new ValidationError([unreadableIssue([], error)], subject);
}
