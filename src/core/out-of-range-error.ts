import { ItsmError } from './itsm-error';

/**
 * A well-formed request whose answer lies outside what the library supports, for example a
 * business duration that the calendar cannot cover before the end of its horizon.
 *
 * @example
 * ```ts
 * try {
 *   addBusinessTime(closedCalendar, new Date(), 3_600_000);
 * } catch (error) {
 *   if (isItsmError(error) && error.code === 'out_of_range') console.log(error.message);
 * }
 * ```
 */
export class OutOfRangeError extends ItsmError {
  declare readonly code: 'out_of_range';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('out_of_range', message, details);
    this.name = 'OutOfRangeError';
  }
}
