import { z } from 'zod';
import { parseWith } from '../core/from-zod';
import type { ItsmError } from '../core/itsm-error';
import { ActorRef, RecordId, TenantId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import type { KnownError } from '../problem/known-error.schema';
import { PublishKnownErrorInput } from '../problem/known-error-event.schema';
import type { Problem } from '../problem/problem.schema';
import { safePublishKnownError } from '../problem/publish-known-error';
import type { CommandSteps } from './command-runner';
import { unwrap } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { idempotent } from './record-commands';
import { ApplyCommandOptions, checkArguments, OpenCommandOptions, optionsArgument, safely } from './service-arguments';

/** Options of `publishKnownError`: those of an `apply` on the problem, and an idempotency key for the known error it creates. */
export const PublishKnownErrorOptions = z.strictObject({ ...ApplyCommandOptions.shape, ...OpenCommandOptions.shape });
/** Options of `publishKnownError`. */
export type PublishKnownErrorOptions = z.infer<typeof PublishKnownErrorOptions>;

/** What publishing a known error stored: the problem at its next version, and the new known error. */
export interface PublishedKnownError {
  /** The problem, the known error's id added to `knownErrors`. */
  readonly problem: Problem;
  /** The known error at version 1, `published` or `draft`. */
  readonly knownError: KnownError;
}

/** The publishing command of `itsm.problems`. */
export interface KnownErrorPublishing {
  /**
   * Publishes a known error from a problem in one transaction: the problem's next version (the
   * known error linked), the new known error numbered from the store (`KE…`), an audit entry
   * for each and the events of both — or nothing. `authorize` is asked once, for
   * `problem.publish_known_error` on the problem, with the problem after as `next`.
   *
   * @param tenantId - the tenant
   * @param actor - who publishes
   * @param problemId - the problem's id
   * @param input - title and symptom; optionally workaround, root cause, configuration items, `state: 'draft'`
   * @param options - the problem's expected version, a reason, an idempotency key
   * @returns the problem and the known error as stored
   * @throws `validation`, `not_found`, `forbidden`, `invalid_transition` (no workaround, or
   *   the problem is closed), or `conflict`
   *
   * @example
   * ```ts
   * const { knownError } = await itsm.problems.publishKnownError('acme', agent, problem.id, { title: 'VPN drops at rekey', symptom: 'Sessions end every 30 minutes' });
   * knownError.number; // => 'KE0000001'
   * ```
   */
  publishKnownError(tenantId: string, actor: ActorRef, problemId: string, input: PublishKnownErrorInput, options?: PublishKnownErrorOptions): Promise<PublishedKnownError>;
  safePublishKnownError(tenantId: unknown, actor: unknown, problemId: unknown, input: unknown, options?: unknown): Promise<SafeResult<PublishedKnownError, ItsmError>>;
}

/**
 * The publishing command over the store: one step of the shared runner that changes the
 * problem and inserts a second record, each written with its own audit entry and events.
 * @internal
 */
export function knownErrorPublishing(problems: Practice<Problem>, knownErrors: Practice<KnownError>, options: ResolvedItsmOptions, steps: CommandSteps): KnownErrorPublishing {
  const shared = {
    ...(options.lifecycles.problem === undefined ? {} : { lifecycle: options.lifecycles.problem }),
    ...(options.lifecycles.knownError === undefined ? {} : { knownErrorLifecycle: options.lifecycles.knownError }),
    ...(options.priorityMatrix === undefined ? {} : { priorityMatrix: options.priorityMatrix }),
  };

  async function publishKnownError(tenantId: string, actor: ActorRef, problemId: string, input: PublishKnownErrorInput, options_?: PublishKnownErrorOptions): Promise<PublishedKnownError> {
    // Read once: what is checked is what the command uses.
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['problemId', RecordId, problemId],
      ['options', PublishKnownErrorOptions.optional(), given],
    ]);
    const parsed = unwrap(parseWith(PublishKnownErrorInput, input, 'known error'));
    // The options that shape what is written are part of the input a key stands for, as for apply.
    const scope = { kind: knownErrors.kind, tenantId, key: given?.idempotencyKey, parsed: { problem: problemId, input: parsed, reason: given?.reason, expectedVersion: given?.expectedVersion } };
    return idempotent(options, scope, async (tx, now) => {
      const stored = await steps.load(tx, problems, tenantId, problemId, given?.expectedVersion);
      const number = await steps.drawNumber(tx, knownErrors, tenantId);
      const result = safePublishKnownError(stored.record, input, { now, actor, newId: steps.newId, number, ...shared });
      if (!result.success && result.error.code === 'validation') throw result.error;
      const action = `${problems.kind}.publish_known_error`;
      await steps.authorize(actor, action, stored.record, { tenantId, kind: problems.kind, ...(result.success ? { next: result.data.problem.record } : {}) });
      const { problem, knownError } = unwrap(result);
      const reason = given?.reason === undefined ? {} : { reason: given.reason };
      await steps.write(tx, problems, tenantId, problem, stored, { actor, now, action: problem.events[0]?.type ?? action, ...reason });
      await steps.write(tx, knownErrors, tenantId, knownError, undefined, { actor, now, action: knownError.events[0]?.type ?? action, ...reason });
      return { result: { problem: problem.record, knownError: knownError.record }, recordId: knownError.record.id, number: knownError.record.number };
    });
  }

  return {
    publishKnownError,
    safePublishKnownError: (tenantId, actor, problemId, input, given) =>
      safely(() => publishKnownError(tenantId as string, actor as ActorRef, problemId as string, input as PublishKnownErrorInput, given as PublishKnownErrorOptions)),
  };
}
