import type { ItsmError } from './itsm-error';

/**
 * What a `safeX()` function returns instead of throwing: the value, or the error `x()` would
 * have thrown.
 */
export type SafeResult<T, E extends ItsmError = ItsmError> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };
