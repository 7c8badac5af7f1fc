// A store adapter written by a third party, against the public ports only: itsm-kit's records,
// audit log, outbox and numbering kept in a key–value store — the shape of Redis, DynamoDB or
// IndexedDB — here an in-process one over a Map of JSON strings, so it runs with no server.
// Transactions are honest: one at a time (a per-store mutex), reads see the transaction's own
// writes, and the write set is committed in one atomic batch at the end, so a transaction that
// throws writes nothing. Records go in and come out as JSON, so no caller can touch stored data.
//
// The adapter is proven by the published conformance suite (`storeConformanceSuite` from
// itsm-kit/testing), run by a small test runner of our own; then createItsm runs on it:
// an incident opened, worked and resolved, its audit trail, and a breach found by the SLA scan.
//
// Run it: npx tsup --silent && node scripts/run-examples.mjs custom-store-adapter.ts
// Writing your own adapter: docs/writing-an-adapter.md.
import assert from 'node:assert/strict';
import {
  ActorRef,
  ConflictError,
  createItsm,
  defineCalendar,
  DEFAULT_INCIDENT_SLA_POLICY,
  Instant,
  NotFoundError,
  RecordQuery,
  TenantId,
  ValidationError,
  type AuditEntry,
  type DomainEvent,
  type ItsmStore,
  type OutboxMessage,
  type RecordPage,
  type StorableRecord,
  type StoredRecord,
  type StoreTransaction,
  type ValidationIssue,
} from 'itsm-kit';
import { storeConformanceSuite, type ConformanceTestApi } from 'itsm-kit/testing';

// ── The backend: a key–value store ───────────────────────────────────────────────────────────

/**
 * What the adapter needs of a key–value store. `put` writes its batch atomically (Redis
 * MULTI/EXEC, DynamoDB TransactWriteItems, one IndexedDB transaction); null deletes a key.
 */
interface KeyValueBackend {
  get(key: string): Promise<string | undefined>;
  /** Every entry whose key starts with `prefix`, in key order. */
  scan(prefix: string): Promise<[key: string, value: string][]>;
  put(batch: readonly (readonly [key: string, value: string | null])[]): Promise<void>;
}

/** The in-process backend: a Map of JSON strings. */
function createInProcessBackend(): KeyValueBackend & { readonly entries: ReadonlyMap<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (key) => Promise.resolve(entries.get(key)),
    scan: (prefix) => Promise.resolve([...entries].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1))),
    put(batch) {
      for (const [key, value] of batch) {
        if (value === null) entries.delete(key);
        else entries.set(key, value);
      }
      return Promise.resolve();
    },
  };
}

// ── Checking arguments ───────────────────────────────────────────────────────────────────────
// Every method refuses bad input with a ValidationError and writes nothing. The port's zod
// schemas that itsm-kit exports (TenantId, Instant, ActorRef, RecordQuery) do part of it.

type Path = (string | number)[];
const refuse = (path: ValidationIssue['path'], message: string): never => {
  throw new ValidationError([{ path, message }], 'argument');
};
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
// With the `u` flag a surrogate pair is one code point, so this matches unpaired surrogates only.
const LONE_SURROGATE = /\p{Surrogate}/u;
const wellFormed = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** Refuses what JSON storage could not give back verbatim (or PostgreSQL's jsonb would refuse). */
function checkJson(value: unknown, path: Path, depth = 0): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (!wellFormed(value)) refuse(path, 'must be well-formed Unicode without NUL characters');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(path, 'must be a finite number');
    return;
  }
  if (depth >= 64) refuse(path, 'nests deeper than 64 levels');
  if (Array.isArray(value)) {
    entriesOf(value).forEach((item, index) => checkJson(item, [...path, index], depth + 1));
    return;
  }
  if (!isPlainObject(value)) refuse(path, 'must be plain JSON data');
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (!wellFormed(key)) refuse([...path, key], 'is not a key JSON storage can keep');
    if (child !== undefined) checkJson(child, [...path, key], depth + 1);
  }
}

function parsed<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown, path: Path, message: string): T {
  const result = schema.safeParse(value);
  return result.success ? result.data : refuse(path, message);
}
const checkTenant = (value: unknown): string => {
  const tenantId = parsed(TenantId, value, ['tenantId'], 'must be a string of 1 to 128 characters');
  return wellFormed(tenantId) ? tenantId : refuse(['tenantId'], 'must be well-formed Unicode without NUL characters');
};
const checkKey = (value: unknown, path: Path, max = 128): string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max && wellFormed(value) ? value : refuse(path, `must be a well-formed string of 1 to ${max} characters`);
const checkKind = (value: unknown, path: Path = ['kind']): string =>
  typeof value === 'string' && /^[a-z][a-z0-9_]{0,47}$/.test(value) ? value : refuse(path, 'must be a lower-case identifier such as incident');
const checkVersion = (value: unknown, path: Path): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : refuse(path, 'must be a positive whole number');
const checkDueAt = (value: unknown, field: string): string | null => (value === null ? null : parsed(Instant, value, [field], 'must be null or an instant in UTC with milliseconds'));

function checkOptions(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) return refuse(['options'], 'must be a plain object');
  for (const key of Object.keys(value)) if (!allowed.includes(key)) refuse(['options', key], 'is not a known option');
  return value;
}

/** A record checked for `tenantId`: its fields the store keys on, and its JSON. */
function checkRecord(tenantId: string, value: unknown): { record: StorableRecord; json: string } {
  checkJson(value, ['record']);
  if (!isPlainObject(value)) return refuse(['record'], 'must be a plain object');
  checkKey(value.id, ['record', 'id']);
  checkKey(value.number, ['record', 'number'], 32);
  checkVersion(value.version, ['record', 'version']);
  parsed(Instant, value.createdAt, ['record', 'createdAt'], 'must be an instant in UTC with milliseconds');
  parsed(Instant, value.updatedAt, ['record', 'updatedAt'], 'must be an instant in UTC with milliseconds');
  if (value.tenantId !== tenantId) refuse(['record', 'tenantId'], `must be the tenant written to (${tenantId})`);
  const json = JSON.stringify(value);
  return { record: JSON.parse(json) as StorableRecord, json };
}

/**
 * A list's entries by index, a hole (an entry deleted from an array) as undefined and nothing
 * after it: `map` and `forEach` pass over holes, so a check written with them lets one through.
 */
function entriesOf(list: readonly unknown[]): unknown[] {
  const entries: unknown[] = [];
  for (let index = 0; index < list.length; index++) {
    if (!(index in list)) {
      entries.push(undefined);
      break;
    }
    entries.push(list[index]);
  }
  return entries;
}

/** Checks each entry of a list of audit entries or events: exactly these fields, of the tenant. */
function checkEntries(tenantId: string, values: unknown, field: string, fields: Record<string, (value: unknown, path: Path) => unknown>): string[] {
  if (!Array.isArray(values)) return refuse([field], 'must be an array');
  return entriesOf(values).map((value: unknown, index) => {
    const path = [field, index];
    checkJson(value, path);
    if (!isPlainObject(value)) return refuse(path, 'must be a plain object');
    for (const field of Object.keys(value)) if (!Object.hasOwn(fields, field)) refuse([...path, field], 'is not a known field');
    for (const [field, check] of Object.entries(fields)) check(value[field], [...path, field]);
    if (value.tenantId !== tenantId) refuse([...path, 'tenantId'], `must be the tenant written to (${tenantId})`);
    return JSON.stringify(value);
  });
}
const text = (max: number, optional = false) => (value: unknown, path: Path) =>
  (optional && value === undefined) || (typeof value === 'string' && value.length >= (optional ? 0 : 1) && value.length <= max) || refuse(path, `must be a string of at most ${max} characters`);
const common = {
  tenantId: (value: unknown) => checkTenant(value),
  recordKind: checkKind,
  recordId: (value: unknown, path: Path) => checkKey(value, path),
  version: checkVersion,
  at: (value: unknown, path: Path) => parsed(Instant, value, path, 'must be an instant in UTC with milliseconds'),
  actor: (value: unknown, path: Path) => parsed(ActorRef, value, path, 'must be an actor: { kind, id, name? }'),
};
const isPatch = (patch: unknown): boolean =>
  isPlainObject(patch) &&
  ['replace', 'add', 'remove'].includes(patch.op as string) &&
  Array.isArray(patch.path) &&
  patch.path.every((part: unknown) => typeof part === 'string' || (Number.isSafeInteger(part) && (part as number) >= 0)) &&
  Object.keys(patch).every((field) => ['op', 'path', 'value'].includes(field));
const auditFields = {
  ...common,
  action: text(128),
  reason: text(10_000, true),
  patches: (value: unknown, path: Path) =>
    (Array.isArray(value) && value.every(isPatch)) || refuse(path, 'must be an array of patches: { op, path, value? }'),
};
const eventFields = {
  ...common,
  type: text(128),
  number: text(32),
  data: (value: unknown, path: Path) => isPlainObject(value) || refuse(path, 'must be a plain object'),
};

// ── Ordering and paging ──────────────────────────────────────────────────────────────────────

/** By Unicode code point, as PostgreSQL's "C" collation orders: every adapter pages alike. */
function byCodePoint(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

interface Row {
  readonly record: StorableRecord & Record<string, unknown>;
  readonly slaDueAt: string | null;
}
type OrderBy = 'id' | 'updatedAt' | 'slaDueAt';
/** Where a row sits in a query's order: its sort key (empty for `id` order), then its id. */
type Position = readonly [sortKey: string, id: string];
const positionOf = (row: Row, orderBy: OrderBy): Position => [orderBy === 'id' ? '' : orderBy === 'updatedAt' ? row.record.updatedAt : (row.slaDueAt ?? ''), row.record.id];
const comparePositions = (a: Position, b: Position): number => byCodePoint(a[0], b[0]) || byCodePoint(a[1], b[1]);
const encodeCursor = (orderBy: OrderBy, position: Position): string => Buffer.from(JSON.stringify([orderBy, ...position])).toString('base64url');
function decodeCursor(cursor: string, orderBy: OrderBy): Position {
  try {
    const [by, sortKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (by === orderBy && typeof sortKey === 'string' && typeof id === 'string') return [sortKey, id];
  } catch {
    // not JSON: refused below
  }
  return refuse(['after'], `must be the next cursor of a page of the same query (ordered by ${orderBy})`);
}

function matches(row: Row, query: RecordQuery): boolean {
  const { record, slaDueAt } = row;
  const idOf = (value: unknown): unknown => (isPlainObject(value) ? value.id : undefined);
  if (query.state !== undefined && !query.state.includes(record.state as string)) return false;
  if (query.assignee !== undefined && idOf(record.assignee) !== query.assignee) return false;
  if (query.assignmentGroup !== undefined && idOf(record.assignmentGroup) !== query.assignmentGroup) return false;
  if (query.priority !== undefined && !query.priority.includes(record.priority as number)) return false;
  if (query.slaDueBy !== undefined && (slaDueAt === null || slaDueAt > query.slaDueBy)) return false;
  if (query.updatedSince !== undefined && record.updatedAt < query.updatedSince) return false;
  return query.orderBy !== 'slaDueAt' || slaDueAt !== null;
}

// ── The adapter ──────────────────────────────────────────────────────────────────────────────
// Keys start with the tenant, as a partition key would (a DynamoDB table, a Redis Cluster hash
// tag); each part is URI-encoded so that no id can reach into another's key.
//   rec/<tenant>/<kind>/<id>          { record, slaDueAt }
//   num/<tenant>/<kind>/<number>      the id holding that number
//   seq/<tenant>/<kind>               the last number drawn
//   audit/<tenant>/<kind>/<id>/<n>    one audit entry, n = 1, 2, 3, … per record
//   audit-seq/<tenant>/<kind>/<id>    the record's last n
//   outbox/<tenant>/<sequence>        a pending event; deleted when published
//   outbox-seq/<tenant>               the last outbox sequence

const key = (...parts: Path): string => parts.map((part) => (typeof part === 'number' ? String(part).padStart(12, '0') : encodeURIComponent(part))).join('/');

/**
 * An {@link ItsmStore} over a key–value backend.
 *
 * @param backend - where the data lives
 * @returns a store that passes the conformance suite
 */
function createKeyValueStore(backend: KeyValueBackend): ItsmStore {
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  return {
    transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new ValidationError([{ path: ['store'], message: 'is closed' }], 'argument'));
      if (typeof work !== 'function') return Promise.reject(new ValidationError([{ path: ['work'], message: 'must be a function' }], 'argument'));
      // One transaction at a time; a multi-process backend would need its own isolation here
      // (conditional writes on the version, WATCH, a lock with a lease).
      const run = queue.then(async () => {
        const writes = new Map<string, string | null>();
        const live = { open: true };
        try {
          const result = await work(transactionOver(backend, writes, live));
          live.open = false;
          await backend.put([...writes]);
          return result;
        } finally {
          live.open = false;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close(): Promise<void> {
      closed = true;
      await queue;
    },
  };
}

/** One transaction's view: the backend overlaid with its own write set. */
function transactionOver(backend: KeyValueBackend, writes: Map<string, string | null>, live: { open: boolean }): StoreTransaction {
  const ensureOpen = (): void => {
    if (!live.open) refuse(['transaction'], 'has ended; use the transaction object only inside its work function');
  };
  const read = async (at: string): Promise<string | undefined> => (writes.has(at) ? (writes.get(at) ?? undefined) : backend.get(at));
  const scan = async (prefix: string): Promise<[string, string][]> => {
    const found = new Map(await backend.scan(prefix));
    for (const [at, value] of writes) {
      if (!at.startsWith(prefix)) continue;
      if (value === null) found.delete(at);
      else found.set(at, value);
    }
    return [...found].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  const write = (at: string, value: string | null): void => void writes.set(at, value);
  /** Draws the next value of a counter kept at `at`. */
  const next = async (at: string): Promise<number> => {
    const value = Number((await read(at)) ?? 0) + 1;
    write(at, String(value));
    return value;
  };

  return {
    records<R extends StorableRecord>(kindInput: string) {
      const kind = checkKind(kindInput);
      const load = async (tenantId: string, id: string): Promise<StoredRecord<R> | undefined> => {
        const json = await read(key('rec', tenantId, kind, id));
        return json === undefined ? undefined : (JSON.parse(json) as StoredRecord<R>);
      };
      const save = (tenantId: string, json: string, slaDueAt: string | null, id: string): void =>
        write(key('rec', tenantId, kind, id), `{"record":${json},"slaDueAt":${JSON.stringify(slaDueAt)}}`);
      return {
        async get(tenantId, id) {
          ensureOpen();
          return load(checkTenant(tenantId), checkKey(id, ['id']));
        },
        async getByNumber(tenantInput, number) {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const id = await read(key('num', tenantId, kind, checkKey(number, ['number'])));
          return id === undefined ? undefined : load(tenantId, id);
        },
        async insert(tenantInput, recordInput, options) {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const { record, json } = checkRecord(tenantId, recordInput);
          const slaDueAt = options === undefined ? null : checkDueAt(checkOptions(options, ['slaDueAt']).slaDueAt ?? null, 'options.slaDueAt');
          if ((await read(key('rec', tenantId, kind, record.id))) !== undefined) throw new ConflictError(`A ${kind} with id ${record.id} exists already`, { kind, id: record.id });
          if ((await read(key('num', tenantId, kind, record.number))) !== undefined) throw new ConflictError(`A ${kind} numbered ${record.number} exists already`, { kind, number: record.number });
          save(tenantId, json, slaDueAt, record.id);
          write(key('num', tenantId, kind, record.number), record.id);
        },
        async update(tenantInput, recordInput, optionsInput) {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          const { record, json } = checkRecord(tenantId, recordInput);
          const options = checkOptions(optionsInput, ['expectedVersion', 'slaDueAt']);
          const expectedVersion = checkVersion(options.expectedVersion, ['options', 'expectedVersion']);
          const slaDueAt = options.slaDueAt === undefined ? undefined : checkDueAt(options.slaDueAt, 'options.slaDueAt');
          if (record.version !== expectedVersion + 1) refuse(['record', 'version'], `must be expectedVersion + 1 (${expectedVersion + 1})`);
          const stored = await load(tenantId, record.id);
          if (stored === undefined) throw new NotFoundError(`No ${kind} with id ${record.id}`, { kind, id: record.id });
          if (stored.record.version !== expectedVersion) {
            throw new ConflictError(`The ${kind} ${record.id} is at version ${stored.record.version}, not ${expectedVersion}`, { kind, id: record.id, expectedVersion, storedVersion: stored.record.version });
          }
          if (record.number !== stored.record.number) refuse(['record', 'number'], `must stay ${stored.record.number}: a record's number never changes`);
          save(tenantId, json, slaDueAt === undefined ? stored.slaDueAt : slaDueAt, record.id);
        },
        async query(tenantInput, queryInput): Promise<RecordPage<R>> {
          ensureOpen();
          const tenantId = checkTenant(tenantInput);
          if (queryInput !== undefined && !isPlainObject(queryInput)) refuse([], 'must be a plain object of filters');
          const result = RecordQuery.safeParse(queryInput ?? {});
          if (!result.success) {
            throw new ValidationError(result.error.issues.map((found) => ({ path: found.path.filter((part): part is string | number => typeof part !== 'symbol'), message: found.message })), 'query');
          }
          const query = result.data;
          const orderBy = query.orderBy ?? 'id';
          const limit = query.limit ?? 100;
          const after = query.after === undefined ? undefined : decodeCursor(query.after, orderBy);
          // A key–value store has no secondary index here: read the tenant's partition of this
          // kind, filter and sort. (DynamoDB would keep a GSI on the deadline for the breach scan.)
          const rows = (await scan(`${key('rec', tenantId, kind)}/`))
            .map(([, json]) => JSON.parse(json) as Row)
            .filter((row) => matches(row, query) && (after === undefined || comparePositions(positionOf(row, orderBy), after) > 0))
            .sort((a, b) => comparePositions(positionOf(a, orderBy), positionOf(b, orderBy)));
          const page = rows.slice(0, limit);
          const items = page as unknown as StoredRecord<R>[];
          return rows.length > limit ? { items, next: encodeCursor(orderBy, positionOf(page.at(-1)!, orderBy)) } : { items };
        },
      };
    },
    audit: {
      async append(tenantInput, entries) {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        for (const json of checkEntries(tenantId, entries, 'entries', auditFields)) {
          const { recordKind, recordId } = JSON.parse(json) as AuditEntry;
          write(key('audit', tenantId, recordKind, recordId, await next(key('audit-seq', tenantId, recordKind, recordId))), json);
        }
      },
      async list(tenantInput, recordKind, recordId) {
        ensureOpen();
        const prefix = key('audit', checkTenant(tenantInput), checkKind(recordKind, ['recordKind']), checkKey(recordId, ['recordId']));
        return (await scan(`${prefix}/`)).map(([, json]) => JSON.parse(json) as AuditEntry);
      },
    },
    outbox: {
      async enqueue(tenantInput, events) {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        for (const json of checkEntries(tenantId, events, 'events', eventFields)) write(key('outbox', tenantId, await next(key('outbox-seq', tenantId))), json);
      },
      async pending(tenantInput, optionsInput) {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        const limit = optionsInput === undefined ? 100 : (checkOptions(optionsInput, ['limit']).limit ?? 100);
        if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500) refuse(['options', 'limit'], 'must be a whole number from 1 to 500');
        const found = await scan(`${key('outbox', tenantId)}/`);
        return found.slice(0, limit as number).map(([at, json]): OutboxMessage => ({ sequence: Number(at.slice(at.lastIndexOf('/') + 1)), event: JSON.parse(json) as DomainEvent }));
      },
      async markPublished(tenantInput, sequences) {
        ensureOpen();
        const tenantId = checkTenant(tenantInput);
        if (!Array.isArray(sequences) || sequences.length > 10_000) refuse(['sequences'], 'must be an array of at most 10,000 sequences');
        entriesOf(sequences).forEach((sequence, index) => checkVersion(sequence, ['sequences', index]));
        for (const sequence of sequences) {
          const at = key('outbox', tenantId, sequence);
          if ((await read(at)) !== undefined) write(at, null);
        }
      },
    },
    numbering: {
      async next(tenantInput, kindInput) {
        ensureOpen();
        return next(key('seq', checkTenant(tenantInput), checkKind(kindInput)));
      },
    },
  };
}

// ── A test runner small enough to read ───────────────────────────────────────────────────────
// The suite takes its runner's `describe` and `it` (ConformanceTestApi); this one collects the
// tests, then runs them one by one and prints a line each.

function createTestRunner() {
  const tests: { path: string[]; name: string; body: () => Promise<void>; timeoutMs: number }[] = [];
  const path: string[] = [];
  const api: ConformanceTestApi = {
    describe(name, body) {
      path.push(name);
      try {
        body();
      } finally {
        path.pop();
      }
    },
    it(name, body, timeoutMs = 60_000) {
      tests.push({ path: [...path], name, body, timeoutMs });
    },
  };
  async function run(): Promise<{ passed: number; failed: number }> {
    let group = '';
    let failed = 0;
    for (const test of tests) {
      if (test.path.join(' › ') !== group) console.log(`  ${(group = test.path.join(' › '))}`);
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([test.body(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${test.timeoutMs} ms`)), test.timeoutMs)))]);
        console.log(`    ✓ ${test.name} (${Math.round(performance.now() - started)} ms)`);
      } catch (error) {
        failed++;
        console.log(`    ✗ ${test.name}\n      ${(error instanceof Error ? error.message : String(error)).split('\n').slice(0, 8).join('\n      ')}`);
      } finally {
        clearTimeout(timer);
      }
    }
    return { passed: tests.length - failed, failed };
  }
  return { api, run };
}

// ── 1. The conformance suite ─────────────────────────────────────────────────────────────────

console.log('The conformance suite on the key–value adapter, a fresh in-process backend per test\n');
const runner = createTestRunner();
storeConformanceSuite(runner.api, () => createKeyValueStore(createInProcessBackend()), { name: 'key–value' });
const started = performance.now();
const { passed, failed } = await runner.run();
console.log(`\n  ${passed} passed, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed > 0 || passed === 0) {
  console.error('\nThe adapter does not conform: fix it before a service runs on it.');
  process.exit(1);
}

// ── 2. The service on it ─────────────────────────────────────────────────────────────────────

const backend = createInProcessBackend();
const store = createKeyValueStore(backend);
let now = Date.parse('2026-11-23T08:00:00.000Z'); // Monday 09:00 in Berlin
let lastId = 0;
const workdays = [{ start: '08:00', end: '18:00' }];
const itsm = createItsm({
  store,
  calendars: { service_desk: defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: workdays, tuesday: workdays, wednesday: workdays, thursday: workdays, friday: workdays } }) },
  slaPolicies: { incident: DEFAULT_INCIDENT_SLA_POLICY },
  clock: () => new Date(now),
  ids: () => `id-${String(++lastId).padStart(3, '0')}`,
});
const tenant = 'acme';
const lena = { kind: 'user', id: 'lena', name: 'Lena' } as const;
const caller = { kind: 'user', id: 'employee-4711' } as const;
const berlin = (instant: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
const minutes = (count: number) => (now += count * 60_000);

console.log('\ncreateItsm on the key–value adapter, Monday 23 November 2026 in Berlin');
const mail = await itsm.incidents.open(tenant, lena, { shortDescription: 'Outlook cannot reach the mail server', caller, impact: 2, urgency: 2 });
minutes(10);
await itsm.incidents.apply(tenant, lena, mail.id, { type: 'start' });
minutes(20);
await itsm.incidents.apply(tenant, lena, mail.id, { type: 'put_on_hold', reason: 'awaiting_caller', note: 'Asked for a screenshot' }, { reason: 'Need the error text' });
minutes(45);
await itsm.incidents.apply(tenant, lena, mail.id, { type: 'resume' });
minutes(30);
const resolved = await itsm.incidents.apply(tenant, lena, mail.id, { type: 'resolve', resolutionCode: 'solved_remotely', resolutionNotes: 'Renewed the connector certificate' });
console.log(`  ${resolved.number} "${resolved.shortDescription}" is ${resolved.state} at version ${resolved.version}`);

console.log(`\n  Audit trail of ${mail.number}`);
const trail = await itsm.incidents.history(tenant, mail.id);
for (const entry of trail) {
  const fields = entry.patches.map((patch) => String(patch.path[0])).filter((field) => !['version', 'updatedAt'].includes(field));
  const shown = entry.version === 1 ? `${fields.length} fields` : [...new Set(fields)].join(', ');
  console.log(`    v${entry.version}  ${berlin(entry.at)}  ${entry.actor.name ?? entry.actor.id}  ${entry.action.padEnd(22)} ${shown}${entry.reason === undefined ? '' : `  (“${entry.reason}”)`}`);
}
assert.deepEqual(
  trail.map((entry) => entry.action),
  ['incident.opened', 'incident.started', 'incident.put_on_hold', 'incident.resumed', 'incident.resolved'],
);

// A P1 nobody works on: the hourly breach scan queries the adapter for due deadlines.
const outage = await itsm.incidents.open(tenant, lena, { shortDescription: 'Payroll system down', caller, impact: 1, urgency: 1 });
now = Date.parse('2026-11-23T14:00:00.000Z'); // 15:00 in Berlin, past the 4 h resolution target
const scan = await itsm.processDueSla(tenant);
const breaches = scan.events.filter((event) => event.type === 'incident.sla_breached');
console.log(`\n  The breach scan at ${berlin(new Date(now).toISOString())} looked at ${scan.processed} due clock(s):`);
for (const event of scan.events) {
  const { targetId, percent, crossedAt, breachedAt } = event.data as { targetId: string; percent?: number; crossedAt?: string; breachedAt?: string };
  console.log(`    ${event.number}  ${targetId.padEnd(10)} ${breachedAt === undefined ? `${percent} % used at ${berlin(crossedAt!)}` : `BREACHED at ${berlin(breachedAt)}`}`);
}
assert.deepEqual(breaches.map((event) => [event.number, (event.data as { targetId: string }).targetId]), [[outage.number, 'response'], [outage.number, 'resolution']]);

// What the host drains after commit, and what the backend holds.
const pending = await store.transaction((tx) => tx.outbox.pending(tenant, { limit: 500 }));
await store.transaction((tx) => tx.outbox.markPublished(tenant, pending.map((message) => message.sequence)));
assert.equal((await store.transaction((tx) => tx.outbox.pending(tenant))).length, 0);
console.log(`\n  The outbox held ${pending.length} events, from ${pending[0]?.event.type} to ${pending.at(-1)?.event.type}; now published.`);

const keys = [...backend.entries.keys()].sort();
const families = new Map<string, string[]>();
for (const at of keys) {
  const family = at.split('/').slice(0, 3).join('/');
  families.set(family, [...(families.get(family) ?? []), at]);
}
console.log(`\n  The backend holds ${keys.length} keys:`);
for (const [family, members] of families) console.log(`    ${family.padEnd(26)} ${members.length === 1 ? members[0] : `${String(members.length).padStart(2)} keys, e.g. ${members[0]}`}`);
assert.ok(keys.every((at) => at.split('/')[1] === tenant), 'every key starts with the tenant');
assert.ok(!keys.some((at) => at.startsWith('outbox/')), 'published events are gone from the outbox');
await store.close();
