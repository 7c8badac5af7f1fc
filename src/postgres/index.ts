/**
 * The PostgreSQL storage adapter (node-postgres or PGlite) and its migrations. Not built yet;
 * this entry point exists so the package layout is stable. Until then it exports the errors
 * every entry point shares.
 *
 * @module itsm-kit/postgres
 */
export { ItsmError, isItsmError, ValidationError, OutOfRangeError, type ItsmErrorCode, type ValidationIssue, type IssuePath, type SafeResult, type DeepReadonly, formatPath } from '../core/index';
