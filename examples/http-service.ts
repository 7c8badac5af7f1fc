// A JSON HTTP service over itsm-kit on node:http, with no framework. It serves incidents and changes
// per tenant. The actor comes from a header and an authorize hook decides what each actor may do.
// Errors are mapped to statuses by their `code`. The ETag is the record version, If-Match makes an
// event conditional, and Idempotency-Key makes a creation safe to retry. Storage is PGlite in a
// temporary directory, or PostgreSQL when DATABASE_URL is set.
//
//   npm run build && node --import tsx examples/http-service.ts   runs a scripted session against itself
//   node --import tsx examples/http-service.ts --serve             keeps listening on PORT (3000)
//   DATABASE_URL=postgres://localhost/itsm node --import tsx examples/http-service.ts --serve
//
// docs/http-service.md describes the endpoints and the choices made here.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  createItsm,
  defineCalendar,
  formatPath,
  DEFAULT_INCIDENT_SLA_POLICY,
  type ActorRef,
  type ItsmError,
  type ItsmErrorCode,
  type PracticeApi,
  type ValidationIssue,
} from 'itsm-kit';
import { createPostgresStore, migratePostgres, pgliteDriver, pgPoolDriver, type PostgresDriver } from 'itsm-kit/postgres';

// ── The service ──────────────────────────────────────────────────────────────────────────────
// A PostgreSQL server when DATABASE_URL names one, so that several processes can share it.
// Otherwise PGlite: PostgreSQL in this process, in a directory that is removed at the end.
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = databaseUrl === undefined ? mkdtempSync(join(tmpdir(), 'itsm-http-')) : undefined;
// Remove the directory on any exit, including one caused by a failed assertion.
if (dataDir !== undefined) process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
let driver: PostgresDriver;
if (databaseUrl === undefined) driver = pgliteDriver(await PGlite.create(dataDir));
else {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  pool.on('error', (error) => console.error('PostgreSQL connection lost:', error.message)); // without a listener, an idle client's error would crash the process
  driver = pgPoolDriver(pool);
}
await migratePostgres(driver); // this is idempotent and safe when several processes run it, so run it at every start
const store = createPostgresStore(driver);

// The people the service knows, keyed by their X-Actor header. A real service authenticates the
// caller here (a session cookie, an OAuth bearer token, mTLS) and maps the verified identity to an
// ActorRef. The library only ever sees that ActorRef.
const people: Record<string, { actor: ActorRef; roles: readonly string[] }> = {
  'user:ada': { actor: { kind: 'user', id: 'ada', name: 'Ada (service desk)' }, roles: ['agent'] },
  'user:grace': { actor: { kind: 'user', id: 'grace', name: 'Grace (desk manager)' }, roles: ['agent', 'manager'] },
};
// These actions need a role beyond `agent`. The library asks the authorize hook before every
// command, passing the action (such as `incident.cancel`) and the record. If the hook refuses, the
// command writes nothing and fails with a `forbidden` error.
const requiredRole: Record<string, string> = { 'incident.cancel': 'manager', 'change.schedule': 'manager' };

// The desk's hours, on which the SLA clocks of the default ITIL policy count.
const hours = [{ start: '08:00', end: '18:00' }];
const serviceDesk = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours } });
const itsm = createItsm({
  store,
  calendars: { service_desk: serviceDesk },
  slaPolicies: { incident: DEFAULT_INCIDENT_SLA_POLICY },
  authorize: (actor, action) => {
    const role = requiredRole[action];
    return role === undefined || (people[`${actor.kind}:${actor.id}`]?.roles.includes(role) ?? false);
  },
  // The service uses the real clock and random UUIDs, which are the defaults.
});

// Incidents and changes have the same API, so one set of routes serves both. The safe* methods
// accept `unknown` (a parsed request body as it arrives) and return the library's errors instead
// of throwing them. Anything they do throw is a bug or an outage, and becomes a 500.
interface RecordSummary { id: string; number: string; version: number; state: string; shortDescription: string; priority?: number }
type HttpPractice = Pick<PracticeApi<RecordSummary, unknown, unknown>, 'safeOpen' | 'safeApply' | 'safeGet' | 'safeList' | 'safeHistory' | 'safeSla'>;
const practices: Record<string, HttpPractice> = { incidents: itsm.incidents, changes: itsm.changes };

// The status for each error code. The Record type makes this table fail to compile if the
// library adds a code.
const statusOf: Record<ItsmErrorCode, number> = {
  validation: 400, // The request is wrong, and `issues` says where.
  forbidden: 403, // The caller is known, but authorize refused the action.
  not_found: 404, // This also covers a record of another tenant: tenants never see each other's records.
  // A stale If-Match (the record has moved past the version the client saw), or an Idempotency-Key
  // reused with another body. RFC 9110 would answer a failed If-Match with 412. 409 keeps one status
  // for "reload, then decide again", and `currentVersion` in the body says which version to reload.
  conflict: 409,
  // 409 and not 422: the body is valid, but the record's lifecycle refuses it as the record is now,
  // either because of its state or because a guard that reads the record said no. `allowedEvents` and
  // `refusedBy` say what the client can do instead. 422 would say the content is wrong in itself,
  // which is not what the lifecycle reports.
  invalid_transition: 409,
  out_of_range: 422, // The request is well formed, but the answer lies beyond the calendar's horizon.
};

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

interface Reply { status: number; body: unknown; headers?: Record<string, string> }

/** The error body for a library error: only the facts a client can act on. */
function errorReply(error: ItsmError): Reply {
  const { details } = error;
  const extra =
    error.code === 'validation' ? { issues: (details.issues as ValidationIssue[]).map((issue) => ({ path: formatPath(issue.path), message: issue.message })) }
    : error.code === 'invalid_transition' ? { allowedEvents: details.allowedEvents, refusedBy: details.refusedBy }
    : error.code === 'conflict' && typeof details.storedVersion === 'number' ? { currentVersion: details.storedVersion }
    : {};
  return { status: statusOf[error.code], body: { error: { code: error.code, message: error.message, ...extra } } };
}

/** A record reply, with its version as a strong ETag, or the error reply. */
function recordReply(result: { success: true; data: RecordSummary } | { success: false; error: ItsmError }, status = 200): Reply {
  if (!result.success) return errorReply(result.error);
  const headers: Record<string, string> = { etag: `"${result.data.version}"` };
  return { status, body: result.data, headers };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new HttpError(415, 'unsupported_media_type', 'Send the body as Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new HttpError(413, 'too_large', 'The body is over 1 MB');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid JSON');
  }
}

/** The If-Match header as an expected version. `*` (or no header) means any version. */
function expectedVersion(request: IncomingMessage): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = /^"(\d+)"$/.exec(header);
  if (match === null) throw new HttpError(400, 'bad_if_match', 'If-Match must be an ETag of this service, such as "3"');
  return Number(match[1]);
}

/** List filters from the query string. Repeated or comma-separated values become arrays. The library validates them. */
function listQuery(params: URLSearchParams): Record<string, unknown> {
  const numeric = (key: string, value: string) => (['priority', 'limit'].includes(key) && value !== '' ? Number(value) : value);
  return Object.fromEntries([...new Set(params.keys())].map((key) => {
    const values = params.getAll(key).flatMap((value) => value.split(',')).map((value) => numeric(key, value));
    return [key, ['state', 'priority'].includes(key) ? values : values[0]];
  }));
}

async function route(request: IncomingMessage): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let parts: string[];
  try {
    parts = url.pathname.split('/').filter((part) => part !== '').map(decodeURIComponent);
  } catch {
    throw new HttpError(400, 'bad_path', 'The path is not valid percent-encoding');
  }
  const [root, tenant, plural, id, sub, ...rest] = parts;
  const practice = plural === undefined ? undefined : practices[plural];
  const known = root === 'tenants' && tenant !== undefined && practice !== undefined && rest.length === 0 && (sub === undefined || ['events', 'history', 'sla'].includes(sub));
  if (!known) throw new HttpError(404, 'no_route', `No route for ${url.pathname}`);
  const allowed = id === undefined ? ['GET', 'POST'] : sub === 'events' ? ['POST'] : ['GET'];
  if (!allowed.includes(request.method ?? '')) return { status: 405, body: { error: { code: 'method_not_allowed', message: `Use ${allowed.join(' or ')}` } }, headers: { allow: allowed.join(', ') } };

  const person = people[String(request.headers['x-actor'])];
  if (person === undefined) throw new HttpError(401, 'unauthenticated', 'Say who you are in the X-Actor header, such as user:ada');
  const { actor } = person;
  // On a creation and on an event alike: a retry with the same key gets the first answer.
  const idempotencyKey = request.headers['idempotency-key'];

  if (id === undefined && request.method === 'GET') {
    const page = await practice.safeList(tenant, listQuery(url.searchParams));
    if (!page.success) return errorReply(page.error);
    const items = page.data.items.map(({ record, sla, slaDueAt }) => ({
      id: record.id, number: record.number, state: record.state, priority: record.priority, version: record.version, shortDescription: record.shortDescription, slaDueAt,
      // Each target's current cycle. The full timeline is at …/:id/sla.
      sla: sla?.targets.map(({ metric, cycles }) => {
        const cycle = cycles.at(-1);
        return cycle === undefined ? { metric, state: 'not_started' } : { metric, state: cycle.state, breached: cycle.breached, elapsedMs: cycle.elapsedMs, remainingMs: cycle.remainingMs, dueAt: cycle.dueAt ?? null };
      }),
    }));
    return { status: 200, body: { items, ...(page.data.next === undefined ? {} : { next: page.data.next }) } };
  }
  if (id === undefined) {
    const result = await practice.safeOpen(tenant, actor, await readJson(request), idempotencyKey === undefined ? {} : { idempotencyKey });
    const reply = recordReply(result, 201);
    if (result.success) reply.headers = { ...reply.headers, location: `/tenants/${encodeURIComponent(tenant)}/${plural}/${encodeURIComponent(result.data.id)}` };
    return reply;
  }
  if (sub === 'events') {
    const version = expectedVersion(request);
    const given = { ...(version === undefined ? {} : { expectedVersion: version }), ...(idempotencyKey === undefined ? {} : { idempotencyKey }) };
    return recordReply(await practice.safeApply(tenant, actor, id, await readJson(request), given));
  }
  if (sub === 'history') {
    const history = await practice.safeHistory(tenant, id);
    return history.success ? { status: 200, body: history.data } : errorReply(history.error);
  }
  if (sub === 'sla') {
    const sla = await practice.safeSla(tenant, id);
    if (!sla.success) return errorReply(sla.error);
    return sla.data === undefined ? { status: 404, body: { error: { code: 'no_sla', message: `${plural} have no SLA policy here` } } } : { status: 200, body: sla.data };
  }
  return recordReply(await practice.safeGet(tenant, id));
}

const server = createServer((request, response) => {
  route(request)
    .catch((error: unknown): Reply => {
      if (error instanceof HttpError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
      // The log gets the whole error. The client gets only an id to quote, never a stack trace or
      // an SQL message.
      const errorId = randomUUID();
      console.error(`[${errorId}] ${request.method} ${request.url}:`, error);
      return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side', errorId } } };
    })
    .then(({ status, body, headers }) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    }, (error: unknown) => response.destroy(error instanceof Error ? error : undefined));
});

async function shutdown(): Promise<void> {
  await new Promise((done) => server.close(done));
  await store.close(); // this closes the PGlite database or the pg pool
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
}

// ── --serve: keep listening ──────────────────────────────────────────────────────────────────
if (process.argv.includes('--serve')) {
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => {
    const url = `http://localhost:${port}/tenants/acme/incidents`;
    const as = `-H 'X-Actor: user:ada'`;
    console.log(`itsm-kit over HTTP on http://localhost:${port} (${databaseUrl === undefined ? `PGlite in ${dataDir}` : 'PostgreSQL'}). Try:\n`);
    console.log(`  curl -i ${url} ${as} -H 'Content-Type: application/json' -H 'Idempotency-Key: my-first-key' \\\n    -d '{"shortDescription":"VPN drops every 30 minutes","caller":{"kind":"user","id":"employee-4711"},"impact":2,"urgency":2}'`);
    console.log(`  curl -i ${url}/<id>/events ${as} -H 'Content-Type: application/json' -H 'If-Match: "1"' -d '{"type":"start"}'`);
    console.log(`  curl '${url}?state=new,in_progress&priority=2,3' ${as}`);
    console.log(`  curl ${url}/<id>/sla ${as}`);
    console.log(`  curl ${url}/<id>/history ${as}`);
    console.log(`  curl -i ${url}/<id>/events -H 'X-Actor: user:grace' -H 'Content-Type: application/json' -d '{"type":"cancel","reason":"Duplicate"}'`);
    console.log('\nActors: user:ada (agent), user:grace (manager, who alone may cancel an incident or schedule a change). Ctrl-C stops.');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().then(() => process.exit(0)));
} else {
  await session();
}

// ── The scripted session: the service called over HTTP, the way a client calls it ───────────
async function session(): Promise<void> {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A shared database keeps earlier runs. A tenant of this run's own starts numbering at 1 again.
  const tenant = databaseUrl === undefined ? 'acme' : `acme-${Date.now().toString(36)}`;
  console.log(`itsm-kit over HTTP on ${base}, ${databaseUrl === undefined ? 'PGlite in a temporary directory' : 'PostgreSQL'}, tenant ${tenant}\n`);

  interface ErrorBody { error: { code: string; message: string; issues?: { path: string; message: string }[]; allowedEvents?: string[]; currentVersion?: number } }
  type Row = RecordSummary & { sla?: { metric: string; state: string }[] };
  interface Exchange<T> { status: number; etag: string | null; location: string | null; body: T }

  /** Calls the service, prints the exchange on one line (or a few), and returns it. */
  async function call<T>(who: string | undefined, method: string, path: string, describe: (body: T) => string, options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Exchange<T>> {
    const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const headers = { ...(who === undefined ? {} : { 'x-actor': who }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
    const response = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const exchange = { status: response.status, etag: response.headers.get('etag'), location: response.headers.get('location'), body: (await response.json()) as T };
    const shown = path.replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1…'); // UUIDs, shortened for reading
    const sent = Object.entries(options.headers ?? {}).map(([name, value]) => ` ${name === 'if-match' ? 'If-Match' : 'Idempotency-Key'}: ${value}`).join('');
    console.log(`  ${(who ?? '(nobody)').padEnd(10)} ${method.padEnd(4)} ${(shown + sent).padEnd(70)} ${exchange.status}  ${describe(exchange.body)}`);
    return exchange;
  }
  const record = (body: RecordSummary) => `${body.number} ${body.state}${body.priority === undefined ? '' : `, P${body.priority}`}, v${body.version}`;
  const failure = ({ error }: ErrorBody) => `${error.code}: ${error.issues?.map(({ path, message }) => `${path}: ${message}`).join('; ') ?? error.message}`;

  const incidents = `/tenants/${tenant}/incidents`;
  const caller = { kind: 'user', id: 'employee-4711' };
  const vpn = { shortDescription: 'VPN drops every 30 minutes', caller, impact: 2, urgency: 2, assignmentGroup: { kind: 'group', id: 'service-desk' } };

  console.log('Opening an incident. The client times out and retries with the same Idempotency-Key; another body with that key is refused:');
  const key = 'open-vpn-7f3c';
  const opened = await call<RecordSummary>('user:ada', 'POST', incidents, record, { json: vpn, headers: { 'idempotency-key': key } });
  assert.deepEqual([opened.status, opened.body.number, opened.body.state, opened.etag], [201, 'INC0000001', 'new', '"1"']);
  assert.equal(opened.location, `${incidents}/${opened.body.id}`);
  const retried = await call<RecordSummary>('user:ada', 'POST', incidents, (body) => `${record(body)}, the first result again`, { json: vpn, headers: { 'idempotency-key': key } });
  assert.deepEqual([retried.status, retried.body.id, retried.body.number], [201, opened.body.id, 'INC0000001']);
  const reused = await call<ErrorBody>('user:ada', 'POST', incidents, failure, { json: { ...vpn, impact: 1 }, headers: { 'idempotency-key': key } });
  assert.deepEqual([reused.status, reused.body.error.code], [409, 'conflict']);

  console.log('\nBad requests are refused, and nothing is written:');
  const invalid = await call<ErrorBody>('user:ada', 'POST', incidents, failure, { json: { shortDescription: '', impact: 'high', urgency: 2 } });
  assert.equal(invalid.status, 400);
  assert.deepEqual(invalid.body.error.issues?.map((issue) => issue.path).sort(), ['caller', 'impact', 'shortDescription']);
  const garbled = await call<ErrorBody>('user:ada', 'POST', incidents, failure, { raw: '{"shortDescription": "Printer jams' });
  assert.deepEqual([garbled.status, garbled.body.error.code], [400, 'malformed_json']);
  const anonymous = await call<ErrorBody>(undefined, 'GET', incidents, failure);
  assert.deepEqual([anonymous.status, anonymous.body.error.code], [401, 'unauthenticated']);
  const events = `${incidents}/${opened.body.id}/events`;

  console.log('\nWorking the incident. Each event carries the ETag it was based on as If-Match:');
  const started = await call<RecordSummary>('user:ada', 'POST', events, record, { json: { type: 'start' }, headers: { 'if-match': '"1"', 'idempotency-key': 'start-1' } });
  assert.deepEqual([started.status, started.body.state, started.etag], [200, 'in_progress', '"2"']);
  // The answer was lost on the way: the same request again gets the same answer, not a 409.
  const startAgain = await call<RecordSummary>('user:ada', 'POST', events, record, { json: { type: 'start' }, headers: { 'if-match': '"1"', 'idempotency-key': 'start-1' } });
  assert.deepEqual([startAgain.status, startAgain.body, startAgain.etag], [200, started.body, '"2"']);
  const stale = await call<ErrorBody>('user:grace', 'POST', events, failure, { json: { type: 'put_on_hold', reason: 'awaiting_caller' }, headers: { 'if-match': '"1"' } });
  assert.deepEqual([stale.status, stale.body.error.code, stale.body.error.currentVersion], [409, 'conflict', 2]);
  const forbidden = await call<ErrorBody>('user:ada', 'POST', events, failure, { json: { type: 'cancel', reason: 'Caller no longer needs it' } });
  assert.deepEqual([forbidden.status, forbidden.body.error.code], [403, 'forbidden']);
  const early = await call<ErrorBody>('user:ada', 'POST', events, failure, { json: { type: 'close' } });
  assert.deepEqual([early.status, early.body.error.code], [409, 'invalid_transition']);
  assert.ok(early.body.error.allowedEvents?.includes('resolve'));
  let etag = started.etag;
  for (const event of [
    { type: 'put_on_hold', reason: 'awaiting_caller', note: 'Asked for the client logs' },
    { type: 'resume', note: 'Logs received' },
    { type: 'resolve', resolutionCode: 'solved_remotely', resolutionNotes: 'Renewed the expired gateway certificate' },
  ]) {
    const next = await call<RecordSummary>('user:ada', 'POST', events, record, { json: event, headers: { 'if-match': etag ?? '' } });
    assert.equal(next.status, 200);
    etag = next.etag;
  }
  assert.equal(etag, '"5"');

  console.log('\nA duplicate, cancelled by the manager (only managers may cancel), and a standard change:');
  const duplicate = await call<RecordSummary>('user:ada', 'POST', incidents, record, { json: { ...vpn, shortDescription: 'VPN disconnects all the time', impact: 1 } });
  const cancelled = await call<RecordSummary>('user:grace', 'POST', `${incidents}/${duplicate.body.id}/events`, record, { json: { type: 'cancel', reason: 'Duplicate of INC0000001' } });
  assert.deepEqual([duplicate.body.number, cancelled.status, cancelled.body.state], ['INC0000002', 200, 'canceled']);
  const day = 24 * 3_600_000;
  const change = await call<RecordSummary>('user:ada', 'POST', `/tenants/${tenant}/changes`, record, {
    json: {
      type: 'standard', templateId: 'tpl-certificate-renewal', shortDescription: 'Renew the VPN gateway certificate', configurationItems: ['ci-vpn-gateway'],
      plannedStart: new Date(Date.now() + 2 * day).toISOString(), plannedEnd: new Date(Date.now() + 2 * day + 3_600_000).toISOString(),
      backoutPlan: 'Reinstall the previous certificate from the vault.', testPlan: 'Connect ten test clients.',
    },
  });
  const scheduled = await call<RecordSummary>('user:grace', 'POST', `/tenants/${tenant}/changes/${change.body.id}/events`, record, { json: { type: 'schedule' }, headers: { 'if-match': change.etag ?? '' } });
  assert.deepEqual([change.status, change.body.number, scheduled.status, scheduled.body.state], [201, 'CHG0000001', 200, 'scheduled']);

  console.log('\nReading: the list with SLA status, one SLA timeline, the audit trail:');
  // Ids are random UUIDs, so the list's id order is random too: the rows are read by number.
  const byNumber = (rows: Row[]) => [...rows].sort((a, b) => a.number.localeCompare(b.number));
  const list = await call<{ items: Row[] }>('user:ada', 'GET', incidents, ({ items }) =>
    [`${items.length} incidents`, ...byNumber(items).map((row) => `${''.padEnd(6)}${row.number}  ${row.state.padEnd(9)} P${row.priority}  ${row.sla?.map((target) => `${target.metric} ${target.state}`).join(', ')}`)].join('\n'));
  assert.equal(list.status, 200);
  // Assert states, not figures. The SLA clocks count business hours on the real clock, so elapsed
  // time and breaches depend on when this runs. A resolved incident has met its resolution target
  // and a cancelled one has its clocks cancelled, whatever the hour.
  assert.deepEqual(byNumber(list.body.items).map((row) => [row.number, row.state, row.sla?.find((target) => target.metric === 'resolution')?.state]), [
    ['INC0000001', 'resolved', 'met'],
    ['INC0000002', 'canceled', 'cancelled'],
  ]);
  const badFilter = await call<ErrorBody>('user:ada', 'GET', `${incidents}?priority=high`, failure);
  assert.deepEqual([badFilter.status, badFilter.body.error.issues?.[0]?.path], [400, 'query.priority[0]']);
  const timeline = await call<{ targets: { metric: string; cycles: { state: string; segments: unknown[] }[] }[] }>('user:ada', 'GET', `${incidents}/${opened.body.id}/sla`, ({ targets }) =>
    targets.map(({ metric, cycles }) => `${metric}: ${cycles.map((cycle) => `${cycle.state}, ${cycle.segments.length} segment${cycle.segments.length === 1 ? '' : 's'}`).join(', ')}`).join('; '));
  assert.deepEqual(timeline.body.targets.map((target) => [target.metric, target.cycles.at(-1)?.state]), [['response', 'met'], ['resolution', 'met']]);
  const history = await call<{ version: number; action: string; actor: { id: string } }[]>('user:ada', 'GET', `${incidents}/${opened.body.id}/history`, (entries) =>
    entries.map((entry) => `v${entry.version} ${entry.action.replace('incident.', '')} by ${entry.actor.id}`).join(', '));
  assert.deepEqual(history.body.map((entry) => entry.action), ['incident.opened', 'incident.started', 'incident.put_on_hold', 'incident.resumed', 'incident.resolved']);

  console.log('\nWhat is not there:');
  const elsewhere = await call<ErrorBody>('user:ada', 'GET', `/tenants/globex/incidents/${opened.body.id}`, failure);
  assert.deepEqual([elsewhere.status, elsewhere.body.error.code], [404, 'not_found']); // another tenant never sees it
  const nowhere = await call<ErrorBody>('user:ada', 'GET', `/tenants/${tenant}/tickets`, failure);
  assert.deepEqual([nowhere.status, nowhere.body.error.code], [404, 'no_route']);

  await shutdown();
  assert.ok(dataDir === undefined || !existsSync(dataDir));
  console.log(`\nServer closed, ${dataDir === undefined ? 'pool closed' : 'database closed, temporary directory removed'}.`);
}
