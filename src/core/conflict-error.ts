import { ItsmError } from './itsm-error';

/**
 * A write that lost a race or collides with what is stored: an update whose expected version is
 * no longer the stored one, or an insert whose id or number is taken. Nothing was written.
 * Reload and retry when the command is safe to repeat.
 *
 * @example
 * ```ts
 * try {
 *   await store.transaction((tx) => tx.records('incident').update('acme', next, { expectedVersion: 3 }));
 * } catch (error) {
 *   if (isItsmError(error) && error.code === 'conflict') console.log('someone else changed it; reload');
 * }
 * ```
 */
export class ConflictError extends ItsmError {
  declare readonly code: 'conflict';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
    this.name = 'ConflictError';
  }
}
