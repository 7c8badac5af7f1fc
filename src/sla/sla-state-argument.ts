import { HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { readArgument } from '../core/unreadable-argument';
import { issue, ValidationError, type IssuePath } from '../core/validation-error';
import { OwnSlaState } from './own-sla-state';
import type { CompiledPolicy } from './sla-policy';
import type { SlaClock, SlaCycleEnd, SlaState } from './sla-state';

// A state comes back from the host's storage, so a damaged one must be named, not met later as
// a TypeError deep in the fold. The checks are written out rather than a schema because they
// sit on the write path: a state grows with every turn of a clock, and each step reads all of it.

type Checked = Record<string, unknown>;

/** Throws the validation error naming `state` and the path; `value` is echoed when given and short. */
const refuse = (path: IssuePath, message: string, ...value: [unknown?]): never => {
  throw new ValidationError([value.length > 0 ? issue(['state', ...path], message, value[0]) : issue(['state', ...path], message)], 'argument');
};

function objectAt(value: unknown, path: IssuePath, what: string): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(path, `must be ${what}, an object`);
  return value as Checked;
}

function arrayAt(value: unknown, path: IssuePath): readonly unknown[] {
  if (!Array.isArray(value)) return refuse(path, 'must be an array');
  return value;
}

function instantAt(value: unknown, path: IssuePath): void {
  if (!isInstant(value)) refuse(path, 'must be an instant in milliseconds since the epoch, from 1900 to 2200', value);
}

function millisecondsAt(value: unknown, path: IssuePath, least: number): void {
  if (!Number.isInteger(value) || (value as number) < least) refuse(path, `must be a whole number of milliseconds, at least ${least}`, value);
}

function oneOf(value: unknown, path: IssuePath, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) refuse(path, `must be one of ${allowed.join(', ')}`, value);
}

function checkCycle(value: unknown, path: IssuePath): void {
  const cycle = objectAt(value, path, 'a cycle');
  for (const field of ['startedAt', 'cursor', 'durationSince'] as const) instantAt(cycle[field], [...path, field]);
  oneOf(cycle['clock'], [...path, 'clock'], ['running', 'paused'] satisfies SlaClock[]);
  if (cycle['end'] !== null) {
    const end = objectAt(cycle['end'], [...path, 'end'], 'null or { at, reason }');
    instantAt(end['at'], [...path, 'end', 'at']);
    oneOf(end['reason'], [...path, 'end', 'reason'], ['met', 'cancelled', 'reset', 'restart'] satisfies SlaCycleEnd[]);
  }
  millisecondsAt(cycle['durationMs'], [...path, 'durationMs'], 1);
  millisecondsAt(cycle['elapsedMs'], [...path, 'elapsedMs'], 0);
  millisecondsAt(cycle['pausedMs'], [...path, 'pausedMs'], 0);
  const segments = arrayAt(cycle['segments'], [...path, 'segments']);
  // The common case allocates nothing; the path is built only to name a damaged segment.
  for (let index = 0; index < segments.length; index++) if (!isSegment(segments[index])) checkSegment(segments[index], [...path, 'segments', index]);
}

const CLOCKS: readonly string[] = ['running', 'paused', 'stopped'] satisfies SlaClock[];
// Read once: the check runs for every segment of every step.
const EARLIEST = HORIZON_START_MS;
const LATEST = HORIZON_END_MS;
const isInstant = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= EARLIEST && value <= LATEST;

function isSegment(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { from, to, clock, businessMs } = value as Checked;
  return isInstant(from) && isInstant(to) && (clock === 'running' || clock === 'paused' || clock === 'stopped') && Number.isInteger(businessMs) && (businessMs as number) >= 0;
}

function checkSegment(value: unknown, path: IssuePath): void {
  const segment = objectAt(value, path, 'a segment');
  instantAt(segment['from'], [...path, 'from']);
  instantAt(segment['to'], [...path, 'to']);
  oneOf(segment['clock'], [...path, 'clock'], CLOCKS);
  millisecondsAt(segment['businessMs'], [...path, 'businessMs'], 0);
}

/**
 * A state argument, checked: its shape, and that it was kept for this policy (same id, same
 * targets in the same order). @internal
 */
export function slaStateArgument(policy: CompiledPolicy, value: unknown): SlaState {
  if (isTrusted(value, policy)) return value;
  // Any other state is the caller's object: one that throws when read is bad input too.
  return readArgument(['state'], () => checkedState(policy, value));
}

function checkedState(policy: CompiledPolicy, value: unknown): SlaState {
  const ids = policy.targets.map((target) => target.definition.id);
  const expected = `a state of policy ${policy.definition.id} from advanceSla()`;
  const state = objectAt(value, [], expected);
  if (state['lastAt'] !== null) instantAt(state['lastAt'], ['lastAt']);
  if (state['previous'] !== null) objectAt(state['previous'], ['previous'], 'null or the last version');
  const targets = arrayAt(state['targets'], ['targets']);
  // Index loops throughout, not map or forEach: a hole in a list is a missing entry, to be
  // named, where those would skip it and leave it to the step to meet as undefined.
  const kept: unknown[] = [];
  for (let index = 0; index < targets.length; index++) kept.push(objectAt(targets[index], ['targets', index], 'a target state')['targetId']);
  if (state['policyId'] !== policy.definition.id || kept.length !== ids.length || kept.some((id, index) => id !== ids[index])) {
    refuse([], `must be ${expected} (targets ${ids.join(', ')}); this one is of policy ${String(state['policyId'])} (targets ${kept.map(String).join(', ')})`);
  }
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index] as Checked;
    const path = ['targets', index];
    if (typeof target['resetHeld'] !== 'boolean') refuse([...path, 'resetHeld'], 'must be true or false');
    const cycles = arrayAt(target['cycles'], [...path, 'cycles']);
    for (let cycle = 0; cycle < cycles.length; cycle++) checkCycle(cycles[cycle], [...path, 'cycles', cycle]);
  }
  return value as SlaState;
}

function isTrusted(value: unknown, policy: CompiledPolicy): value is SlaState {
  if (!OwnSlaState.is(value)) return false;
  if (OwnSlaState.madeUnder(value, policy)) return true;
  // Made under another policy, one defined again from the same definition, say: still one of
  // this policy's when it has the same id and the same targets, in order.
  const targets = policy.targets;
  if (value.policyId !== policy.definition.id || value.targets.length !== targets.length) return false;
  for (let index = 0; index < targets.length; index++) if (value.targets[index]!.targetId !== targets[index]!.definition.id) return false;
  return true;
}
