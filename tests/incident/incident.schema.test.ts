import { describe, expect, it } from 'vitest';
import { Incident, IncidentState } from '../../src/incident/incident.schema';

const agent = { kind: 'user', id: 'u-17' } as const;
const opened = '2026-11-23T08:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(opened) + minutes * 60_000).toISOString();

const fresh = {
  id: 'inc-1',
  tenantId: 't-1',
  number: 'INC0001001',
  version: 1,
  createdAt: opened,
  updatedAt: opened,
  openedBy: agent,
  shortDescription: 'Payroll export fails with a timeout',
  caller: { kind: 'user', id: 'u-99', name: 'Carl Caller' },
  impact: 2,
  urgency: 1,
  priority: 2,
  state: 'new',
  openedAt: opened,
  reopenCount: 0,
  major: 'none',
  journal: [],
  attachments: [],
} as const;

const resolved = {
  ...fresh,
  state: 'resolved',
  resolutionCode: 'solved_permanently',
  resolutionNotes: 'Raised the export timeout',
  firstRespondedAt: later(10),
  resolvedAt: later(90),
} as const;

const pathsOf = (input: unknown): PropertyKey[][] => {
  const result = Incident.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [...issue.path]);
};

describe('Incident', () => {
  it.each<[string, object]>([
    ['new', fresh],
    ['in progress', { ...fresh, state: 'in_progress', assignmentGroup: { kind: 'group', id: 'service-desk' }, assignee: agent }],
    ['on hold', { ...fresh, state: 'on_hold', onHoldReason: 'awaiting_caller' }],
    ['resolved', resolved],
    ['closed', { ...resolved, state: 'closed', closedAt: later(4000) }],
    ['canceled', { ...fresh, state: 'canceled', canceledAt: later(5) }],
    ['a child of a major incident', { ...fresh, parentIncident: 'inc-0', major: 'none' }],
  ])('accepts a well-formed incident: %s', (_name, incident) => {
    expect(pathsOf(incident)).toEqual([]);
  });

  it('lists every lifecycle state', () => {
    expect(IncidentState.options).toEqual(['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']);
  });

  it.each<[string, object, PropertyKey[][]]>([
    ['on hold without a reason', { ...fresh, state: 'on_hold' }, [['onHoldReason']]],
    ['a reason while not on hold', { ...fresh, onHoldReason: 'awaiting_caller' }, [['onHoldReason']]],
    ['resolved without code, notes and instant', { ...fresh, state: 'resolved' }, [['resolutionCode'], ['resolutionNotes'], ['resolvedAt']]],
    ['closed without closedAt', { ...resolved, state: 'closed' }, [['closedAt']]],
    ['canceled without canceledAt', { ...fresh, state: 'canceled' }, [['canceledAt']]],
    ['an open incident with resolvedAt', { ...fresh, state: 'in_progress', resolvedAt: later(5) }, [['resolvedAt']]],
    ['a resolved incident with closedAt', { ...resolved, closedAt: later(100) }, [['closedAt']]],
    ['canceledAt on a resolved incident', { ...resolved, canceledAt: later(100) }, [['canceledAt']]],
    ['a response before opening', { ...fresh, firstRespondedAt: later(-1) }, [['firstRespondedAt']]],
    ['closed before resolved', { ...resolved, state: 'closed', closedAt: later(80) }, [['closedAt']]],
    ['an update before creation', { ...fresh, updatedAt: later(-5) }, [['updatedAt']]],
    ['a group as caller and a user as group', { ...fresh, caller: { kind: 'group', id: 'g' }, assignmentGroup: agent }, [['caller', 'kind'], ['assignmentGroup', 'kind']]],
    ['its own parent', { ...fresh, parentIncident: 'inc-1' }, [['parentIncident']]],
    ['an unknown state', { ...fresh, state: 'pending' }, [['state']]],
    ['an empty short description', { ...fresh, shortDescription: '' }, [['shortDescription']]],
    ['an unknown field', { ...fresh, severity: 1 }, [[]]],
  ])('names the field when %s', (_name, incident, paths) => {
    expect(pathsOf(incident)).toEqual(paths);
  });
});
