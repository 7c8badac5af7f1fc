/**
 * itsm-kit: the ITIL service management domain as a library.
 *
 * @module itsm-kit
 */
export { ItsmError, isItsmError, ValidationError, OutOfRangeError, formatPath, type ItsmErrorCode, type ValidationIssue, type IssuePath, type SafeResult } from './core/index';
export * from './calendar/index';
