/**
 * The SLA engine: policies, clocks over a record's history, deadlines and what-if. Not built
 * yet; this entry point exists so the package layout is stable. Until then it exports the
 * errors every entry point shares.
 *
 * @module itsm-kit/sla
 */
export { ItsmError, isItsmError, ValidationError, OutOfRangeError, type ItsmErrorCode, type ValidationIssue, type IssuePath, type SafeResult, type DeepReadonly, formatPath } from '../core/index';
