/**
 * The PostgreSQL storage adapter: one store for a PostgreSQL server through node-postgres and
 * for PGlite (PostgreSQL in WebAssembly, in-process, file-backed or in memory), and its
 * versioned migrations. Neither `pg` nor PGlite is a dependency: pass your own pool or
 * database.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStore, migratePostgres, pgliteDriver } from 'itsm-kit/postgres';
 *
 * const driver = pgliteDriver(new PGlite('./itsm-data'));
 * await migratePostgres(driver);
 * const store = createPostgresStore(driver);
 * ```
 *
 * @module itsm-kit/postgres
 */
export { ItsmError, isItsmError, ValidationError, OutOfRangeError, ConflictError, NotFoundError, type ItsmErrorCode, type ValidationIssue, type IssuePath, type SafeResult, type DeepReadonly, formatPath } from '../core/index';
export { createPostgresStore } from './postgres-store';
export { migratePostgres, POSTGRES_SCHEMA_VERSION, type MigrationResult } from './postgres-migrations';
export { pgPoolDriver, pgliteDriver, type PostgresDriver, type PostgresQueryable, type PostgresResult, type PgPoolLike, type PGliteLike } from './postgres-driver';
export type { ItsmStore, StoreTransaction, RecordRepository, StoredRecord, StorableRecord, RecordPage, AuditEntry, AuditLog, Outbox, OutboxMessage, RecordNumbering } from '../store/index';
