import type { z } from 'zod';
import type { Approval } from '../core/approval.schema';
import type { ActorRef } from '../core/record-fields.schema';
import type { RequestState } from './request-state.schema';

/** Reports one broken invariant at its field. @internal */
export type Fail = (path: string | readonly (string | number)[], message: string) => void;

/** A {@link Fail} that adds a custom issue to a zod refinement. @internal */
export function failOn(context: z.RefinementCtx): Fail {
  return (path, message) => context.addIssue({ code: 'custom', path: typeof path === 'string' ? [path] : [...path], message });
}

/** Each milestone present must not be before the latest one present before it. @internal */
export function checkInOrder(record: Readonly<Record<string, unknown>>, fields: readonly string[], fail: Fail): void {
  let latest: { field: string; at: string } | undefined;
  for (const field of fields) {
    const at = record[field];
    if (typeof at !== 'string') continue;
    // Instants are one fixed UTC format, so strings compare as times.
    if (latest !== undefined && at < latest.at) fail(field, `must not be before ${latest.field}`);
    else latest = { field, at };
  }
}

/** A field that must be present in some states and absent in others. @internal */
export function checkPresence(record: Readonly<Record<string, unknown>>, field: string, noun: string, state: string, rule: { required: readonly string[]; absent: readonly string[] }, fail: Fail): void {
  const present = record[field] !== undefined;
  if (!present && rule.required.includes(state)) fail(field, `is required while the ${noun} is ${state}`);
  if (present && rule.absent.includes(state)) fail(field, `must be absent while the ${noun} is ${state}`);
}

/**
 * The rules a request's or item's approvals follow at every version: unique ids, at least one
 * open while waiting for approval and none otherwise, and a rejected one exactly when the
 * record was rejected (any rejection rejects it).
 * @internal
 */
export function checkApprovals(record: { readonly state: RequestState; readonly approvals: readonly Approval[] }, noun: string, fail: Fail): void {
  const { state, approvals } = record;
  const ids = new Set<string>();
  approvals.forEach((approval, index) => {
    if (ids.has(approval.id)) fail(['approvals', index, 'id'], 'duplicates an earlier approval');
    ids.add(approval.id);
    if (approval.approver.kind === 'system') fail(['approvals', index, 'approver', 'kind'], 'must be user or group: the system does not approve');
    if (approval.state === 'requested' && state !== 'waiting_for_approval') fail(['approvals', index, 'state'], `must not be requested once the ${noun} is ${state}`);
    if (approval.state === 'rejected' && state !== 'rejected') fail(['approvals', index, 'state'], `is rejected, so the ${noun} must be rejected`);
  });
  if (state === 'waiting_for_approval' && !approvals.some((approval) => approval.state === 'requested')) {
    fail('approvals', `must hold a requested approval while the ${noun} is waiting for approval`);
  }
  if (state === 'rejected' && !approvals.some((approval) => approval.state === 'rejected')) fail('approvals', `must hold the rejection of a rejected ${noun}`);
}

/** A list of ids with no repeats. @internal */
export function checkUnique(ids: readonly string[], field: string, fail: Fail): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) fail([field, index], 'duplicates an earlier id');
    seen.add(id);
  });
}

/** An optional assignment: a group and a person. @internal */
export function checkAssignment(record: { readonly assignmentGroup?: ActorRef | undefined; readonly assignee?: ActorRef | undefined }, fail: Fail): void {
  if (record.assignee !== undefined && record.assignee.kind !== 'user') fail(['assignee', 'kind'], 'must be user');
  if (record.assignmentGroup !== undefined && record.assignmentGroup.kind !== 'group') fail(['assignmentGroup', 'kind'], 'must be group');
}
