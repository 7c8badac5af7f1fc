import { safeApplyKnownErrorEvent } from '../problem/apply-known-error-event';
import type { KnownError } from '../problem/known-error.schema';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';

/**
 * Known errors as a practice of the service. They are not opened on their own: a known error is
 * published from a problem (`itsm.problems.publishKnownError`), then lives its own lifecycle.
 * @internal
 */
export function knownErrorPractice(options: ResolvedItsmOptions): Practice<KnownError> {
  const shared = options.lifecycles.knownError === undefined ? {} : { lifecycle: options.lifecycles.knownError };
  return {
    kind: 'known_error',
    numberFormat: options.numberFormats.knownError,
    policy: undefined,
    usesActorGroups: false,
    apply: (record, event, { now, actor, newId }) => safeApplyKnownErrorEvent(record, event, { now, actor, newId, ...shared }),
  };
}
