export { ItsmError, isItsmError, type ItsmErrorCode } from './itsm-error';
export { ValidationError, formatPath, type IssuePath, type ValidationIssue } from './validation-error';
export { OutOfRangeError } from './out-of-range-error';
export type { SafeResult } from './safe-result';
export type { DeepReadonly } from './deep-readonly';
