import type { ItsmError } from './itsm-error';
import { ValidationError } from './validation-error';

/**
 * What a `safeX()` function returns instead of throwing: the value, or the error `x()` would
 * have thrown.
 */
export type SafeResult<T, E extends ItsmError = ItsmError> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };

/**
 * Runs `run` and returns its value, or the `ValidationError` it threw (a host's id source that
 * returned a bad id, a guard that met bad context) as the error. Anything else it throws is
 * the host's own failure, and is thrown on.
 * @internal
 */
export function validationResult<T>(run: () => T): SafeResult<T, ValidationError> {
  try {
    return { success: true, data: run() };
  } catch (error) {
    if (error instanceof ValidationError) return { success: false, error };
    throw error;
  }
}
