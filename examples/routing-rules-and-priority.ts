// Rules as data: a service desk computes a ticket's priority from its impact and urgency with
// the ITIL matrix, then decides with stored conditions which tickets page the on-call engineer.
import assert from 'node:assert/strict';
import {
  DEFAULT_PRIORITY_MATRIX,
  definePriorityMatrix,
  evaluateCondition,
  formatPath,
  priorityFor,
  priorityLabel,
  safeDefineCondition,
} from 'itsm-kit';

// The default ITIL matrix: impact 1–3 × urgency 1–3 → priority 1–5.
const tickets = [
  { number: 'INC0001001', impact: 1, urgency: 1, service: 'payments', state: 'new' },
  { number: 'INC0001002', impact: 2, urgency: 1, service: 'payments', state: 'on_hold' },
  { number: 'INC0001003', impact: 3, urgency: 2, service: 'intranet', state: 'new' },
].map((ticket) => ({ ...ticket, priority: priorityFor(DEFAULT_PRIORITY_MATRIX, ticket.impact, ticket.urgency) }));

// A rule as an administrator would store it: page for P1 and P2 on payments, unless on hold.
const storedRule: unknown = JSON.parse(`{
  "all": [
    { "field": "priority", "lte": 2 },
    { "field": "service", "eq": "payments" },
    { "not": { "field": "state", "eq": "on_hold" } }
  ]
}`);
const fields = ['number', 'impact', 'urgency', 'priority', 'service', 'state'];
const rule = safeDefineCondition(storedRule, { fields });
assert.ok(rule.success);

for (const ticket of tickets) {
  const pages = evaluateCondition(rule.data, ticket);
  console.log(`${ticket.number}  P${ticket.priority} ${priorityLabel(DEFAULT_PRIORITY_MATRIX, ticket.priority).padEnd(9)} ${ticket.service.padEnd(9)} ${ticket.state.padEnd(8)} ${pages ? '→ page on-call' : ''}`);
}
assert.deepEqual(tickets.map((ticket) => evaluateCondition(rule.data, ticket)), [true, false, false]);

// A typo in a stored rule is caught when it is saved, with the path to the mistake.
const typo = safeDefineCondition({ any: [{ field: 'priority', eq: 1 }, { field: 'servce', eq: 'payments' }] }, { fields });
assert.ok(!typo.success);
console.log(`Rejected rule: ${typo.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ')}`);
assert.deepEqual(typo.error.issues[0]?.path, ['any', 1, 'field']);

// A vendor's own 4 × 4 matrix is data too.
const levels = (labels: string[]) => labels.map((label, index) => ({ value: index + 1, label }));
const fourByFour = definePriorityMatrix({
  impacts: levels(['Enterprise', 'Department', 'Team', 'User']),
  urgencies: levels(['Now', 'Today', 'This week', 'Whenever']),
  priorities: levels(['P1', 'P2', 'P3', 'P4']),
  cells: [1, 2, 3, 4].flatMap((impact) => [1, 2, 3, 4].map((urgency) => ({ impact, urgency, priority: Math.min(4, Math.ceil((impact + urgency) / 2)) }))),
});
assert.equal(priorityFor(fourByFour, 1, 4), 3);
console.log(`Custom matrix: a whole-enterprise outage that can wait is ${priorityLabel(fourByFour, priorityFor(fourByFour, 1, 4))}`);
