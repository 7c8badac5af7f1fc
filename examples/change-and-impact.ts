// A database upgrade at a web shop, from "what would break?" to a closed change: a small CMDB and
// its impact analysis (a lost database takes the shop down, a lost web node does not, thanks to
// the cluster's redundancy), a risk questionnaire fed by that analysis, a normal change through
// assessment and approvals (the requester may not approve their own change), schedule conflicts
// with a related change and a freeze, and the change implemented, reviewed and closed.
import assert from 'node:assert/strict';
import {
  analyzeImpact,
  applyChangeEvent,
  assessRisk,
  buildCmdbGraph,
  defineCiClasses,
  defineRiskModel,
  detectScheduleConflicts,
  openChange,
  safeApplyChangeEvent,
  type ActorRef,
  type ChangeEvent,
  type ChangeRequest,
  type CiImpactAnalysis,
  type CiRelationship,
  type ConfigurationItem,
  type ScheduleConflict,
} from 'itsm-kit';

const dana: ActorRef = { kind: 'user', id: 'u-dana', name: 'Dana (DBA lead)' };
const omar: ActorRef = { kind: 'user', id: 'u-omar', name: 'Omar (owner)' };
const ivan: ActorRef = { kind: 'user', id: 'u-ivan', name: 'Ivan (DBA)' };
const max: ActorRef = { kind: 'user', id: 'u-max', name: 'Max (change mgr)' };
const chloe: ActorRef = { kind: 'user', id: 'u-chloe', name: 'Chloe (CAB)' };
const tina: ActorRef = { kind: 'user', id: 'u-tina', name: 'Tina (infra)' };

// Pure functions take time and ids from the caller: a simulated clock, minutes apart, and a counter.
const TICK = 11 * 60_000;
let clock = Date.parse('2026-11-23T09:00:00.000Z');
let lastId = 0;
const at = (actor: ActorRef) => ({ now: new Date((clock += TICK)), actor, newId: () => `id-${++lastId}` });
/** The next step happens at `iso`. */
const jumpTo = (iso: string) => (clock = Date.parse(iso) - TICK);
const hhmm = (iso: string | undefined) => iso?.slice(11, 16) ?? '--:--';
/** `Sat, 28 Nov 22:00`, in UTC. */
const when = (iso: string | undefined) => (iso === undefined ? '(none)' : `${new Date(iso).toUTCString().slice(0, 11)} ${hhmm(iso)}`);

// ── The CMDB ──────────────────────────────────────────────────────────────────────────────────
//   shop ─depends_on─▶ storefront ─runs_on─▶ web (cluster, minimumUp 1) ◀─member_of─ web-1, web-2
//                          └─depends_on─▶ orders-db ─runs_on─▶ db-host
//   web-1, web-2 and db-host depend_on core-sw
const catalogue = defineCiClasses([]); // the built-in classes and relationship types suffice
const ci = (id: string, className: string, name: string, extra: Partial<ConfigurationItem> = {}): ConfigurationItem => ({
  id,
  tenantId: 'acme',
  number: `CI-${id}`,
  version: 1,
  createdAt: '2026-11-02T08:00:00.000Z',
  updatedAt: '2026-11-02T08:00:00.000Z',
  openedBy: { kind: 'user', id: 'cmdb-admin' },
  className,
  name,
  attributes: {},
  operationalStatus: 'operational',
  ...extra,
});
const rel = (sourceId: string, type: string, targetId: string): CiRelationship => ({ tenantId: 'acme', id: `${sourceId}:${type}:${targetId}`, type, sourceId, targetId });

const items = [
  ci('shop', 'business_service', 'Online shop', { attributes: { criticality: 'mission_critical' } }),
  ci('storefront', 'application', 'Storefront'),
  ci('web', 'cluster', 'Web cluster', { redundancy: { minimumUp: 1 } }),
  ci('web-1', 'server', 'Web server 1'),
  ci('web-2', 'server', 'Web server 2'),
  ci('orders-db', 'database', 'Orders database', { attributes: { engine: 'postgresql', version: '16.4' } }),
  ci('db-host', 'server', 'Database host'),
  ci('core-sw', 'network_device', 'Core switch'),
];
const relationships = [
  rel('shop', 'depends_on', 'storefront'),
  rel('storefront', 'runs_on', 'web'),
  rel('storefront', 'depends_on', 'orders-db'),
  rel('orders-db', 'runs_on', 'db-host'),
  rel('web-1', 'member_of', 'web'),
  rel('web-2', 'member_of', 'web'),
  rel('web-1', 'depends_on', 'core-sw'),
  rel('web-2', 'depends_on', 'core-sw'),
  rel('db-host', 'depends_on', 'core-sw'),
];
const graph = buildCmdbGraph(catalogue, items, relationships);

const printImpacts = (analysis: CiImpactAnalysis) => {
  for (const { ciId, className, depth, path } of analysis.impacts) {
    const why = path.map((r) => `${r.sourceId} ${r.type} ${r.targetId}`).join(' → ');
    console.log(`  ${ciId.padEnd(11)} ${className.padEnd(17)} depth ${depth}   ${why}`);
  }
  if (analysis.impacts.length === 0) console.log('  nothing impacted');
  for (const group of analysis.degraded) console.log(`  ${group.ciId.padEnd(11)} degraded: ${group.up} of ${group.members} members up, needs ${group.minimumUp}`);
};

console.log('If orders-db goes down:');
const dbDown = analyzeImpact(graph, 'orders-db');
printImpacts(dbDown);
assert.deepEqual(dbDown.impacts.map((impact) => impact.ciId), ['storefront', 'shop']);
assert.deepEqual(dbDown.impacts.at(-1)?.path.map((r) => r.id), ['shop:depends_on:storefront', 'storefront:depends_on:orders-db']);

console.log('\nIf web-1 goes down:');
const nodeDown = analyzeImpact(graph, 'web-1');
printImpacts(nodeDown);
assert.deepEqual(nodeDown.impacts, []);
assert.deepEqual(nodeDown.degraded, [{ ciId: 'web', members: 2, up: 1, minimumUp: 1 }]);

console.log('\nIf web-1 and web-2 go down:');
const bothDown = analyzeImpact(graph, ['web-1', 'web-2']);
printImpacts(bothDown);
assert.deepEqual(bothDown.impacts.map((impact) => impact.ciId), ['web', 'storefront', 'shop']);

// ── The risk, with the impact analysis answering one of the questions ──────────────────────────
const riskModel = defineRiskModel({
  kind: 'questionnaire',
  questions: [
    { id: 'outage_expected', text: 'Will the service be down during the change?', answers: [{ value: 'yes', weight: 4 }, { value: 'no', weight: 0 }] },
    { id: 'rehearsed', text: 'Was it rehearsed in staging?', answers: [{ value: 'yes', weight: 0 }, { value: 'no', weight: 3 }] },
    { id: 'backout_tested', text: 'Has the backout been tested?', answers: [{ value: 'yes', weight: 0 }, { value: 'no', weight: 2 }] },
    { id: 'services_hit', text: 'How many business services can it take down?', answers: [{ value: 'none', weight: 0 }, { value: 'one', weight: 1 }, { value: 'several', weight: 3 }] },
  ],
  thresholds: { moderate: 3, high: 7 },
});
const servicesHit = analyzeImpact(graph, 'orders-db', { classes: ['business_service'] }).impacts.length;
const assessment = assessRisk(riskModel, {
  outage_expected: 'yes',
  rehearsed: 'yes',
  backout_tested: 'yes',
  services_hit: servicesHit === 0 ? 'none' : servicesHit === 1 ? 'one' : 'several',
});
console.log(`\nRisk: ${assessment.level} (${assessment.explanation})`);
assert.equal(assessment.level, 'moderate');
assert.equal(assessment.score, 5);

// ── The change ─────────────────────────────────────────────────────────────────────────────────
const window = { plannedStart: '2026-11-28T22:00:00.000Z', plannedEnd: '2026-11-29T02:00:00.000Z' };
let { record: change } = openChange(
  {
    type: 'normal',
    shortDescription: 'Upgrade the orders database to PostgreSQL 17',
    configurationItems: ['orders-db'],
    assignee: omar,
    implementer: ivan,
    ...window,
    implementationPlan: 'Stop the storefront workers, pg_upgrade --link, analyze, restart.',
    backoutPlan: 'Restore the pre-upgrade snapshot of the data volume and start PostgreSQL 16.',
    testPlan: 'Place a test order end to end; compare row counts of orders and payments.',
  },
  { ...at(dana), tenantId: 'acme', number: 'CHG0001001' },
);
console.log(`\n${change.number} "${change.shortDescription}", ${when(change.plannedStart)} – ${when(change.plannedEnd)} UTC`);

// A member of a group decides for it when the host says the actor acts for it (actorGroups).
const step = (event: ChangeEvent, actor: ActorRef, actorGroups: readonly string[] = []): ChangeRequest => {
  const applied = applyChangeEvent(change, event, { ...at(actor), actorGroups });
  console.log(`  ${event.type.padEnd(23)} by ${(actor.name ?? actor.id).padEnd(17)} → ${applied.record.state.padEnd(10)} ${applied.events.map((e) => e.type).join(', ')}`);
  return applied.record;
};
const openApproval = () => {
  const approval = change.approvals.find((candidate) => candidate.state === 'requested');
  assert.ok(approval, `${change.number} has no open approval`);
  return approval;
};

change = step({ type: 'assess' }, omar);
change = step({ type: 'update', risk: assessment.level }, omar);
change = step({ type: 'request_authorization' }, omar);
assert.equal(change.state, 'authorize');
assert.deepEqual(change.approvalSteps.map((s) => s.name), ['change manager', 'CAB']);

// Dana also sits in change management, but she asked for this change: separation of duties.
const selfApproval = safeApplyChangeEvent(change, { type: 'decide', approvalId: openApproval().id, decision: 'approved' }, { ...at(dana), actorGroups: ['change_management'] });
assert.ok(!selfApproval.success);
assert.equal(selfApproval.error.code, 'invalid_transition');
assert.match(selfApproval.error.message, /separation of duties: user u-dana is the requester of CHG0001001/);
console.log(`  refused: ${selfApproval.error.message}`);

change = step({ type: 'decide', approvalId: openApproval().id, decision: 'approved', comment: 'Plan and backout look sound.' }, max, ['change_management']);
assert.equal(change.state, 'authorize'); // the CAB is asked only now
change = step({ type: 'decide', approvalId: openApproval().id, decision: 'approved', comment: 'Approved at the Thursday CAB.' }, chloe, ['cab']);
assert.equal(change.state, 'scheduled');
assert.ok(change.authorizedAt !== undefined);
for (const approval of change.approvals) {
  console.log(`    approval ${approval.approver.id.padEnd(17)} ${approval.state.padEnd(8)} by ${approval.decidedBy?.id ?? '-'}`);
}

// ── Schedule conflicts ─────────────────────────────────────────────────────────────────────────
// Meanwhile the infrastructure team scheduled its pre-approved monthly patching of the db host.
let { record: patching } = openChange(
  {
    type: 'standard',
    templateId: 'tpl-monthly-os-patching',
    shortDescription: 'Monthly OS patching of the database host',
    configurationItems: ['db-host'],
    plannedStart: '2026-11-29T01:00:00.000Z',
    plannedEnd: '2026-11-29T03:00:00.000Z',
    backoutPlan: 'Boot the previous kernel.',
    testPlan: 'Check that every service on the host is running.',
  },
  { ...at(tina), tenantId: 'acme', number: 'CHG0001002' },
);
patching = applyChangeEvent(patching, { type: 'schedule' }, at(tina)).record;
assert.equal(patching.state, 'scheduled');

const blackoutWindows = [{ name: 'Cyber Monday freeze', start: '2026-11-29T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', configurationItems: ['shop', 'storefront', 'orders-db'] }];
const reasonOf = (conflict: ScheduleConflict): string => {
  const when = `${hhmm(conflict.interval.start)}–${hhmm(conflict.interval.end)}`;
  switch (conflict.kind) {
    case 'blackout':
      return `${when}  "${conflict.blackoutName}" covers ${conflict.configurationItemIds.join(', ')}`;
    case 'change_overlap': {
      const link = conflict.relationship === undefined ? 'the same CI' : `${conflict.relationship.sourceId} ${conflict.relationship.type ?? 'related to'} ${conflict.relationship.targetId}`;
      return `${when}  ${conflict.otherChangeNumber} works on ${conflict.otherConfigurationItemId} (${link})`;
    }
    case 'outside_maintenance_window':
      return `${when}  ${conflict.configurationItemId} is ${conflict.outsideMs / 60_000} min outside its maintenance window`;
  }
};
const checkConflicts = (): ScheduleConflict[] => {
  // The CMDB's relationships fit as they are: overlap counts on directly related CIs too.
  const conflicts = detectScheduleConflicts(change, { scheduledChanges: [patching], relationships, blackoutWindows });
  for (const conflict of conflicts) console.log(`  ${conflict.kind.padEnd(15)} ${reasonOf(conflict)}`);
  return conflicts;
};

console.log(`\nConflicts of ${change.number}:`);
const conflicts = checkConflicts();
assert.deepEqual(
  conflicts.map((conflict) => conflict.kind),
  ['blackout', 'change_overlap'],
);
assert.deepEqual(conflicts[0]?.interval, { start: '2026-11-29T00:00:00.000Z', end: '2026-11-29T02:00:00.000Z' });
assert.ok(conflicts[1]?.kind === 'change_overlap' && conflicts[1].otherChangeNumber === 'CHG0001002' && conflicts[1].otherConfigurationItemId === 'db-host');

// A scheduled plan is frozen: Tina takes hers back to new, moves it to 02:00 and schedules it again.
// Windows are half-open, so a window starting at 02:00 no longer meets one ending at 02:00.
patching = applyChangeEvent(patching, { type: 'revert_to_new', reason: 'Move after CHG0001001' }, at(tina)).record;
patching = applyChangeEvent(patching, { type: 'update', plannedStart: '2026-11-29T02:00:00.000Z', plannedEnd: '2026-11-29T04:00:00.000Z' }, at(tina)).record;
patching = applyChangeEvent(patching, { type: 'schedule' }, at(tina)).record;
console.log(`\nAfter ${patching.number} moved to ${hhmm(patching.plannedStart)}–${hhmm(patching.plannedEnd)}:`);
assert.deepEqual(
  checkConflicts().map((conflict) => conflict.kind),
  ['blackout'],
);
console.log('');
// Conflicts are data, not refusals: the freeze exception is a decision people record.
change = step({ type: 'comment', visibility: 'work_note', body: 'Freeze exception granted by the shop owner: the upgrade is done by 02:00, before Sunday trading.' }, max);

// ── Saturday night, and the Monday after ───────────────────────────────────────────────────────
console.log('');
jumpTo(window.plannedStart);
change = step({ type: 'start_implementation' }, ivan);
jumpTo('2026-11-29T01:05:00.000Z');
change = step({ type: 'complete_implementation', outcome: 'successful', note: 'Upgraded; test order placed; row counts match.' }, ivan);
jumpTo('2026-11-30T09:00:00.000Z');
change = step({ type: 'record_review', reviewNotes: 'Done by 01:05, well inside the window; no incidents over the weekend.' }, omar);
change = step({ type: 'close' }, omar);

assert.equal(change.state, 'closed');
assert.equal(change.outcome, 'successful');
assert.equal(change.implementationStartedAt, '2026-11-28T22:00:00.000Z');
assert.equal(change.implementationEndedAt, '2026-11-29T01:05:00.000Z');
console.log(`\n${change.number} ${change.state}: ${change.outcome}, implemented ${when(change.implementationStartedAt)} – ${when(change.implementationEndedAt)} UTC, v${change.version}`);
