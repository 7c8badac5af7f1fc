/**
 * The discriminant of every error this library throws. Switch on it rather than on the class:
 * it survives serialisation and a second copy of the library (ESM and CommonJS side by side).
 */
export type ItsmErrorCode =
  | 'validation'
  | 'out_of_range'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'forbidden';

const BRAND = Symbol.for('itsm-kit.error');

/**
 * The one base class of the library's errors. Each subclass fixes `code` and carries structured
 * `details` a host can log or return to its own client.
 *
 * @example
 * ```ts
 * try {
 *   defineCalendar(input);
 * } catch (error) {
 *   if (isItsmError(error) && error.code === 'validation') console.error(error.issues);
 * }
 * ```
 */
export class ItsmError extends Error {
  /** What kind of failure this is. */
  readonly code: ItsmErrorCode;
  /** Structured, JSON-serialisable facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ItsmErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ItsmError';
    this.code = code;
    this.details = details;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain object for logs and API responses. */
  toJSON(): { name: string; code: ItsmErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Whether `value` is an error thrown by this library, even one thrown by another copy of it
 * (for example the CommonJS build loaded next to the ESM build).
 *
 * @param value - anything caught
 * @returns true for an {@link ItsmError}
 *
 * @example
 * ```ts
 * const result = safeDefineCalendar(input);
 * if (!result.success && isItsmError(result.error)) console.log(result.error.code);
 * ```
 */
export function isItsmError(value: unknown): value is ItsmError {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return value instanceof ItsmError || BRAND in value;
  } catch {
    // A revoked proxy throws even when asked: it is no error of ours, and a predicate answers.
    return false;
  }
}
