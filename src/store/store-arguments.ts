import { listEntries } from '../core/list-entries';
import { listArgument, readArgument } from '../core/unreadable-argument';
import { z } from 'zod';
import { parseWith } from '../core/from-zod';
import { ActorRef, Instant, TenantId } from '../core/record-fields.schema';
import type { DomainEvent } from '../core/record-change';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { AuditEntry } from './audit-log';
import { RecordQuery } from './record-query.schema';
import type { StorableRecord } from './record-repository';
import { storableJsonIssues } from './storable-json';

/** The fields a store indexes, read from a record by convention. @internal */
export interface IndexedFields {
  readonly id: string;
  readonly number: string;
  readonly version: number;
  readonly state: string | null;
  readonly assignee: string | null;
  readonly assignmentGroup: string | null;
  readonly priority: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A record checked for storage: its JSON text, a fresh copy, and its indexed fields. @internal */
export interface CheckedRecord {
  readonly json: string;
  readonly data: StorableRecord;
  readonly index: IndexedFields;
}

const Kind = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, { error: 'must be a lower-case identifier such as incident' });
const Key = z.string().min(1, { error: 'must not be empty' }).max(128);
const Base = z.looseObject({
  id: Key,
  tenantId: TenantId,
  number: z.string().min(1).max(32),
  version: z.int().min(1),
  createdAt: Instant,
  updatedAt: Instant,
});

const fail = (issues: ValidationIssue[], subject = 'argument'): never => {
  throw new ValidationError(issues, subject);
};

function onlyKeys(options: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) fail(unknown.map((key) => issue(['options', key], 'is not a known option')));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** @internal */
export function checkInsertOptions(options: unknown): string | null {
  if (options === undefined) return null;
  if (!isPlainObject(options)) fail([issue(['options'], 'must be a plain object')]);
  onlyKeys(options as Record<string, unknown>, ['slaDueAt']);
  const { slaDueAt } = options as { slaDueAt?: unknown };
  return slaDueAt === undefined ? null : checkDueAt(slaDueAt, 'options.slaDueAt');
}

/** @internal */
export function checkTenant(tenantId: unknown): string {
  const parsed = TenantId.safeParse(tenantId);
  if (!parsed.success) fail([issue(['tenantId'], 'must be a non-empty string of at most 128 characters', tenantId)]);
  const value = parsed.data as string;
  if (storableJsonIssues(value).length > 0) fail([issue(['tenantId'], 'must be well-formed Unicode without NUL characters')]);
  return value;
}

/** @internal */
export function checkKind(kind: unknown): string {
  const parsed = Kind.safeParse(kind);
  if (!parsed.success) fail([issue(['kind'], 'must be a lower-case identifier such as incident', kind)]);
  return parsed.data as string;
}

/** @internal */
export function checkKey(value: unknown, field: string): string {
  const parsed = Key.safeParse(value);
  if (!parsed.success || storableJsonIssues(value).length > 0) fail([issue([field], 'must be a non-empty, well-formed string of at most 128 characters', value)]);
  return value as string;
}

/** @internal */
export function checkDueAt(value: unknown, field = 'slaDueAt'): string | null {
  if (value === null) return null;
  const parsed = Instant.safeParse(value);
  if (!parsed.success) fail([issue([field], 'must be null or an instant in UTC with milliseconds', value)]);
  return parsed.data as string;
}

/** Checks a record for storage in `tenantId` and makes its stored form. @internal */
export function checkRecord(tenantId: string, record: unknown): CheckedRecord {
  const issues = storableJsonIssues(record, ['record']);
  if (issues.length > 0) fail(issues);
  const parsed = parseWith(Base, record, 'argument');
  if (!parsed.success) fail(parsed.error.issues.map((found) => ({ ...found, path: ['record', ...found.path] })));
  const base = parsed.success ? parsed.data : undefined;
  if (base === undefined) throw new Error('unreachable');
  if (base.tenantId !== tenantId) fail([issue(['record', 'tenantId'], `must be the tenant written to (${tenantId})`, base.tenantId)]);
  if (storableJsonIssues(base.id).length > 0 || storableJsonIssues(base.number).length > 0) fail([issue(['record', 'id'], 'must be well-formed')]);
  const json = JSON.stringify(record);
  const data = JSON.parse(json) as StorableRecord & Record<string, unknown>;
  const text = (value: unknown): string | null => (typeof value === 'string' && value.length <= 128 ? value : null);
  const idOf = (value: unknown): string | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? text((value as { id?: unknown }).id) : null;
  const priority = data.priority;
  return {
    json,
    data,
    index: {
      id: base.id,
      number: base.number,
      version: base.version,
      state: text(data.state),
      assignee: idOf(data.assignee),
      assignmentGroup: idOf(data.assignmentGroup),
      priority: typeof priority === 'number' && Number.isInteger(priority) && Math.abs(priority) < 2 ** 31 ? priority : null,
      createdAt: base.createdAt,
      updatedAt: base.updatedAt,
    },
  };
}

/** A parsed query with its cursor decoded. @internal */
export interface CheckedQuery {
  readonly query: RecordQuery;
  readonly orderBy: 'id' | 'updatedAt' | 'slaDueAt';
  readonly limit: number;
  /** The last row of the previous page: its sort key (null for `id` order) and id. */
  readonly after: { readonly key: string | null; readonly id: string } | undefined;
}

/** @internal */
export function checkQuery(query: unknown): CheckedQuery {
  if (query !== undefined && !isPlainObject(query)) fail([issue([], 'must be a plain object of filters')], 'query');
  const parsed = parseWith(RecordQuery, query === undefined ? {} : query, 'query');
  if (!parsed.success) throw parsed.error;
  const data = parsed.data;
  const orderBy = data.orderBy ?? 'id';
  let after: CheckedQuery['after'];
  if (data.after !== undefined) {
    after = decodeCursor(data.after, orderBy);
    if (after === undefined) fail([issue(['after'], `must be the next cursor of a page of the same query (ordered by ${orderBy})`)], 'query');
  }
  return { query: data, orderBy, limit: data.limit ?? 100, after };
}

/** @internal */
export function encodeCursor(orderBy: string, key: string | null, id: string): string {
  return Buffer.from(JSON.stringify([orderBy, key, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, orderBy: string): CheckedQuery['after'] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [by, key, id] = value as unknown[];
    if (by !== orderBy || typeof id !== 'string' || (key !== null && typeof key !== 'string')) return undefined;
    if ((orderBy === 'id') !== (key === null)) return undefined;
    return { key, id };
  } catch {
    return undefined;
  }
}

const AuditEntrySchema = z.strictObject({
  tenantId: TenantId,
  recordKind: Kind,
  recordId: Key,
  version: z.int().min(1),
  at: Instant,
  actor: ActorRef,
  action: z.string().min(1).max(128),
  reason: z.string().max(10_000).optional(),
  patches: z.array(
    z.strictObject({ op: z.enum(['replace', 'add', 'remove']), path: z.array(z.union([z.string(), z.int().min(0)])), value: z.unknown().optional() }),
  ),
});

/** Checks audit entries for `tenantId`; returns fresh JSON copies. @internal */
export function checkAuditEntries(tenantId: string, entries: unknown): AuditEntry[] {
  return checkTenantEntries(AuditEntrySchema, tenantId, entries, 'entries', 'audit entries') as AuditEntry[];
}

const DomainEventSchema = z.strictObject({
  type: z.string().min(1).max(128),
  tenantId: TenantId,
  recordKind: Kind,
  recordId: Key,
  number: z.string().min(1).max(32),
  version: z.int().min(1),
  at: Instant,
  actor: ActorRef,
  data: z.record(z.string(), z.unknown()),
});

/** Checks domain events for `tenantId`; returns fresh JSON copies. @internal */
export function checkEvents(tenantId: string, events: unknown): DomainEvent[] {
  return checkTenantEntries(DomainEventSchema, tenantId, events, 'events', 'domain events') as DomainEvent[];
}

/** Checks a list of tenant-owned entries against their schema; returns fresh JSON copies. */
function checkTenantEntries(schema: z.ZodType, tenantId: string, values: unknown, field: string, noun: string): unknown[] {
  // Every index, by `listEntries`: a hole is a missing entry, refused, not a gap the writes meet
  // later. A list, or an entry, that throws when read is bad input too.
  const entries = listArgument(values, [field]);
  if (entries === undefined) return fail([issue([field], `must be an array of ${noun}`)]);
  return entries.map((value, index) => {
    const json = readArgument([field, index], () => storableJsonIssues(value, [field, index]));
    if (json.length > 0) fail(json);
    const parsed = parseWith(schema, value, 'argument');
    if (!parsed.success) fail(parsed.error.issues.map((found) => ({ ...found, path: [field, index, ...found.path] })));
    const data = (parsed.success ? parsed.data : undefined) as { tenantId: string };
    if (data.tenantId !== tenantId) fail([issue([field, index, 'tenantId'], `must be the tenant written to (${tenantId})`)]);
    return JSON.parse(JSON.stringify(data)) as unknown;
  });
}

/** @internal */
export function checkLimit(options: unknown): number {
  if (options === undefined) return 100;
  if (!isPlainObject(options)) fail([issue(['options'], 'must be a plain object')]);
  onlyKeys(options as Record<string, unknown>, ['limit']);
  const limit = (options as { limit?: unknown }).limit;
  if (limit === undefined) return 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500) fail([issue(['options', 'limit'], 'must be a whole number from 1 to 500', limit)]);
  return limit as number;
}

/** @internal */
export function checkSequences(sequences: unknown): number[] {
  const entries = readArgument(['sequences'], () => (Array.isArray(sequences) && sequences.length <= 10_000 ? listEntries(sequences as unknown[]) : undefined));
  if (entries === undefined) return fail([issue(['sequences'], 'must be an array of at most 10,000 sequences')]);
  return entries.map((sequence, index) => {
    if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) fail([issue(['sequences', index], 'must be a positive whole number', sequence)]);
    return sequence as number;
  });
}

/** @internal */
export function checkVersion(options: unknown): { expectedVersion: number; slaDueAt: string | null | undefined } {
  if (!isPlainObject(options)) fail([issue(['options'], 'must be a plain object with expectedVersion')]);
  onlyKeys(options as Record<string, unknown>, ['expectedVersion', 'slaDueAt']);
  const { expectedVersion, slaDueAt } = options as { expectedVersion?: unknown; slaDueAt?: unknown };
  if (typeof expectedVersion !== 'number' || !Number.isSafeInteger(expectedVersion) || expectedVersion < 1) {
    fail([issue(['options', 'expectedVersion'], 'must be a positive whole number', expectedVersion)]);
  }
  return { expectedVersion: expectedVersion as number, slaDueAt: slaDueAt === undefined ? undefined : checkDueAt(slaDueAt, 'options.slaDueAt') };
}

/**
 * Orders strings by code point, which is how PostgreSQL's "C" collation orders UTF-8 text, so
 * every adapter pages in the same order. (JavaScript's `<` orders by UTF-16 code unit, which
 * differs above U+FFFF.)
 * @internal
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
