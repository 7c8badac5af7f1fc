import { describe, expect, it } from 'vitest';
import { KnownError, KnownErrorState } from '../../src/problem/known-error.schema';
import { Problem, ProblemResolution, ProblemState } from '../../src/problem/problem.schema';

const agent = { kind: 'user', id: 'u-17', name: 'Ada Agent' } as const;
const team = { kind: 'group', id: 'g-network', name: 'Network' } as const;
/** Instants an hour apart on one day, so milestone order is easy to read. */
const hour = (h: number) => `2026-11-23T${String(h).padStart(2, '0')}:00:00.000Z`;
const pathsOf = (result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[] }[] } }): PropertyKey[][] =>
  result.success ? [] : (result.error?.issues ?? []).map((issue) => [...issue.path]);

const base = { id: 'prb-1', tenantId: 't-1', number: 'PRB0001001', version: 1, createdAt: hour(8), updatedAt: hour(8), openedBy: agent };

const opened = {
  ...base,
  problemStatement: 'VPN drops every 30 minutes for remote staff',
  state: 'new',
  configurationItems: ['ci-vpn-gw-1'],
  impact: 2,
  urgency: 2,
  priority: 3,
  relatedIncidents: ['inc-1', 'inc-2'],
  knownErrors: [],
  relatedChanges: [],
  openedAt: hour(8),
  journal: [],
  attachments: [],
} as const;

const investigated = {
  ...opened,
  state: 'fix_in_progress',
  description: 'Sessions end at the rekey interval.',
  category: 'network',
  subcategory: 'vpn',
  service: 'svc-remote-access',
  assignmentGroup: team,
  assignee: agent,
  rootCause: 'The gateway rekeys with a cipher the client no longer offers.',
  rootCauseIdentifiedAt: hour(10),
  workaround: 'Reconnect; or pin the client to the legacy profile.',
  knownErrors: ['ke-1'],
  relatedChanges: ['chg-1'],
  journal: [{ id: 'j-1', kind: 'work_note', body: 'Captured a rekey failure.', author: agent, at: hour(9) }],
  attachments: [
    { id: 'a-1', fileName: 'rekey.pcap', contentType: 'application/vnd.tcpdump.pcap', sizeBytes: 4096, storageKey: 'files/a-1', uploadedBy: agent, uploadedAt: hour(9) },
  ],
} as const;

const resolved = { ...investigated, state: 'resolved', resolution: 'fix_applied', fix: 'Re-enabled the cipher on the gateway.', resolvedAt: hour(12) } as const;
const closed = { ...resolved, state: 'closed', closedAt: hour(14) } as const;

describe('Problem', () => {
  it('accepts a consistent problem in every state of its lifecycle', () => {
    const examples = [
      opened,
      { ...opened, state: 'assess' },
      { ...opened, state: 'root_cause_analysis', assignmentGroup: team },
      investigated,
      resolved,
      closed,
    ];
    expect(examples.map((problem) => problem.state)).toEqual(ProblemState.options);
    for (const problem of examples) expect(Problem.safeParse(problem).error?.issues).toBeUndefined();
    expect(Problem.parse(closed)).toEqual(closed);
  });

  it('accepts every way a problem ends', () => {
    const endings = [
      resolved,
      { ...opened, state: 'resolved', resolution: 'risk_accepted', resolvedAt: hour(9) },
      { ...opened, state: 'closed', resolution: 'duplicate', duplicateOf: 'prb-0', resolvedAt: hour(9), closedAt: hour(9) },
      { ...opened, state: 'closed', resolution: 'canceled', resolvedAt: hour(9), closedAt: hour(10) },
    ];
    expect(endings.map((problem) => problem.resolution)).toEqual(ProblemResolution.options);
    for (const problem of endings) expect(Problem.safeParse(problem).error?.issues).toBeUndefined();
  });

  it('requires an ended problem to say how and when it ended', () => {
    const { resolution: _resolution, resolvedAt: _resolvedAt, ...withoutEnding } = resolved;
    expect(pathsOf(Problem.safeParse(withoutEnding))).toEqual([['resolution'], ['resolvedAt']]);
    expect(pathsOf(Problem.safeParse({ ...withoutEnding, state: 'closed', closedAt: hour(14) }))).toEqual([['resolution'], ['resolvedAt']]);
    const { closedAt: _closedAt, ...closedWithoutClosedAt } = closed;
    expect(pathsOf(Problem.safeParse(closedWithoutClosedAt))).toEqual([['closedAt']]);
  });

  it('refuses an ending on a problem that has not ended', () => {
    for (const state of ['new', 'assess', 'root_cause_analysis', 'fix_in_progress'] as const) {
      expect(pathsOf(Problem.safeParse({ ...closed, state }))).toEqual([['resolution'], ['resolvedAt'], ['closedAt']]);
    }
    expect(pathsOf(Problem.safeParse({ ...resolved, closedAt: hour(14) }))).toEqual([['closedAt']]);
  });

  it('requires the fix when the fix was applied', () => {
    const { fix: _fix, ...withoutFix } = resolved;
    expect(pathsOf(Problem.safeParse(withoutFix))).toEqual([['fix']]);
  });

  it('names the original of a duplicate, and only of a duplicate', () => {
    const duplicate = { ...opened, state: 'resolved', resolution: 'duplicate', resolvedAt: hour(9) } as const;
    expect(pathsOf(Problem.safeParse(duplicate))).toEqual([['duplicateOf']]);
    expect(pathsOf(Problem.safeParse({ ...duplicate, duplicateOf: base.id }))).toEqual([['duplicateOf']]);
    expect(pathsOf(Problem.safeParse({ ...duplicate, resolution: 'risk_accepted', duplicateOf: 'prb-0' }))).toEqual([['duplicateOf']]);
    expect(pathsOf(Problem.safeParse({ ...opened, duplicateOf: 'prb-0' }))).toEqual([['duplicateOf']]);
  });

  it('keeps the milestones in order: opened, root cause identified, resolved, closed', () => {
    expect(pathsOf(Problem.safeParse({ ...investigated, rootCauseIdentifiedAt: hour(7) }))).toEqual([['rootCauseIdentifiedAt']]);
    expect(pathsOf(Problem.safeParse({ ...resolved, resolvedAt: hour(9) }))).toEqual([['resolvedAt']]);
    expect(pathsOf(Problem.safeParse({ ...closed, closedAt: hour(11) }))).toEqual([['closedAt']]);
    // Without a root cause milestone, resolution is still compared with opening.
    const { rootCauseIdentifiedAt: _rootCauseIdentifiedAt, ...noRootCause } = resolved;
    expect(pathsOf(Problem.safeParse({ ...noRootCause, resolvedAt: hour(7) }))).toEqual([['resolvedAt']]);
    // Equal instants are in order.
    expect(Problem.safeParse({ ...closed, rootCauseIdentifiedAt: hour(8), resolvedAt: hour(8), closedAt: hour(8) }).success).toBe(true);
  });

  it('assigns to a group and a user, not the other way round', () => {
    expect(pathsOf(Problem.safeParse({ ...investigated, assignmentGroup: agent, assignee: team }))).toEqual([
      ['assignmentGroup', 'kind'],
      ['assignee', 'kind'],
    ]);
    expect(pathsOf(Problem.safeParse({ ...investigated, assignee: { kind: 'system', id: 'sys' } }))).toEqual([['assignee', 'kind']]);
    // Reported together with the record's other inconsistencies, not instead of them.
    const { closedAt: _closedAt, ...closedWithoutClosedAt } = closed;
    expect(pathsOf(Problem.safeParse({ ...closedWithoutClosedAt, assignee: team }))).toEqual([['assignee', 'kind'], ['closedAt']]);
  });

  it('checks each field: statement length, levels, references', () => {
    expect(
      pathsOf(Problem.safeParse({ ...opened, problemStatement: '', priority: -1, urgency: 1.5, impact: 100, relatedIncidents: ['inc-1', ''], fix: '' })),
    ).toEqual([['problemStatement'], ['impact'], ['urgency'], ['priority'], ['fix'], ['relatedIncidents', 1]]);
    expect(Problem.safeParse({ ...opened, impact: 0, urgency: 0, priority: 0 }).success).toBe(true);
    expect(pathsOf(Problem.safeParse({ ...opened, problemStatement: 'x'.repeat(161) }))).toEqual([['problemStatement']]);
  });

  it('rejects unknown keys, on the problem and inside its parts', () => {
    const result = Problem.safeParse({ ...opened, severity: 1 });
    expect(result.error?.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['severity'], path: [] }]);
    expect(pathsOf(Problem.safeParse({ ...investigated, assignee: { ...agent, email: 'ada@example.com' } }))).toEqual([['assignee']]);
  });
});

const draft = {
  ...base,
  id: 'ke-1',
  number: 'KE0001001',
  problem: 'prb-1',
  title: 'VPN drops at rekey',
  symptom: 'Remote sessions end every 30 minutes with "peer not responding".',
  workaround: 'Reconnect; or pin the client to the legacy profile.',
  affectedConfigurationItems: ['ci-vpn-gw-1'],
  state: 'draft',
} as const;
const published = { ...draft, state: 'published', rootCause: 'The gateway rekeys with a retired cipher.', publishedAt: hour(10) } as const;
const retired = { ...published, state: 'retired', retiredAt: hour(16) } as const;

describe('KnownError', () => {
  it('accepts a consistent known error in every state', () => {
    const examples = [draft, published, retired];
    expect(examples.map((knownError) => knownError.state)).toEqual(KnownErrorState.options);
    for (const knownError of examples) expect(KnownError.safeParse(knownError).error?.issues).toBeUndefined();
    expect(KnownError.parse(retired)).toEqual(retired);
  });

  it('may retire a draft that was never published', () => {
    expect(KnownError.safeParse({ ...draft, state: 'retired', retiredAt: hour(9) }).success).toBe(true);
  });

  it('says when it was published and retired, consistently with its state', () => {
    const { publishedAt: _publishedAt, ...unpublished } = published;
    expect(pathsOf(KnownError.safeParse(unpublished))).toEqual([['publishedAt']]);
    expect(pathsOf(KnownError.safeParse({ ...draft, publishedAt: hour(10) }))).toEqual([['publishedAt']]);
    const { retiredAt: _retiredAt, ...notRetired } = retired;
    expect(pathsOf(KnownError.safeParse(notRetired))).toEqual([['retiredAt']]);
    expect(pathsOf(KnownError.safeParse({ ...published, retiredAt: hour(16) }))).toEqual([['retiredAt']]);
    expect(pathsOf(KnownError.safeParse({ ...draft, retiredAt: hour(16) }))).toEqual([['retiredAt']]);
  });

  it('is not retired before it was published', () => {
    expect(pathsOf(KnownError.safeParse({ ...retired, retiredAt: hour(9) }))).toEqual([['retiredAt']]);
    expect(KnownError.safeParse({ ...retired, retiredAt: hour(10) }).success).toBe(true);
  });

  it('requires a symptom and a workaround: without a workaround there is nothing to publish', () => {
    const { workaround: _workaround, ...withoutWorkaround } = published;
    expect(pathsOf(KnownError.safeParse(withoutWorkaround))).toEqual([['workaround']]);
    expect(pathsOf(KnownError.safeParse({ ...published, symptom: '', title: '' }))).toEqual([['title'], ['symptom']]);
  });

  it('rejects unknown keys', () => {
    expect(KnownError.safeParse({ ...draft, severity: 1 }).error?.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['severity'], path: [] }]);
  });
});
