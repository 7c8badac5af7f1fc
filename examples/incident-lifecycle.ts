// An incident's day at a service desk, through its lifecycle: opened, put on hold for the
// caller, resumed by the caller's reply, resolved, refused a premature close of the wrong kind,
// reopened; then a vendor's own state added as data, and the lifecycle drawn as a diagram.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  allowedEvents,
  applyIncidentEvent,
  defineIncidentLifecycle,
  lifecycleDiagram,
  openIncident,
  safeApplyIncidentEvent,
  type ActorRef,
  type Incident,
} from 'itsm-kit';

const agent: ActorRef = { kind: 'user', id: 'agent-7', name: 'Ada Agent' };
const caller: ActorRef = { kind: 'user', id: 'u-1001', name: 'Carl Caller' };
let clock = Date.parse('2026-11-23T08:00:00.000Z');
// Pure functions take time and ids from the caller: here a simulated clock, minutes apart.
const at = (actor: ActorRef = agent) => ({ now: new Date((clock += 7 * 60_000)), actor, newId: randomUUID });

const lifecycle = defineIncidentLifecycle({ reopen: { allowed: true, withinMs: 5 * 86_400_000 }, requiredFields: { resolve: ['category'] } });

let { record: incident } = openIncident(
  { shortDescription: 'Payroll export fails with a timeout', caller, impact: 2, urgency: 1 },
  { ...at(), tenantId: 'acme', number: 'INC0001001', lifecycle },
);
console.log(`${incident.number} opened: priority ${incident.priority}, state ${incident.state}`);

const step = (event: Parameters<typeof applyIncidentEvent>[1], actor?: ActorRef): Incident => {
  const change = applyIncidentEvent(incident, event, { ...at(actor), lifecycle });
  console.log(`  ${event.type.padEnd(12)} → ${change.record.state.padEnd(11)} v${change.record.version}  ${change.events.map((e) => e.type).join(', ')}`);
  return change.record;
};

incident = step({ type: 'assign', assignmentGroup: { kind: 'group', id: 'payroll-support' }, assignee: agent });
incident = step({ type: 'start' });
incident = step({ type: 'put_on_hold', reason: 'awaiting_caller', note: 'Asked for the export log' });
incident = step({ type: 'comment', visibility: 'comment', body: 'Log attached, thanks!' }, caller); // the caller's reply resumes it
assert.equal(incident.state, 'in_progress');

// Resolving needs a category here (requiredFields); the refusal says so and changes nothing.
const refused = safeApplyIncidentEvent(incident, { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Raised the export timeout' }, { ...at(), lifecycle });
assert.ok(!refused.success && refused.error.code === 'invalid_transition');
console.log(`  refused: ${refused.error.message}`);

incident = step({ type: 'update', category: 'software' });
incident = step({ type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Raised the export timeout' });
console.log(`  a resolved incident accepts: ${allowedEvents(lifecycle, incident).join(', ')}`);

const change = applyIncidentEvent(incident, { type: 'reopen', reason: 'Failed again overnight' }, { ...at(caller), lifecycle });
console.log(`  reopen patches: ${change.patches.map((patch) => `${patch.op} ${patch.path.join('.')}`).join(', ')}`);
assert.equal(change.record.reopenCount, 1);

// A vendor's own state, as data: it behaves as in_progress, so it can still be resolved.
const vendorLifecycle = defineIncidentLifecycle({
  extend: {
    states: { awaiting_vendor_fix: { behavesAs: 'in_progress', description: 'the vendor is preparing a fix' } },
    transitions: [{ event: 'hand_to_vendor', from: ['in_progress'], to: 'awaiting_vendor_fix', when: { field: 'assignee', exists: true }, reason: 'assign it first' }],
  },
});
// Events of an extension are not in the IncidentEvent type; the safe form takes any event.
const handed = safeApplyIncidentEvent(change.record, { type: 'hand_to_vendor', note: 'Vendor ticket 4711' }, { ...at(), lifecycle: vendorLifecycle });
assert.ok(handed.success);
console.log(`\nWith the vendor's extension: ${handed.data.record.state}; the last journal entry is "${handed.data.record.journal.at(-1)?.body}"`);
console.log(`\n${lifecycleDiagram(vendorLifecycle)}`);
