import { describe, expect, it } from 'vitest';
import {
  ActorRef,
  Approval,
  AttachmentRef,
  DEFAULT_RECORD_NUMBER_FORMATS,
  formatRecordNumber,
  Instant,
  JournalEntry,
  parseRecordNumber,
  RecordBase,
} from '../../src/core/index';
import { thrown } from '../support';

const agent = { kind: 'user', id: 'u-17', name: 'Ada Agent' } as const;
const at = '2026-11-23T08:00:00.000Z';
const pathsOf = (result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[] }[] } }): PropertyKey[][] =>
  result.success ? [] : (result.error?.issues ?? []).map((issue) => [...issue.path]);

describe('Instant', () => {
  it('takes only UTC with milliseconds, so instants sort as strings', () => {
    expect(Instant.safeParse(at).success).toBe(true);
    for (const bad of ['2026-11-23T08:00:00Z', '2026-11-23T09:00:00.000+01:00', '2026-02-30T08:00:00.000Z', '2026-11-23', 1_700_000_000_000]) {
      expect(Instant.safeParse(bad).success).toBe(false);
    }
  });
});

describe('ActorRef', () => {
  it('is a user, a group or the system, by id', () => {
    expect(ActorRef.safeParse({ kind: 'group', id: 'service-desk' }).success).toBe(true);
    expect(pathsOf(ActorRef.safeParse({ kind: 'robot', id: '' }))).toEqual([['kind'], ['id']]);
  });
});

describe('RecordBase', () => {
  const base = { id: 'r-1', tenantId: 't-1', number: 'INC0001001', version: 1, createdAt: at, updatedAt: at, openedBy: agent };

  it('accepts a well-formed base and names every bad field', () => {
    expect(RecordBase.parse(base)).toEqual(base);
    expect(pathsOf(RecordBase.safeParse({ ...base, tenantId: '', version: 0, updatedAt: 'now', extra: 1 }))).toEqual([
      ['tenantId'],
      ['version'],
      ['updatedAt'],
      [], // zod reports an unknown key on the object itself
    ]);
  });
});

describe('JournalEntry', () => {
  it('is a work note or a customer-visible comment, never empty', () => {
    expect(JournalEntry.safeParse({ id: 'j-1', kind: 'work_note', body: 'Restarted the pool', author: agent, at }).success).toBe(true);
    expect(pathsOf(JournalEntry.safeParse({ id: 'j-1', kind: 'note', body: '', author: agent, at }))).toEqual([['kind'], ['body']]);
  });
});

describe('AttachmentRef', () => {
  it('holds metadata only, with a media type and an optional hash', () => {
    const file = { id: 'a-1', fileName: 'trace.har', contentType: 'application/json', sizeBytes: 2048, storageKey: 's3://bucket/a-1', uploadedBy: agent, uploadedAt: at };
    expect(AttachmentRef.safeParse(file).success).toBe(true);
    expect(pathsOf(AttachmentRef.safeParse({ ...file, contentType: 'json', sizeBytes: -1, sha256: 'ABC' }))).toEqual([['contentType'], ['sizeBytes'], ['sha256']]);
  });
});

describe('Approval', () => {
  const requested = { id: 'ap-1', approver: { kind: 'group', id: 'cab' }, state: 'requested', requestedAt: at } as const;

  it('says when it was decided once decided, and not before', () => {
    expect(Approval.safeParse(requested).success).toBe(true);
    expect(Approval.safeParse({ ...requested, state: 'approved', decidedAt: '2026-11-23T09:00:00.000Z', decidedBy: agent }).success).toBe(true);
    expect(pathsOf(Approval.safeParse({ ...requested, state: 'rejected' }))).toEqual([['decidedAt']]);
    expect(pathsOf(Approval.safeParse({ ...requested, decidedAt: at }))).toEqual([['decidedAt']]);
    expect(pathsOf(Approval.safeParse({ ...requested, state: 'approved', decidedAt: '2026-11-22T09:00:00.000Z' }))).toEqual([['decidedAt']]);
  });
});

describe('record numbers', () => {
  const incident = DEFAULT_RECORD_NUMBER_FORMATS.incident;

  it('pads the sequence after the prefix, and never cuts a longer one', () => {
    expect(formatRecordNumber(incident, 1001)).toBe('INC0001001');
    expect(formatRecordNumber({ prefix: 'RITM', digits: 4 }, 123_456)).toBe('RITM123456');
  });

  it('parses only its own prefix and canonical spelling', () => {
    expect(parseRecordNumber(incident, 'INC0001001')).toBe(1001);
    expect(parseRecordNumber(incident, 'CHG0001001')).toBeUndefined();
    expect(parseRecordNumber(incident, 'INC001001')).toBeUndefined();
    expect(parseRecordNumber(incident, 'INC00001001')).toBeUndefined();
    expect(parseRecordNumber(incident, 'INC0000000')).toBeUndefined();
    expect(parseRecordNumber(incident, 'INC00010a1')).toBeUndefined();
  });

  it('refuses a bad sequence or format with a validation error naming it', () => {
    expect(thrown(() => formatRecordNumber(incident, 0))).toMatchObject({ code: 'validation', issues: [{ path: ['sequence'] }] });
    expect(thrown(() => formatRecordNumber(incident, 1.5))).toMatchObject({ code: 'validation', issues: [{ path: ['sequence'] }] });
    expect(thrown(() => formatRecordNumber({ prefix: 'inc', digits: 7 }, 1))).toMatchObject({ code: 'validation', issues: [{ path: ['prefix'] }] });
    expect(thrown(() => parseRecordNumber({ prefix: 'INC', digits: 40 }, 'INC1'))).toMatchObject({ code: 'validation', issues: [{ path: ['digits'] }] });
  });
});
