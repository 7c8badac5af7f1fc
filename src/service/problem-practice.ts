import { parseWith } from '../core/from-zod';
import { safeApplyProblemEvent } from '../problem/apply-problem-event';
import { safeOpenProblem } from '../problem/open-problem';
import type { Problem } from '../problem/problem.schema';
import { OpenProblemInput } from '../problem/problem-event.schema';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';

/** Problems as a practice of the service. @internal */
export function problemPractice(options: ResolvedItsmOptions): Practice<Problem> {
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
    apply: (record, event, { now, actor, newId }) => safeApplyProblemEvent(record, event, { now, actor, newId, ...shared }),
  };
}
