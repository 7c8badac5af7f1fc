import { ItsmError } from './itsm-error';

/**
 * What was asked for does not exist — in the caller's tenant. A record of another tenant is
 * never found, whatever its id.
 *
 * @example
 * ```ts
 * try {
 *   await store.transaction((tx) => tx.records('incident').update('acme', next, { expectedVersion: 1 }));
 * } catch (error) {
 *   if (isItsmError(error) && error.code === 'not_found') console.log(error.details);
 * }
 * ```
 */
export class NotFoundError extends ItsmError {
  declare readonly code: 'not_found';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not_found', message, details);
    this.name = 'NotFoundError';
  }
}
