import { parseWith } from '../core/from-zod';
import { issue, ValidationError } from '../core/validation-error';
import { safeApplyProblemEvent } from '../problem/apply-problem-event';
import { safeOpenProblem } from '../problem/open-problem';
import type { Problem } from '../problem/problem.schema';
import { OpenProblemInput } from '../problem/problem-event.schema';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice } from './practice';

/**
 * Problems as a practice of the service. The `publish_known_error` event is refused here: the
 * service gives it only with the known error it links, through `publishKnownError`, so a problem
 * never lists a known error that does not exist.
 * @internal
 */
export function problemPractice(options: ResolvedItsmOptions): OpeningPractice<Problem> {
  const shared = {
    ...(options.lifecycles.problem === undefined ? {} : { lifecycle: options.lifecycles.problem }),
    ...(options.priorityMatrix === undefined ? {} : { priorityMatrix: options.priorityMatrix }),
  };
  return {
    kind: 'problem',
    numberFormat: options.numberFormats.problem,
    policy: options.slaPolicies.problem,
    usesActorGroups: false,
    parseInput: (input) => parseWith(OpenProblemInput, input, 'problem'),
    open: (input, context) => safeOpenProblem(input, { ...context, ...shared }),
    apply: (record, event, { now, actor, newId }) =>
      isPublication(event)
        ? { success: false, error: new ValidationError([issue(['type'], 'is given by itsm.problems.publishKnownError, which creates the known error it links')], 'problem event') }
        : safeApplyProblemEvent(record, event, { now, actor, newId, ...shared }),
  };
}

const isPublication = (event: unknown): boolean => typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'publish_known_error';
