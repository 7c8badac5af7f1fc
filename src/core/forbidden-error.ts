import { ItsmError } from './itsm-error';

/**
 * The host's `authorize` hook refused a command: the actor may not do this to this record.
 * Nothing was written.
 *
 * @example
 * ```ts
 * const result = await itsm.incidents.safeApply('acme', actor, id, { type: 'resolve', resolutionCode, resolutionNotes });
 * if (!result.success && result.error.code === 'forbidden') reply.status(403).send(result.error.toJSON());
 * ```
 */
export class ForbiddenError extends ItsmError {
  declare readonly code: 'forbidden';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('forbidden', message, details);
    this.name = 'ForbiddenError';
  }
}
