export { Problem, ProblemState, ProblemResolution } from './problem.schema';
export { KnownError, KnownErrorState } from './known-error.schema';
export { ProblemEvent, OpenProblemInput } from './problem-event.schema';
export { KnownErrorEvent, PublishKnownErrorInput } from './known-error-event.schema';
export {
  ProblemLifecycleOptions,
  defineProblemLifecycle,
  safeDefineProblemLifecycle,
  type ProblemLifecycle,
  type ProblemLifecycleOptionsInput,
} from './problem-lifecycle';
export {
  KnownErrorLifecycleOptions,
  defineKnownErrorLifecycle,
  safeDefineKnownErrorLifecycle,
  type KnownErrorLifecycle,
  type KnownErrorLifecycleOptionsInput,
} from './known-error-lifecycle';
export type { ProblemContext, OpenProblemContext } from './problem-context';
export { openProblem, safeOpenProblem } from './open-problem';
export { applyProblemEvent, safeApplyProblemEvent } from './apply-problem-event';
export { applyKnownErrorEvent, safeApplyKnownErrorEvent, type KnownErrorContext } from './apply-known-error-event';
export { publishKnownError, safePublishKnownError, type PublishKnownErrorContext, type KnownErrorPublication } from './publish-known-error';
export { problemJsonSchema } from './problem-json-schema';
