export { Problem, ProblemState, ProblemResolution } from './problem.schema';
export { KnownError, KnownErrorState } from './known-error.schema';
