import { attachCompiled } from '../core/compiled-brand';
import { conditionSet, safeDefineCondition, type CompiledCondition } from '../core/condition';
import type { ConditionSetPredicate } from '../core/condition-code';
import type { Condition } from '../core/condition.schema';
import { deepFreeze } from '../core/deep-freeze';
import type { DeepReadonly } from '../core/deep-readonly';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { policyChecks, sharpenedIssues, type CONDITION_SLOTS } from './sla-policy-checks';
import { SlaPolicyDefinition, type SlaDuration, type SlaTargetDefinition } from './sla-policy.schema';

/** A validated SLA policy, ready for `evaluateSla`. `JSON.stringify` gives its definition. */
export interface SlaPolicy {
  /** The definition, deeply frozen. */
  readonly definition: DeepReadonly<SlaPolicyDefinition>;
}

/** A target compiled: its conditions as predicates, its defaults filled in. @internal */
export interface CompiledTarget {
  readonly index: number;
  readonly definition: DeepReadonly<SlaTargetDefinition>;
  readonly appliesTo: CompiledCondition | undefined;
  readonly start: CompiledCondition;
  readonly pause: CompiledCondition | undefined;
  readonly stop: CompiledCondition;
  readonly cancel: CompiledCondition | undefined;
  readonly reset: CompiledCondition | undefined;
  readonly thresholds: readonly number[];
  readonly onReopen: 'resume' | 'new_cycle';
  readonly onDurationChange: 'retarget' | 'restart';
  /** Where its conditions' bits are: in `readings[reading]` of the policy, from bit `shift` on (see {@link CompiledPolicy}). */
  readonly reading: number;
  readonly shift: number;
  /** {@link APPLIES} when the target has no `appliesTo` (it applies to every record), else 0. */
  readonly constantBits: number;
  /** The path of `retroactiveStart`, split. */
  readonly retroactiveStart: readonly string[] | undefined;
  /** The duration for a record version, or undefined when its priority has none. */
  readonly durationFor: (record: Readonly<Record<string, unknown>>) => number | undefined;
}

/** @internal */
export interface CompiledPolicy {
  readonly definition: DeepReadonly<SlaPolicyDefinition>;
  readonly targets: readonly CompiledTarget[];
  /**
   * The conditions of up to {@link TARGETS_PER_READING} targets at once: a target's six bits
   * ({@link RESET}, {@link CANCEL}, {@link STOP}, {@link APPLIES}, {@link START}, {@link PAUSE})
   * from its `shift` on. One call per version reads each field once for all of them, where a
   * call per target read the fields they share (the state, mostly) once per target.
   */
  readonly readings: readonly ConditionSetPredicate[];
}

const COMPILED = Symbol.for('itsm-kit.sla-policy.compiled');

/** A target's six bits in a reading (see {@link CompiledPolicy}), in the order its conditions are evaluated. @internal */
export const RESET = 1;
/** @internal */
export const CANCEL = 2;
/** @internal */
export const STOP = 4;
/** @internal */
export const APPLIES = 8;
/** @internal */
export const START = 16;
/** @internal */
export const PAUSE = 32;
/** The bits of one target in a reading. @internal */
export const TARGET_BITS = 63;
const BITS_PER_TARGET = 6;
/** Targets whose conditions one reading holds: a condition set holds at most 31 conditions. @internal */
export const TARGETS_PER_READING = 5;
const DEFAULT_THRESHOLDS = [50, 75, 100] as const;

/**
 * Validates an SLA policy and compiles its conditions.
 *
 * @param definition - the policy as data
 * @returns the policy, for `evaluateSla`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const policy = defineSlaPolicy({
 *   id: 'incidents',
 *   name: 'Incident SLAs',
 *   targets: [{
 *     id: 'resolution', metric: 'resolution', calendar: 'desk',
 *     duration: { byPriority: { '1': 4 * 3_600_000, '2': 8 * 3_600_000 }, default: 40 * 3_600_000 },
 *     start: { field: 'state', in: ['new', 'in_progress', 'on_hold'] },
 *     pause: { field: 'state', eq: 'on_hold' },
 *     stop: { field: 'state', in: ['resolved', 'closed'] },
 *     cancel: { field: 'state', eq: 'canceled' },
 *   }],
 * });
 * ```
 */
export function defineSlaPolicy(definition: SlaPolicyDefinition | DeepReadonly<SlaPolicyDefinition>): SlaPolicy {
  const result = safeDefineSlaPolicy(definition);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineSlaPolicy}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for policies read from storage.
 *
 * @param definition - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefineSlaPolicy(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineSlaPolicy(definition: unknown): SafeResult<SlaPolicy, ValidationError> {
  const parsed = parseWith(SlaPolicyDefinition, definition, 'SLA policy');
  // Sharpening reads the input again: one that throws now keeps the schema's issues as they are.
  const issues: ValidationIssue[] = parsed.success ? [] : (readOrNothing(() => sharpenedIssues(definition, parsed.error.issues), parsed.error.issues));
  // The checks across fields run on the input even when the schema failed, so every problem
  // shows at once; a hostile input that cannot be read has its issue from the schema already.
  issues.push(...readOrNothing(() => policyChecks(parsed.success ? parsed.data : definition)));
  if (!parsed.success || issues.length > 0) return { success: false, error: new ValidationError(unique(issues), 'SLA policy') };
  const frozen = deepFreeze(parsed.data);
  const targets: CompiledTarget[] = [];
  frozen.targets.forEach((target, index) => {
    const at = ['targets', index] as const;
    const compile = (name: (typeof CONDITION_SLOTS)[number], condition: DeepReadonly<Condition> | undefined): CompiledCondition | undefined => {
      if (condition === undefined) return undefined;
      const result = safeDefineCondition(condition);
      if (result.success) return result.data;
      for (const found of result.error.issues) issues.push({ ...found, path: [...at, name, ...found.path] });
      return undefined;
    };
    const thresholds = target.thresholds ?? DEFAULT_THRESHOLDS;
    const start = compile('start', target.start);
    const stop = compile('stop', target.stop);
    const appliesTo = compile('appliesTo', target.appliesTo);
    const pause = compile('pause', target.pause);
    const cancel = compile('cancel', target.cancel);
    const reset = compile('reset', target.reset);
    const compiled = {
      index,
      definition: target,
      appliesTo,
      pause,
      cancel,
      reset,
      thresholds,
      onReopen: target.onReopen ?? 'new_cycle',
      onDurationChange: target.onDurationChange ?? 'retarget',
      durationFor: durationOf(target.duration),
      retroactiveStart: target.retroactiveStart === undefined ? undefined : Object.freeze(target.retroactiveStart.split('.')),
    };
    if (start !== undefined && stop !== undefined) {
      // Placed by its position in the list the readings are made from below.
      const slot = targets.length % TARGETS_PER_READING;
      const reading = (targets.length - slot) / TARGETS_PER_READING;
      targets.push({ ...compiled, start, stop, reading, shift: slot * BITS_PER_TARGET, constantBits: appliesTo === undefined ? APPLIES : 0 });
    }
  });
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'SLA policy') };
  const readings: ConditionSetPredicate[] = [];
  for (let first = 0; first < targets.length; first += TARGETS_PER_READING) {
    // In bit order, target by target: RESET, CANCEL, STOP, APPLIES, START, PAUSE.
    const group = targets.slice(first, first + TARGETS_PER_READING);
    readings.push(conditionSet(group.flatMap((target) => [target.reset, target.cancel, target.stop, target.appliesTo, target.start, target.pause])));
  }
  const policy: SlaPolicy = { definition: frozen };
  Object.defineProperty(policy, 'toJSON', { value: () => frozen });
  attachCompiled(policy, COMPILED, { definition: frozen, targets, readings } satisfies CompiledPolicy);
  return { success: true, data: Object.freeze(policy) };
}

/** What `read` finds, or `otherwise` (nothing) when reading the input throws. */
function readOrNothing(read: () => ValidationIssue[], otherwise: readonly ValidationIssue[] = []): ValidationIssue[] {
  try {
    return read();
  } catch {
    return [...otherwise];
  }
}

/** Issues without repeats: the schema and the checks across fields may both see a problem. */
function unique(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((found) => {
    const key = JSON.stringify([found.path, found.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function durationOf(duration: DeepReadonly<SlaDuration>): CompiledTarget['durationFor'] {
  if ('ms' in duration) {
    const ms = duration.ms;
    return () => ms;
  }
  const fallback = duration.default;
  // Priorities are small whole numbers (1–5 on the default matrix): an array indexed by them is
  // read at every version; any other key goes to a Map.
  const small: (number | undefined)[] = [];
  const other = new Map<number, number>();
  for (const [priority, ms] of Object.entries(duration.byPriority)) {
    const key = Number(priority);
    if (Number.isInteger(key) && key >= 0 && key < 64) small[key] = ms;
    else other.set(key, ms);
  }
  for (let key = 0; key < small.length; key++) small[key] ??= fallback;
  return (record) => {
    // An own property only, as conditions read fields: an inherited `priority` (a polluted
    // `Object.prototype`) must not choose the target.
    const priority = Object.prototype.hasOwnProperty.call(record, 'priority') ? record.priority : undefined;
    if (typeof priority !== 'number') return fallback;
    if (priority >= 0 && priority < small.length && Number.isInteger(priority)) return small[priority];
    return other.get(priority) ?? fallback;
  };
}

/**
 * The compiled form attached to a policy, or undefined. Its own copy of `readCompiled`: every
 * call of the engine reads it, and a property load V8 sees only policies at stays monomorphic,
 * where the shared one, which sees calendars, conditions and matrices too, is megamorphic.
 */
function readCompiledPolicy(policy: unknown): CompiledPolicy | undefined {
  if (typeof policy !== 'object' || policy === null) return undefined;
  try {
    return (policy as Record<symbol, CompiledPolicy | undefined>)[COMPILED];
  } catch {
    return undefined;
  }
}

/** The compiled form of a policy, or a validation error naming `field`. @internal */
export function compiledSlaPolicy(policy: unknown, field = 'policy'): CompiledPolicy {
  const compiled = readCompiledPolicy(policy);
  if (compiled === undefined) throw new ValidationError([issue([field], 'must be an SLA policy made by defineSlaPolicy()')], 'argument');
  return compiled;
}
