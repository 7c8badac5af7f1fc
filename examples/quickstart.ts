// A day and a half at a service desk with two sites, Berlin and New York, each on its own
// business calendar. Everything goes through createItsm on PGlite (PostgreSQL in-process, in a
// temporary directory): incidents across priorities — one put on hold, one raised in priority,
// one resolved and reopened, one that breaches while an hourly cron runs the breach scan — a
// problem opened from two of them and its known error, and a firmware change through CAB
// approval with a schedule conflict. It ends with the SLA board and one record's audit trail.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  createItsm,
  defineCalendar,
  defineSlaPolicy,
  detectScheduleConflicts,
  DEFAULT_INCIDENT_SLA_POLICY,
  type ActorRef,
  type IncidentEvent,
  type ServiceRecordItem,
} from 'itsm-kit';
import { createPostgresStore, migratePostgres, pgliteDriver } from 'itsm-kit/postgres';

const HOUR = 3_600_000;
const tenant = 'acme';
const desks = {
  berlin: { group: { kind: 'group', id: 'berlin-desk', name: 'Berlin desk' }, city: 'Berlin', timeZone: 'Europe/Berlin' },
  new_york: { group: { kind: 'group', id: 'new-york-desk', name: 'New York desk' }, city: 'New York', timeZone: 'America/New_York' },
} as const;
type Desk = keyof typeof desks;
const weekdays = (hours: { start: string; end: string }[]) => ({ monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours });
const calendars = {
  berlin: defineCalendar({ timeZone: 'Europe/Berlin', week: weekdays([{ start: '08:00', end: '18:00' }]) }),
  new_york: defineCalendar({ timeZone: 'America/New_York', week: weekdays([{ start: '08:00', end: '18:00' }]), holidays: [{ date: '2026-11-26', name: 'Thanksgiving' }] }),
};

// The default ITIL incident targets, once per desk: a record runs on its assignment group's calendar.
const perDesk = (desk: Desk) =>
  DEFAULT_INCIDENT_SLA_POLICY.definition.targets.map((target) => ({ ...target, id: `${desk}.${target.id}`, calendar: desk, appliesTo: { field: 'assignmentGroup.id', eq: desks[desk].group.id } }));
const incidentPolicy = defineSlaPolicy({ id: 'two-desks', name: 'Incident response and resolution, per desk', targets: [...perDesk('berlin'), ...perDesk('new_york')] });
const problemPolicy = defineSlaPolicy({
  id: 'root-cause',
  name: 'Root cause within three business days',
  targets: [{ id: 'root_cause', metric: 'root_cause', calendar: 'new_york', duration: { ms: 30 * HOUR }, start: { field: 'state', in: ['new', 'assess', 'root_cause_analysis'] }, stop: { field: 'rootCause', exists: true }, cancel: { field: 'state', eq: 'closed' } }],
});

// People, and the groups they decide for (the host's directory, behind the actorGroups hook).
const person = (id: string, name: string): ActorRef => ({ kind: 'user', id, name });
const [lena, jamal, priya, tomas, max, chloe, nora] = [person('lena', 'Lena (Berlin)'), person('jamal', 'Jamal (New York)'), person('priya', 'Priya (problems)'), person('tomas', 'Tomas (network)'), person('max', 'Max (change mgr)'), person('chloe', 'Chloe (CAB)'), person('nora', 'Nora (infra)')];
const groups: Record<string, string[]> = { max: ['change_management'], chloe: ['cab'] };
const caller: ActorRef = { kind: 'user', id: 'employee-4711' };

// A simulated clock the program moves, and ids a test can predict.
let now = Date.parse('2026-11-23T07:00:00Z'); // Monday 08:00 in Berlin, 02:00 in New York
let lastId = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-quickstart-'));
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const driver = pgliteDriver(await PGlite.create(dataDir));
await migratePostgres(driver);
const store = createPostgresStore(driver);
const itsm = createItsm({
  store,
  calendars,
  slaPolicies: { incident: incidentPolicy, problem: problemPolicy },
  actorGroups: (actor) => groups[actor.id] ?? [],
  clock: () => new Date(now),
  ids: () => `id-${String(++lastId).padStart(4, '0')}`,
});

// Local times of a desk, and durations, as people read them.
const formats = {
  short: { weekday: 'short', hour: '2-digit', minute: '2-digit' },
  dated: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
} as const;
const local = (instant: string | number | undefined, desk: Desk, format: keyof typeof formats = 'short') =>
  instant === undefined ? '–' : new Intl.DateTimeFormat('en-GB', { timeZone: desks[desk].timeZone, ...formats[format] }).format(new Date(instant));
const duration = (ms: number) => `${Math.floor(ms / HOUR)}h ${String(Math.round((ms % HOUR) / 60_000)).padStart(2, '0')}m`;
const deskOf = (record: { assignmentGroup?: ActorRef | undefined }): Desk => (record.assignmentGroup?.id === desks.berlin.group.id ? 'berlin' : 'new_york');
const log = (number: string, what: string) => console.log(`  ${local(now, 'berlin')}  ${local(now, 'new_york')}  ${number.padEnd(10)}  ${what}`);

/** Moves the clock to `iso`; on the way the host's cron runs the breach scan every full hour. */
const breaches: string[] = [];
async function until(iso: string): Promise<void> {
  const target = Date.parse(iso);
  assert.ok(target >= now, `time runs forward: ${iso}`);
  for (let hour = Math.floor(now / HOUR + 1) * HOUR; hour <= target; hour += HOUR) {
    now = hour;
    for (const event of (await itsm.processDueSla(tenant)).events) {
      const { targetId, percent, crossedAt, breachedAt } = event.data as { targetId: string; percent?: number; crossedAt?: string; breachedAt?: string };
      const desk: Desk = targetId.startsWith('berlin') ? 'berlin' : 'new_york';
      if (breachedAt !== undefined) breaches.push(event.number);
      const what = breachedAt === undefined ? `${percent} % used at ${local(crossedAt, desk).slice(4)}` : `BREACHED at ${local(breachedAt, desk).slice(4)}`;
      log(event.number, `⏰ cron: ${targetId.split('.').at(-1)} ${what} ${desks[desk].city} time`);
    }
  }
  now = target;
}

// ── Monday ───────────────────────────────────────────────────────────────────────────────────
console.log('Monday 23 and Tuesday 24 November 2026 at the two desks\n  Berlin     New York   record      what happened');
const open = async (desk: Desk, shortDescription: string, impact: number, urgency: number, by: ActorRef) => {
  const incident = await itsm.incidents.open(tenant, by, { shortDescription, caller, impact, urgency, assignmentGroup: desks[desk].group });
  log(incident.number, `opened at the ${desks[desk].city} desk, P${incident.priority}: "${shortDescription}"`);
  return incident;
};
const act = async (id: string, by: ActorRef, event: IncidentEvent, what: string, reason?: string) => {
  const incident = await itsm.incidents.apply(tenant, by, id, event, reason === undefined ? {} : { reason });
  log(incident.number, `${what} → ${incident.state}, P${incident.priority}`);
  return incident;
};

await until('2026-11-23T08:05:00+01:00');
const mail = await open('berlin', 'Outlook cannot reach the mail server', 2, 2, lena);
await until('2026-11-23T08:20:00+01:00');
await act(mail.id, lena, { type: 'start' }, 'picked up by Lena');
await until('2026-11-23T09:10:00+01:00');
const vpn = await open('berlin', 'VPN drops every 30 minutes', 2, 1, lena);
await until('2026-11-23T09:25:00+01:00');
await act(vpn.id, lena, { type: 'start' }, 'picked up by Lena');
await until('2026-11-23T09:30:00+01:00');
const raised = await act(mail.id, lena, { type: 'update', urgency: 1 }, 'urgency raised', 'The whole sales floor is affected');
assert.equal(raised.priority, 2);
await until('2026-11-23T11:00:00+01:00');
await act(vpn.id, lena, { type: 'put_on_hold', reason: 'awaiting_caller', note: 'Asked for the client logs' }, 'on hold, awaiting the caller');
await until('2026-11-23T13:40:00+01:00');
await act(mail.id, lena, { type: 'resolve', resolutionCode: 'solved_remotely', resolutionNotes: 'Renewed the expired connector certificate' }, 'resolved');

await until('2026-11-23T09:00:00-05:00');
const trading = await open('new_york', 'Trading desk cannot log in through the VPN', 1, 1, jamal);
await until('2026-11-23T09:05:00-05:00');
await act(trading.id, jamal, { type: 'start' }, 'picked up by Jamal');
await until('2026-11-23T10:30:00-05:00');
const printer = await open('new_york', 'Printer on the 12th floor jams', 3, 2, jamal);
await until('2026-11-23T10:45:00-05:00');
await act(printer.id, jamal, { type: 'start' }, 'picked up by Jamal');
await until('2026-11-23T11:30:00-05:00');
await act(printer.id, jamal, { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Replaced the pickup roller' }, 'resolved');
await until('2026-11-23T14:30:00-05:00'); // the cron sees the P1 cross 50 %, 75 %, then breach at 13:00
await act(trading.id, jamal, { type: 'resolve', resolutionCode: 'solved_workaround', resolutionNotes: 'Traders connect through the backup gateway' }, 'resolved with a workaround');

// The breach as a host's consumer reads it from the outbox, written by the 13:00 scan.
const outbox = async () => (await store.transaction((tx) => tx.outbox.pending(tenant, { limit: 500 }))).map((message) => message.event);
const breach = (await outbox()).find((event) => event.type === 'incident.sla_breached');
assert.ok(breach !== undefined);
assert.deepEqual([breach.number, breach.data.targetId, breach.data.breachedAt], [trading.number, 'new_york.resolution', '2026-11-23T18:00:00.000Z']);
console.log(`\n  ↳ in the outbox for the host: ${breach.type} ${breach.number}, target ${String(breach.data.targetId)}, breached ${local(String(breach.data.breachedAt), 'new_york')} New York time, actor ${breach.actor.kind}:${breach.actor.id}\n`);

await until('2026-11-23T15:45:00-05:00');
const problem = await itsm.problems.open(tenant, priya, { problemStatement: 'VPN sessions drop under load', impact: 1, urgency: 2, assignee: priya, relatedIncidents: [vpn.id, trading.id], workaround: 'Connect through the backup gateway' });
log(problem.number, `opened from ${vpn.number} and ${trading.number}`);
for (const incident of [vpn, trading]) await itsm.incidents.apply(tenant, priya, incident.id, { type: 'link', problem: problem.id });

// ── Tuesday ──────────────────────────────────────────────────────────────────────────────────
await until('2026-11-24T11:30:00+01:00');
await act(vpn.id, lena, { type: 'resume', note: 'Logs received' }, 'resumed, logs received');

// Another team's change, already scheduled: maintenance of the core switch the VPN hangs off.
await until('2026-11-24T12:00:00+01:00');
const window = (start: string, end: string) => ({ plannedStart: new Date(start).toISOString(), plannedEnd: new Date(end).toISOString() });
const switchWork = await itsm.changes.open(tenant, nora, {
  type: 'standard',
  templateId: 'tpl-switch-maintenance',
  shortDescription: 'Core switch: replace a fan module',
  configurationItems: ['ci-core-switch'],
  ...window('2026-11-29T01:00:00+01:00', '2026-11-29T04:00:00+01:00'),
  backoutPlan: 'Put the old fan module back.',
  testPlan: 'Check port status and temperatures.',
});
await itsm.changes.apply(tenant, nora, switchWork.id, { type: 'schedule' });
log(switchWork.number, `standard change scheduled, ${local(switchWork.plannedStart, 'berlin')}–${local(switchWork.plannedEnd, 'berlin').slice(4)}`);

await until('2026-11-24T12:15:00+01:00');
let firmware = await itsm.changes.open(tenant, tomas, {
  type: 'normal',
  risk: 'moderate',
  shortDescription: 'VPN concentrator firmware 9.1 → 9.2',
  configurationItems: ['ci-vpn'],
  assignee: tomas,
  implementer: tomas,
  ...window('2026-11-28T23:00:00+01:00', '2026-11-29T03:00:00+01:00'),
  backoutPlan: 'Boot the saved 9.1 image from the second partition.',
  testPlan: 'Fifty test sessions for an hour without a drop.',
});
await itsm.changes.apply(tenant, tomas, firmware.id, { type: 'assess' });
await itsm.changes.apply(tenant, tomas, firmware.id, { type: 'request_authorization' });
log(firmware.number, 'normal change, authorization requested');
await itsm.problems.apply(tenant, tomas, problem.id, { type: 'link', changeRequest: firmware.id });

// The approvers act on the outbox: each change.approval_requested names the approvals to decide.
const deciders: Record<string, ActorRef> = { 'change manager': max, CAB: chloe };
for (const [time, handled] of [['13:00', 0], ['14:30', 1]] as const) {
  await until(`2026-11-24T${time}:00+01:00`);
  const asked = (await outbox()).filter((event) => event.type === 'change.approval_requested' && event.recordId === firmware.id)[handled];
  const { steps, approvals } = asked?.data as { steps: string[]; approvals: string[] };
  const decider = deciders[steps[0]!]!;
  firmware = await itsm.changes.apply(tenant, decider, firmware.id, { type: 'decide', approvalId: approvals[0]!, decision: 'approved', comment: 'Backout plan is sound' });
  log(firmware.number, `${steps.join(', ')} approved by ${decider.name} → ${firmware.state}`);
}
assert.equal(firmware.state, 'scheduled');
assert.deepEqual(firmware.approvals.map((approval) => [approval.approver.id, approval.state, approval.decidedBy?.id]), [['change_management', 'approved', 'max'], ['cab', 'approved', 'chloe']]);

const conflicts = detectScheduleConflicts(firmware, { scheduledChanges: [await itsm.changes.get(tenant, switchWork.id)], relationships: [{ sourceId: 'ci-vpn', type: 'depends_on', targetId: 'ci-core-switch' }] });
for (const conflict of conflicts) {
  assert.ok(conflict.kind === 'change_overlap');
  log(firmware.number, `conflict: overlaps ${conflict.otherChangeNumber} on ${conflict.otherConfigurationItemId}, ${local(conflict.interval.start, 'berlin')}–${local(conflict.interval.end, 'berlin').slice(4)}`);
}
assert.deepEqual(conflicts.map((conflict) => conflict.interval), [{ start: '2026-11-29T00:00:00.000Z', end: '2026-11-29T02:00:00.000Z' }]);

await until('2026-11-24T08:35:00-05:00');
await itsm.problems.apply(tenant, priya, problem.id, { type: 'assess' });
await itsm.problems.apply(tenant, priya, problem.id, { type: 'start_analysis' });
log(problem.number, 'assessed, root cause analysis started');
await until('2026-11-24T08:40:00-05:00');
await act(printer.id, jamal, { type: 'reopen', reason: 'Jams again on duplex jobs' }, 'reopened');
await until('2026-11-24T09:30:00-05:00');
await itsm.problems.apply(tenant, priya, problem.id, { type: 'record_root_cause', rootCause: 'Firmware 9.1 leaks a session slot on every rekey' });
log(problem.number, 'root cause recorded');
const { knownError } = await itsm.problems.publishKnownError(tenant, priya, problem.id, { title: 'VPN sessions drop at rekey on firmware 9.1', symptom: 'Sessions end every 30 minutes under load' });
log(knownError.number, `known error ${knownError.state}, workaround: "${knownError.workaround}"`);
assert.deepEqual([knownError.number, knownError.state, knownError.workaround], ['KE0000001', 'published', 'Connect through the backup gateway']);
await until('2026-11-24T16:00:00+01:00'); // Tuesday 16:00 in Berlin, 10:00 in New York

// ── The SLA board ────────────────────────────────────────────────────────────────────────────
/** One line of the board: record, desk, P, state, clock, elapsed, paused, due, breached at. */
const rowOf = (item: ServiceRecordItem<{ number: string; priority: number; state: string }>, metric: string, desk: Desk): string[] => {
  const cycle = item.sla?.targets.find((target) => target.metric === metric && target.cycles.length > 0)?.cycles.at(-1);
  assert.ok(cycle !== undefined, `${item.record.number} has a ${metric} clock`);
  const due = cycle.state === 'running' || cycle.state === 'paused' ? local(cycle.dueAt, desk, 'dated') : '–';
  const { number, priority, state } = item.record;
  return [number, desks[desk].city, String(priority), state, `${metric} ${cycle.breached ? 'breached' : cycle.state}`, duration(cycle.elapsedMs), cycle.pausedMs === 0 ? '–' : duration(cycle.pausedMs), due, local(cycle.breachedAt, desk, 'dated')];
};
const rows = [
  ['record', 'desk', 'P', 'state', 'clock', 'elapsed', 'paused', 'due', 'breached at'],
  ...(await itsm.incidents.list(tenant)).items.map((item) => rowOf(item, 'resolution', deskOf(item.record))),
  ...(await itsm.problems.list(tenant)).items.map((item) => rowOf(item, 'root_cause', 'new_york')),
];
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
rows.splice(1, 0, widths.map((width) => '─'.repeat(width)));
console.log(`\nSLA board, ${local(now, 'berlin')} Berlin / ${local(now, 'new_york')} New York (times are the desk's own)`);
for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd());
assert.deepEqual(rows.slice(2), [
  [mail.number, 'Berlin', '2', 'resolved', 'resolution met', '5h 35m', '–', '–', '–'],
  [vpn.number, 'Berlin', '2', 'in_progress', 'resolution running', '6h 20m', '10h 30m', 'Tue 24 Nov, 17:40', '–'],
  [trading.number, 'New York', '1', 'resolved', 'resolution breached', '5h 30m', '–', '–', 'Mon 23 Nov, 13:00'],
  [printer.number, 'New York', '4', 'in_progress', 'resolution running', '2h 20m', '–', 'Fri 4 Dec, 09:40', '–'],
  [problem.number, 'New York', '2', 'root_cause_analysis', 'root_cause met', '3h 45m', '–', '–', '–'],
]);
assert.deepEqual(breaches, [trading.number]);

// ── One record's audit trail ─────────────────────────────────────────────────────────────────
console.log(`\nAudit trail of ${mail.number} (Berlin time)`);
const trail = await itsm.incidents.history(tenant, mail.id);
for (const entry of trail) {
  const changed = entry.patches.filter((patch) => !['version', 'updatedAt'].includes(String(patch.path[0])));
  const shown = entry.version === 1 ? changed.filter((patch) => ['priority', 'state'].includes(String(patch.path[0]))) : changed;
  const what = shown.map(({ path, value }) => (typeof value === 'object' ? String(path[0]) : `${path.join('.')} → ${typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? local(value, 'berlin') : typeof value === 'string' ? value : JSON.stringify(value)}`));
  console.log(`  v${entry.version}  ${local(entry.at, 'berlin')}  ${(entry.actor.name ?? entry.actor.id).padEnd(14)} ${entry.action.padEnd(18)} ${what.join(', ')}${entry.reason === undefined ? '' : `  (“${entry.reason}”)`}`);
}
assert.deepEqual(trail.map((entry) => entry.action), ['incident.opened', 'incident.started', 'incident.updated', 'incident.resolved']);

await store.close();
